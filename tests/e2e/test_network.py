"""The regional network (CONTRACT section 11): elsewhere counts (only a profile crosses, only counts
come back), handing a request to a partner with consent, and what the sender keeps afterwards."""
from __future__ import annotations

import json
import re
from datetime import datetime, timedelta, timezone

import pytest
from sqlalchemy import select

from matching.adapters import orm
from matching.domain import commands as c
from matching.domain.people import PERSONAL_FIELDS
from matching.services import exports
from matching.services.partner_counts import IndexPartnerCounts
from matching.services.queries import elsewhere
from tests.factories import request_body, volunteer_body
from web.schemas import RequestIn, VolunteerIn

pytestmark = pytest.mark.e2e

PERSON = request_body(first_name="Wieneke", email="wieneke@example.org", phone="0611122299", postcode="3511 AB")
TRACES = ("Wieneke", "wieneke@example.org", "0611122299", "Zij belt graag 's ochtends")


@pytest.fixture
def region(bus, org):
    """noord and oost in one network (oost with two fitting volunteers), west outside it."""
    for slug, name in (("oost", "Maatjes Oost"), ("west", "Vriendendienst West")):
        bus.handle(c.CreateOrganization(slug, name))
    bus.handle(c.CreateNetwork("utrecht", "Zelfregienetwerk Utrecht", ("noord",)))
    bus.handle(c.JoinNetwork("utrecht", "oost"))
    bus.handle(c.JoinNetwork("utrecht", "oost"))  # twice changes nothing
    oost = bus.handle(c.CreateUser("oost", "coord@oost.example", "correct horse battery", "coordinator"))
    for i in range(2):
        v = bus.handle(c.ApplyAsVolunteer("oost", VolunteerIn().load(volunteer_body(email=f"v{i}@oost.example"))))["id"]
        with bus.uow() as uow:
            org_id = uow.organizations.by_slug("oost").id
        bus.handle(c.ActivateVolunteer(org_id, v, True))
    request = bus.handle(c.SubmitRequest("noord", RequestIn().load(PERSON)))
    return {"request": request["id"], "token": request["manage_token"], "oost_user": oost}


class RecordingCounts:
    """The PartnerCounts port with a recorder on it: what crossed the boundary, kept for the test."""

    def __init__(self, inner):
        self.inner, self.crossed = inner, []

    def count(self, profile, organization_ids):
        self.crossed.append(profile)
        return self.inner.count(profile, organization_ids)


def test_elsewhere_returns_counts_only(coordinator, region):
    out = coordinator.get(f"/api/v1/requests/{region['request']}/elsewhere")
    assert out.status_code == 200
    assert out.get_json() == {"items": [{"organization": {"slug": "oost", "name": "Maatjes Oost"}, "candidates": 2}]}


def test_only_the_matching_profile_crosses_to_the_partners(bus, org, region):
    """What goes to PartnerCounts has no personal field (no name, contact, birth year, text, not even the id)."""
    spies = []
    found = elsewhere.counts(bus, org["id"], region["request"],
                             partners=lambda uow: spies.append(RecordingCounts(IndexPartnerCounts(uow))) or spies[-1])
    (spy,) = spies
    assert [item["candidates"] for item in found["items"]] == [2]
    (profile,) = spy.crossed
    fields = {name: getattr(profile, name) for name in profile.__slots__}
    # gender stays: a stated gender preference is a hard rule (CONTRACT section 6); nothing else personal crosses
    assert not set(fields) & (set(PERSONAL_FIELDS) - {"gender"}), set(fields) & set(PERSONAL_FIELDS)
    assert fields["id"] is None
    crossed = repr(fields)
    for trace in (*TRACES, region["request"], "3511 AB"):
        assert trace not in crossed


def test_transfer_needs_consent_and_a_partner(coordinator, region):
    url = f"/api/v1/requests/{region['request']}/transfer"
    assert coordinator.post(url, json={"to": "oost", "person_consent": False}).status_code == 422
    refused = coordinator.post(url, json={"to": "oost"})
    assert refused.status_code == 422 and "person_consent" in refused.get_json()["errors"]
    assert coordinator.post(url, json={"to": "west", "person_consent": True}).status_code == 404
    assert coordinator.post(url, json={"to": "nergens", "person_consent": True}).status_code == 404
    assert coordinator.post(url, json={"to": "noord", "person_consent": True}).status_code == 404


