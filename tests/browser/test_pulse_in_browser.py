"""A volunteer answers a check-in on a phone; the coordinator sees "Check-in nodig" with the reason,
notes a call, and the match is on track again when the next check-in is good. axe finds no WCAG 2.1
AA issue on the pages on the way. Screenshots (390x844 and 1366x768) go to $KOPPEL_SCREENSHOTS when set."""
import re
from datetime import datetime, timezone
from pathlib import Path

import pytest

from matching.domain import commands
from matching.services.ticks import jobs_at
from tests.browser.conftest import axe_violations
from tests.conftest import eventually
from tests.e2e.pulse_world import age, links_in
from tests.factories import request_body, volunteer_body
from tests.browser.mailed import bus, inbox, shots_folder  # noqa: F401 (fixtures)
from web.schemas import RequestIn, VolunteerIn
from tests.browser.workspace_nav import go_to

pytestmark = [pytest.mark.browser, pytest.mark.e2e]
SIZES = {"phone": (390, 844), "laptop": (1366, 768)}
CONTACT = {"phone": "030 123 45 67", "email": "info@noord.example", "address": "Hoofdstraat 1, 3511 AB Utrecht"}


def _shoot(page, folder: Path, name: str) -> None:
    for size, (width, height) in SIZES.items():
        page.set_viewport_size({"width": width, "height": height})
        page.screenshot(path=str(folder / f"{name}-{size}.png"), full_page=True)


def _match(bus, org) -> dict:
    admin = bus.handle(commands.CreateUser("noord", "boss@noord.example", "an admin's long password", "admin"))
    bus.handle(commands.ChangeOrganizationContact(org["id"], admin, CONTACT))
    request = bus.handle(commands.SubmitRequest("noord", RequestIn().load(request_body())))
    volunteer = bus.handle(commands.ApplyAsVolunteer("noord", VolunteerIn().load(volunteer_body())))
    bus.handle(commands.ActivateVolunteer(org["id"], volunteer["id"], True))
    match = bus.handle(commands.ProposeMatch(org["id"], request["id"], "volunteer", volunteer["id"]))["id"]
    bus.handle(commands.ConfirmMatch(org["id"], match))
    return {"id": match, "request_id": request["id"], "volunteer_id": volunteer["id"],
            "confirmed_at": datetime.now(timezone.utc)}


def _tick_and_wait(bus, inbox, want: int) -> dict[str, str]:
    """Every time-driven job now; the worker threads send the mails."""
    for _name, command in jobs_at(datetime.now(timezone.utc)):
        bus.handle(command)
    eventually(lambda: sum("/pulse/" in content for _r, content in inbox.messages) >= want, timeout=20)
    return links_in(inbox)


def _answer(phone, live_server, token: str, choices: list[str]) -> None:
    phone.goto(f"{live_server}/pulse/{token}")
    for choice in choices:
        phone.get_by_label(choice, exact=True).first.tap()
    phone.get_by_role("button", name="Stuur mijn antwoorden").tap()
    phone.get_by_text("Dank je wel! We hebben je antwoorden.").wait_for()


