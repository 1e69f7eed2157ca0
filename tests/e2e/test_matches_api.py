"""A coordinator's decisions through the API: propose, confirm, decline, end; tenant isolation."""
import pytest

from matching.domain import commands as c
from tests.conftest import eventually
from tests.factories import placement_body, request_body, volunteer_body

pytestmark = pytest.mark.e2e


def _volunteer(client, **kw):
    created = client.post("/api/v1/organizations/noord/volunteers", json=volunteer_body(**kw)).get_json()
    client.post(f"/api/v1/volunteers/{created['id']}/activate", json={"vog_checked": True})
    return created["id"]


def _request(client, **kw):
    return client.post("/api/v1/organizations/noord/requests", json=request_body(**kw)).get_json()


def _propose(client, request_id, volunteer_id):
    return client.post("/api/v1/matches", json={"request_id": request_id,
                                                "offer": {"type": "volunteer", "id": volunteer_id}})


VOLUNTEER_CONTACT, SEEKER_CONTACT = ("bram@example.org", "0612345678"), ("anna@example.org", "0687654321")


def test_propose_and_confirm_sends_both_sides_their_introduction(client, coordinator, worker):
    """Contact details reach the other side only in the introduction sent after the confirmation."""
    volunteer = _volunteer(coordinator)
    request = _request(coordinator, phone=SEEKER_CONTACT[1])
    response = _propose(coordinator, request["id"], volunteer)
    assert response.status_code == 201 and response.get_json()["status"] == "proposed"
    match_id = response.get_json()["id"]
    before = coordinator.get("/api/v1/messages").get_json()["items"]
    assert [m["match_id"] for m in before] == [None, None]  # only the two sign-up confirmations
    other_side = {"request": VOLUNTEER_CONTACT, "volunteer": SEEKER_CONTACT}
    assert not [m for m in before if any(d in m["body"] for d in other_side[m["recipient_type"]])]
    own = {"Authorization": f"Bearer {request['manage_token']}"}
    for seen in (client.get("/api/v1/requests/self/export", headers=own), client.get(f"/mijn/{request['manage_token']}")):
        assert not any(detail in seen.get_data(as_text=True) for detail in VOLUNTEER_CONTACT)
    confirmed = coordinator.post(f"/api/v1/matches/{match_id}/confirm", json={})
    assert confirmed.get_json()["status"] == "active"
    def both_stored():
        items = [m for m in coordinator.get("/api/v1/messages").get_json()["items"] if m["match_id"] == match_id]
        return items if len(items) == 2 and all(m["status"] == "stored" for m in items) else None
    messages = eventually(both_stored)
    by_side = {m["recipient_type"]: m for m in messages}
    assert all(detail in by_side["request"]["body"] for detail in VOLUNTEER_CONTACT)
    assert SEEKER_CONTACT[0] in by_side["volunteer"]["body"] or SEEKER_CONTACT[1] in by_side["volunteer"]["body"]
    assert coordinator.get("/api/v1/requests?status=matched").get_json()["items"][0]["id"] == request["id"]
    listed = coordinator.get("/api/v1/volunteers?status=active").get_json()["items"]
    assert listed[0]["active_matches"] == 1


def test_a_full_volunteer_or_a_matched_request_gives_409(coordinator):
    volunteer = _volunteer(coordinator, capacity=1)
    first, second = _request(coordinator), _request(coordinator, email="b@example.org")
    match_id = _propose(coordinator, first["id"], volunteer).get_json()["id"]
    coordinator.post(f"/api/v1/matches/{match_id}/confirm", json={})
    assert _propose(coordinator, second["id"], volunteer).status_code == 409
    assert _propose(coordinator, first["id"], volunteer).status_code == 409
    assert coordinator.post(f"/api/v1/matches/{match_id}/confirm", json={}).status_code == 409


def test_a_declined_pair_is_never_suggested_again(coordinator, worker):
    volunteer = _volunteer(coordinator)
    request = _request(coordinator)
    match_id = _propose(coordinator, request["id"], volunteer).get_json()["id"]
    declined = coordinator.post(f"/api/v1/matches/{match_id}/decline", json={"reason": "past niet"})
    assert declined.get_json()["status"] == "declined"
    assert coordinator.get(f"/api/v1/requests/{request['id']}").get_json()["status"] == "waiting"
    assert _propose(coordinator, request["id"], volunteer).status_code == 409

    def rescored():
        data = coordinator.get(f"/api/v1/requests/{request['id']}/candidates").get_json()
        return data if not data["pending"] and data["computed_at"] else None
    assert eventually(rescored)["items"] == []


