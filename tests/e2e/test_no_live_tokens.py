"""A private link opens a person's data and erases it: it reaches only that person (the thank-you
page once, the mail itself) and is stored nowhere readable. After sign-ups (forms and API, with and
without email) and a confirmed match, no table, API answer, workspace page, export, log line or Redis
key holds a live token; with a mail server the live link still reaches the mailbox."""
import logging
import os
import re
import zlib
from email import message_from_string, policy

import pytest
import redis
from aiosmtpd.controller import Controller
from click.testing import CliRunner
from itsdangerous import base64_decode
from sqlalchemy import create_engine, inspect, select, text

from cli.main import cli
from matching.adapters import orm
from matching.bootstrap import bootstrap
from tests.e2e.test_public_forms import SEEKER, VOLUNTEER, WORK_SEEKER, post
from tests.factories import request_body
from tests.servers import Inbox, free_port

pytestmark = pytest.mark.e2e
LINK = re.compile(r'href="/mijn/([^"/]+)"')


class Collect(list):
    """A publisher that keeps event ids, so the test runs each handler itself, in order."""

    def __call__(self, events):
        ids = [event if isinstance(event, str) else event["id"] for event in events]
        self.extend(ids)
        return ids


def drain(bus, events: Collect) -> None:
    while events:
        bus.handle_event(events.pop(0))


@pytest.fixture(params=["stored", "mailed"])
def world(request, settings, session_factory, org):
    """The app and its bus, without a mail server (messages stored) or with a real SMTP server."""
    from web import create_app

    inbox, server, current = Inbox(), None, settings
    if request.param == "mailed":
        port = free_port()
        server = Controller(inbox, hostname="127.0.0.1", port=port)
        server.start()
        current = settings.with_(mail_url=f"smtp://127.0.0.1:{port}")
    events = Collect()
    bus = bootstrap(current, publish=events, session_factory=session_factory)
    app = create_app(current, bus=bus)
    app.config["TESTING"] = True
    yield {"mode": request.param, "bus": bus, "events": events, "app": app, "inbox": inbox}
    bus.close()
    if server:
        server.stop()


def _thanked_token(client, url, data) -> str:
    assert post(client, url, data).status_code == 303
    return LINK.search(client.get(url.rsplit("/", 1)[0] + "/bedankt").get_data(as_text=True)).group(1)


def _sign_ups(client, world) -> dict[str, str]:
    """Five people, five private links: forms (with and without email) and the public API."""
    tokens = {
        "seeker, email, form": _thanked_token(client, "/noord/maatje", SEEKER),
        "seeker, phone only, form": _thanked_token(
            client, "/noord/werkervaringsplaats", WORK_SEEKER | {"first_name": "Cato", "email": "", "phone": "0611111111"}),
        "volunteer, form": _thanked_token(client, "/noord/vrijwilliger", VOLUNTEER),
    }
    for name, body in (("seeker, email, api", request_body(first_name="Dirk", email="dirk@example.org")),
                       ("seeker, phone only, api", request_body(first_name="Eva", email=None, phone="0622222222"))):
        if body["email"] is None:
            del body["email"]
        response = client.post("/api/v1/organizations/noord/requests", json=body)
        assert response.status_code == 201, response.get_json()
        tokens[name] = response.get_json()["manage_token"]
    drain(world["bus"], world["events"])
    return tokens


def _confirmed_match(coordinator, world) -> None:
    volunteer = coordinator.get("/api/v1/volunteers").get_json()["items"][0]["id"]
    assert coordinator.post(f"/api/v1/volunteers/{volunteer}/activate", json={"vog_checked": True}).status_code == 200
    anna = next(r["id"] for r in coordinator.get("/api/v1/requests").get_json()["items"] if r["first_name"] == "Anna")
    drain(world["bus"], world["events"])
    match = coordinator.post("/api/v1/matches", json={"request_id": anna, "offer": {"type": "volunteer", "id": volunteer}})
    assert match.status_code == 201, match.get_json()
    assert coordinator.post(f"/api/v1/matches/{match.get_json()['id']}/confirm", json={}).status_code == 200
    drain(world["bus"], world["events"])


def _database(settings) -> str:
    """Every row of every table the database holds (reflected, not only the ones the models know)."""
    engine = create_engine(settings.database_url)
    out = []
    with engine.connect() as conn:
        for table in inspect(conn).get_table_names():
            for row in conn.execute(text(f'SELECT * FROM "{table}"')):
                out.append(f"{table}: " + " | ".join(str(value) for value in row))
    engine.dispose()
    return "\n".join(out)


def _redis() -> str:
    client = redis.Redis.from_url(os.environ["REDIS_URL"])
    read = {b"string": client.get, b"hash": client.hgetall, b"list": lambda k: client.lrange(k, 0, -1),
            b"set": client.smembers, b"zset": lambda k: client.zrange(k, 0, -1)}
    out = [f"{key!r}: {read[client.type(key)](key)!r}" for key in client.scan_iter() if client.type(key) in read]
    client.close()
    return "\n".join(out)


def _api(coordinator) -> str:
    answers = [coordinator.get(url).get_data(as_text=True) for url in (
        "/api/v1/messages", "/api/v1/requests", "/api/v1/volunteers", "/api/v1/matches", "/api/v1/placements",
        "/api/v1/stats")]
    for item in coordinator.get("/api/v1/requests").get_json()["items"]:
        answers.append(coordinator.get(f"/api/v1/requests/{item['id']}").get_data(as_text=True))
    return "\n".join(answers)


