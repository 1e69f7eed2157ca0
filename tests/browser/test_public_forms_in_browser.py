"""A person fills in the forms in Chromium, on a phone and by keyboard only; axe finds no WCAG 2.1 AA issue."""
import re
import time

import pytest

from tests.browser.conftest import axe_violations, tab_to
from tests.conftest import eventually
from tests.factories import volunteer_body
from tests.browser.workspace_nav import go_to, open_menu

pytestmark = [pytest.mark.browser, pytest.mark.e2e]


def test_a_seeker_signs_up_by_keyboard_on_a_phone_and_the_coordinator_sees_suggestions(live_server, phone, coordinator):
    volunteer = coordinator.post("/api/v1/organizations/noord/volunteers", json=volunteer_body()).get_json()
    coordinator.post(f"/api/v1/volunteers/{volunteer['id']}/activate", json={"vog_checked": True})

    phone.goto(f"{live_server}/noord/maatje")
    tab_to(phone, "#first_name")
    phone.keyboard.type("Sanne")
    tab_to(phone, "#email")
    phone.keyboard.type("sanne@example.org")
    tab_to(phone, "#postcode")
    phone.keyboard.type("3512 AB")
    for selector in ("#interests-wandelen", "#interests-film", "#availability-tue_afternoon", "#consent"):
        tab_to(phone, selector)
        phone.keyboard.press("Space")
    tab_to(phone, "button[type=submit]")
    phone.keyboard.press("Enter")
    phone.wait_for_url(re.compile(r"/noord/bedankt$"))
    assert phone.get_by_role("heading", level=1).inner_text() == "Bedankt, Sanne!"
    assert phone.get_by_role("heading", name="Wat gebeurt er nu?").is_visible()

    def suggestions():
        waiting = coordinator.get("/api/v1/requests?status=waiting").get_json()["items"]
        if not waiting:
            return None
        data = coordinator.get(f"/api/v1/requests/{waiting[0]['id']}/candidates").get_json()
        return data["items"] if not data["pending"] else None
    assert eventually(suggestions)[0]["offer"]["id"] == volunteer["id"]


def test_errors_are_announced_and_fixed_by_keyboard(live_server, phone, org):
    phone.goto(f"{live_server}/noord/maatje")
    tab_to(phone, "button[type=submit]")
    phone.keyboard.press("Enter")
    summary = phone.locator("#fouten")
    summary.wait_for()
    assert phone.evaluate("document.activeElement.id") == "fouten"  # focus moved to the summary
    assert "Vul je voornaam in." in summary.inner_text()
    assert phone.title().startswith("Fout: ")
    tab_to(phone, "#fouten a[href='#first_name']")
    phone.keyboard.press("Enter")
    assert phone.evaluate("document.activeElement.id") == "first_name"
    phone.keyboard.type("Sanne")
    tab_to(phone, "#fouten a[href='#interests']")
    phone.keyboard.press("Enter")
    assert phone.evaluate("document.activeElement.name") == "interests"
    assert phone.locator("#first_name").get_attribute("aria-invalid") == "true"


def test_a_placement_seeker_and_a_volunteer_sign_up_by_keyboard(live_server, phone, org):
    phone.goto(f"{live_server}/noord/werkervaringsplaats")
    for selector, keys in (("#first_name", "Ali"), ("#phone", "06 12345678"), ("#postcode", "3511")):
        tab_to(phone, selector)
        phone.keyboard.type(keys)
    tab_to(phone, "#work_areas-horeca")  # the kind of work, not leisure
    phone.keyboard.press("Space")
    tab_to(phone, "#hours_per_week")
    phone.keyboard.type("8")
    assert phone.locator("#hours_per_week").input_value() == "8"
    for selector in ("#availability-mon_morning", "#consent"):
        tab_to(phone, selector)
        phone.keyboard.press("Space")
    tab_to(phone, "button[type=submit]")
    phone.keyboard.press("Enter")
    phone.wait_for_url(re.compile(r"/noord/bedankt$"))
    assert "werkervaringsplaats" in phone.locator("main").inner_text()

    phone.goto(f"{live_server}/noord/vrijwilliger")
    for selector, keys in (("#first_name", "Fenna"), ("#last_name", "Bakker"), ("#email", "fenna@example.org"),
                           ("#postcode", "3581")):
        tab_to(phone, selector)
        phone.keyboard.type(keys)
    for selector in ("#interests-koken", "#availability-sat_afternoon", "#consent"):
        tab_to(phone, selector)
        phone.keyboard.press("Space")
    tab_to(phone, "button[type=submit]")
    phone.keyboard.press("Enter")
    phone.wait_for_url(re.compile(r"/noord/bedankt$"))
    assert phone.get_by_role("heading", level=1).inner_text() == "Bedankt, Fenna!"


