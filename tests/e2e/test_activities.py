"""Activities over HTTP (CONTRACT section 10): the coordinator's API, the public list, the person's own
list behind their private link, joining with their say-so (409 when full), and the honest wait."""
from __future__ import annotations

import pytest

from tests.factories import activity_body, request_body

pytestmark = pytest.mark.e2e


def _person(client, **overrides) -> str:
    created = client.post("/api/v1/organizations/noord/requests", json=request_body(**overrides))
    assert created.status_code == 201
    return created.get_json()["manage_token"]


def _bearer(token: str) -> dict:
    return {"Authorization": f"Bearer {token}"}


def test_a_coordinator_adds_changes_lists_and_closes_an_activity(coordinator):
    created = coordinator.post("/api/v1/activities", json=activity_body())
    assert created.status_code == 201
    activity = created.get_json()["id"]
    assert coordinator.patch(f"/api/v1/activities/{activity}", json={"capacity": 12}).status_code == 200
    items = coordinator.get("/api/v1/activities").get_json()["items"]
    assert [(a["id"], a["capacity"], a["status"], a["joined"]) for a in items] == [(activity, 12, "open", 0)]
    assert coordinator.delete(f"/api/v1/activities/{activity}", json={}).status_code == 204
    assert coordinator.delete(f"/api/v1/activities/{activity}", json={}).status_code == 409


def test_bad_activity_fields_are_named(coordinator):
    body = activity_body(category="feest", postcode="0000", slots=[], host={"name": "Mieke"})
    answer = coordinator.post("/api/v1/activities", json=body)
    assert answer.status_code == 422
    assert {"category", "postcode", "slots", "host.phone"} <= set(answer.get_json()["errors"])


def test_the_person_sees_nearby_activities_that_share_a_slot_best_first(coordinator, client):
    near = coordinator.post("/api/v1/activities", json=activity_body(postcode="3512")).get_json()["id"]
    coordinator.post("/api/v1/activities", json=activity_body(title="Te ver", postcode="9711"))  # Groningen
    coordinator.post("/api/v1/activities", json=activity_body(title="Andere tijd", slots=["sun_evening"]))
    token = _person(client)
    found = client.get("/api/v1/requests/self/activities", headers=_bearer(token)).get_json()
    assert [item["activity"]["id"] for item in found["items"]] == [near]
    item = found["items"][0]
    assert item["shared_availability"] == ["tue_afternoon"] and item["shared_interests"] == ["koffie"]
    assert item["distance_km"] < 10


def test_joining_tells_the_host_a_first_name_and_a_way_to_reach_them_only_with_say_so(coordinator, client):
    activity = coordinator.post("/api/v1/activities", json=activity_body(capacity=1, walk_in=False)).get_json()["id"]
    token = _person(client, first_name="Anna", email="anna@example.org", about="Mijn geheim")
    url = f"/api/v1/requests/self/activities/{activity}"
    refused = client.post(url, json={"share_contact": False}, headers=_bearer(token))
    assert refused.status_code == 422 and "share_contact" in refused.get_json()["errors"]
    assert client.post(url, json={"share_contact": True}, headers=_bearer(token)).status_code == 201
    detail = coordinator.get(f"/api/v1/activities/{activity}").get_json()
    assert [(s["first_name"], s["contact"]) for s in detail["signups"]] == [("Anna", "anna@example.org")]
    to_host = [m for m in coordinator.get("/api/v1/messages").get_json()["items"] if m["to_address"] == "mieke@example.org"]
    assert len(to_host) == 1 and "Anna" in to_host[0]["body"] and "anna@example.org" in to_host[0]["body"]
    assert "Mijn geheim" not in to_host[0]["body"] and "3511" not in to_host[0]["body"]
    other = _person(client, first_name="Bo", email="bo@example.org")
    assert client.post(url, json={"share_contact": True}, headers=_bearer(other)).status_code == 409  # full
    assert client.delete(url, json={}, headers=_bearer(token)).status_code == 204
    assert client.post(url, json={"share_contact": True}, headers=_bearer(other)).status_code == 201


