"""Issue 15 in Chromium on a 390 x 844 phone: a person submits the maatje form, sees activities near them
on the thank-you page, opens their private link, joins one with their say-so; the coordinator sees them on
the activity's page. axe-core finds no WCAG 2.1 AA issue on any of these pages, nor on the sociale kaart.
With KOPPEL_SHOTS=<folder> it also saves screenshots at 390 x 844 and 1366 x 768."""
import os
import re

import pytest

from matching.domain import commands as c
from matching.schemas import ActivityIn
from tests.browser.conftest import axe_violations
from tests.factories import activity_body

pytestmark = [pytest.mark.browser, pytest.mark.e2e]
SHOTS = os.environ.get("KOPPEL_SHOTS")


def _shoot(page, name: str) -> None:
    if SHOTS:
        page.screenshot(path=os.path.join(SHOTS, f"{name}.png"), full_page=True)


def _activities(bus, org_id: str) -> str:
    walk_in = bus.handle(c.CreateActivity(org_id, ActivityIn().load(activity_body())))["id"]
    bus.handle(c.CreateActivity(org_id, ActivityIn().load(activity_body(
        title="Wandelgroep in het park", category="wandelen", description="Elke dinsdag een rustige wandeling van een uur.",
        address="Ingang Wilhelminapark, Emmalaan", postcode="3581", interests=["wandelen", "natuur"],
        host={"name": "Henk", "phone": "06 12345678"}))))
    return bus.handle(c.CreateActivity(org_id, ActivityIn().load(activity_body(
        title="Samen koken en eten", category="eten", description="We koken samen en eten om zes uur. Meedoen kost 3 euro.",
        address="Buurthuis De Boog, Boogstraat 1", postcode="3512", slots=["tue_afternoon"], interests=["koken"],
        walk_in=False, capacity=8, host={"name": "Kees", "email": "kees@example.org"}))))["id"]


def _history(bus, session_factory, org_id: str) -> None:
    """Twelve people near Utrecht who waited 4 to 9 weeks for their maatje this year: the honest wait."""
    from datetime import timedelta

    from sqlalchemy import update

    from matching.adapters import orm
    from matching.domain.base import utcnow
    from tests.factories import request_body, volunteer_body
    from web.schemas import RequestIn, VolunteerIn

    for i in range(12):
        request = bus.handle(c.SubmitRequest("noord", RequestIn().load(request_body(email=f"eerder{i}@example.org"))))["id"]
        volunteer = bus.handle(c.ApplyAsVolunteer("noord", VolunteerIn().load(volunteer_body(email=f"v{i}@example.org"))))["id"]
        bus.handle(c.ActivateVolunteer(org_id, volunteer, True))
        bus.handle(c.ConfirmMatch(org_id, bus.handle(c.ProposeMatch(org_id, request, "volunteer", volunteer))["id"]))
        with session_factory() as session:
            session.execute(update(orm.requests).where(orm.requests.c.id == request)
                            .values(created_at=utcnow() - timedelta(days=30 + 3 * i)))
            session.commit()


def _sign_up(page, live_server: str, name: str) -> None:
    page.goto(f"{live_server}/noord/maatje")
    page.locator("#first_name").fill(name)
    page.locator("#email").fill(f"{name.lower()}@example.org")
    page.locator("#postcode").fill("3512 AB")
    for selector in ("#interests-wandelen", "#interests-koken", "#availability-tue_afternoon", "#consent"):
        page.locator(selector).check()
    page.get_by_role("button", name="Verstuur mijn aanmelding").click()
    page.wait_for_url(re.compile(r"/noord/bedankt$"))


def test_a_person_finds_and_joins_an_activity_while_waiting(live_server, browser, phone, org, bus, session_factory):
    from matching.services import wait_estimate

    meal = _activities(bus, org["id"])
    _history(bus, session_factory, org["id"])
    wait_estimate.forget_all()
    _sign_up(phone, live_server, "Sanne")
    nearby = phone.get_by_role("region", name="Terwijl je wacht: bij jou in de buurt")
    assert nearby.is_visible()
    assert "Samen koken en eten" in nearby.inner_text() and "Je mag gewoon binnenlopen" in nearby.inner_text()
    assert axe_violations(phone) == []
    _shoot(phone, "thanks-390")
    link = phone.locator(".own-link a").get_attribute("href")

    phone.goto(f"{live_server}{link}")
    card = phone.get_by_role("article", name="Samen koken en eten")
    assert "Kees" in card.inner_text()
    wait = phone.get_by_role("region", name="Hoe lang duurt het?").inner_text()
    assert "Meestal duurt het tussen 4 en 9 weken" in wait and "12 mensen" in wait
    assert axe_violations(phone) == []
    _shoot(phone, "own-link-390")
    card.get_by_role("button", name="Ik doe mee").click()  # without the tick: the page says why
    assert "Vink aan" in phone.get_by_role("article", name="Samen koken en eten").inner_text()
    assert axe_violations(phone) == []
    card = phone.get_by_role("article", name="Samen koken en eten")
    card.get_by_label(re.compile("Kees mag mijn voornaam")).check()
    card.get_by_role("button", name="Ik doe mee").click()
    phone.get_by_text("Je doet mee! De begeleider neemt contact met je op.").wait_for()
    assert "Je doet mee." in phone.get_by_role("article", name="Samen koken en eten").inner_text()
    assert axe_violations(phone) == []

    phone.goto(f"{live_server}/noord/activiteiten?postcode=3512")
    assert phone.get_by_role("article").count() == 3
    assert axe_violations(phone) == []
    _shoot(phone, "public-390")

    coordinator = phone.context.browser.new_context(viewport={"width": 390, "height": 844}, locale="nl-NL").new_page()
    coordinator.goto(f"{live_server}/login")
    coordinator.get_by_label("E-mailadres").fill(org["email"])
    coordinator.get_by_label("Wachtwoord").fill(org["password"])
    coordinator.get_by_role("button", name="Inloggen").click()
    coordinator.goto(f"{live_server}/werkplek/activiteiten/{meal}")
    signups = coordinator.get_by_role("region", name=re.compile("Aanmeldingen"))
    assert "Sanne" in signups.inner_text() and "sanne@example.org" in signups.inner_text()
    assert axe_violations(coordinator) == []
    coordinator.goto(f"{live_server}/werkplek/activiteiten")
    assert axe_violations(coordinator) == []
    coordinator.context.close()

    if SHOTS:  # the same pages on a laptop
        wide = browser.new_context(viewport={"width": 1366, "height": 768}, locale="nl-NL").new_page()
        _sign_up(wide, live_server, "Noor")
        _shoot(wide, "thanks-1366")
        for name, url in (("own-link-1366", link), ("public-1366", "/noord/activiteiten?postcode=3512")):
            wide.goto(f"{live_server}{url}")
            _shoot(wide, name)
        wide.context.close()
