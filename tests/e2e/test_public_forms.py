"""The public forms as a person fills them in: Dutch errors next to fields, input kept, nothing lost."""
import re

import pytest
from sqlalchemy import func, select

from matching.adapters import orm

pytestmark = pytest.mark.e2e

SEEKER = {"first_name": "Anna", "email": "anna@example.org", "postcode": "3511 AB", "interests": ["wandelen", "koffie"],
          "availability": ["tue_afternoon", "thu_evening"], "consent": "ja"}
WORK_SEEKER = SEEKER | {"work_areas": ["horeca"], "hours_per_week": "12", "goals": "Weer wennen aan werk"}
FORM_OF = {"maatje": SEEKER, "werkervaringsplaats": WORK_SEEKER}
VOLUNTEER = {"first_name": "Bram", "last_name": "de Vries", "email": "bram@example.org", "postcode": "3512",
             "interests": ["wandelen"], "availability": ["tue_afternoon"], "kinds": ["maatje"], "consent": "ja"}


def csrf(client, url):
    page = client.get(url).get_data(as_text=True)
    return re.search(r'name="csrf_token" value="([^"]+)"', page).group(1)


def post(client, url, data, form_page=None):
    """Submit as a browser would: the CSRF token comes from the page that shows the form."""
    return client.post(url, data=dict(data, csrf_token=csrf(client, form_page or url)))


def count(session_factory, table):
    with session_factory() as session:
        return session.scalar(select(func.count()).select_from(table))


@pytest.mark.parametrize("kind", ["maatje", "werkervaringsplaats"])
def test_a_seeker_signs_up_and_gets_a_private_link(client, org, session_factory, kind):
    response = post(client, f"/noord/{kind}", FORM_OF[kind])
    assert response.status_code == 303 and response.headers["Location"].endswith("/noord/bedankt")
    page = client.get("/noord/bedankt").get_data(as_text=True)
    assert "Bedankt, Anna!" in page and "Wat gebeurt er nu?" in page
    link = re.search(r'href="(/mijn/[^"]+)"', page).group(1)
    assert "Anna" in client.get(link).get_data(as_text=True)
    with session_factory() as session:
        row = session.execute(select(orm.requests)).one()._mapping
    assert (row["kind"], row["postcode"], row["status"]) == (kind, "3511", "waiting")


def test_the_seeker_form_asks_at_most_eight_questions_and_no_diagnosis(client, org):
    page = client.get("/noord/maatje").get_data(as_text=True)
    questions = re.findall(r"<(?:label|legend|summary)[^>]*>\s*(\d)\. ", page)
    assert questions == [str(n) for n in range(1, 9)]
    for forbidden in ("diagnose\"", "name=\"bsn", "geboortedatum", "name=\"diagnosis"):
        assert forbidden not in page.lower()


@pytest.mark.parametrize("change, field, message", [
    ({"first_name": ""}, "first_name", "Vul je voornaam in."),
    ({"email": "", "phone": ""}, "email", "Vul je e-mailadres of je telefoonnummer in."),
    ({"email": "anna-at-example"}, "email", "Dit e-mailadres klopt niet."),
    ({"phone": "12"}, "phone", "Dit telefoonnummer klopt niet."),
    ({"postcode": ""}, "postcode", "Vul je postcode in"),
    ({"postcode": "0000 AA"}, "postcode", "Deze postcode kennen we niet."),
    ({"interests": []}, "interests", "Kies minstens één ding"),
    ({"availability": []}, "availability", "Kies minstens één moment"),
    ({"consent": ""}, "consent", "Geef toestemming."),
    ({"about": "x" * 1001}, "about", "maximaal 1000 tekens"),
    ({"max_distance_km": "900"}, "max_distance_km", "Kies een van de mogelijkheden."),
    ({"volunteer_gender": "alien"}, "volunteer_gender", "Kies een van de mogelijkheden."),
])
def test_every_invalid_field_is_named_in_dutch_and_the_rest_is_kept(client, org, session_factory, change, field, message):
    response = post(client, "/noord/maatje", SEEKER | change)
    page = response.get_data(as_text=True)
    assert response.status_code == 422
    assert f'id="{field}-error"' in page and message in page
    assert "<title>Fout: " in page and 'role="alert"' in page
    if field != "first_name":
        assert 'value="Anna"' in page  # what was typed is still there
    if field not in ("interests", "availability"):
        assert 'value="wandelen" checked' in page
    assert count(session_factory, orm.requests) == 0


