"""Referrals by professionals (CONTRACT section 11): the person is signed up as anyone, the referrer's
link shows a status and never anything personal of either side."""
from __future__ import annotations

import pytest

from matching.domain import commands as c
from tests.factories import request_body

pytestmark = pytest.mark.e2e

PERSON = request_body(first_name="Fenna", email="fenna.persoon@example.org", phone="0611122233",
                      postcode="3511 AB")
PERSON.pop("consent")
REFERRER = {"name": "Petra Poh", "organization": "Huisartsenpraktijk Lint", "role": "poh-ggz",
            "email": "petra.poh@praktijk.example", "phone": "0301234567"}
PERSONAL = ("Fenna", "fenna.persoon", "0611122233", "3511", "Petra", "petra.poh", "0301234567", "Lint")


def _refer(client, share: bool = True, **overrides):
    body = {"referrer": REFERRER, "person": PERSON, "person_consent": True, "share_status": share} | overrides
    return client.post("/api/v1/organizations/noord/referrals", json=body)


def _status(client, token: str):
    return client.get("/api/v1/referrals/self", headers={"Authorization": f"Bearer {token}"})


def _assert_nothing_personal(body: str) -> None:
    for trace in PERSONAL:
        assert trace not in body, trace


def test_a_referral_with_share_status_shows_a_status_and_nothing_personal(client, coordinator, org):
    created = _refer(client)
    assert created.status_code == 201, created.get_json()
    out = created.get_json()
    assert out["status"] == "waiting" and out["referrer_token"] and "manage_token" not in out
    bodies = []
    first = _status(client, out["referrer_token"])
    assert first.status_code == 200 and first.get_json() == {"status": "received"}
    bodies += [first.get_data(as_text=True), client.get(f"/verwijzing/{out['referrer_token']}").get_data(as_text=True)]
    # the coordinator sees the referral as a request, and the person got the usual confirmation
    assert coordinator.get(f"/api/v1/requests/{out['id']}").get_json()["first_name"] == "Fenna"
    assert any(m["subject"].startswith("Je aanmelding") for m in coordinator.get("/api/v1/messages").get_json()["items"])
    assert coordinator.post(f"/api/v1/requests/{out['id']}/notes", json={"kind": "call", "text": "Fenna gebeld"}).status_code == 201
    second = _status(client, out["referrer_token"])
    assert second.get_json() == {"status": "in_contact"}
    page = client.get(f"/verwijzing/{out['referrer_token']}")
    assert page.status_code == 200 and "In contact" in page.get_data(as_text=True)
    bodies += [second.get_data(as_text=True), page.get_data(as_text=True)]
    for body in bodies:
        _assert_nothing_personal(body)


def test_without_share_status_the_referrer_link_is_404(client, org):
    out = _refer(client, share=False).get_json()
    assert _status(client, out["referrer_token"]).status_code == 404
    assert client.get(f"/verwijzing/{out['referrer_token']}").status_code == 404
    assert _status(client, "not-a-token").status_code == 404
    assert client.get("/api/v1/referrals/self").status_code == 404


def test_the_person_must_have_agreed(client, org):
    refused = _refer(client, person_consent=False)
    assert refused.status_code == 422 and "person_consent" in refused.get_json()["errors"]
    bad = _refer(client, referrer={**REFERRER, "role": "dokter"}, person={**PERSON, "postcode": "0000"})
    errors = bad.get_json()["errors"]
    assert bad.status_code == 422 and {"referrer.role", "person.postcode"} <= set(errors)


def test_a_withdrawal_closes_the_link_and_forgets_the_referrer(client, org, session_factory):
    out = _refer(client).get_json()
    token = _refer(client).get_json()  # another referral stays as it was
    from sqlalchemy import select
    from matching.adapters import orm
    with session_factory() as s:
        row = s.execute(select(orm.referrals).where(orm.referrals.c.request_id == out["id"])).one()
    assert row.referrer_name == "Petra Poh"
    # the person withdraws through their own link (sent to them, never to the referrer: set here directly)
    from matching.domain.base import new_token
    plain, hashed = new_token()
    with session_factory() as s:
        s.execute(orm.requests.update().where(orm.requests.c.id == out["id"]).values(manage_token_hash=hashed))
        s.commit()
    assert client.delete("/api/v1/requests/self", headers={"Authorization": f"Bearer {plain}"}).status_code == 204
    closed = _status(client, out["referrer_token"])
    assert closed.get_json() == {"status": "closed"}
    with session_factory() as s:
        row = s.execute(select(orm.referrals).where(orm.referrals.c.request_id == out["id"])).one()
    assert (row.referrer_name, row.referrer_email, row.referrer_phone) == (None, None, None)
    assert row.referrer_role == "poh-ggz"  # kept for the regional figures
    assert _status(client, token["referrer_token"]).get_json() == {"status": "received"}


def test_a_phone_only_person_is_on_the_call_list(client, coordinator, org):
    person = {k: v for k, v in PERSON.items() if k != "email"}
    out = _refer(client, person=person).get_json()
    calls = coordinator.get("/api/v1/calls").get_json()["items"]
    assert any(task["person"]["id"] == out["id"] for task in calls)


def test_the_referral_form_on_a_phone(client, org, bus):
    page = client.get("/noord/verwijzen")
    assert page.status_code == 200 and "Iemand aanmelden" in page.get_data(as_text=True)
    import re
    token = re.search(r'name="csrf_token" value="([^"]+)"', page.get_data(as_text=True)).group(1)
    form = {"csrf_token": token, "referrer_name": "Petra Poh", "referrer_organization": "Praktijk Lint",
            "referrer_role": "poh-ggz", "referrer_phone": "0301234567", "kind": "maatje", "first_name": "Fenna",
            "phone": "0611122233", "postcode": "3511 AB", "interests": ["wandelen"], "availability": ["mon_morning"],
            "share_status": "ja"}
    refused = client.post("/noord/verwijzen", data=form)
    assert refused.status_code == 422 and "Vink dat aan" in refused.get_data(as_text=True)
    done = client.post("/noord/verwijzen", data=form | {"person_consent": "ja"})
    assert done.status_code == 303
    thanks = client.get(done.headers["Location"]).get_data(as_text=True)
    link = re.search(r'href="(/verwijzing/[^"]+)"', thanks).group(1)
    status = client.get(link).get_data(as_text=True)
    assert "Ontvangen" in status
    for body in (thanks, status):
        _assert_nothing_personal(body)
