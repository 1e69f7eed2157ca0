"""The person record over the API: correct a person (checked as at sign-up, rescored when it matters),
notes and the timeline newest first, assignment to a coordinator, a request entered on someone's behalf
with the channel on the consent, possible duplicates decided by hand; another organisation gets 404."""
import pytest

from matching.domain import commands as c
from tests.factories import request_body, volunteer_body

pytestmark = pytest.mark.e2e


@pytest.fixture
def anna(client) -> str:
    return client.post("/api/v1/organizations/noord/requests", json=request_body(phone="06 1234 5678")).get_json()["id"]


@pytest.fixture
def zuid(app, bus):
    """A logged-in coordinator of another organisation."""
    bus.handle(c.CreateOrganization("zuid", "Zuid"))
    bus.handle(c.CreateUser("zuid", "coord@zuid.example", "another long password", "coordinator"))
    other = app.test_client()
    assert other.post("/api/v1/session", json={"email": "coord@zuid.example",
                                                "password": "another long password"}).status_code == 200
    return other


def test_a_phone_correction_is_kept_without_rescoring_and_a_postcode_is_rescored(coordinator, anna):
    fixed = coordinator.patch(f"/api/v1/requests/{anna}", json={"phone": "06 8765 4321"})
    assert fixed.status_code == 200, fixed.get_json()
    assert fixed.get_json() == {"id": anna, "status": "waiting", "changed": ["phone"], "rescored": False}
    assert coordinator.get(f"/api/v1/requests/{anna}").get_json()["phone"] == "06 8765 4321"
    moved = coordinator.patch(f"/api/v1/requests/{anna}", json={"postcode": "1012 AB", "interests": ["film"]})
    assert moved.get_json()["changed"] == ["interests", "postcode"] and moved.get_json()["rescored"] is True
    same = coordinator.patch(f"/api/v1/requests/{anna}", json={"postcode": "1012"})
    assert same.get_json()["changed"] == [] and same.get_json()["rescored"] is False


def test_a_wrong_correction_names_every_field_and_changes_nothing(coordinator, anna):
    bad = coordinator.patch(f"/api/v1/requests/{anna}", json={"phone": "abc", "postcode": "0000", "status": "matched"})
    assert bad.status_code == 422
    assert set(bad.get_json()["errors"]) == {"phone", "postcode", "status"}
    unreachable = coordinator.patch(f"/api/v1/requests/{anna}", json={"email": None, "phone": None})
    assert unreachable.status_code == 422 and "email" in unreachable.get_json()["errors"]
    assert coordinator.get(f"/api/v1/requests/{anna}").get_json()["phone"] == "06 1234 5678"


def test_a_volunteer_is_corrected_with_the_volunteer_rules(coordinator, client):
    bram = client.post("/api/v1/organizations/noord/volunteers", json=volunteer_body()).get_json()["id"]
    assert coordinator.patch(f"/api/v1/volunteers/{bram}", json={"last_name": "de Wit"}).get_json()["changed"] == ["last_name"]
    assert coordinator.patch(f"/api/v1/volunteers/{bram}", json={"capacity": 9}).status_code == 422
    assert "email" in coordinator.patch(f"/api/v1/volunteers/{bram}", json={"email": None}).get_json()["errors"]
    assert coordinator.patch(f"/api/v1/volunteers/{bram}", json={"capacity": 2}).get_json()["rescored"] is True


def test_notes_and_steps_make_a_timeline_newest_first(coordinator, client, anna):
    bram = client.post("/api/v1/organizations/noord/volunteers", json=volunteer_body()).get_json()["id"]
    coordinator.post(f"/api/v1/volunteers/{bram}/activate", json={"vog_checked": True})
    for kind in ("intake", "kennismaking", "call", "note"):
        assert coordinator.post(f"/api/v1/requests/{anna}/notes", json={"kind": kind, "text": f"{kind} met Anna"}).status_code == 201
    match = coordinator.post("/api/v1/matches", json={"request_id": anna, "offer": {"type": "volunteer", "id": bram}})
    coordinator.post(f"/api/v1/matches/{match.get_json()['id']}/confirm", json={})
    timeline = coordinator.get(f"/api/v1/requests/{anna}/timeline").get_json()
    whats = [item["what"] for item in timeline["items"]]
    assert whats[-1] == "submitted" and {"proposed", "confirmed", "note", "message"} <= set(whats)
    moments = [item["at"] for item in timeline["items"]]
    assert moments == sorted(moments, reverse=True)
    assert [i["kind"] for i in timeline["items"] if i["what"] == "note"] == ["note", "call", "kennismaking", "intake"]
    volunteer_side = coordinator.get(f"/api/v1/volunteers/{bram}/timeline").get_json()["items"]
    assert {"applied", "proposed", "confirmed"} <= {item["what"] for item in volunteer_side}
    assert coordinator.get(f"/api/v1/requests/{anna}/timeline?per_page=2").get_json()["items"] == timeline["items"][:2]
    assert coordinator.get(f"/api/v1/requests/{anna}/timeline?per_page=500").status_code == 422


