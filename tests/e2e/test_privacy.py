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


def test_giving_consent_is_recorded_with_purpose_text_version_time_and_channel(client, org, session_factory):
    before = utcnow()
    post(client, "/noord/maatje", SEEKER)
    client.post("/api/v1/organizations/noord/volunteers", json=volunteer_body())
    form, api = _consents(session_factory)
    assert (form["subject_type"], form["purpose"], form["text_version"], form["given_via"]) == (
        "request", "matching", "2026-11", "form")
    assert (api["subject_type"], api["given_via"]) == ("volunteer", "api")
    assert before - timedelta(seconds=1) <= form["given_at"] <= utcnow() and form["withdrawn_at"] is None


def test_withdrawing_is_as_easy_as_giving_and_the_record_outlives_the_data(client, org, session_factory):
    link = sign_up(client, "/noord/maatje", SEEKER)  # giving: one box ticked, one button
    page = client.get(link).get_data(as_text=True)
    assert 'name="confirm"' in page and "verwijderen" in page  # withdrawing: one box ticked, one button
    erased = post(client, f"{link}/verwijderen", {"confirm": "ja"}, link)
    assert erased.status_code == 200 and "Je gegevens zijn verwijderd" in erased.get_data(as_text=True)
    (record,) = _consents(session_factory)
    assert record["withdrawn_at"] is not None and record["withdrawn_via"] == "link"
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
        assert "Xanthippe" in repr(session.execute(select(orm.import_jobs.c.rows)).scalar_one())
    bus.handle(c.ApplyRetention((utcnow() + timedelta(days=8)).isoformat()))
    with session_factory() as session:
        job = session.execute(select(orm.import_jobs).where(orm.import_jobs.c.id == kept)).mappings().one()
    assert job["status"] == "expired" and job["rows"] == [] and "Xanthippe" not in repr(dict(job))


def test_the_private_link_page_shows_who_viewed_the_data(client, coordinator, org):
    link = sign_up(client, "/noord/maatje", SEEKER)
    assert "Nog niemand." in client.get(link).get_data(as_text=True)
    coordinator.get("/werkplek/")
    page = client.get(link).get_data(as_text=True)
    assert "Wie heeft je gegevens bekeken?" in page
    assert f"{org['email']} zag je voornaam en postcode op de wachtlijst" in page
    english = client.get(f"{link}?lang=en").get_data(as_text=True)
    assert f"{org['email']} saw your first name and postcode on the waiting list" in english
