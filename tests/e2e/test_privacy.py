"""PRIVACY.md, line by line: consent records, the access log in the person's export, the retention
period that leaves no trace, and the organisation's export."""
from __future__ import annotations

import json
import logging
import os
import re
from datetime import timedelta

import pytest
import redis
from click.testing import CliRunner
from sqlalchemy import select

from cli.main import cli
from matching.adapters import orm
from matching.domain import commands as c
from matching.domain.base import utcnow
from tests.conftest import eventually
from tests.e2e.test_private_link import sign_up
from tests.e2e.test_public_forms import SEEKER, VOLUNTEER, post
from tests.factories import request_body, volunteer_body

pytestmark = pytest.mark.e2e

SEEKER_X = request_body(first_name="Xanthippe", email="xanthippe@voorbeeld.nl", phone="0611122233",
                        postcode="9711", about="Ik verzamel Zwitserse koekblikken", interests=["wandelen"],
                        availability=["tue_afternoon"])
VOLUNTEER_Z = volunteer_body(first_name="Zebulon", last_name="Quaxley", email="zebulon@voorbeeld.nl",
                             phone="0644455566", postcode="9712", interests=["wandelen"],
                             availability=["tue_afternoon"], motivation="Wandelen met de Quaxley-hond")
TRACES = ["Xanthippe", "xanthippe@voorbeeld", "611122233", "koekblikken", "Zebulon", "Quaxley",
          "zebulon@voorbeeld", "644455566"]


def _consents(session_factory) -> list[dict]:
    with session_factory() as session:
        return [dict(row._mapping) for row in session.execute(select(orm.consents).order_by(orm.consents.c.given_at))]


def test_giving_consent_is_recorded_with_purpose_text_version_time_and_channel(client, org, session_factory,
                                                                              tmp_path):
    before = utcnow()
    post(client, "/noord/maatje", SEEKER)
    client.post("/api/v1/organizations/noord/volunteers", json=volunteer_body())
    sheet = tmp_path / "vrijwilligers.csv"
    sheet.write_text("Voornaam;Achternaam;E-mail;Postcode;Interesses;Beschikbaarheid\n"
                     "Cees;Jansen;cees@example.org;3512;wandelen;di middag\n")
    imported = CliRunner().invoke(cli, ["import", "volunteers", str(sheet), "--org", "noord"])
    assert imported.exit_code == 0, imported.output
    form, api, sheet_row = _consents(session_factory)
    assert (form["subject_type"], form["purpose"], form["text_version"], form["given_via"]) == (
        "request", "matching", "2026-11", "form")
    assert (api["subject_type"], api["given_via"]) == ("volunteer", "api")
    assert (sheet_row["subject_type"], sheet_row["purpose"], sheet_row["given_via"]) == ("volunteer", "matching", "import")
    assert sheet_row["text_version"] == "import"  # gathered by the organisation itself, before Koppel
    assert before - timedelta(seconds=1) <= form["given_at"] <= utcnow() and form["withdrawn_at"] is None


def test_withdrawing_is_as_easy_as_giving_and_the_record_outlives_the_data(client, org, session_factory):
    link = sign_up(client, "/noord/maatje", SEEKER)  # giving: one box ticked, one button
    page = client.get(link).get_data(as_text=True)
    assert 'name="confirm"' in page and "verwijderen" in page  # withdrawing: one box ticked, one button
    erased = post(client, f"{link}/verwijderen", {"confirm": "ja"}, link)
    assert erased.status_code == 200 and "Je gegevens zijn verwijderd" in erased.get_data(as_text=True)
    (record,) = _consents(session_factory)
    assert record["withdrawn_at"] is not None and record["withdrawn_via"] == "link"
    (person,) = _rows(session_factory, orm.requests)  # erased at once, not at the next retention run
    assert person["erased_at"] is not None and not any(person[n] for n in ("first_name", "email", "phone"))
    assert not {"Anna", "anna@example.org", "3511"} & {str(value) for value in record.values()}


