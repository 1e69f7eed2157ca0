"""A POH-GGZ refers someone on her phone; the coordinator sees the referral (on "Te bellen" and on the
request's page, with "Bij partners zou het wel passen"); after the coordinator's call note the
referrer's link shows "In contact". axe finds no WCAG 2.1 AA issue on the new pages. Screenshots of
the referral form, the referrer's page and the network page (390x844 and 1366x768) go to
$KOPPEL_SCREENSHOTS when set."""
import os
import re
from pathlib import Path

import pytest

from matching.domain import commands as c
from tests.browser.conftest import axe_violations
from tests.conftest import eventually
from tests.factories import volunteer_body
from web.schemas import VolunteerIn
from tests.browser.workspace_nav import go_to

pytestmark = [pytest.mark.browser, pytest.mark.e2e]
SIZES = {"phone": (390, 844), "desktop": (1366, 768)}
PERSONAL = ("Fenna", "0611122233", "3511")


def _shots(tmp_path) -> Path:
    folder = Path(os.environ.get("KOPPEL_SCREENSHOTS") or tmp_path)
    folder.mkdir(parents=True, exist_ok=True)
    return folder


def _shoot(page, folder: Path, name: str) -> None:
    for size, (width, height) in SIZES.items():
        page.set_viewport_size({"width": width, "height": height})
        page.screenshot(path=str(folder / f"{name}-{size}.png"), full_page=True)
    page.set_viewport_size({"width": 390, "height": 844})


def _partner(bus) -> None:
    """Maatjes Oost, in one network with noord, with a volunteer who would fit Fenna."""
    oost = bus.handle(c.CreateOrganization("oost", "Maatjes Oost"))
    bus.handle(c.CreateNetwork("utrecht", "Zelfregienetwerk Utrecht", ("noord", "oost")))
    v = bus.handle(c.ApplyAsVolunteer("oost", VolunteerIn().load(volunteer_body(
        email="v@oost.example", availability=["mon_morning"], interests=["wandelen"]))))["id"]
    bus.handle(c.ActivateVolunteer(oost, v, True))


def test_a_poh_ggz_refers_someone_and_follows_the_status(live_server, browser, phone, org, bus, tmp_path):
    shots, found = _shots(tmp_path), {}
    _partner(bus)

    # the POH-GGZ, on her phone, between two appointments
    phone.goto(f"{live_server}/noord/verwijzen")
    found["referral form"] = axe_violations(phone)
    _shoot(phone, shots, "verwijzen")
    phone.get_by_label("Uw naam").fill("Petra de Wit")
    phone.get_by_label("Uw organisatie").fill("Huisartsenpraktijk Lindenhof")
    phone.get_by_label("POH-GGZ", exact=True).tap()
    phone.get_by_label("Uw telefoonnummer").fill("030 765 43 21")
    phone.get_by_label("Een maatje").tap()
    phone.get_by_label("Voornaam").fill("Fenna")
    phone.get_by_label("Telefoonnummer van de persoon").fill("06 1112 2233")
    phone.get_by_label("Postcode van de persoon").fill("3511 AB")
    phone.get_by_label("Wandelen", exact=True).tap()
    phone.get_by_label("maandagochtend").tap()
    phone.get_by_role("button", name="Verstuur de aanmelding").tap()
    phone.get_by_text("Verwijs alleen als de persoon het goed vindt").first.wait_for()  # the statement is required
    found["referral form with an error"] = axe_violations(phone)
    phone.get_by_label("Ja, de persoon heeft hiermee ingestemd").tap()
    phone.get_by_label("Ja, de persoon vindt het goed dat ik de stand zie").tap()
    phone.get_by_role("button", name="Verstuur de aanmelding").tap()
    phone.wait_for_url(re.compile(r"/noord/verwijzen/bedankt$"))
    found["referral thanks"] = axe_violations(phone)
    link = phone.locator(".own-link a").get_attribute("href")
    phone.goto(f"{live_server}{link}")
    assert "Ontvangen" in phone.locator("main").inner_text()
    found["referrer page"] = axe_violations(phone)

    # the coordinator sees the referral: Fenna has no email, so she is on "Te bellen"
    office = browser.new_context(viewport={"width": 390, "height": 844}, is_mobile=True, has_touch=True, locale="nl-NL")
    page = office.new_page()
    page.goto(f"{live_server}/werkplek/")
    page.get_by_label("E-mailadres").fill(org["email"])
    page.get_by_label("Wachtwoord").fill(org["password"])
    page.get_by_role("button", name="Inloggen").click()
    page.get_by_role("heading", name="Wachtlijst").wait_for()
    page.get_by_role("link", name="Fenna").first.click()
    page.get_by_text("Verwezen door").wait_for()
    assert "Petra de Wit, POH-GGZ bij Huisartsenpraktijk Lindenhof" in page.locator("main").inner_text()
    eventually(lambda: page.reload() or page.get_by_role("heading", name="Bij partners zou het wel passen").count())
    assert "Maatjes Oost: 1 vrijwilliger of plaats" in page.locator("main").inner_text()
    found["request page with partners"] = axe_violations(page)
    page.get_by_role("link", name="Overdragen aan een partner").click()
    found["transfer form"] = axe_violations(page)
    go_to(page, "Te bellen")
    page.get_by_role("heading", name="Je aanmelding bij Vriendendienst Noord").wait_for()
    page.get_by_role("button", name="Gebeld").first.click()
    page.get_by_text("Niemand om te bellen.").wait_for()

    # the referrer's link now says "In contact", and never anything personal
    phone.reload()
    body = phone.locator("body").inner_text()
    assert "Nu: In contact" in body
    assert not any(trace in phone.content() for trace in PERSONAL)
    _shoot(phone, shots, "verwijzing-stand")

    go_to(page, "Netwerk")
    page.get_by_role("heading", name="Cijfers van de regio").wait_for()
    found["network page"] = axe_violations(page)
    _shoot(page, shots, "netwerk")
    office.close()
    assert {name: v for name, v in found.items() if v} == {}
