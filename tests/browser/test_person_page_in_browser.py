"""A coordinator opens Sanne's page, corrects her phone number, writes an intake note and takes her on
("Mijn mensen"); axe finds no WCAG 2.1 AA issue on the person page at 390x844 and 1366x768. Screenshots
of the person page at both sizes go to $KOPPEL_SCREENSHOTS when set."""
import os
from pathlib import Path

import pytest

from tests.browser.conftest import axe_violations
from tests.factories import request_body, volunteer_body
from tests.browser.workspace_nav import go_to

pytestmark = [pytest.mark.browser, pytest.mark.e2e]
SIZES = {"phone": (390, 844), "desktop": (1366, 768)}


def _shots(tmp_path) -> Path:
    folder = Path(os.environ.get("KOPPEL_SCREENSHOTS") or tmp_path)
    folder.mkdir(parents=True, exist_ok=True)
    return folder


def test_a_coordinator_corrects_notes_and_takes_on_a_person(live_server, browser, org, coordinator, tmp_path):
    shots = _shots(tmp_path)
    sanne = coordinator.post("/api/v1/organizations/noord/requests", json=request_body(
        first_name="Sanne", email="sanne@example.org", phone="06 1234 5678",
        about="Houdt van wandelen in het park.")).get_json()["id"]
    bram = coordinator.post("/api/v1/organizations/noord/volunteers", json=volunteer_body()).get_json()["id"]
    coordinator.post(f"/api/v1/volunteers/{bram}/activate", json={"vog_checked": True})
    coordinator.post(f"/api/v1/requests/{sanne}/notes", json={"kind": "call", "text": "Teruggebeld, niet opgenomen."})

    context = browser.new_context(viewport={"width": 1366, "height": 768}, locale="nl-NL")
    page = context.new_page()
    page.goto(f"{live_server}/login")
    page.get_by_label("E-mailadres").fill(org["email"])
    page.get_by_label("Wachtwoord").fill(org["password"])
    page.get_by_role("button", name="Inloggen").click()
    page.get_by_role("heading", name="Wachtlijst").wait_for()
    page.get_by_role("link", name="Sanne").click()
    page.get_by_role("heading", name="Sanne zoekt een maatje").wait_for()

    # her phone number was mistyped: correct it, with the sign-up form's checks
    page.get_by_role("link", name="Gegevens wijzigen").click()
    page.get_by_label("Telefoonnummer").fill("06 12")
    page.get_by_role("button", name="Bewaar").click()
    page.get_by_text("Dit telefoonnummer klopt niet").first.wait_for()
    assert axe_violations(page) == []
    page.get_by_label("Telefoonnummer").fill("06 8765 4321")
    page.get_by_role("button", name="Bewaar").click()
    page.get_by_text("Opgeslagen: telefoonnummer.").wait_for()
    assert page.get_by_role("link", name="06 8765 4321").is_visible()

    # an intake note lands on top of her timeline
    page.get_by_label("Soort").select_option("intake")
    page.get_by_label("Wat wil je onthouden?").fill("Intake gedaan. Wil graag op dinsdag wandelen.")
    page.get_by_role("button", name="Bewaar notitie").click()
    page.get_by_text("De notitie staat in de tijdlijn.").wait_for()
    first = page.locator(".timeline li").first
    assert "Intake" in first.inner_text() and "dinsdag wandelen" in first.inner_text()

    # she is mine now
    page.get_by_label("Coördinator").select_option(label=f"{org['email']} (ik)")
    page.get_by_role("button", name="Wijs toe").click()
    page.get_by_text("Toegewezen.").wait_for()
    assert f"bij {org['email']}" in page.locator(".status-line").inner_text()
    for name, (width, height) in SIZES.items():
        page.set_viewport_size({"width": width, "height": height})
        assert axe_violations(page) == [], name
        assert page.evaluate("document.documentElement.scrollWidth") <= width, name  # nothing wider than the screen
        page.screenshot(path=str(shots / f"person-page-{name}.png"), full_page=True)
    go_to(page, "Mijn mensen")
    assert page.get_by_role("link", name="Sanne").is_visible()
    assert axe_violations(page) == []

    page.goto(f"{live_server}/werkplek/vrijwilligers/{bram}")
    page.get_by_role("heading", name="Bram de Vries, vrijwilliger").wait_for()
    assert axe_violations(page) == []
    page.screenshot(path=str(shots / "volunteer-page-desktop.png"), full_page=True)
    page.goto(f"{live_server}/werkplek/aanmelden-voor")
    assert axe_violations(page) == []
    context.close()