def test_the_export_names_every_view_of_the_persons_data_who_when_and_for_whom(client, coordinator, org, worker):
    created = client.post("/api/v1/organizations/noord/requests", json=request_body()).get_json()
    auth = {"Authorization": f"Bearer {created['manage_token']}"}
    coordinator.get("/werkplek/")
    coordinator.get(f"/werkplek/aanvragen/{created['id']}")
    coordinator.get(f"/api/v1/requests/{created['id']}")
    coordinator.get("/api/v1/requests")
    everything = client.get("/api/v1/requests/self/export", headers=auth).get_json()
    seen = [(entry["who"], entry["on_behalf_of"], entry["action"]) for entry in everything["access_log"]]
    assert seen == [(org["email"], "Vriendendienst Noord", "request.list"),
                    (org["email"], "Vriendendienst Noord", "request.view"),
                    (org["email"], "Vriendendienst Noord", "request.view"),
                    (org["email"], "Vriendendienst Noord", "request.list")]
    assert all(entry["at"] and entry["description"] and entry["role"] == "coordinator"
               for entry in everything["access_log"])
    assert everything["consents"][0]["text"].startswith("Wat we bewaren")
    downloaded = json.loads(client.get(f"/mijn/{created['manage_token']}/gegevens.json").get_data(as_text=True))
    assert [entry["action"] for entry in downloaded["access_log"]] == [a for _, _, a in seen]


def test_a_volunteer_sees_in_the_export_who_looked_at_the_volunteer_list(client, coordinator, org):
    link = sign_up(client, "/noord/vrijwilliger", VOLUNTEER)
    coordinator.get("/werkplek/vrijwilligers")
    downloaded = json.loads(client.get(f"{link}/gegevens.json").get_data(as_text=True))
    assert [(e["who"], e["action"]) for e in downloaded["access_log"]] == [(org["email"], "volunteer.list")]
    assert downloaded["consents"][0]["given_via"] == "form" and downloaded["role"] == "volunteer"


def _everything_stored(session_factory) -> str:
    """Every row of every table, every Redis key and value, as one text to search."""
    parts = []
    with session_factory() as session:
        for table in orm.metadata.sorted_tables:
            parts += [repr(tuple(row)) for row in session.execute(select(table))]
    store = redis.Redis.from_url(os.environ["REDIS_URL"])
    for key in store.scan_iter("*"):
        kind = store.type(key).decode()
        value = {"string": store.get, "hash": store.hgetall, "list": lambda k: store.lrange(k, 0, -1),
                 "set": store.smembers, "zset": lambda k: store.zrange(k, 0, -1)}.get(kind, lambda k: b"")(key)
        parts.append(f"{key!r} {value!r}")
    store.close()
    return "\n".join(parts)


def _a_year_of_matching(client, coordinator, worker) -> tuple[str, str]:
    """Sign up, suggest, propose, confirm (introductions with contact details), end, stop."""
    request = client.post("/api/v1/organizations/noord/requests", json=SEEKER_X).get_json()["id"]
    volunteer = client.post("/api/v1/organizations/noord/volunteers", json=VOLUNTEER_Z).get_json()["id"]
    coordinator.post(f"/api/v1/volunteers/{volunteer}/activate", json={"vog_checked": True})
    eventually(lambda: coordinator.get(f"/api/v1/requests/{request}/candidates").get_json()["items"])
    coordinator.get(f"/werkplek/aanvragen/{request}")
    match = coordinator.post("/api/v1/matches", json={"request_id": request,
                                                      "offer": {"type": "volunteer", "id": volunteer}}).get_json()
    assert coordinator.post(f"/api/v1/matches/{match['id']}/confirm", json={}).status_code == 200
    eventually(lambda: len(coordinator.get("/api/v1/messages").get_json()["items"]) >= 4)
    assert coordinator.post(f"/api/v1/matches/{match['id']}/end", json={"reason": "goal_reached"}).status_code == 200
    assert coordinator.post(f"/api/v1/volunteers/{volunteer}/stop", json={}).status_code == 200
    return request, volunteer


def _settled(session_factory):
    """Every event handled: nothing left in the outbox for the workers."""
    def done():
        with session_factory() as session:
            return session.scalar(select(orm.outbox.c.id).where(orm.outbox.c.published_at.is_(None))) is None
    eventually(done, timeout=20)


def test_after_the_retention_period_no_trace_is_left_in_the_database_outbox_redis_or_logs(
        client, coordinator, org, worker, session_factory, caplog):
    caplog.set_level(logging.DEBUG)
    _a_year_of_matching(client, coordinator, worker)
    _settled(session_factory)
    stored = _everything_stored(session_factory)
    assert all(trace in stored for trace in TRACES), "the scenario stored the data the test looks for"
    too_soon = CliRunner().invoke(cli, ["retention", "run", "--now", (utcnow() + timedelta(days=330)).isoformat()])
    assert too_soon.exit_code == 0 and "0 person(s)" in too_soon.output
    later = CliRunner().invoke(cli, ["retention", "run", "--now", (utcnow() + timedelta(days=400)).isoformat()])
    assert later.exit_code == 0 and "2 person(s) erased" in later.output
    _settled(session_factory)
    stored = _everything_stored(session_factory)
    assert [trace for trace in TRACES if trace in stored] == []
    logged = "\n".join(f"{r.name} {r.getMessage()} {r.exc_text or ''}" for r in caplog.records)
    assert [trace for trace in TRACES if trace in logged] == []
    consents = _consents(session_factory)
    assert [r["withdrawn_via"] for r in consents] == ["retention", "retention"]