def test_a_person_is_assigned_unassigned_and_found_by_assigned(coordinator, bus, org, anna):
    me = coordinator.get("/api/v1/coordinators").get_json()["items"]
    assert [person["email"] for person in me] == ["coord@noord.example"]
    given = coordinator.post(f"/api/v1/requests/{anna}/assign", json={"coordinator_id": me[0]["id"]})
    assert given.status_code == 200 and given.get_json() == {"id": anna, "assigned_to": me[0]["id"]}
    from matching.services.queries import waiting_list

    assert [r["id"] for r in waiting_list.rows(bus, org["id"], None, me[0]["id"], assigned="me")] == [anna]
    assert waiting_list.rows(bus, org["id"], None, me[0]["id"], assigned="none") == []
    assert coordinator.post(f"/api/v1/requests/{anna}/assign", json={"coordinator_id": None}).get_json()["assigned_to"] is None
    assert [r["id"] for r in waiting_list.rows(bus, org["id"], None, me[0]["id"], assigned="none")] == [anna]
    wrong = coordinator.post(f"/api/v1/requests/{anna}/assign", json={"coordinator_id": "0" * 8 + "-0000-0000-0000-" + "0" * 12})
    assert wrong.status_code == 422 and "coordinator_id" in wrong.get_json()["errors"]
    assert coordinator.post(f"/api/v1/requests/{anna}/assign", json={}).status_code == 422


def test_a_request_entered_for_someone_keeps_the_channel_on_the_consent(coordinator):
    made = coordinator.post("/api/v1/requests", json=request_body(email=None, phone="06 1111 2222", channel="phone")
                            | {"email": "jan@example.org"})
    assert made.status_code == 201 and made.get_json()["status"] == "waiting" and made.get_json()["manage_token"]
    export = coordinator.get(f"/api/v1/requests/self/export", headers={
        "Authorization": f"Bearer {made.get_json()['manage_token']}"}).get_json()
    assert [consent["given_via"] for consent in export["consents"]] == ["phone"]
    missing = coordinator.post("/api/v1/requests", json=request_body())
    assert missing.status_code == 422 and "channel" in missing.get_json()["errors"]
    wrong = coordinator.post("/api/v1/requests", json=request_body(channel="form"))
    assert wrong.status_code == 422 and "channel" in wrong.get_json()["errors"]


def test_the_shared_phone_case_two_people_stay_two(coordinator, client):
    """Two different people sharing one phone number (a family phone) stay two records, each with her own
    private link that shows only her own data; the second is flagged for the coordinator, not merged."""
    sanne = client.post("/api/v1/organizations/noord/requests", json=request_body(
        first_name="Sanne", email="sanne@example.org", phone="06 1234 5678")).get_json()
    fleur = client.post("/api/v1/organizations/noord/requests", json=request_body(
        first_name="Fleur", email="fleur@example.org", phone="0612345678", postcode="1012")).get_json()
    assert sanne["id"] != fleur["id"]
    own = client.get("/api/v1/requests/self", headers={"Authorization": f"Bearer {sanne['manage_token']}"}).get_json()
    assert (own["first_name"], own["email"], own["postcode"]) == ("Sanne", "sanne@example.org", "3511")
    flags = coordinator.get("/api/v1/duplicates").get_json()["items"]
    assert [(f["likeness"], f["person"]["first_name"], f["other"]["first_name"]) for f in flags] == [
        ("phone", "Sanne", "Fleur")]
    assert coordinator.post(f"/api/v1/duplicates/{flags[0]['id']}", json={"resolution": "apart"}).get_json() == {
        "resolution": "apart"}
    assert coordinator.get("/api/v1/duplicates").get_json()["items"] == []
    assert coordinator.post(f"/api/v1/duplicates/{flags[0]['id']}", json={"resolution": "merge"}).status_code == 409


def test_a_merge_keeps_the_older_record_with_the_newer_ones_notes(coordinator, client):
    first = client.post("/api/v1/organizations/noord/requests", json=request_body()).get_json()["id"]
    second = client.post("/api/v1/organizations/noord/requests", json=request_body(phone="0612345678")).get_json()["id"]
    coordinator.post(f"/api/v1/requests/{second}/notes", json={"kind": "intake", "text": "Tweede aanmelding"})
    [flag] = coordinator.get("/api/v1/duplicates").get_json()["items"]
    assert flag["likeness"] == "email" and flag["person"]["id"] == first
    assert coordinator.post(f"/api/v1/duplicates/{flag['id']}", json={"resolution": "merge"}).status_code == 200
    kept = coordinator.get(f"/api/v1/requests/{first}").get_json()
    assert kept["phone"] == "0612345678"
    notes = [i["text"] for i in coordinator.get(f"/api/v1/requests/{first}/timeline").get_json()["items"] if i["what"] == "note"]
    assert notes == ["Tweede aanmelding"]
    assert coordinator.get(f"/api/v1/requests/{second}/timeline").status_code == 404  # erased


def test_another_organisation_gets_404_and_a_visitor_401(zuid, client, coordinator, anna):
    for method, url, body in (("PATCH", f"/api/v1/requests/{anna}", {"phone": "0611111111"}),
                              ("POST", f"/api/v1/requests/{anna}/assign", {"coordinator_id": None}),
                              ("GET", f"/api/v1/requests/{anna}/timeline", None)):
        assert zuid.open(url, method=method, json=body).status_code == 404
    assert coordinator.delete("/api/v1/session", json={}).status_code in (200, 204)
    assert client.patch(f"/api/v1/requests/{anna}", json={"phone": "0611111111"}).status_code == 401