def _pages(coordinator) -> str:
    pages = [coordinator.get(url).get_data(as_text=True) for url in (
        "/werkplek/", "/werkplek/berichten", "/werkplek/koppelingen", "/werkplek/vrijwilligers",
        "/werkplek/plaatsen", "/werkplek/cijfers.csv")]
    for item in coordinator.get("/api/v1/requests").get_json()["items"]:
        pages.append(coordinator.get(f"/werkplek/aanvragen/{item['id']}").get_data(as_text=True))
    return "\n".join(pages)


def _own_exports(client, tokens) -> str:
    """Each person's own download: it is fetched with the link, and need not repeat it."""
    out = [client.get(f"/mijn/{token}/gegevens.json").get_data(as_text=True) for token in tokens.values()]
    out += [client.get("/api/v1/requests/self/export", headers={"Authorization": f"Bearer {token}"}).get_data(as_text=True)
            for name, token in tokens.items() if not name.startswith("volunteer")]
    return "\n".join(out)


def _leaks(places: dict[str, str], tokens: dict[str, str]) -> dict[str, list[str]]:
    found = {place: [who for who, token in tokens.items() if token in content or f"/mijn/{token}" in content]
             for place, content in places.items()}
    return {place: who for place, who in found.items() if who}


def test_no_table_answer_page_export_log_or_redis_key_holds_a_live_private_link(
        world, org, settings, session_factory, tmp_path, caplog):
    caplog.set_level(logging.DEBUG)
    client = world["app"].test_client()
    tokens = _sign_ups(client, world)
    coordinator = world["app"].test_client()
    assert coordinator.post("/api/v1/session", json={"email": org["email"], "password": org["password"]}).status_code == 200
    _confirmed_match(coordinator, world)
    target = tmp_path / "noord.json"
    assert CliRunner().invoke(cli, ["export", "--org", "noord", "--output", str(target)]).exit_code == 0

    places = {"database": _database(settings), "API": _api(coordinator), "workspace pages": _pages(coordinator),
              "koppel export --org": target.read_text(), "own exports": _own_exports(client, tokens)}
    places["logs"] = "\n".join(f"{r.name} {r.getMessage()} {r.exc_text or ''}" for r in caplog.records
                               if not r.name.startswith("mail.log"))  # not the test's own SMTP server, which logs each mail
    places["redis"] = _redis()
    assert _leaks(places, tokens) == {}

    with session_factory() as session:
        stored = session.execute(select(orm.messages.c.to_address, orm.messages.c.body, orm.messages.c.status,
                                        orm.messages.c.link_seal)).all()
    welcomes = [row for row in stored if "/mijn/" in row.body]
    # the two without email get theirs stored for the coordinator's call list (no SMS configured here)
    assert sorted(str(row.to_address) for row in welcomes) == sorted(
        ["anna@example.org", "bram@example.org", "dirk@example.org", "None", "None"])
    assert all("/mijn/••••••••" in row.body and row.link_seal is None for row in welcomes)
    assert {row.status for row in stored if row.to_address} == {"sent" if world["mode"] == "mailed" else "stored"}
    assert {row.status for row in stored if not row.to_address} == {"stored"}
    shown = [m["body"] for m in coordinator.get("/api/v1/messages").get_json()["items"] if "/mijn/" in m["body"]]
    assert len(shown) == 5 and all("/mijn/••••••••" in body for body in shown)
    assert "/mijn/••••••••" in coordinator.get("/werkplek/berichten").get_data(as_text=True)
    if world["mode"] == "mailed":  # the live link still reaches each mailbox, and works
        mailed: dict[str, str] = {}
        for recipients, content in world["inbox"].messages:
            mailed[recipients[0]] = mailed.get(recipients[0], "") + message_from_string(
                content, policy=policy.default).get_content()
        for address, who in (("anna@example.org", "seeker, email, form"), ("bram@example.org", "volunteer, form"),
                             ("dirk@example.org", "seeker, email, api")):
            assert f"/mijn/{tokens[who]}" in mailed[address]
            assert client.get(f"/mijn/{tokens[who]}").status_code == 200


def _cookie_payload(value: str) -> str:
    """What anyone holding the cookie reads, without the key: Flask signs the session, it does not hide it."""
    compressed = value.startswith(".")
    payload = base64_decode(value.lstrip(".").split(".")[0])
    return (zlib.decompress(payload) if compressed else payload).decode()


@pytest.mark.parametrize("url, data, name", [("/noord/maatje", SEEKER | {"first_name": "Annelies"}, "Annelies"),
                                             ("/noord/vrijwilliger", VOLUNTEER | {"first_name": "Bramwell"}, "Bramwell")])
def test_the_cookie_between_a_form_and_its_thank_you_page_holds_no_link_and_no_name(client, app, org, url, data, name):
    assert post(client, url, data).status_code == 303
    cookie = client.get_cookie("koppel").value
    readable = _cookie_payload(cookie)
    signed = app.session_interface.get_signing_serializer(app).loads(cookie)
    assert name not in readable and "/mijn/" not in readable and isinstance(signed.get("thanks"), str)
    assert name not in _redis()  # kept on the server, sealed

    page = client.get("/noord/bedankt").get_data(as_text=True)
    token = LINK.search(page).group(1)
    assert f"Bedankt, {name}!" in page and token not in readable and token not in _redis()
    assert LINK.search(client.get("/noord/bedankt").get_data(as_text=True)) is None  # read once
    client.set_cookie("koppel", cookie)  # a copied cookie, replayed
    replayed = client.get("/noord/bedankt").get_data(as_text=True)
    assert LINK.search(replayed) is None and name not in replayed