def test_retention_keeps_whoever_still_waits_volunteers_or_is_matched(client, coordinator, org, worker, bus):
    waiting = client.post("/api/v1/organizations/noord/requests", json=request_body(first_name="Wachtend")).get_json()
    active = client.post("/api/v1/organizations/noord/volunteers", json=volunteer_body()).get_json()
    coordinator.post(f"/api/v1/volunteers/{active['id']}/activate", json={"vog_checked": True})
    paired = client.post("/api/v1/organizations/noord/requests", json=request_body(email="b@example.org")).get_json()
    eventually(lambda: coordinator.get(f"/api/v1/requests/{paired['id']}/candidates").get_json()["items"])
    match = coordinator.post("/api/v1/matches", json={"request_id": paired["id"],
                                                      "offer": {"type": "volunteer", "id": active["id"]}}).get_json()
    coordinator.post(f"/api/v1/matches/{match['id']}/confirm", json={})
    assert bus.handle(c.ApplyRetention((utcnow() + timedelta(days=3650)).isoformat())) == 0
    assert coordinator.get(f"/api/v1/requests/{waiting['id']}").get_json()["first_name"] == "Wachtend"


def test_the_retention_period_is_configurable(client, coordinator, org, worker, settings, session_factory):
    from matching.adapters.broker import EventPublisher
    from matching.bootstrap import bootstrap
    from workers import runtime

    _a_year_of_matching(client, coordinator, worker)
    short = bootstrap(settings.with_(retention_months=3), publish=EventPublisher(runtime.broker()),
                      session_factory=session_factory)
    assert short.handle(c.ApplyRetention((utcnow() + timedelta(days=60)).isoformat())) == 0
    assert short.handle(c.ApplyRetention((utcnow() + timedelta(days=100)).isoformat())) == 2
    short.close()


def test_koppel_export_org_writes_everything_of_one_organisation_and_no_secrets(
        client, coordinator, org, worker, bus, tmp_path):
    _a_year_of_matching(client, coordinator, worker)
    bus.handle(c.CreateOrganization("zuid", "Vriendendienst Zuid"))
    client.post("/api/v1/organizations/zuid/requests", json=request_body(first_name="Zuidelijk"))
    target = tmp_path / "noord.json"
    result = CliRunner().invoke(cli, ["export", "--org", "noord", "--output", str(target)])
    assert result.exit_code == 0 and oct(target.stat().st_mode & 0o777) == "0o600"
    data = json.loads(target.read_text())
    assert data["organization"]["slug"] == "noord" and [u["email"] for u in data["users"]] == [org["email"]]
    assert {r["first_name"] for r in data["requests"]} == {"Xanthippe"}
    assert {v["last_name"] for v in data["volunteers"]} == {"Quaxley"}
    assert len(data["matches"]) == 1 and data["messages"] and data["consents"] and data["audit_log"]
    text = target.read_text()
    assert "Zuidelijk" not in text and "argon2" not in text
    assert not re.search(r'"(password_hash|totp_secret|manage_token_hash)"', text)
    unknown = CliRunner().invoke(cli, ["export", "--org", "nergens"])
    assert unknown.exit_code == 1


def test_a_spreadsheet_never_imported_loses_its_rows_after_a_week(bus, org, session_factory):
    content = "Voornaam;E-mail;Postcode\nXanthippe;xanthippe@voorbeeld.nl;9711\n".encode()
    kept = bus.handle(c.UploadImport(org["id"], "volunteers", "lijst.csv", content))
    assert bus.handle(c.ApplyRetention((utcnow() + timedelta(days=6)).isoformat())) == 0
    with session_factory() as session:
        assert "Xanthippe" in repr(session.execute(select(orm.import_rows.c.rows)).scalar_one())
    bus.handle(c.ApplyRetention((utcnow() + timedelta(days=8)).isoformat()))
    with session_factory() as session:
        job = session.execute(select(orm.import_jobs).where(orm.import_jobs.c.id == kept)).mappings().one()
        assert session.execute(select(orm.import_rows)).all() == []
    assert job["status"] == "expired" and "Xanthippe" not in repr(dict(job))


