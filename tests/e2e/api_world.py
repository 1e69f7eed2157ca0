"""One of everything an API call could change, and a way to see whether anything changed: shared by
the tests that try every API route (CSRF, bad input)."""
from __future__ import annotations

import re

import pytest
from sqlalchemy import select

from matching.adapters.orm import metadata
from tests.factories import activity_body, placement_body, request_body, volunteer_body


@pytest.fixture
def world(coordinator, client):
    """One of everything an API call could change: a waiting request, an active volunteer, a
    placement and a proposed match, all of the coordinator's organisation."""
    volunteer = client.post("/api/v1/organizations/noord/volunteers", json=volunteer_body()).get_json()["id"]
    assert coordinator.post(f"/api/v1/volunteers/{volunteer}/activate", json={"vog_checked": True}).status_code == 200
    other = client.post("/api/v1/organizations/noord/volunteers",
                        json=volunteer_body(email="c@example.org", first_name="Cas")).get_json()["id"]
    request = client.post("/api/v1/organizations/noord/requests", json=request_body()).get_json()
    placement = coordinator.post("/api/v1/placements", json=placement_body()).get_json()["id"]
    match = coordinator.post("/api/v1/matches", json={"request_id": request["id"],
                                                      "offer": {"type": "volunteer", "id": volunteer}})
    assert match.status_code == 201
    activity = coordinator.post("/api/v1/activities", json=activity_body()).get_json()["id"]
    client.post("/api/v1/organizations/noord/requests", json=request_body())  # the same email: a possible duplicate
    duplicate = coordinator.get("/api/v1/duplicates").get_json()["items"][0]["id"]
    return {"activity_id": activity, "duplicate_id": duplicate, "org": "noord", "match_id": match.get_json()["id"],
            "volunteer_id": other,
            "placement_id": placement, "request_id": request["id"], "manage_token": request["manage_token"],
            "token": request["manage_token"]}


def url_for_rule(rule: str, world: dict) -> str:
    """Fill a rule's <converter:name> parts with real ids; a new parameter name must be added to `world`."""
    def value(part):
        name = part.group(1).split(":")[-1]
        assert name in world, f"add an id for <{name}> to the world fixture"
        return world[name]
    return re.sub(r"<([^>]+)>", value, rule)


def snapshot(session_factory) -> dict:
    """Every row of every table: any state change at all shows up as a difference. (Only the outbox's
    published_at is left out: the relay sets it in the background for events of the set-up.)"""
    with session_factory() as session:
        return {table.name: sorted(map(repr, session.execute(select(*[c for c in table.c if c.name != "published_at"])).all()))
                for table in metadata.sorted_tables}