def test_ending_needs_a_known_reason_and_frees_the_place(coordinator):
    volunteer = _volunteer(coordinator)
    request = _request(coordinator)
    match_id = _propose(coordinator, request["id"], volunteer).get_json()["id"]
    coordinator.post(f"/api/v1/matches/{match_id}/confirm", json={})
    bad = coordinator.post(f"/api/v1/matches/{match_id}/end", json={"reason": "zomaar"})
    assert bad.status_code == 422 and "reason" in bad.get_json()["errors"]
    assert coordinator.post(f"/api/v1/matches/{match_id}/end", json={"reason": "goal_reached"}).get_json()["status"] == "ended"
    other = _request(coordinator, email="c@example.org")
    assert _propose(coordinator, other["id"], volunteer).status_code == 201
    assert coordinator.get("/api/v1/stats").get_json()["ended_matches"] == 1


def test_placements_serve_werkervaringsplaats_seekers(coordinator, worker):
    placement = coordinator.post("/api/v1/placements", json=placement_body()).get_json()
    assert placement["status"] == "active"
    seeker = _request(coordinator, kind="werkervaringsplaats", interests=["keuken"], availability=["tue_morning"])

    def scored():
        data = coordinator.get(f"/api/v1/requests/{seeker['id']}/candidates").get_json()
        return data["items"] if not data["pending"] and data["items"] else None
    assert eventually(scored)[0]["offer"] == {"type": "placement", "id": placement["id"]}
    assert coordinator.get("/api/v1/placements").get_json()["items"][0]["title"] == "Keukenhulp"


def test_another_organisations_data_is_404_everywhere(coordinator, bus, app):
    volunteer = _volunteer(coordinator)
    request = _request(coordinator)
    match_id = _propose(coordinator, request["id"], volunteer).get_json()["id"]
    bus.handle(c.CreateOrganization("zuid", "Zuid"))
    bus.handle(c.CreateUser("zuid", "coord@zuid.example", "another long password", "coordinator"))
    other = app.test_client()
    other.post("/api/v1/session", json={"email": "coord@zuid.example", "password": "another long password"})
    assert other.get("/api/v1/requests").get_json()["items"] == []
    assert other.get("/api/v1/volunteers").get_json()["items"] == []
    assert other.get("/api/v1/matches").get_json()["items"] == []
    for method, url, body in [
        ("get", f"/api/v1/requests/{request['id']}", None),
        ("get", f"/api/v1/requests/{request['id']}/candidates", None),
        ("post", f"/api/v1/volunteers/{volunteer}/activate", {"vog_checked": True}),
        ("post", f"/api/v1/volunteers/{volunteer}/pause", None),
        ("post", f"/api/v1/matches/{match_id}/confirm", None),
        ("post", f"/api/v1/matches/{match_id}/decline", {"reason": "x"}),
        ("post", "/api/v1/matches", {"request_id": request["id"], "offer": {"type": "volunteer", "id": volunteer}}),
    ]:
        response = getattr(other, method)(url, json=body if body is not None else {})
        assert response.status_code == 404, url


def test_the_private_link_shows_exports_and_erases(client, org, session_factory):
    created = _request(client)
    auth = {"Authorization": f"Bearer {created['manage_token']}"}
    assert client.get("/api/v1/requests/self", headers=auth).get_json()["first_name"] == "Anna"
    assert client.get("/api/v1/requests/self/export", headers=auth).get_json()["email"] == "anna@example.org"
    assert client.get("/api/v1/requests/self", headers={"Authorization": "Bearer wrong"}).status_code == 404
    assert client.get("/api/v1/requests/self").status_code == 404
    assert client.delete("/api/v1/requests/self", headers=auth).status_code == 204
    assert client.get("/api/v1/requests/self", headers=auth).status_code == 404
    from sqlalchemy import select

    from matching.adapters import orm

    with session_factory() as session:
        row = session.execute(select(orm.requests)).one()._mapping
    assert row["status"] == "withdrawn"
    assert not any(row[name] for name in ("first_name", "email", "phone", "postcode", "about", "birth_year",
                                          "manage_token_hash"))
    assert row["interests"] == [] and row["availability"] == []