def test_a_volunteer_signs_up_by_tapping(live_server, phone, org):
    phone.goto(f"{live_server}/noord/vrijwilliger")
    phone.get_by_label("Voornaam").fill("Bram")
    phone.get_by_label("Achternaam").fill("de Vries")
    phone.get_by_label("E-mailadres").fill("bram@example.org")
    phone.get_by_label("Postcode").fill("3512")
    phone.get_by_label("Wandelen", exact=True).tap()
    phone.get_by_label("dinsdagmiddag").tap()
    phone.get_by_label("Ja, dat is goed").tap()
    phone.get_by_role("button", name="Meld me aan als vrijwilliger").tap()
    phone.wait_for_url(re.compile(r"/noord/bedankt$"))
    assert "kennismakingsgesprek" in phone.locator("main").inner_text()


def test_every_public_page_has_no_wcag_21_aa_violations(live_server, phone, org):
    pages = {}
    for path in ("/noord/maatje", "/noord/werkervaringsplaats", "/noord/vrijwilliger"):
        phone.goto(live_server + path)
        pages[path] = axe_violations(phone)
        phone.get_by_role("button").last.click()  # submit empty: the error state
        pages[path + " (errors)"] = axe_violations(phone)
    phone.goto(f"{live_server}/noord/maatje")
    phone.get_by_label("1. Wat is je voornaam?").fill("Sanne")
    phone.get_by_label("E-mailadres").fill("sanne@example.org")
    phone.get_by_label("3. Wat is je postcode?").fill("3512")
    phone.get_by_label("Wandelen", exact=True).check()
    phone.get_by_label("dinsdagmiddag").check()
    phone.get_by_label("Ja, dat is goed").check()
    phone.get_by_role("button", name="Verstuur mijn aanmelding").click()
    pages["thanks"] = axe_violations(phone)
    phone.locator(".own-link a").click()
    pages["private link"] = axe_violations(phone)
    phone.get_by_role("button", name="Stop en verwijder alles").click()
    pages["private link (errors)"] = axe_violations(phone)
    phone.get_by_label("Ja, verwijder al mijn gegevens").check()
    phone.get_by_role("button", name="Stop en verwijder alles").click()
    assert phone.get_by_role("heading", level=1).inner_text() == "Je gegevens zijn verwijderd"
    pages["erased"] = axe_violations(phone)
    phone.goto(f"{live_server}/nergens/maatje")
    pages["not found"] = axe_violations(phone)
    phone.goto(f"{live_server}/noord/werkervaringsplaats?lang=en")
    pages["english"] = axe_violations(phone)
    assert {name: found for name, found in pages.items() if found} == {}


def test_the_accessibility_check_does_find_problems(live_server, phone, org):
    """Guard against a check that cannot fail: an unlabeled field and low contrast are reported."""
    phone.goto(f"{live_server}/noord/maatje")
    phone.evaluate("""() => {
        const input = document.createElement('input'); document.querySelector('main').appendChild(input);
        const p = document.createElement('p'); p.textContent = 'grijs op wit'; p.style.color = '#ddd';
        document.querySelector('main').appendChild(p); }""")
    assert {v["id"] for v in axe_violations(phone)} >= {"label", "color-contrast"}


def _log_in(page, org) -> None:
    page.get_by_label("E-mailadres").fill(org["email"])
    page.get_by_label("Wachtwoord").fill(org["password"])
    page.get_by_role("button", name="Inloggen").click()


