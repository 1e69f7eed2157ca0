"""The person record in the workspace: a request's and a volunteer's page with notes, timeline, consent
and assignment; correcting details with the sign-up form's checks; "Mijn mensen"; possible duplicates;
entering a request for someone who phoned."""
import pytest

from tests.e2e.test_public_forms import post
from tests.factories import request_body, volunteer_body

pytestmark = pytest.mark.e2e


@pytest.fixture
def logged_in(client, org):
    assert post(client, "/login", {"email": org["email"], "password": org["password"]}).status_code == 303
    return client


@pytest.fixture
def sanne(client) -> str:
    return client.post("/api/v1/organizations/noord/requests", json=request_body(
        first_name="Sanne", phone="06 1234 5678")).get_json()["id"]


def test_a_request_page_holds_the_whole_record(logged_in, sanne):
    page = logged_in.get(f"/werkplek/aanvragen/{sanne}").get_data(as_text=True)
    for part in ("Sanne zoekt een maatje", "Wie helpt Sanne?", "Notitie schrijven", "Tijdlijn", "Aangemeld",
                 "Toestemming", "Via de API (een ander systeem)", "Koppelingen", 'href="tel:0612345678"', "Gegevens wijzigen"):
        assert part in page, part


def test_a_coordinator_corrects_a_phone_number_writes_a_note_and_assigns(logged_in, sanne):
    url = f"/werkplek/mensen/aanvragen/{sanne}/gegevens"
    form = logged_in.get(url).get_data(as_text=True)
    assert 'value="06 1234 5678"' in form and 'value="3511"' in form
    fields = {"first_name": "Sanne", "email": "anna@example.org", "phone": "06 8765 4321", "postcode": "3511",
              "interests": ["wandelen", "koffie"], "availability": ["tue_afternoon", "thu_evening"]}
    saved = post(logged_in, url, fields)
    assert saved.status_code == 303 and saved.headers["Location"].endswith(f"/werkplek/aanvragen/{sanne}")
    page = logged_in.get(f"/werkplek/aanvragen/{sanne}").get_data(as_text=True)
    assert "Opgeslagen: telefoonnummer." in page and "06 8765 4321" in page
    wrong = post(logged_in, url, fields | {"phone": "bel me", "postcode": "0000"})
    assert wrong.status_code == 422
    text = wrong.get_data(as_text=True)
    assert "Dit telefoonnummer klopt niet" in text and "Deze postcode kennen we niet" in text
    noted = post(logged_in, f"/werkplek/mensen/aanvragen/{sanne}/notitie", {"kind": "intake", "text": "Wandelt graag"},
                 form_page=f"/werkplek/aanvragen/{sanne}")
    assert noted.status_code == 303
    me = logged_in.get("/api/v1/coordinators").get_json()["items"][0]["id"]
    assigned = post(logged_in, f"/werkplek/mensen/aanvragen/{sanne}/toewijzen", {"coordinator_id": me},
                    form_page=f"/werkplek/aanvragen/{sanne}")
    assert assigned.status_code == 303
    page = logged_in.get(f"/werkplek/aanvragen/{sanne}").get_data(as_text=True)
    assert "Wandelt graag" in page and page.index("Intake") < page.index("Aangemeld")
    assert "bij coord@noord.example" in page
    mine = logged_in.get("/werkplek/mijn-mensen").get_data(as_text=True)
    assert "Sanne" in mine and "coord@noord.example" in mine
    assert "Sanne" not in logged_in.get("/werkplek/mijn-mensen?wie=none").get_data(as_text=True)
    assert logged_in.get("/werkplek/mijn-mensen?wie=iemand").status_code == 404


def test_a_volunteer_has_a_page_linked_from_the_list(logged_in, client):
    bram = client.post("/api/v1/organizations/noord/volunteers", json=volunteer_body()).get_json()["id"]
    assert f'href="/werkplek/vrijwilligers/{bram}"' in logged_in.get("/werkplek/vrijwilligers").get_data(as_text=True)
    page = logged_in.get(f"/werkplek/vrijwilligers/{bram}").get_data(as_text=True)
    assert "Bram de Vries, vrijwilliger" in page and "Aangemeld als vrijwilliger" in page and "Activeer" in page
    saved = post(logged_in, f"/werkplek/mensen/vrijwilligers/{bram}/gegevens", {
        "first_name": "Bram", "last_name": "de Wit", "email": "bram@example.org", "phone": "0612345678",
        "postcode": "3512", "interests": ["wandelen", "film"], "availability": ["tue_afternoon"], "capacity": "2",
        "max_distance_km": "10"})
    assert saved.status_code == 303
    assert "Bram de Wit" in logged_in.get(f"/werkplek/vrijwilligers/{bram}").get_data(as_text=True)
    assert logged_in.get("/werkplek/mensen/onzin/x/gegevens").status_code == 404


def test_a_request_entered_for_someone_on_the_phone(logged_in):
    form = {"channel": "phone", "kind": "maatje", "first_name": "Jan", "phone": "06 1111 2222", "postcode": "3511",
            "interests": ["koffie"], "availability": ["mon_morning"], "consent": "ja"}
    missing = post(logged_in, "/werkplek/aanmelden-voor", {k: v for k, v in form.items() if k != "channel"})
    assert missing.status_code == 422 and "Kies hoe je deze aanmelding kreeg" in missing.get_data(as_text=True)
    made = post(logged_in, "/werkplek/aanmelden-voor", form)
    assert made.status_code == 303
    page = logged_in.get(made.headers["Location"]).get_data(as_text=True)
    assert "Jan zoekt een maatje" in page and "Aan de telefoon" in page and "bij coord@noord.example" in page


def test_a_possible_duplicate_is_shown_and_kept_apart(logged_in, client, sanne):
    client.post("/api/v1/organizations/noord/requests", json=request_body(
        first_name="Fleur", email="fleur@example.org", phone="0612345678"))
    assert "Mogelijk dubbel: Sanne lijkt op iemand anders" in logged_in.get(f"/werkplek/aanvragen/{sanne}").get_data(as_text=True)
    page = logged_in.get("/werkplek/dubbel").get_data(as_text=True)
    assert "Sanne" in page and "Fleur" in page and "zelfde telefoonnummer, andere naam" in page
    flag = logged_in.get("/api/v1/duplicates").get_json()["items"][0]["id"]
    kept = post(logged_in, f"/werkplek/dubbel/{flag}", {"resolution": "apart"}, form_page="/werkplek/dubbel")
    assert kept.status_code == 303 and "Niets te beslissen" in logged_in.get("/werkplek/dubbel").get_data(as_text=True)