def test_the_private_link_page_shows_who_viewed_the_data(client, coordinator, org):
    link = sign_up(client, "/noord/maatje", SEEKER)
    assert "Nog niemand heeft naar je aanmelding gekeken." in client.get(link).get_data(as_text=True)
    coordinator.get("/werkplek/")
    page = client.get(link).get_data(as_text=True)
    assert "Wie heeft je gegevens bekeken?" in page
    assert "Vandaag:</strong> een coördinator zag je voornaam en postcode op de wachtlijst (1 keer)." in page
    english = client.get(f"{link}?lang=en").get_data(as_text=True)
    assert "Today:</strong> a coordinator saw your first name and postcode on the waiting list (once)." in english


def _rows(session_factory, table, **where) -> list[dict]:
    with session_factory() as session:
        query = select(table).where(*(table.c[name] == value for name, value in where.items()))
        return [dict(row._mapping) for row in session.execute(query)]


def _actions(client, link: str) -> list[str]:
    return [entry["action"] for entry in json.loads(client.get(f"{link}/gegevens.json").get_data(as_text=True))[
        "access_log"]]


def test_views_of_messages_suggestions_and_matches_and_every_change_are_in_the_access_log(
        client, coordinator, org, worker, session_factory):
    seeker = client.post("/api/v1/organizations/noord/requests", json=request_body()).get_json()
    seeker_link, helper_link = f"/mijn/{seeker['manage_token']}", sign_up(client, "/noord/vrijwilliger", VOLUNTEER)
    (helper,) = _rows(session_factory, orm.volunteers)  # read from the database: no view to log
    coordinator.post(f"/api/v1/volunteers/{helper['id']}/activate", json={"vog_checked": True})
    eventually(lambda: coordinator.get(f"/api/v1/requests/{seeker['id']}/candidates").get_json()["items"])
    coordinator.get(f"/werkplek/aanvragen/{seeker['id']}")  # the helper is shown by name as a suggestion
    match = coordinator.post("/api/v1/matches", json={"request_id": seeker["id"],
                                                      "offer": {"type": "volunteer", "id": helper["id"]}}).get_json()
    coordinator.post(f"/api/v1/matches/{match['id']}/confirm", json={})
    assert _actions(client, seeker_link) == ["request.view", "match.propose", "match.confirm"]
    assert _actions(client, helper_link) == ["volunteer.activate", "volunteer.name"]
    eventually(lambda: len(_rows(session_factory, orm.messages, match_id=match["id"])) >= 2)  # the introductions
    coordinator.get("/werkplek/berichten")
    coordinator.get("/werkplek/koppelingen")  # both are shown by name on the matches list
    coordinator.get("/api/v1/messages")
    assert _actions(client, seeker_link)[3:] == ["message.list", "match.list", "message.list"]
    assert _actions(client, helper_link)[2:] == ["message.list", "match.list", "message.list"]


def test_an_imported_spreadsheet_keeps_no_rows_once_the_import_ends(bus, org, worker, session_factory):
    content = ("Voornaam;Achternaam;E-mail;Postcode;Interesses;Beschikbaarheid\n"
               "Xanthippe;Quaxley;xanthippe@voorbeeld.nl;9711;wandelen;di middag\n").encode()
    job_id = bus.handle(c.UploadImport(org["id"], "volunteers", "lijst.csv", content))
    assert "Xanthippe" in repr(_rows(session_factory, orm.import_rows, import_id=job_id))
    mapping = dict(zip(["Voornaam", "Achternaam", "E-mail", "Postcode", "Interesses", "Beschikbaarheid"],
                       ["first_name", "last_name", "email", "postcode", "interests", "availability"]))
    bus.handle(c.StartImport(org["id"], job_id, mapping))
    job = eventually(lambda: next((j for j in _rows(session_factory, orm.import_jobs, id=job_id)
                                   if j["status"] == "done"), None))
    assert _rows(session_factory, orm.import_rows, import_id=job_id) == []
    assert not [trace for trace in TRACES if trace in repr(job)]
    (volunteer,) = _rows(session_factory, orm.volunteers)
    assert volunteer["first_name"] == "Xanthippe"  # imported, and only the person's own row holds the name


