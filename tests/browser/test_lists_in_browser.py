"""The coordinator's working day in Chromium (issue 13): a search that ignores accents and capitals, the
person found corrected, noted and assigned on her own page, the compact matches
table (propose, confirm, end with "anders" after confirming, undo), axe-core on every page touched, and
screenshots of the matches table on a laptop (1366 x 768) and a phone (390 x 844)."""
from __future__ import annotations

import os
import re
from pathlib import Path

import pytest

from tests.browser.conftest import axe_violations
from tests.conftest import eventually
from tests.factories import request_body, volunteer_body
from tests.browser.workspace_nav import go_to

pytestmark = pytest.mark.browser

SHOTS = Path(os.environ.get("KOPPEL_SCREENSHOTS", "/tmp/koppel-screenshots"))
PEOPLE = [("Fatma", "Yılmaz"), ("Joost", "van Dijk"), ("Mirjam", "Çelik"), ("Noah", "de Jong"), ("Eline", "Bakker"),
          ("Sem", "Visser"), ("Iris", "Smit"), ("Daan", "Meijer")]


def _seed(bus, org_id: str) -> None:
    """Sanne de Vriës (a volunteer), a waiting Anna, and a table's worth of other matches in every state."""
    from matching.domain import commands as c
    from web.schemas import RequestIn, VolunteerIn

    def volunteer(first, last, n):
        made = bus.handle(c.ApplyAsVolunteer("noord", VolunteerIn().load(volunteer_body(
            first_name=first, last_name=last, email=f"v{n}@example.org", capacity=2))))
        bus.handle(c.ActivateVolunteer(org_id, made["id"], True))
        return made["id"]

    volunteer("Sanne", "de Vriës", 0)
    bus.handle(c.SubmitRequest("noord", RequestIn().load(request_body())))
    for n, (first, last) in enumerate(PEOPLE, start=1):
        offer = volunteer(first, last, n)
        person = bus.handle(c.SubmitRequest("noord", RequestIn().load(request_body(
            first_name=["Kees", "Lotte", "Ahmed", "Ans", "Rik", "Mila", "Gerrit", "Yara"][n - 1],
            email=f"r{n}@example.org"))))["id"]
        match = bus.handle(c.ProposeMatch(org_id, person, "volunteer", offer))["id"]
        if n % 4 in (1, 2):
            bus.handle(c.ConfirmMatch(org_id, match))
        if n % 4 == 2:
            bus.handle(c.EndMatch(org_id, match, "moved"))
        if n % 4 == 3:
            bus.handle(c.DeclineMatch(org_id, match, "Past niet bij elkaar"))


def _log_in(page, org) -> None:
    page.get_by_label("E-mailadres").fill(org["email"])
    page.get_by_label("Wachtwoord").fill(org["password"])
    page.get_by_role("button", name="Inloggen").click()