def test_erasure_removes_sign_ups_and_blanks_the_hosts_message(coordinator, client):
    activity = coordinator.post("/api/v1/activities", json=activity_body()).get_json()["id"]
    token = _person(client, first_name="Anna", email="anna@example.org")
    client.post(f"/api/v1/requests/self/activities/{activity}", json={"share_contact": True}, headers=_bearer(token))
    assert client.delete("/api/v1/requests/self", json={}, headers=_bearer(token)).status_code == 204
    assert coordinator.get(f"/api/v1/activities/{activity}").get_json()["signups"] == []
    bodies = [m["body"] for m in coordinator.get("/api/v1/messages").get_json()["items"]]
    assert not any("anna@example.org" in body for body in bodies)


def test_the_public_list_has_no_personal_data_and_filters(coordinator, client):
    coordinator.post("/api/v1/activities", json=activity_body(title="Wandelgroep", category="wandelen",
                                                               interests=["wandelen"], postcode="3581"))
    activity = coordinator.post("/api/v1/activities", json=activity_body()).get_json()["id"]
    token = _person(client, first_name="Anna")
    client.post(f"/api/v1/requests/self/activities/{activity}", json={"share_contact": True}, headers=_bearer(token))
    everything = client.get("/api/v1/organizations/noord/activities?postcode=3512AB")
    assert everything.status_code == 200 and "Anna" not in everything.get_data(as_text=True)
    titles = [item["activity"]["title"] for item in everything.get_json()["items"]]
    assert titles == ["Koffie-inloop", "Wandelgroep"]  # nearest first
    walking = client.get("/api/v1/organizations/noord/activities?interests=wandelen").get_json()["items"]
    assert [item["activity"]["title"] for item in walking] == ["Wandelgroep"]
    assert client.get("/api/v1/organizations/noord/activities?postcode=0000").status_code == 422
    assert client.get("/api/v1/organizations/nergens/activities").status_code == 404


def test_the_public_page_and_the_thank_you_page_show_activities(coordinator, client):
    coordinator.post("/api/v1/activities", json=activity_body())
    page = client.get("/noord/activiteiten?postcode=3511")
    assert page.status_code == 200 and "Koffie-inloop" in page.get_data(as_text=True)
    assert "gewoon binnenlopen" in page.get_data(as_text=True)
    assert client.get("/noord/activiteiten?postcode=12").status_code == 422


def test_a_person_of_another_organisation_cannot_join_or_see_its_activities(coordinator, client, bus):
    from matching.domain import commands

    activity = coordinator.post("/api/v1/activities", json=activity_body()).get_json()["id"]
    bus.handle(commands.CreateOrganization("zuid", "Zuid"))
    created = client.post("/api/v1/organizations/zuid/requests", json=request_body(first_name="Zora"))
    token = created.get_json()["manage_token"]
    assert client.get("/api/v1/requests/self/activities", headers=_bearer(token)).get_json()["items"] == []
    joined = client.post(f"/api/v1/requests/self/activities/{activity}", json={"share_contact": True},
                         headers=_bearer(token))
    assert joined.status_code == 404
    assert coordinator.get(f"/api/v1/activities/{activity}").get_json()["signups"] == []


def test_the_demo_adds_activities_that_people_in_utrecht_see(bus, org, client):
    from cli.demo_activities import add_demo_activities

    assert add_demo_activities(bus, "noord", seed=3) == 24
    token = _person(client, postcode="3511 AB", availability=["mon_morning", "tue_afternoon", "wed_evening", "thu_afternoon"])
    assert len(client.get("/api/v1/requests/self/activities", headers=_bearer(token)).get_json()["items"]) == 5


def test_the_own_request_holds_a_wait_estimate_or_null(org, client):
    token = _person(client)
    assert client.get("/api/v1/requests/self", headers=_bearer(token)).get_json()["wait_estimate"] is None


