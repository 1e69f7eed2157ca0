"""Cross-site request forgery on the API (SECURITY.md): every state-changing API route, found in the
app's own url_map so a new route is covered the day it is added, is posted as a forged cross-site
form would post it, with the coordinator's session cookie. Nothing may change, and the answer is a
JSON 4xx. Legitimate clients (JSON, same origin; a private link's Bearer token) keep working."""
from __future__ import annotations

import pytest

from tests.e2e.api_world import snapshot, url_for_rule, world  # noqa: F401 (world is a fixture)

pytestmark = pytest.mark.e2e
STATE_CHANGING = {"POST", "PUT", "PATCH", "DELETE"}
EVIL = "https://evil.example"
FORGED_FIELDS = {"vog_checked": "true", "reason": "geen klik", "email": "coord@noord.example"}


def api_routes(app) -> list[tuple[str, str]]:
    """(method, rule) of every state-changing route under /api/."""
    return sorted((method, rule.rule) for rule in app.url_map.iter_rules() if rule.rule.startswith("/api/")
                  for method in rule.methods & STATE_CHANGING)


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