@pytest.mark.parametrize("way", ["private link", "api"])
def test_erasure_blanks_the_person_their_suggestions_the_messages_about_them_and_free_text_reasons(
        client, coordinator, org, worker, session_factory, way):
    seeker = client.post("/api/v1/organizations/noord/requests", json=SEEKER_X).get_json()
    helpers = [client.post("/api/v1/organizations/noord/volunteers", json=volunteer_body(
        first_name=name, email=f"{name.lower()}@example.org", postcode="9712", interests=["wandelen"],
        availability=["tue_afternoon"])).get_json()["id"] for name in ("Bram", "Cees", "Dirk")]
    for helper in helpers:
        coordinator.post(f"/api/v1/volunteers/{helper}/activate", json={"vog_checked": True})
    eventually(lambda: len(coordinator.get(f"/api/v1/requests/{seeker['id']}/candidates").get_json()["items"]) == 3)

    def propose(helper):
        return coordinator.post("/api/v1/matches", json={"request_id": seeker["id"],
                                                         "offer": {"type": "volunteer", "id": helper}}).get_json()["id"]
    declined = propose(helpers[0])
    coordinator.post(f"/api/v1/matches/{declined}/decline", json={"reason": "Xanthippe vond het te spannend"})
    ended = propose(helpers[1])
    coordinator.post(f"/api/v1/matches/{ended}/confirm", json={})
    eventually(lambda: len(_rows(session_factory, orm.messages, match_id=ended)) >= 2)  # introductions, both sides
    coordinator.post(f"/api/v1/matches/{ended}/end", json={"reason": "no_click"})  # waits again: Dirk is left
    eventually(lambda: [s["offer_id"] for s in _rows(session_factory, orm.suggestions, request_id=seeker["id"])]
               == [helpers[2]])
    about_her = _rows(session_factory, orm.messages, recipient_id=helpers[1])
    assert any("Xanthippe" in m["body"] for m in about_her), "the introduction to Cees names her"

    if way == "private link":
        link = f"/mijn/{seeker['manage_token']}"
        assert post(client, f"{link}/verwijderen", {"confirm": "ja"}, link).status_code == 200
    else:
        assert client.delete("/api/v1/requests/self",
                             headers={"Authorization": f"Bearer {seeker['manage_token']}"}).status_code == 204
    _settled(session_factory)
    (person,) = _rows(session_factory, orm.requests)
    assert not any(person[name] for name in ("first_name", "email", "phone", "about", "manage_token_hash"))
    assert _rows(session_factory, orm.suggestions, request_id=seeker["id"]) == []
    assert [m["decline_reason"] for m in _rows(session_factory, orm.matches, id=declined)] == [None]
    messages = _rows(session_factory, orm.messages)
    theirs = [m for m in messages if m["recipient_id"] == seeker["id"] or m["match_id"] in (declined, ended)]
    assert theirs and all(m["body"] == "[verwijderd]" and m["to_address"] is None for m in theirs)
    assert not [trace for trace in TRACES if trace in repr(messages) + repr(_rows(session_factory, orm.matches))]


def test_the_export_holds_data_consents_matches_messages_and_the_access_log(client, coordinator, org, worker,
                                                                            session_factory):
    seeker = client.post("/api/v1/organizations/noord/requests", json=request_body()).get_json()
    helper = client.post("/api/v1/organizations/noord/volunteers", json=volunteer_body()).get_json()
    coordinator.post(f"/api/v1/volunteers/{helper['id']}/activate", json={"vog_checked": True})
    match = coordinator.post("/api/v1/matches", json={"request_id": seeker["id"],
                                                      "offer": {"type": "volunteer", "id": helper["id"]}}).get_json()
    coordinator.post(f"/api/v1/matches/{match['id']}/confirm", json={})
    eventually(lambda: len(_rows(session_factory, orm.messages, match_id=match["id"])) == 2)
    downloaded = json.loads(client.get(f"/mijn/{seeker['manage_token']}/gegevens.json").get_data(as_text=True))
    api = client.get("/api/v1/requests/self/export", headers={"Authorization": f"Bearer {seeker['manage_token']}"})
    for export, data in ((downloaded, downloaded["data"]), (api.get_json(), api.get_json())):  # the API flattens data
        assert data["first_name"] == "Anna" and data["email"] == "anna@example.org"
        assert [(c["purpose"], c["given_via"]) for c in export["consents"]] == [("matching", "api")]
        assert export["consents"][0]["text"].startswith("Wat we bewaren")  # the text agreed to, in full
        assert [m["status"] for m in export["matches"]] == ["active"]
        subjects = [m["subject"] for m in export["messages"]]
        assert len(subjects) == 2 and any("Kennismaken met Bram" in s for s in subjects)  # sign-up, introduction
        assert [e["action"] for e in export["access_log"]] == ["match.propose", "match.confirm"]
