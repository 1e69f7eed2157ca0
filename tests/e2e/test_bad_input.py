"""Never a 5xx for bad input (README, CONTRACT section 5): deep, huge and odd bodies, queries and
addresses sent to every route of the API and of the public pages (found in the app's url_map, so a
new route is fuzzed the day it is added), and the named cases that once were 500s."""
from __future__ import annotations

import json
import os
from urllib.parse import quote

import pytest
from hypothesis import HealthCheck, example, given, settings as hypothesis_settings, strategies as st

from tests.e2e.api_world import url_for_rule, world  # noqa: F401 (world is a fixture)
from tests.e2e.test_public_forms import post

pytestmark = pytest.mark.e2e
# `make fuzz` raises this (KOPPEL_FUZZ_EXAMPLES); `make test` keeps it quick
PER_ROUTE = max(4, int(os.environ.get("KOPPEL_FUZZ_EXAMPLES", "40")) // 5)
PUBLIC_PAGES = ("public.", "own.", "login.")
FIELDS = ["kind", "first_name", "last_name", "email", "phone", "postcode", "interests", "availability", "consent",
          "birth_year", "gender", "languages", "about", "preferences", "max_distance_km", "volunteer_gender",
          "capacity", "kinds", "motivation", "title", "description", "hours_per_week", "vog_checked", "reason",
          "request_id", "offer", "type", "id", "password", "code", "doorgaan", "website", "csrf_token"]
QUERY = ["status", "limit", "next", "klaar", "page", "per_page", "q", "kind", "sort", "min_days", "assigned", "health",
         "gezondheid", "terug"]
ODD_TEXT = ["", " ", "\x00", "a\x00b", "\r\n", "\ud800", "é" * 3, "9" * 5000, "-" + "9" * 5000, "1e999999", "NaN",
            "x" * 100_000, "/\\evil.example", "//evil.example", "../../etc/passwd", "<script>", "' OR 1=1 --"]

texts = st.one_of(st.sampled_from(ODD_TEXT), st.text(max_size=40))
query_texts = texts.filter(lambda t: "\ud800" not in t)  # the test client must encode them (lone surrogates
# reach the API as JSON escapes instead)
scalars = st.one_of(st.none(), st.booleans(), st.integers(), st.integers(min_value=10**80, max_value=10**99),
                    st.floats(allow_nan=False, allow_infinity=False), texts)
values = st.recursive(scalars, lambda inner: st.lists(inner, max_size=4)
                      | st.dictionaries(st.sampled_from(FIELDS) | st.text(max_size=8), inner, max_size=5),
                      max_leaves=12)


DEEP = "[" * 5000 + "]" * 5000
HUGE = '{"capacity": ' + "9" * 5000 + "}"


@st.composite
def deep(draw) -> str:
    depth = draw(st.sampled_from([33, 200, 1200, 5000]) | st.integers(20, 3000))
    opening, closing = draw(st.sampled_from([("[", "]"), ('{"offer": ', "}"), ('[{"a": ', "}]")]))
    return opening * depth + draw(st.sampled_from(["1", "null", '"x"'])) + closing * depth


@st.composite
def huge_number(draw) -> str:
    digits = "9" * draw(st.sampled_from([101, 4301, 6000]) | st.integers(90, 6000))
    number = draw(st.sampled_from([digits, "-" + digits, digits + ".5", "1e" + digits[:7], "0." + digits]))
    return json.dumps({draw(st.sampled_from(FIELDS)): "#"}).replace('"#"', number)


JSON_BODIES = st.one_of(
    deep(), huge_number(),
    values.map(json.dumps),
    st.dictionaries(st.sampled_from(FIELDS), values, min_size=1).map(json.dumps),
    st.sampled_from(['{"capacity": NaN}', '{"birth_year": Infinity}', '[-Infinity]', '{"a": 1', "", "null",
                     '{"first_name": "\\u0000"}', '{"first_name": "\\ud800"}', '{"\\u0000": 1}']),
    st.integers(900_000, 1_100_000).map(lambda n: json.dumps({"about": "x" * n})),
)
BODIES = st.one_of(
    st.tuples(JSON_BODIES.map(str.encode), st.sampled_from(["application/json", "application/json; charset=utf-8"])),
    st.tuples(st.binary(max_size=200), st.sampled_from(["application/json", "application/x-www-form-urlencoded",
                                                        "text/plain", "multipart/form-data; boundary=x"])),
)
FORMS = st.one_of(
    st.dictionaries(st.sampled_from(FIELDS), query_texts | st.lists(query_texts, max_size=3)),
    st.binary(max_size=200),  # sent as a form-encoded body: invalid UTF-8 included
)
API_EXAMPLES = [(DEEP.encode(), "application/json"), (HUGE.encode(), "application/json"),
                (b'{"capacity": NaN, "about": "\xff"}', "application/json")]
FORM_EXAMPLES = [{name: "9" * 5000 for name in FIELDS}, b"first_name=%ff%fe&capacity=" + b"9" * 5000]


def routes(app) -> list[tuple[str, str]]:
    """(method, rule) of every route of the API and the public pages, the private link and the login."""
    return sorted((method, rule.rule) for rule in app.url_map.iter_rules()
                  if rule.rule.startswith("/api/") or rule.endpoint.startswith(PUBLIC_PAGES)
                  for method in rule.methods - {"HEAD", "OPTIONS"})


def addresses(rule: str, ids: dict) -> st.SearchStrategy[str]:
    """The route with real ids, or with odd text in every part of the address."""
    odd = query_texts.map(lambda junk: quote(junk, safe="") or "x")
    return st.just(url_for_rule(rule, ids)) | odd.map(lambda junk: url_for_rule(rule, dict.fromkeys(ids, junk)))


@pytest.fixture
def fuzzed(app, coordinator, world, org):
    """The app with form CSRF off, so bad form input reaches the views (CSRF has its own tests)."""
    app.config["WTF_CSRF_ENABLED"] = False
    return app, coordinator, world, org


def _send(client, method: str, url: str, query: dict, payload) -> int:
    if isinstance(payload, tuple):  # an API body and its content type
        return client.open(url, method=method, query_string=query, data=payload[0], content_type=payload[1]).status_code
    if isinstance(payload, bytes):
        return client.open(url, method=method, query_string=query, data=payload,
                           content_type="application/x-www-form-urlencoded").status_code
    return client.open(url, method=method, query_string=query, data=payload).status_code


def test_no_route_answers_bad_input_with_a_5xx(fuzzed):
    app, client, ids, org = fuzzed
    failures, calls = [], 0
    for method, rule in routes(app):
        api = rule.startswith("/api/")

        @hypothesis_settings(max_examples=PER_ROUTE, deadline=None, database=None,
                             suppress_health_check=list(HealthCheck))
        @given(url=addresses(rule, ids), query=st.dictionaries(st.sampled_from(QUERY), query_texts, max_size=3),
               payload=BODIES if api else FORMS)
        def call(url, query, payload):
            nonlocal calls
            calls += 1
            status = _send(client, method, url, query, payload)
            assert status < 500, status
            if client.get("/api/v1/requests").status_code == 401:  # a logout was fuzzed: log in again
                client.post("/api/v1/session", json={"email": org["email"], "password": org["password"]})

        for payload in API_EXAMPLES if api else FORM_EXAMPLES:
            call = example(url=url_for_rule(rule, ids), query={}, payload=payload)(call)
        try:
            call()
        except Exception as error:  # every route's failure, then all of them together
            failures.append(f"{method} {rule}: {error!r}"[:400])
    print(f"bad input: {calls} calls on {len(routes(app))} routes")
    assert failures == []


@pytest.mark.parametrize("body, message", [(DEEP, "nested deeper than 32"), (HUGE, "longer than 100"),
                                           ('{"capacity": 1e999}', "too large"), ('{"capacity": NaN}', "not a JSON")])
@pytest.mark.parametrize("method, url", [("post", "/api/v1/session"), ("post", "/api/v1/organizations/noord/requests"),
                                         ("post", "/api/v1/organizations/noord/volunteers"),
                                         ("patch", "/api/v1/placements/{placement_id}")])
def test_deep_nesting_and_huge_numbers_are_a_400_that_says_why(coordinator, world, method, url, body, message):
    response = coordinator.open(url.format(**world), method=method.upper(), data=body, content_type="application/json")
    assert response.status_code == 400
    assert message in response.get_json()["errors"]["_schema"][0]


def test_nesting_up_to_the_limit_is_read_and_checked_field_by_field(coordinator, world):
    nested = '{"title": ' + "[" * 31 + "]" * 31 + "}"
    response = coordinator.patch(f"/api/v1/placements/{world['placement_id']}", data=nested,
                                 content_type="application/json")
    assert response.status_code == 422 and "title" in response.get_json()["errors"]


def test_a_body_over_a_megabyte_is_a_413(client, org):
    response = client.post("/api/v1/organizations/noord/requests", json={"about": "x" * 1_100_000})
    assert response.status_code == 413 and "errors" in response.get_json()


def test_a_body_that_is_not_utf8_is_a_400(client, org):
    response = client.post("/api/v1/organizations/noord/requests", data=b'{"first_name": "\xff"}',
                           content_type="application/json")
    assert response.status_code == 400 and "UTF-8" in response.get_json()["errors"]["_schema"][0]


@pytest.mark.parametrize("target", ["/werkplek/\r\nSet-Cookie: x=y", "/werkplek/\nx", "/werkplek/\rx",
                                    "/\\evil.example", "/\t/evil.example", "//evil.example", "https://evil.example",
                                    "/werkplek/\x7f", " /werkplek/", "/werkplek/\u2028"])
def test_login_next_with_line_breaks_or_another_site_goes_to_the_dashboard(client, org, target):
    """After a right password the session has started: a bad next= must not turn that into a 500."""
    response = post(client, "/login?next=" + quote(target, safe=""), {"email": org["email"], "password": org["password"]},
                    "/login")
    assert response.status_code == 303 and response.headers["Location"] == "/werkplek/"
    assert client.get("/werkplek/").status_code == 200


def test_login_next_keeps_a_plain_path_on_this_site(client, org):
    response = post(client, "/login?next=/werkplek/koppelingen%3Fstatus%3Dactive",
                    {"email": org["email"], "password": org["password"]}, "/login")
    assert response.headers["Location"] == "/werkplek/koppelingen?status=active"