def test_after_a_transfer_the_sender_keeps_nothing_personal(app, bus, coordinator, org, region, session_factory):
    request_id = region["request"]
    assert coordinator.post(f"/api/v1/requests/{request_id}/notes", json={"kind": "call", "text": TRACES[3]}).status_code == 201
    with session_factory() as s:  # a request that waited 40 days already
        s.execute(orm.requests.update().where(orm.requests.c.id == request_id).values(
            created_at=datetime.now(timezone.utc) - timedelta(days=40)))
        s.commit()
    moved = coordinator.post(f"/api/v1/requests/{request_id}/transfer", json={"to": "oost", "person_consent": True})
    assert moved.status_code == 200, moved.get_json()
    assert moved.get_json()["organization"] == {"slug": "oost", "name": "Maatjes Oost"}

    # the sender: lists, pages, messages and the organisation export hold nothing personal of the person
    sender_bodies = [coordinator.get(url).get_data(as_text=True) for url in (
        "/api/v1/requests", "/api/v1/requests?status=waiting", "/api/v1/messages", "/api/v1/calls",
        "/werkplek/", "/werkplek/berichten", "/werkplek/bellen", "/werkplek/netwerk", "/werkplek/logboek")]
    sender_bodies.append(json.dumps(exports.organization_export(bus, "noord"), default=str))
    for body in sender_bodies:
        for trace in TRACES:
            assert trace not in body, trace
    assert coordinator.get(f"/api/v1/requests/{request_id}").status_code == 404
    for term in ("Wieneke", "wieneke@example.org", "0611122299"):  # the sender's search finds her nowhere
        for url in ("/api/v1/requests", "/api/v1/messages", "/api/v1/matches"):
            assert coordinator.get(url, query_string={"q": term}).get_json()["items"] == [], (url, term)
    network_page = coordinator.get("/werkplek/netwerk").get_data(as_text=True)
    assert re.search(r"Overgedragen aan Maatjes Oost op \d+ \w+ \d{4}", network_page)

    # the partner: the request waits there with its waiting time, note and consent; coordinators got a notice
    oost = app.test_client()
    assert oost.post("/api/v1/session", json={"email": "coord@oost.example", "password": "correct horse battery"}).status_code == 200
    there = oost.get(f"/api/v1/requests/{request_id}").get_json()
    assert [r["id"] for r in oost.get("/api/v1/requests", query_string={"q": "wieneke"}).get_json()["items"]] == [request_id]
    assert there["first_name"] == "Wieneke" and there["status"] == "waiting" and there["waiting_days"] >= 40
    with bus.uow() as uow:
        oost_id = uow.organizations.by_slug("oost").id
        notes = uow.read_model.notes_about("request", request_id)
        consents = uow.consents.of("request", request_id)
    assert [n["text"] for n in notes] == [TRACES[3]]
    assert {c_.organization_id for c_ in consents} == {oost_id} and len(consents) == 2
    messages = oost.get("/api/v1/messages").get_json()["items"]
    assert any(m["subject"] == "Maatjes Oost neemt nu contact met je op" for m in messages)
    assert any(m["subject"].startswith("Overgedragen door Vriendendienst Noord") for m in messages)
    # events on both sides, in the outbox
    with session_factory() as s:
        events = {(row.name, row.organization_id) for row in s.execute(select(orm.outbox))}
    assert ("request.transferred_out", org["id"]) in events and ("request.transferred_in", oost_id) in events


def test_the_request_page_shows_the_partners_and_the_transfer_form(coordinator, region):
    page = coordinator.get(f"/werkplek/aanvragen/{region['request']}").get_data(as_text=True)
    assert "Bij partners zou het wel passen" in page and "Maatjes Oost: 2" in page
    form = coordinator.get(f"/werkplek/aanvragen/{region['request']}/overdragen")
    token = re.search(r'name="csrf_token" value="([^"]+)"', form.get_data(as_text=True)).group(1)
    no = coordinator.post(f"/werkplek/aanvragen/{region['request']}/overdragen", data={"csrf_token": token, "to": "oost"})
    assert no.status_code == 422 and "toestemming" in no.get_data(as_text=True)
    yes = coordinator.post(f"/werkplek/aanvragen/{region['request']}/overdragen",
                           data={"csrf_token": token, "to": "oost", "person_consent": "ja"})
    assert yes.status_code == 303


def test_the_regional_figures_as_csv(coordinator, client, region):
    body = {"referrer": {"name": "W. Team", "organization": "Wijkteam Oost", "role": "wijkteam", "phone": "0301234567"},
            "person": {k: v for k, v in request_body().items() if k != "consent"}, "person_consent": True}
    assert client.post("/api/v1/organizations/noord/referrals", json=body).status_code == 201
    csv = coordinator.get("/werkplek/netwerk/cijfers.csv")
    assert csv.status_code == 200 and csv.mimetype == "text/csv"
    text = csv.get_data(as_text=True)
    assert "kwartaal;organisatie;wachtend;gekoppeld;overgedragen;verwezen" in text
    assert re.search(r"K\d;Vriendendienst Noord;2;0;0;1", text) and re.search(r"K\d;Sociaal wijkteam;1", text)
    page = coordinator.get("/werkplek/netwerk").get_data(as_text=True)
    assert "<svg" in page and "Bouwstenen" in page and "Maatjes Oost" in page
