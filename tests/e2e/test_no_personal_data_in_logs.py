"""A full scenario's logs, at DEBUG level, hold no name, email, phone or postcode."""
import logging

import pytest

from tests.conftest import eventually
from tests.e2e.test_public_forms import SEEKER, VOLUNTEER, post

pytestmark = pytest.mark.e2e
PERSONAL = ["Anna", "Bram", "de Vries", "anna@example.org", "bram@example.org", "0612345678", "06 12345678",
            "3511", "3512"]


def test_a_whole_day_logs_nothing_personal(client, coordinator, org, worker, caplog):
    caplog.set_level(logging.DEBUG)
    post(client, "/noord/maatje", SEEKER | {"phone": "06 12345678"})
    post(client, "/noord/vrijwilliger", VOLUNTEER | {"phone": "0612345678"})
    post(client, "/noord/maatje", SEEKER | {"postcode": "0000"})  # a validation error, logged or not
    volunteer = coordinator.get("/api/v1/volunteers").get_json()["items"][0]["id"]
    coordinator.post(f"/api/v1/volunteers/{volunteer}/activate", json={"vog_checked": True})
    request = coordinator.get("/api/v1/requests").get_json()["items"][0]["id"]
    eventually(lambda: coordinator.get(f"/api/v1/requests/{request}/candidates").get_json()["items"])
    match = coordinator.post("/api/v1/matches", json={"request_id": request,
                                                      "offer": {"type": "volunteer", "id": volunteer}}).get_json()
    coordinator.post(f"/api/v1/matches/{match['id']}/confirm", json={})
    eventually(lambda: len(coordinator.get("/api/v1/messages").get_json()["items"]) == 4)
    coordinator.post("/api/v1/session", json={"email": org["email"], "password": "wrong"})
    logged = "\n".join(f"{r.name} {r.getMessage()} {r.exc_text or ''}" for r in caplog.records)
    assert caplog.records, "the scenario logged something"
    assert [word for word in PERSONAL if word in logged] == []