def test_the_honeypot_pretends_and_stores_nothing(client, org, session_factory):
    response = post(client, "/noord/maatje", SEEKER | {"website": "http://spam.example"})
    assert response.status_code == 303
    assert "Bedankt" in client.get("/noord/bedankt").get_data(as_text=True)
    assert count(session_factory, orm.requests) == 0 and count(session_factory, orm.outbox) == 0


def test_a_post_without_csrf_token_is_refused(client, org, session_factory):
    response = client.post("/noord/maatje", data=SEEKER)
    assert response.status_code == 400 and "Probeer het nog een keer" in response.get_data(as_text=True)
    response = client.post("/noord/maatje", data=SEEKER | {"csrf_token": "forged"})
    assert response.status_code == 400
    assert count(session_factory, orm.requests) == 0


def test_a_volunteer_signs_up_and_starts_as_applied(client, org, session_factory):
    response = post(client, "/noord/vrijwilliger", VOLUNTEER)
    assert response.status_code == 303
    assert "kennismakingsgesprek" in client.get("/noord/bedankt").get_data(as_text=True)
    with session_factory() as session:
        row = session.execute(select(orm.volunteers)).one()._mapping
    assert row["status"] == "applied" and row["last_name"] == "de Vries"


@pytest.mark.parametrize("change, field", [({"last_name": ""}, "last_name"), ({"email": ""}, "email"),
                                           ({"capacity": "9"}, "capacity"), ({"kinds": ["astronaut"]}, "kinds")])
def test_volunteer_errors_are_named(client, org, change, field):
    response = post(client, "/noord/vrijwilliger", VOLUNTEER | change)
    assert response.status_code == 422 and f'id="{field}-error"' in response.get_data(as_text=True)


def test_an_unknown_organisation_is_a_friendly_404(client, org):
    response = client.get("/nergens/maatje")
    assert response.status_code == 404 and "Deze pagina bestaat niet" in response.get_data(as_text=True)


def test_security_headers(client, org):
    headers = client.get("/noord/maatje").headers
    assert "default-src 'self'" in headers["Content-Security-Policy"]
    assert "frame-ancestors 'none'" in headers["Content-Security-Policy"]
    assert headers["X-Content-Type-Options"] == "nosniff" and headers["Referrer-Policy"] == "no-referrer"


def test_public_posts_are_rate_limited_per_ip(settings, bus, org, session_factory):
    from web import create_app

    client = create_app(settings.with_(public_rate_limit="2/minute"), bus=bus).test_client()
    assert post(client, "/noord/maatje", SEEKER).status_code == 303
    assert post(client, "/noord/maatje", SEEKER | {"email": "b@example.org"}).status_code == 303
    limited = post(client, "/noord/maatje", SEEKER | {"email": "c@example.org"})
    page = limited.get_data(as_text=True)
    assert limited.status_code == 429 and "Wacht een paar minuten" in page and 'value="c@example.org"' in page
    api = client.post("/api/v1/organizations/noord/requests", json={})
    assert api.status_code == 429 and "errors" in api.get_json()
    assert 1 <= int(api.headers["Retry-After"]) <= 61 and "X-RateLimit-Remaining" not in api.headers
    assert post(client, "/noord/vrijwilliger", VOLUNTEER).status_code == 429  # one budget for every public post
    assert count(session_factory, orm.requests) == 2 and count(session_factory, orm.volunteers) == 0
    elsewhere = client.application.test_client()
    elsewhere.environ_base["REMOTE_ADDR"] = "192.0.2.7"  # per IP: someone else can still sign up
    assert post(elsewhere, "/noord/maatje", SEEKER | {"email": "d@example.org"}).status_code == 303


def test_english_on_request_with_translated_vocabulary_and_errors(client, org):
    page = client.get("/noord/maatje?lang=en").get_data(as_text=True)
    assert '<html lang="en">' in page and "1. What is your first name?" in page and ">Walking<" in page
    assert 'aria-label="Tuesday afternoon"' in page
    again = client.get("/noord/vrijwilliger").get_data(as_text=True)  # remembered for the session
    assert "Become a volunteer" in again
    failed = post(client, "/noord/maatje", SEEKER | {"first_name": ""}).get_data(as_text=True)
    assert "Enter your first name." in failed
    back = client.get("/noord/maatje?lang=nl").get_data(as_text=True)
    assert '<html lang="nl">' in back and "1. Wat is je voornaam?" in back and ">Wandelen<" in back
