"""The private link: a person sees, changes, downloads and erases what they gave, without an account."""
import json
import re

import pytest
from sqlalchemy import select

from matching.adapters import orm
from tests.e2e.test_public_forms import SEEKER, VOLUNTEER, post

pytestmark = pytest.mark.e2e


def sign_up(client, url, data):
    post(client, url, data)
    page = client.get("/noord/bedankt").get_data(as_text=True)
    return re.search(r'href="(/mijn/[^"]+)"', page).group(1)


def test_change_availability_download_and_erase(client, org, session_factory):
    link = sign_up(client, "/noord/maatje", SEEKER)
    page = client.get(link).get_data(as_text=True)
    assert "Je staat op de wachtlijst" in page
    assert post(client, f"{link}/beschikbaarheid", {"availability": []}, link).status_code == 422
    assert post(client, f"{link}/beschikbaarheid", {"availability": ["sat_morning"]}, link).status_code == 303
    download = client.get(f"{link}/gegevens.json")
    assert download.headers["Content-Disposition"].startswith("attachment")
    data = json.loads(download.get_data(as_text=True))
    assert data["data"]["availability"] == ["sat_morning"] and data["data"]["email"] == "anna@example.org"
    assert post(client, f"{link}/verwijderen", {}, link).status_code == 422  # must tick the box
    erased = post(client, f"{link}/verwijderen", {"confirm": "ja"}, link)
    assert erased.status_code == 200 and "Je gegevens zijn verwijderd" in erased.get_data(as_text=True)
    assert client.get(link).status_code == 404
    with session_factory() as session:
        row = session.execute(select(orm.requests)).one()._mapping
        messages = session.execute(select(orm.messages)).all()
    assert messages and not any("anna" in f"{m.to_address} {m.subject} {m.body}".lower() for m in messages)
    personal = ("first_name", "email", "phone", "about", "birth_year", "gender", "manage_token_hash")
    assert row["status"] == "withdrawn" and not any(row[name] for name in personal) and row["postcode"] == ""


def test_a_volunteer_pauses_and_erases(client, coordinator, org, session_factory):
    link = sign_up(client, "/noord/vrijwilliger", VOLUNTEER)
    volunteer_id = coordinator.get("/api/v1/volunteers").get_json()["items"][0]["id"]
    coordinator.post(f"/api/v1/volunteers/{volunteer_id}/activate", json={"vog_checked": True})
    assert "Je bent actief" in client.get(link).get_data(as_text=True)
    assert post(client, f"{link}/aantal", {"capacity": "9"}, link).status_code == 422
    assert post(client, f"{link}/aantal", {"capacity": "2"}, link).status_code == 303
    assert coordinator.get("/api/v1/volunteers").get_json()["items"][0]["capacity"] == 2
    assert post(client, f"{link}/pauze", {}, link).status_code == 303
    assert "pauze ingelast" in client.get(link).get_data(as_text=True)
    assert post(client, f"{link}/verwijderen", {"confirm": "ja"}, link).status_code == 200
    with session_factory() as session:
        row = session.execute(select(orm.volunteers)).one()._mapping
        messages = session.execute(select(orm.messages)).all()
    assert messages and not any("bram" in f"{m.to_address} {m.subject} {m.body}".lower() for m in messages)
    assert row["status"] == "stopped" and not any(row[n] for n in ("first_name", "last_name", "email", "phone"))


def test_an_unknown_link_is_404(client, org):
    assert client.get("/mijn/not-a-token").status_code == 404
