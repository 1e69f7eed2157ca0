"""Cross-site request forgery on the API (SECURITY.md): every state-changing API route, found in the
app's own url_map so a new route is covered the day it is added, is posted as a forged cross-site
form would post it, with the coordinator's session cookie. Nothing may change, and the answer is a
JSON 4xx. Legitimate clients (JSON, same origin; a private link's Bearer token) keep working."""
from __future__ import annotations

import re

import pytest
from sqlalchemy import select

from matching.adapters.orm import metadata
from tests.factories import placement_body, request_body, volunteer_body

pytestmark = pytest.mark.e2e
STATE_CHANGING = {"POST", "PUT", "PATCH", "DELETE"}
EVIL = "https://evil.example"
FORGED_FIELDS = {"vog_checked": "true", "reason": "geen klik", "email": "coord@noord.example"}


def api_routes(app) -> list[tuple[str, str]]:
    """(method, rule) of every state-changing route under /api/."""
    return sorted((method, rule.rule) for rule in app.url_map.iter_rules() if rule.rule.startswith("/api/")
                  for method in rule.methods & STATE_CHANGING)


@pytest.fixture
def world(coordinator, client):
    """One of everything a forged call could change: a waiting request, an active volunteer, a
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
    return {"org": "noord", "match_id": match.get_json()["id"], "volunteer_id": other,
            "placement_id": placement, "request_id": request["id"], "manage_token": request["manage_token"]}


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


FORGERIES = {
    "form-encoded": dict(data=FORGED_FIELDS),
    "text/plain": dict(data='{"vog_checked": true, "reason": "x", "ignore": "="}', content_type="text/plain"),
    "multipart": dict(data=FORGED_FIELDS, content_type="multipart/form-data"),
    "no body": dict(),
}


def logged_in(app, org):
    """A fresh browser with the coordinator's session cookie: each forged call gets its own victim."""
    browser = app.test_client()
    assert browser.post("/api/v1/session", json={"email": org["email"], "password": org["password"]}).status_code == 200
    return browser


@pytest.mark.parametrize("forgery", FORGERIES)
def test_no_state_changing_api_route_takes_a_cross_site_form(app, org, world, session_factory, forgery):
    routes = api_routes(app)
    assert ("POST", "/api/v1/matches/<string:match_id>/confirm") in routes and len(routes) >= 10
    problems = []
    for method, rule in routes:
        victim, url = logged_in(app, org), url_for_rule(rule, world)
        before = snapshot(session_factory)
        response = victim.open(url, method=method, headers={"Origin": EVIL}, **FORGERIES[forgery])
        if not 400 <= response.status_code < 500 or "errors" not in (response.get_json(silent=True) or {}):
            problems.append(f"{method} {url}: answered {response.status_code}")
        if snapshot(session_factory) != before or victim.get("/api/v1/requests").status_code != 200:
            problems.append(f"{method} {url}: changed something")
    assert problems == []


@pytest.mark.parametrize("forgery", ["form-encoded", "text/plain", "no body"])
def test_without_an_origin_header_a_non_json_call_is_still_refused_with_415(app, coordinator, world,
                                                                            session_factory, forgery):
    before = snapshot(session_factory)
    for method, rule in api_routes(app):
        response = coordinator.open(url_for_rule(rule, world), method=method, **FORGERIES[forgery])
        assert response.status_code == 415, (method, rule, response.status_code)
        assert "application/json" in response.get_json()["errors"]["_schema"][0]
    assert snapshot(session_factory) == before


@pytest.mark.parametrize("headers", [{"Origin": EVIL}, {"Origin": "null"}, {"Referer": EVIL + "/page"},
                                     {"Sec-Fetch-Site": "cross-site"}, {"Sec-Fetch-Site": "same-site"},
                                     {"Origin": "http://localhost.evil.example"}])
def test_json_from_another_site_is_refused_with_403(app, coordinator, world, session_factory, headers):
    before = snapshot(session_factory)
    for method, rule in api_routes(app):
        response = coordinator.open(url_for_rule(rule, world), method=method, json={}, headers=headers)
        assert response.status_code == 403, (method, rule, response.status_code)
    assert snapshot(session_factory) == before


def test_the_same_site_and_plain_clients_keep_working(coordinator, world):
    match = world["match_id"]
    assert coordinator.post(f"/api/v1/matches/{match}/confirm", json={},
                            headers={"Origin": "http://localhost", "Sec-Fetch-Site": "same-origin"}).status_code == 200
    volunteer = world["volunteer_id"]
    assert coordinator.post(f"/api/v1/volunteers/{volunteer}/activate", json={"vog_checked": True},
                            headers={"Referer": "http://localhost/werkplek/"}).status_code == 200
    assert coordinator.post(f"/api/v1/volunteers/{volunteer}/pause", content_type="application/json").status_code == 200


def test_the_public_url_counts_as_this_site_behind_a_proxy(settings, bus, org):
    from web import create_app

    app = create_app(settings.with_(public_url="https://koppel.example"), bus=bus)
    app.config["TESTING"] = True
    response = app.test_client().post("/api/v1/session", json={"email": org["email"], "password": org["password"]},
                                      headers={"Origin": "https://koppel.example"})
    assert response.status_code == 200


def test_a_private_link_is_withdrawn_with_its_bearer_token_and_no_body(client, world):
    """Not forgeable: a browser never adds an Authorization header by itself, so no JSON is needed."""
    auth = {"Authorization": f"Bearer {world['manage_token']}"}
    assert client.get("/api/v1/requests/self", headers=auth).status_code == 200
    assert client.delete("/api/v1/requests/self", headers=auth).status_code == 204
    assert client.get("/api/v1/requests/self", headers=auth).status_code == 404


def test_a_bearer_call_with_a_body_still_takes_only_json(client, world):
    auth = {"Authorization": f"Bearer {world['manage_token']}"}
    assert client.delete("/api/v1/requests/self", headers=auth, data="x=y").status_code == 415
    assert client.get("/api/v1/requests/self", headers=auth).status_code == 200