def test_the_persons_export_holds_what_each_host_was_told(coordinator, client):
    activity = coordinator.post("/api/v1/activities", json=activity_body()).get_json()["id"]
    token = _person(client, first_name="Anna", email="anna@example.org")
    client.post(f"/api/v1/requests/self/activities/{activity}", json={"share_contact": True}, headers=_bearer(token))
    [joined] = client.get("/api/v1/requests/self/export", headers=_bearer(token)).get_json()["activities"]
    assert (joined["activity"], joined["first_name"], joined["contact"]) == ("Koffie-inloop", "Anna", "anna@example.org")


def test_bel_even_after_28_days_cleared_by_a_call_note_on_the_database(coordinator, client, bus, org):
    from datetime import date, timedelta

    from matching.domain import commands
    from matching.services.queries import dashboard_page

    phone_only = {k: v for k, v in request_body(phone="0612345678").items() if k != "email"}  # no message reaches them
    person = client.post("/api/v1/organizations/noord/requests", json=phone_only).get_json()["id"]
    _person(client, first_name="Bo", email="bo@example.org")  # emailed: in contact
    assert dashboard_page.contacted(bus, org["id"]) == {"waiting": 2, "contacted": 1}
    bus.handle(commands.RaiseDueReminders((date.today() + timedelta(days=29)).isoformat()))
    due = [r for r in dashboard_page.reminders(bus, org["id"]) if r["kind"] == "contact"]
    assert {r["subject_id"] for r in due} >= {person}
    assert "Bel even" in coordinator.get("/werkplek/").get_data(as_text=True)
    assert coordinator.post(f"/api/v1/requests/{person}/notes", json={"kind": "call", "text": "Gebeld"}).status_code == 201
    assert person not in {r["subject_id"] for r in dashboard_page.reminders(bus, org["id"]) if r["kind"] == "contact"}
    assert dashboard_page.contacted(bus, org["id"]) == {"waiting": 2, "contacted": 2}


def test_the_wait_estimate_comes_from_matched_requests_in_the_database(coordinator, client, bus, org, session_factory):
    from datetime import timedelta

    from sqlalchemy import update

    from matching.adapters import orm
    from matching.domain.base import utcnow
    from matching.services import wait_estimate
    from tests.factories import volunteer_body

    for i in range(10):
        request = client.post("/api/v1/organizations/noord/requests",
                              json=request_body(email=f"eerder{i}@example.org")).get_json()["id"]
        volunteer = client.post("/api/v1/organizations/noord/volunteers",
                                json=volunteer_body(email=f"v{i}@example.org")).get_json()["id"]
        coordinator.post(f"/api/v1/volunteers/{volunteer}/activate", json={"vog_checked": True})
        match = coordinator.post("/api/v1/matches", json={"request_id": request,
                                                          "offer": {"type": "volunteer", "id": volunteer}}).get_json()["id"]
        assert coordinator.post(f"/api/v1/matches/{match}/confirm", json={}).status_code == 200
        with session_factory() as session:
            session.execute(update(orm.requests).where(orm.requests.c.id == request)
                            .values(created_at=utcnow() - timedelta(days=35 + 2 * i)))
            session.commit()
    wait_estimate.forget_all()
    token = _person(client, email="nieuw@example.org")
    found = client.get("/api/v1/requests/self", headers=_bearer(token)).get_json()["wait_estimate"]
    wait_estimate.forget_all()
    assert found == {"low_days": 35, "high_days": 56, "based_on": 10}


def test_the_lists_come_in_pages(coordinator, client):
    for i in range(3):
        coordinator.post("/api/v1/activities", json=activity_body(title=f"Inloop {i}"))
    first = coordinator.get("/api/v1/activities?per_page=2").get_json()
    assert (len(first["items"]), first["total"], first["page"]) == (2, 3, 1)
    second = client.get("/api/v1/organizations/noord/activities?page=2&per_page=2").get_json()
    assert (len(second["items"]), second["total"], second["page"]) == (1, 3, 2)
    assert coordinator.get("/api/v1/activities?per_page=500").status_code == 422
