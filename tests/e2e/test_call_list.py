"""Phone-only people are first-class: everything Koppel would mail them lands on the coordinator's
"Te bellen" list (their sign-up, an introduction), with their phone number and what to say, newest
first, until a `call` note on that person is written after it. Another organisation sees none of it."""
import re

import pytest
from sqlalchemy import select

from matching.adapters import orm
from tests.e2e.phone_world import world  # noqa: F401 (fixture)
from tests.e2e.test_public_forms import SEEKER, csrf, post

pytestmark = pytest.mark.e2e


def _tasks_of(world, request_id: str) -> list[dict]:
    return [item for item in world.calls()["items"] if item["person"]["id"] == request_id]


def test_a_phone_only_sign_up_puts_what_to_tell_him_on_the_call_list(world):
    world.give_contact()
    request_id, _token = world.sign_up_by_phone()
    post(world.person, "/noord/maatje", SEEKER)  # Anna has email: nothing to call about
    world.run_workers()
    calls = world.calls()
    assert calls["total"] == 1 and calls["page"] == 1
    (task,) = calls["items"]
    assert task["person"] == {"type": "request", "id": request_id, "first_name": "Jan", "phone": "06 1234 5678",
                              "kind": "maatje"}
    assert "Vragen? Neem contact op" not in task["text"]  # the caller is the organisation
    assert task["subject"] == "Je aanmelding bij Vriendendienst Noord"
    assert "Beste Jan" in task["text"] and "/mijn/••••••••" in task["text"] and task["has_link"]
    page = world.coordinator.get("/werkplek/bellen").get_data(as_text=True)
    assert 'href="tel:0612345678"' in page and "Beste Jan" in page and ">Gebeld</button>" in page
    assert "Print brief (maakt een nieuwe persoonlijke link)" in page and "Anna" not in page


def test_a_confirmed_match_adds_the_introduction_newest_first(world):
    request_id, _token = world.sign_up_by_phone()
    world.confirmed_match(request_id, world.active_volunteer())
    subjects = [task["subject"] for task in _tasks_of(world, request_id)]
    assert subjects == ["Kennismaken met Bram", "Je aanmelding bij Vriendendienst Noord"]
    introduction = _tasks_of(world, request_id)[0]["text"]
    assert "bram@example.org" in introduction and "0612345678" in introduction
    assert "eerste mail" not in introduction and "kwijt? Bel ons" in introduction
    page = world.coordinator.get("/werkplek/bellen").get_data(as_text=True)
    assert page.index("Kennismaken met Bram") < page.index("Je aanmelding bij")
    assert page.count(">Gebeld</button>") == 1  # one person, one call for both messages


def test_a_call_note_clears_the_tasks_raised_before_it_and_not_those_after(world):
    request_id, _token = world.sign_up_by_phone()
    noted = world.coordinator.post(f"/api/v1/requests/{request_id}/notes", json={"kind": "call", "text": ""})
    assert noted.status_code == 201 and noted.get_json()["kind"] == "call"
    assert world.calls()["total"] == 0
    world.confirmed_match(request_id, world.active_volunteer())
    assert [t["subject"] for t in _tasks_of(world, request_id)] == ["Kennismaken met Bram"]
    other_kind = world.coordinator.post(f"/api/v1/requests/{request_id}/notes",
                                        json={"kind": "kennismaking", "text": "Wandelt graag, liefst 's ochtends."})
    assert other_kind.status_code == 201 and world.calls()["total"] == 1  # only a call note clears
    token = csrf(world.coordinator, "/werkplek/bellen")
    pressed = world.coordinator.post(f"/werkplek/bellen/aanvraag/{request_id}/gebeld",
                                     data={"csrf_token": token, "text": "Verteld over Bram"})
    assert pressed.status_code == 303 and pressed.headers["Location"].endswith("/werkplek/bellen")
    assert world.calls()["total"] == 0
    assert "Niemand om te bellen" in world.coordinator.get("/werkplek/bellen").get_data(as_text=True)


def test_notes_are_checked_like_any_body(world):
    request_id, _token = world.sign_up_by_phone()
    url = f"/api/v1/requests/{request_id}/notes"
    for body, field in (({"kind": "gossip", "text": "x"}, "kind"), ({"kind": "note", "text": "x" * 2001}, "text"),
                        ({"kind": "note", "text": "  "}, "text"), ({"text": "x"}, "kind"),
                        ({"kind": "note", "text": "x", "extra": 1}, "extra")):
        answer = world.coordinator.post(url, json=body)
        assert answer.status_code == 422 and field in answer.get_json()["errors"], (body, answer.get_json())
    assert world.coordinator.post("/api/v1/requests/not-an-id/notes", json={"kind": "note", "text": "x"}).status_code == 404


def test_the_list_is_paginated_as_the_contract_says(world):
    first, _ = world.sign_up_by_phone()
    second, _ = world.sign_up_by_phone(first_name="Piet", phone="0687654321")
    whole = world.calls()
    assert whole["total"] == 2 and [t["person"]["id"] for t in whole["items"]] == [second, first]
    page_two = world.calls(page=2, per_page=1)
    assert page_two == {"items": [whole["items"][1]], "total": 2, "page": 2}
    for query in ({"per_page": 201}, {"page": 0}, {"per_page": "many"}):
        assert world.coordinator.get("/api/v1/calls", query_string=query).status_code == 422


