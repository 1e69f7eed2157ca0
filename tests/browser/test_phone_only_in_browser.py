"""A man without email asks for a maatje on his phone; the coordinator prints his letter, confirms a
match and sees on "Te bellen" what to pass on; his letter's address opens his private link, which shows
the organisation's phone number. axe finds no WCAG 2.1 AA issue on the new pages. Screenshots of the
letter and the call list (390x844 and 1366x768) go to $KOPPEL_SCREENSHOTS when set."""
import io
import os
import re
import shutil
import subprocess
from pathlib import Path

import pypdf
import pytest

from tests.browser.conftest import axe_violations
from tests.conftest import eventually
from tests.factories import volunteer_body
from tests.browser.workspace_nav import go_to

pytestmark = [pytest.mark.browser, pytest.mark.e2e]
SHORT = re.compile(r"http://\S+/l/[0-9A-Z]{4}-[0-9A-Z]{4}-[0-9A-Z]{4}")
CONTACT = {"phone": "030 123 45 67", "email": "info@noord.example", "address": "Hoofdstraat 1, 3511 AB Utrecht",
           "opening_hours": "ma-vr 9-17 uur"}
SIZES = {"phone": (390, 844), "desktop": (1366, 768)}


def _shots(tmp_path) -> Path:
    folder = Path(os.environ.get("KOPPEL_SCREENSHOTS") or tmp_path)
    folder.mkdir(parents=True, exist_ok=True)
    return folder


def _log_in(page, org) -> None:
    page.get_by_label("E-mailadres").fill(org["email"])
    page.get_by_label("Wachtwoord").fill(org["password"])
    page.get_by_role("button", name="Inloggen").click()
    page.get_by_role("heading", name="Wachtlijst").wait_for()


def _with_contact(bus, org) -> None:
    from matching.domain import commands as c

    admin = bus.handle(c.CreateUser("noord", "boss@noord.example", "an admin's long password", "admin"))
    bus.handle(c.ChangeOrganizationContact(org["id"], admin, CONTACT))


def test_a_man_without_email_gets_his_letter_his_match_and_a_call(live_server, browser, phone, org, bus, coordinator,
                                                                  tmp_path):
    shots, found = _shots(tmp_path), {}
    _with_contact(bus, org)
    volunteer = coordinator.post("/api/v1/organizations/noord/volunteers", json=volunteer_body()).get_json()["id"]
    coordinator.post(f"/api/v1/volunteers/{volunteer}/activate", json={"vog_checked": True})

    # Jan asks for a maatje with only his phone number
    phone.goto(f"{live_server}/noord/maatje")
    phone.get_by_label("1. Wat is je voornaam?").fill("Jan")
    phone.get_by_label("Telefoonnummer").fill("06 1234 5678")
    phone.get_by_label("3. Wat is je postcode?").fill("3512")
    phone.get_by_label("Wandelen", exact=True).tap()
    phone.get_by_label("dinsdagmiddag").tap()
    phone.get_by_label("Ja, dat is goed").tap()
    phone.get_by_role("button", name="Verstuur mijn aanmelding").tap()
    phone.wait_for_url(re.compile(r"/noord/bedankt$"))
    first_link = phone.locator(".own-link a").get_attribute("href")

    # the coordinator, on her phone: Jan is on the call list with what to tell him
    office = browser.new_context(viewport={"width": 390, "height": 844}, is_mobile=True, has_touch=True,
                                 locale="nl-NL", accept_downloads=True)
    page = office.new_page()
    page.goto(f"{live_server}/werkplek/")
    _log_in(page, org)
    go_to(page, "Te bellen")
    eventually(lambda: page.reload() or page.get_by_role("heading", name="Je aanmelding bij Vriendendienst Noord").count())
    assert page.get_by_role("link", name="Bel 06 1234 5678").get_attribute("href") == "tel:0612345678"
    found["call list"] = axe_violations(page)

    # she prints his letter: a new private link, on paper
    with page.expect_download() as download:
        page.get_by_role("button", name="Print brief (maakt een nieuwe persoonlijke link)").click()
    letter = shots / "brief.pdf"
    download.value.save_as(letter)
    text = "\n".join(p.extract_text() for p in pypdf.PdfReader(io.BytesIO(letter.read_bytes())).pages)
    assert "Beste Jan," in text and "030 123 45 67" in text and "Wat gebeurt er nu?" in text
    short = SHORT.search(text).group(0)
    if shutil.which("pdftoppm"):
        subprocess.run(["pdftoppm", "-png", "-r", "80", "-f", "1", "-l", "1", "-singlefile", str(letter),
                        str(shots / "brief")], check=True)

    # she proposes Bram and confirms: the introduction waits on "Te bellen"
    requests = coordinator.get("/api/v1/requests?status=waiting").get_json()["items"]
    jan = next(r["id"] for r in requests if r["first_name"] == "Jan")
    page.goto(f"{live_server}/werkplek/aanvragen/{jan}")
    eventually(lambda: page.reload() or page.get_by_role("button", name=re.compile("^Stel .* voor$")).count(), timeout=15)
    page.get_by_role("button", name=re.compile("^Stel .* voor$")).first.click()
    page.get_by_role("button", name="Bevestig").click()
    page.get_by_text("Bevestigd.").wait_for()
    go_to(page, "Te bellen")
    eventually(lambda: page.reload() or page.get_by_role("heading", name="Kennismaken met Bram").count(), timeout=15)
    intro = page.locator("section.tell").first
    assert "Kennismaken met Bram" in intro.inner_text() and "bram@example.org" in intro.inner_text()
    found["call list with an introduction"] = axe_violations(page)
    for name, (width, height) in SIZES.items():
        page.set_viewport_size({"width": width, "height": height})
        page.screenshot(path=str(shots / f"te-bellen-{name}.png"), full_page=True)
    page.set_viewport_size({"width": 390, "height": 844})

    # Jan types the address from his letter: his page, with the organisation's phone number
    phone.goto(live_server + "/l/" + short.split("/l/")[1])  # the test server's port, not KOPPEL_PUBLIC_URL's
    phone.wait_for_url(re.compile(r"/mijn/"))
    own = phone.locator("body").inner_text()  # the contact details sit in the footer
    assert "Jan" in own and "030 123 45 67" in own
    assert phone.get_by_role("heading", name="Je maatje: Bram").count() == 1  # the partner's first name
    found["private link from the letter"] = axe_violations(phone)
    assert phone.goto(f"{live_server}{first_link}").status == 404  # the link from the screen stopped working

    # called: the list is empty
    page.get_by_label("Notitie").fill("Verteld over Bram; hij belt hem zaterdag")
    page.get_by_role("button", name="Gebeld").click()
    page.get_by_text("Niemand om te bellen.").wait_for()
    found["empty call list"] = axe_violations(page)
    office.close()
    assert {name: v for name, v in found.items() if v} == {}