def test_a_volunteer_answers_on_a_phone_and_the_coordinator_follows_up(live_server, browser, phone, org, bus, inbox,
                                                                       session_factory, tmp_path):
    shots, found = shots_folder(tmp_path), {}
    match = _match(bus, org)
    eventually(lambda: len(inbox.messages) >= 4, timeout=20)  # sign-ups and introductions
    inbox.messages.clear()
    age(session_factory, match, 15)
    links = _tick_and_wait(bus, inbox, 2)
    assert set(links) == {"anna@example.org", "bram@example.org"}

    # Bram, on his phone: meeting up is hard
    phone.goto(f"{live_server}/pulse/{links['bram@example.org']}")
    phone.get_by_role("heading", name="Hoe gaat het?").wait_for()
    found["check-in questions"] = axe_violations(phone)
    _shoot(phone, shots, "check-in")
    phone.set_viewport_size({"width": 390, "height": 844})
    page_fieldsets = phone.locator("fieldset.scale")
    assert page_fieldsets.count() == 4
    for legend, choice in (("Hoe gaat het contact", "Goed"), ("Lukt het om af te spreken?", "Soms"),
                           ("Voel je je op je gemak", "Meestal wel"), ("Wil je doorgaan?", "Ja, denk ik")):
        page_fieldsets.filter(has_text=legend).get_by_label(choice, exact=True).tap()
    phone.get_by_label("Wil je nog iets kwijt?").fill("Mijn werktijden zijn veranderd.")
    phone.get_by_role("button", name="Stuur mijn antwoorden").tap()
    phone.get_by_text("Dank je wel! We hebben je antwoorden.").wait_for()
    assert "Soms" in phone.locator("dl.facts").inner_text()
    found["check-in answered"] = axe_violations(phone)
    _shoot(phone, shots, "check-in-beantwoord")

    # the coordinator, on a laptop: one match needs a check-in, and why
    office = browser.new_context(viewport={"width": 1366, "height": 768}, locale="nl-NL")
    page = office.new_page()
    page.goto(f"{live_server}/werkplek/")
    page.get_by_label("E-mailadres").fill(org["email"])
    page.get_by_label("Wachtwoord").fill(org["password"])
    page.get_by_role("button", name="Inloggen").click()
    page.get_by_role("link", name=re.compile("1 koppeling heeft een check-in nodig")).wait_for()
    found["dashboard"] = axe_violations(page)
    _shoot(page, shots, "dashboard")
    page.set_viewport_size({"width": 1366, "height": 768})
    page.get_by_role("link", name=re.compile("1 koppeling heeft een check-in nodig")).click()
    page.get_by_text("Check-in nodig", exact=True).first.wait_for()
    assert "‘Lukt het om af te spreken?’ (2: Soms)" in page.locator("ul.reasons").inner_text()
    found["matches needing a check-in"] = axe_violations(page)
    page.get_by_role("link", name=re.compile("^Bekijk check-ins en waarom")).click()
    page.get_by_role("heading", name="Hoe gaat het?").wait_for()
    assert "Mijn werktijden zijn veranderd." in page.locator("body").inner_text()
    found["match"] = axe_violations(page)
    _shoot(page, shots, "koppeling-check-in-nodig")
    page.set_viewport_size({"width": 1366, "height": 768})

    # she calls Bram and notes it; the low answer stays until the next check-in says otherwise
    page.get_by_label(re.compile("^Gebeld met Bram")).fill("Ze spreken nu op zaterdag af.")
    page.get_by_role("button", name="Gebeld met vrijwilliger").click()
    page.get_by_text("Genoteerd: gebeld.").wait_for()
    assert page.locator(".health").first.inner_text() == "Check-in nodig"

    # six weeks in: the next check-in is good, and the match is on track again
    age(session_factory, match, 28)
    links = _tick_and_wait(bus, inbox, 2)
    _answer(phone, live_server, links["bram@example.org"], ["Heel goed", "Ja, altijd", "Ja, helemaal", "Ja, zeker"])
    page.reload()
    assert page.locator(".health").first.inner_text() == "Loopt goed"
    assert page.locator("ul.reasons").count() == 0
    found["match on track"] = axe_violations(page)
    _shoot(page, shots, "koppeling-loopt-goed")
    page.goto(f"{live_server}/werkplek/cijfers")
    page.get_by_role("heading", name="Hoe lang duren koppelingen?").wait_for()
    page.locator("#duur").scroll_into_view_if_needed()
    page.screenshot(path=str(shots / "dashboard-duur-laptop.png"), full_page=True)
    office.close()
    assert {name: v for name, v in found.items() if v} == {}


def test_the_dashboard_shows_how_long_matches_last(live_server, browser, org, bus, session_factory, tmp_path):
    """Forty matches over five quarters, some ended (by whom and why), some running: the survival curve per
    start quarter, its table and the endings table; axe finds nothing; screenshots at both sizes."""
    import random
    from datetime import timedelta

    from matching.adapters import orm

    rng, now, reasons = random.Random(3), datetime.now(timezone.utc), ["goal_reached", "moved", "no_click",
                                                                         "life_change", "volunteer_stopped",
                                                                         "drifted_apart"]
    with_ends = []
    for i in range(40):
        request = bus.handle(commands.SubmitRequest("noord", RequestIn().load(request_body(email=f"p{i}@example.org"))))
        volunteer = bus.handle(commands.ApplyAsVolunteer("noord", VolunteerIn().load(volunteer_body(email=f"v{i}@example.org"))))
        bus.handle(commands.ActivateVolunteer(org["id"], volunteer["id"], True))
        match = bus.handle(commands.ProposeMatch(org["id"], request["id"], "volunteer", volunteer["id"]))["id"]
        bus.handle(commands.ConfirmMatch(org["id"], match))
        started = now - timedelta(days=rng.randint(20, 450))
        lasted = timedelta(days=rng.randint(10, 400))
        ended = started + lasted if started + lasted < now and rng.random() < 0.6 else None
        if ended:
            bus.handle(commands.EndMatch(org["id"], match, rng.choice(reasons), initiated_by=rng.choice(
                ["participant", "volunteer", "coordinator", "both"])))
        with_ends.append((match, started, ended))
    with session_factory() as session:
        for match, started, ended in with_ends:
            session.execute(orm.matches.update().where(orm.matches.c.id == match).values(
                confirmed_at=started, proposed_at=started, ended_at=ended))
        session.commit()
    office = browser.new_context(viewport={"width": 1366, "height": 768}, locale="nl-NL")
    page = office.new_page()
    page.goto(f"{live_server}/werkplek/")
    page.get_by_label("E-mailadres").fill(org["email"])
    page.get_by_label("Wachtwoord").fill(org["password"])
    page.get_by_role("button", name="Inloggen").click()
    go_to(page, "Cijfers")  # the charts have a page of their own
    page.get_by_role("heading", name="Hoe lang duren koppelingen?").wait_for()
    figure = page.get_by_role("img", name="Deel van de koppelingen dat nog loopt, per maand na de start")
    assert figure.count() == 1 and page.locator("path.km").count() >= 2
    assert page.get_by_role("table", name="Hoe koppelingen stopten, en wie het initiatief nam").count() == 1
    violations = axe_violations(page)
    shots = shots_folder(tmp_path)
    _shoot(page, shots, "dashboard-cijfers")
    office.close()
    assert violations == []