def test_a_coordinators_day_in_the_browser(live_server, browser, org, bus):
    """Log in, open the waiting list, open a request, propose the top candidate, confirm, see both
    messages, end the match with a reason, download the CSV; axe checks every workspace page."""
    from matching.domain import commands as c
    from tests.factories import request_body
    from web.schemas import RequestIn, VolunteerIn

    volunteer = bus.handle(c.ApplyAsVolunteer("noord", VolunteerIn().load(volunteer_body())))
    bus.handle(c.ActivateVolunteer(org["id"], volunteer["id"], True))
    bus.handle(c.SubmitRequest("noord", RequestIn().load(request_body())))
    context = browser.new_context(viewport={"width": 1280, "height": 900}, locale="nl-NL", accept_downloads=True)
    page = context.new_page()
    found = {}
    page.goto(f"{live_server}/werkplek/")
    _log_in(page, org)
    page.get_by_role("heading", name="Wachtlijst").wait_for()
    found["dashboard"] = axe_violations(page)
    page.get_by_role("link", name="Anna").click()
    eventually(lambda: page.reload() or page.get_by_role("button", name=re.compile("^Stel .* voor$")).count(), timeout=10)
    found["request"] = axe_violations(page)
    page.get_by_role("button", name=re.compile("^Stel .* voor$")).first.click()
    page.get_by_role("button", name="Bevestig").click()
    page.get_by_text("Bevestigd.").wait_for()
    found["matches"] = axe_violations(page)
    go_to(page, "Berichten")
    eventually(lambda: page.reload() or page.get_by_role("heading", name=re.compile("^Kennismaken met")).count() == 2)
    found["messages"] = axe_violations(page)
    go_to(page, "Koppelingen")
    page.get_by_role("link", name="Beëindig…").click()  # a designed ending, confirmed on a page of its own
    page.get_by_label("Doel bereikt").check()
    page.get_by_label("Wie nam het initiatief?").select_option("both")
    page.get_by_role("button", name="Ja, beëindig de koppeling").click()
    page.get_by_text("De koppeling is beëindigd.").wait_for()
    go_to(page, "Vrijwilligers")
    found["volunteers"] = axe_violations(page)
    go_to(page, "Cijfers")
    found["figures"] = axe_violations(page)
    with page.expect_download() as download:
        page.get_by_role("link", name="Download de cijfers van dit kwartaal (CSV)").click()
    assert download.value.suggested_filename.endswith(".csv")
    context.close()
    assert {name: v for name, v in found.items() if v} == {}


def test_a_coordinator_imports_a_spreadsheet_in_the_browser(live_server, browser, org, tmp_path):
    """Upload a file, fix one column's mapping, watch the progress, read the report; axe on each step."""
    from pathlib import Path

    sheet = tmp_path / "vrijwilligers.csv"
    data = (Path(__file__).resolve().parents[1] / "data" / "vrijwilligers_rommelig.csv").read_bytes()
    sheet.write_bytes(data.replace(b"Hobby's", b"Wat ik leuk vind"))
    context = browser.new_context(viewport={"width": 1280, "height": 900}, locale="nl-NL")
    page = context.new_page()
    found = {}
    page.goto(f"{live_server}/login")
    page.get_by_label("E-mailadres").fill(org["email"])
    page.get_by_label("Wachtwoord").fill(org["password"])
    page.get_by_role("button", name="Inloggen").click()
    go_to(page, "Importeren")
    found["upload"] = axe_violations(page)
    page.get_by_label("Vrijwilligers").check()
    page.get_by_label("Bestand").set_input_files(str(sheet))
    page.get_by_role("button", name="Lees het bestand").click()
    page.get_by_text("Koppel heeft 6 regels gevonden").wait_for()
    found["mapping"] = axe_violations(page)
    column = page.get_by_label("Wat ik leuk vind wordt")
    assert column.input_value() == ""  # not recognised: the coordinator fixes it
    column.select_option("interests")
    page.get_by_role("button", name="Importeer 6 regels").click()
    page.get_by_text("Klaar: 6 regels verwerkt.").wait_for(timeout=20_000)
    found["report"] = axe_violations(page)
    report = page.locator("table").inner_text()
    assert "postcode onbekend" in report and "vrijwilliger is gestopt" in report
    context.close()
    assert {name: v for name, v in found.items() if v} == {}


def test_a_coordinator_turns_on_two_factor_login_on_a_phone(live_server, phone, org):
    """Mijn account: scan (here: read) the key, type a wrong then a right code; log out; log in with
    the code. axe checks the account page, its error state and the code step."""
    from matching.adapters import totp

    found = {}
    phone.goto(f"{live_server}/login")
    _log_in(phone, org)
    go_to(phone, "Mijn account")
    phone.get_by_role("heading", name="Mijn account").wait_for()
    found["account"] = axe_violations(phone)
    secret = phone.locator("code.secret").inner_text()
    phone.get_by_label("Code (6 cijfers)").fill("000000")
    phone.get_by_role("button", name="Aanzetten").click()
    phone.get_by_text("Deze code klopt niet").first.wait_for()
    found["account (errors)"] = axe_violations(phone)
    phone.get_by_label("Code (6 cijfers)").fill(totp.current_code(secret))
    phone.get_by_role("button", name="Aanzetten").click()
    phone.get_by_text("Inloggen in twee stappen staat aan.").wait_for()
    open_menu(phone).get_by_role("button", name="Uitloggen", exact=True).click()
    _log_in(phone, org)
    phone.get_by_role("heading", name="Inloggen: de code uit je app").wait_for()
    found["code step"] = axe_violations(phone)
    phone.get_by_label("Code (6 cijfers)").fill(totp.current_code(secret, time.time() + 30))
    phone.get_by_role("button", name="Inloggen").click()
    phone.get_by_role("heading", name="Wachtlijst").wait_for()
    assert {name: v for name, v in found.items() if v} == {}