def test_the_list_shows_nobody_who_left(world):
    request_id, token = world.sign_up_by_phone()
    assert world.person.delete("/api/v1/requests/self", headers={"Authorization": f"Bearer {token}"}).status_code == 204
    assert world.calls()["total"] == 0


def test_with_a_mail_server_a_message_without_address_is_not_called_sent(world, settings, session_factory):
    """Before: with MAIL_URL set, the introduction to someone without email was marked "sent" to nobody."""
    from aiosmtpd.controller import Controller

    from matching.bootstrap import dependencies
    from tests.servers import Inbox, free_port

    request_id, _token = world.sign_up_by_phone()
    inbox, port = Inbox(), free_port()
    server = Controller(inbox, hostname="127.0.0.1", port=port)
    server.start()
    try:
        world.bus.deps = dependencies(settings.with_(mail_url=f"smtp://127.0.0.1:{port}"))
        world.confirmed_match(request_id, world.active_volunteer())
    finally:
        server.stop()
    assert [recipients for recipients, _content in inbox.messages] == [["bram@example.org"]] * 2  # welcome, intro
    with session_factory() as session:
        rows = session.execute(select(orm.messages.c.subject, orm.messages.c.status).where(
            orm.messages.c.to_address.is_(None))).all()
    assert sorted(tuple(row) for row in rows) == [("Je aanmelding bij Vriendendienst Noord", "stored"),
                                                  ("Kennismaken met Bram", "stored")]
    assert [t["subject"] for t in _tasks_of(world, request_id)] == ["Kennismaken met Bram",
                                                                    "Je aanmelding bij Vriendendienst Noord"]


def test_notes_are_in_the_persons_export_and_gone_with_them(world, session_factory):
    request_id, _token = world.sign_up_by_phone()
    token = world.coordinator.post(f"/api/v1/requests/{request_id}/new-link", json={}).get_json()["manage_token"]
    world.coordinator.post(f"/api/v1/requests/{request_id}/notes", json={"kind": "intake", "text": "Houdt van vissen"})
    export = world.person.get("/api/v1/requests/self/export", headers={"Authorization": f"Bearer {token}"}).get_json()
    assert [(n["kind"], n["text"], n["by"]) for n in export["notes"]] == [("intake", "Houdt van vissen",
                                                                        "coord@noord.example")]
    own = world.person.get(f"/mijn/{token}/gegevens.json").get_json()
    assert own["notes"][0]["text"] == "Houdt van vissen"
    assert "schreef een notitie over je (of dat je gebeld bent)" in {e["description"] for e in own["access_log"]}
    world.person.post(f"/mijn/{token}/verwijderen", data={"confirm": "ja",
                                                          "csrf_token": csrf(world.person, f"/mijn/{token}")})
    with session_factory() as session:
        assert session.execute(select(orm.notes)).all() == []


def test_another_organisation_gets_404_for_every_new_route(world, bus):
    from matching.domain import commands as c

    request_id, _token = world.sign_up_by_phone()
    volunteer_id = world.active_volunteer()
    bus.handle(c.CreateOrganization("zuid", "Zuid"))
    bus.handle(c.CreateUser("zuid", "coord@zuid.example", "another long password"))
    other = world.app.test_client()
    assert other.post("/api/v1/session", json={"email": "coord@zuid.example",
                                               "password": "another long password"}).status_code == 200
    for person, person_id in (("requests", request_id), ("volunteers", volunteer_id)):
        for url, body in ((f"/api/v1/{person}/{person_id}/notes", {"kind": "call", "text": ""}),
                          (f"/api/v1/{person}/{person_id}/new-link", {})):
            assert other.post(url, json=body).status_code == 404, url
    token = csrf(other, "/werkplek/bellen")
    for url in (f"/werkplek/bellen/aanvraag/{request_id}/gebeld", f"/werkplek/bellen/vrijwilliger/{volunteer_id}/gebeld",
                f"/werkplek/brief/aanvraag/{request_id}", f"/werkplek/brief/vrijwilliger/{volunteer_id}"):
        assert other.post(url, data={"csrf_token": token}).status_code == 404, url
    assert other.get("/api/v1/calls").get_json() == {"items": [], "total": 0, "page": 1}
    assert "Jan" not in other.get("/werkplek/bellen").get_data(as_text=True)
    assert world.calls()["total"] == 1  # nothing of noord changed: Jan still waits for his call
    assert world.person.get(f"/mijn/{_token}").status_code == 200
    assert re.search("Jan", world.coordinator.get("/werkplek/bellen").get_data(as_text=True))


def test_logged_out_the_new_routes_answer_401_or_the_login(client, org):
    assert client.get("/api/v1/calls").status_code == 401
    assert client.post("/api/v1/requests/x/notes", json={"kind": "call"}).status_code == 401
    assert client.get("/werkplek/bellen").status_code == 302
