"""Bad input gets a clear JSON error naming the field: never a 500, nothing stored lost."""
import pytest

from tests.factories import request_body, volunteer_body

pytestmark = pytest.mark.e2e
URL = "/api/v1/organizations/noord/requests"


@pytest.mark.parametrize("change, field", [
    ({"kind": "oppas"}, "kind"),
    ({"first_name": ""}, "first_name"),
    ({"postcode": "0000"}, "postcode"),
    ({"postcode": "12345"}, "postcode"),
    ({"postcode": "abcd ef"}, "postcode"),
    ({"interests": []}, "interests"),
    ({"interests": ["paardrijden-op-de-maan"]}, "interests"),
    ({"availability": ["someday"]}, "availability"),
    ({"consent": False}, "consent"),
    ({"email": "not-an-email"}, "email"),
    ({"email": None, "phone": "12"}, "phone"),
    ({"birth_year": 1800}, "birth_year"),
    ({"gender": "robot"}, "gender"),
    ({"languages": ["xx"]}, "languages"),
    ({"about": "x" * 1001}, "about"),
    ({"preferences": {"max_distance_km": 0}}, "preferences.max_distance_km"),
    ({"preferences": {"volunteer_gender": "alien"}}, "preferences.volunteer_gender"),
    ({"diagnosis": "anything"}, "diagnosis"),
])
def test_every_invalid_request_field_is_named(client, org, change, field):
    response = client.post(URL, json=request_body(**change))
    assert response.status_code == 422
    assert field in response.get_json()["errors"]


def test_email_or_phone_is_required(client, org):
    body = request_body()
    del body["email"]
    response = client.post(URL, json=body)
    assert response.status_code == 422 and "email" in response.get_json()["errors"]
    assert client.post(URL, json=body | {"phone": "06 1234 5678"}).status_code == 201


def test_all_invalid_fields_are_named_at_once(client, org):
    errors = client.post(URL, json={"kind": "x", "consent": False}).get_json()["errors"]
    assert {"kind", "first_name", "postcode", "interests", "availability", "consent", "email"} <= set(errors)


@pytest.mark.parametrize("data", ["{not json", "[1, 2]", "null", '"text"'])
def test_malformed_bodies_are_400_or_422_never_500(client, org, data):
    response = client.post(URL, data=data, content_type="application/json")
    assert response.status_code in (400, 422)
    assert "errors" in response.get_json()


def test_an_unknown_organisation_is_404(client, org):
    assert client.post("/api/v1/organizations/nope/requests", json=request_body()).status_code == 404


def test_volunteer_fields_are_checked(client, org):
    response = client.post("/api/v1/organizations/noord/volunteers",
                           json=volunteer_body(capacity=9, last_name="", email=None))
    errors = response.get_json()["errors"]
    assert response.status_code == 422 and {"capacity", "last_name", "email"} <= set(errors)


def test_coordinator_endpoints_need_a_login(client, org):
    for method, url in [("get", "/api/v1/requests"), ("get", "/api/v1/volunteers"), ("get", "/api/v1/stats"),
                        ("post", "/api/v1/matches"), ("get", "/api/v1/messages")]:
        assert getattr(client, method)(url, json={} if method == "post" else None).status_code == 401


def test_a_wrong_password_is_401_without_saying_which_part(client, org):
    for body in ({"email": org["email"], "password": "wrong"}, {"email": "nobody@example.org", "password": "x"}):
        response = client.post("/api/v1/session", json=body)
        assert response.status_code == 401
        assert response.get_json() == {"errors": {"_schema": ["Wrong email or password."]}}


def test_logout_ends_the_session(coordinator):
    assert coordinator.get("/api/v1/requests").status_code == 200
    assert coordinator.delete("/api/v1/session", json={}).status_code == 204
    assert coordinator.get("/api/v1/requests").status_code == 401


def test_the_openapi_document_is_served(client):
    spec = client.get("/api/v1/openapi.json").get_json()
    assert "/api/v1/organizations/{org}/requests" in spec["paths"]
    assert "/api/v1/requests/{request_id}/candidates" in spec["paths"]


def test_vocabulary_in_dutch_and_english(client):
    dutch = client.get("/api/v1/vocabulary").get_json()
    english = client.get("/api/v1/vocabulary", headers={"Accept-Language": "en"}).get_json()
    assert len(dutch["availability"]) == 21 and len(dutch["interests"]) >= 20
    assert {"key": "tue_afternoon", "label": "dinsdagmiddag"} in dutch["availability"]
    assert {"key": "tue_afternoon", "label": "Tuesday afternoon"} in english["availability"]
    for key in "nl en ar tr pl fr de es".split():
        assert key in {item["key"] for item in dutch["languages"]}


def test_healthz_names_each_part(client):
    response = client.get("/healthz")
    assert response.status_code == 200 and response.get_json() == {"database": "ok", "broker": "ok"}


def test_characters_no_database_can_store_are_refused_by_name(client, org):
    """Found by schemathesis on PostgreSQL: a NUL or a lone surrogate gave a 500."""
    response = client.post(URL, json=request_body(first_name="An\x00na"))
    assert response.status_code == 422 and "first_name" in response.get_json()["errors"]
    response = client.post("/api/v1/session", json={"email": "\udb2a\udf35@", "password": "x"})
    assert response.status_code == 422 and "email" in response.get_json()["errors"]
    assert client.get("/api/v1/requests/%00").status_code in (400, 401)
    assert client.post("/api/v1/organizations/a%00b/requests", json={}).status_code == 400
