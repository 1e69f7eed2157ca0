"""The coordinator's dashboard on a 390 px phone: nothing wider than the screen; on the Cijfers page the
chart labels are readable (at least 12 px as drawn) and the months Dutch; axe finds nothing on either."""
from __future__ import annotations

import pytest

from matching.domain import commands
from matching.schemas import RequestIn, VolunteerIn
from tests.browser.conftest import axe_violations
from tests.factories import request_body, volunteer_body

pytestmark = pytest.mark.browser
DUTCH_MONTHS = {"jan", "feb", "mrt", "apr", "mei", "jun", "jul", "aug", "sep", "okt", "nov", "dec"}


def test_the_dashboard_fits_a_phone_and_its_charts_read_at_12_px(live_server, phone, org, bus):
    for i in range(8):
        kind = "werkervaringsplaats" if i % 2 else "maatje"
        interests = ["keuken"] if kind == "werkervaringsplaats" else ["wandelen"]
        bus.handle(commands.SubmitRequest("noord", RequestIn().load(request_body(
            kind=kind, interests=interests, email=f"p{i}@example.org", first_name="Maximiliaan-Alexander"))))
    phone.goto(f"{live_server}/werkplek/")
    phone.get_by_label("E-mailadres").fill(org["email"])
    phone.get_by_label("Wachtwoord").fill(org["password"])
    phone.get_by_role("button", name="Inloggen").click()
    phone.get_by_role("heading", name="Wachtlijst").wait_for()
    assert phone.evaluate("document.documentElement.scrollWidth") <= 390
    assert axe_violations(phone) == []
    phone.goto(f"{live_server}/werkplek/cijfers")
    phone.get_by_role("heading", name="Hoe gaat het?").wait_for()
    assert phone.evaluate("document.documentElement.scrollWidth") <= 390
    drawn = phone.evaluate("""() => [...document.querySelectorAll('figure.chart svg text')]
        .filter(t => getComputedStyle(t).display !== 'none').map(t => ({
        text: t.textContent, px: parseFloat(getComputedStyle(t).fontSize) * t.getScreenCTM().a}))""")
    assert drawn and min(label["px"] for label in drawn) >= 12
    axis = {label["text"] for label in drawn} & DUTCH_MONTHS
    assert len(axis) == 12 and not any("." in label["text"] for label in drawn)  # "35,5", never "35.5"
    assert axe_violations(phone) == []
    for i in range(3):
        bus.handle(commands.ApplyAsVolunteer("noord", VolunteerIn().load(volunteer_body(
            email=f"een-heel-lang-adres-van-vrijwilliger-{i}@voorbeeld-organisatie.example.org"))))
    phone.goto(f"{live_server}/werkplek/vrijwilligers")
    assert phone.evaluate("""() => { const table = document.querySelector('table.people');
        return table.scrollWidth <= table.parentElement.clientWidth; }""")  # its buttons show without scrolling