def test_a_coordinator_searches_corrects_notes_assigns_proposes_confirms_ends_and_undoes(live_server, browser, org, bus):
    _seed(bus, org["id"])
    SHOTS.mkdir(parents=True, exist_ok=True)
    context = browser.new_context(viewport={"width": 1366, "height": 768}, locale="nl-NL")
    page = context.new_page()
    found = {}
    page.goto(f"{live_server}/werkplek/vrijwilligers")
    _log_in(page, org)
    page.get_by_role("heading", name="Vrijwilligers").wait_for()

    # a search without the accent and in other capitals finds her, and says which filter is on
    page.get_by_label("Zoek op naam, e-mail, telefoon of postcode").fill("Sanne de vries")
    page.get_by_role("button", name="Zoek").click()
    page.get_by_role("cell", name=re.compile("^Sanne de Vriës")).wait_for()
    assert page.locator("table tbody tr").count() == 1
    assert page.get_by_role("link", name=re.compile("Zoeken: Sanne de vries")).count() == 1
    found["volunteers, searched"] = axe_violations(page)
    page.get_by_role("link", name=re.compile("Zoeken: Sanne de vries")).click()  # the filter removed again
    assert page.locator("table tbody tr").count() == 9

    # her page: correct a mistyped phone number, write down the intake, take her on
    page.get_by_role("link", name="Sanne de Vriës").click()
    page.get_by_role("heading", name="Sanne de Vriës, vrijwilliger").wait_for()
    page.get_by_role("link", name="Gegevens wijzigen").click()
    page.get_by_label("Telefoonnummer").fill("06 8765 4321")
    page.get_by_role("button", name="Bewaar").click()
    page.get_by_text("Opgeslagen: telefoonnummer.").wait_for()
    page.get_by_label("Soort").select_option("intake")
    page.get_by_label("Wat wil je onthouden?").fill("Intake gedaan. Wil graag op dinsdag wandelen.")
    page.get_by_role("button", name="Bewaar notitie").click()
    page.get_by_text("De notitie staat in de tijdlijn.").wait_for()
    assert "dinsdag wandelen" in page.locator(".timeline li").first.inner_text()
    page.get_by_label("Coördinator").select_option(label=f"{org['email']} (ik)")
    page.get_by_role("button", name="Wijs toe").click()
    page.get_by_text("Toegewezen.").wait_for()
    assert page.get_by_role("link", name="06 8765 4321").is_visible()
    found["Sanne's page"] = axe_violations(page)

    # propose Sanne to Anna from Anna's page; confirm from the compact table
    go_to(page, "Wachtlijst")
    page.get_by_label("Zoek op naam, e-mail, telefoon of postcode").fill("ANNA")
    page.get_by_role("button", name="Zoek").click()
    found["waiting list, searched"] = axe_violations(page)
    page.get_by_role("link", name="Anna", exact=True).click()
    eventually(lambda: page.reload() or page.get_by_role("button", name="Stel Sanne d. voor").count(), timeout=15)
    page.get_by_role("button", name="Stel Sanne d. voor").click()
    page.get_by_role("heading", name="Koppelingen").wait_for()
    row = page.locator("tr", has_text="Sanne de Vriës")
    row.get_by_role("button", name=re.compile("^Bevestig")).click()
    page.get_by_text("Bevestigd.").wait_for()
    found["matches"] = axe_violations(page)
    page.screenshot(path=str(SHOTS / "matches-1366x768.png"), full_page=False)

    # the table keeps its place: filter to running matches, end Sanne's with "anders" after confirming
    page.get_by_role("link", name="Lopend").click()
    page.get_by_label("Zoek een deelnemer of vrijwilliger: naam, e-mail, telefoon of postcode").fill("sanne de vries")
    page.get_by_role("button", name="Zoek").click()
    page.locator("tr", has_text="Sanne de Vriës").get_by_role("link", name=re.compile("^Beëindig")).click()
    page.get_by_role("heading", name=re.compile("^Koppeling beëindigen: Anna met Sanne")).wait_for()
    assert page.locator("input[name=reason]:checked").count() == 0  # no reason chosen for the coordinator
    found["end, confirm step"] = axe_violations(page)
    page.get_by_role("radio", name="Anders").check()
    page.get_by_role("button", name="Ja, beëindig de koppeling").click()  # "anders" without words: asked again
    page.get_by_text("Schrijf op wat de reden is.").first.wait_for()
    found["end, confirm step with an error"] = axe_violations(page)
    page.get_by_role("textbox", name=re.compile("^Toelichting")).fill("Sanne gaat op wereldreis")
    page.get_by_role("button", name="Ja, beëindig de koppeling").click()
    page.get_by_text("De koppeling is beëindigd.").wait_for()
    assert "status=active" in page.url and "q=sanne" in page.url and re.search(r"#m-[0-9a-f-]+$", page.url)
    assert page.locator("tbody tr").count() == 0  # ended: no longer among the running ones

    # undo, from the ended ones; the match runs again
    page.get_by_role("link", name="Beëindigd").click()
    page.locator("tr", has_text="Sanne de Vriës").get_by_role("button", name=re.compile("^Maak ongedaan")).click()
    page.get_by_text("Ongedaan gemaakt.").wait_for()
    page.get_by_role("link", name="Lopend").click()
    assert page.locator("tr", has_text="Sanne de Vriës").count() == 1
    found["messages"] = (go_to(page, "Berichten"), axe_violations(page))[1]
    go_to(page, "Koppelingen")
    page.screenshot(path=str(SHOTS / "matches-1366x768-full.png"), full_page=True)
    context.close()

    phone = browser.new_context(viewport={"width": 390, "height": 844}, is_mobile=True, has_touch=True, locale="nl-NL")
    small = phone.new_page()
    small.goto(f"{live_server}/werkplek/koppelingen")
    _log_in(small, org)
    small.get_by_role("heading", name="Koppelingen").wait_for()
    found["matches on a phone"] = axe_violations(small)
    small.screenshot(path=str(SHOTS / "matches-390x844.png"), full_page=False)
    small.screenshot(path=str(SHOTS / "matches-390x844-full.png"), full_page=True)
    small.goto(f"{live_server}/werkplek/")
    small.screenshot(path=str(SHOTS / "dashboard-390x844-full.png"), full_page=True)
    phone.close()
    assert {name: v for name, v in found.items() if v} == {}
