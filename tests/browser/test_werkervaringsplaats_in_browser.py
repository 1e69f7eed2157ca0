"""A person asks for a werkervaringsplaats on a phone (390x844); the coordinator proposes and confirms the
placement on a laptop; six weeks later the supervisor answers the evaluation through their private
link on a phone; the certificate downloads and its text (pypdf) holds the name, the place and the
work. axe finds no WCAG 2.1 AA issue on the new form, the supervisor's page and the evaluation page.
Screenshots (390x844 and 1366x768, and the certificate as an image) go to $KOPPEL_SCREENSHOTS when set."""
import io
import re
import shutil
import subprocess
from datetime import datetime
from email import message_from_string, policy
from pathlib import Path

import pytest
from pypdf import PdfReader

from matching.domain import commands
from tests.browser.conftest import axe_violations
from tests.conftest import eventually
from tests.e2e.pulse_world import age
from tests.factories import placement_body
from tests.browser.mailed import bus, inbox, shots_folder  # noqa: F401 (fixtures)
from web.schemas import PlacementIn

pytestmark = [pytest.mark.browser, pytest.mark.e2e]
SIZES = {"phone": (390, 844), "laptop": (1366, 768)}
CONTACT = {"phone": "030 123 45 67", "email": "info@noord.example", "address": "Hoofdstraat 1, 3511 AB Utrecht"}
SUPERVISOR_LINK = re.compile(r"/begeleider/([A-Za-z0-9_-]{20,})")


def _shoot(page, folder: Path, name: str, back_to: str = "phone") -> None:
    for size, (width, height) in SIZES.items():
        page.set_viewport_size({"width": width, "height": height})
        page.screenshot(path=str(folder / f"{name}-{size}.png"), full_page=True)
    page.set_viewport_size(dict(zip(("width", "height"), SIZES[back_to])))


def _supervisor_token(inbox) -> str | None:
    for recipients, content in list(inbox.messages):
        body = message_from_string(content, policy=policy.default).get_body(("plain",)).get_content()
        found = SUPERVISOR_LINK.search(body)
        if found and recipients == ["sanne@bieb.example"]:
            return found.group(1)
    return None


def test_a_werkervaringsplaats_from_the_form_to_the_certificate(live_server, browser, phone, org, bus, inbox,
                                                                session_factory, tmp_path):
    shots, found = shots_folder(tmp_path), {}
    admin = bus.handle(commands.CreateUser("noord", "boss@noord.example", "an admin's long password", "admin"))
    bus.handle(commands.ChangeOrganizationContact(org["id"], admin, CONTACT))
    bus.handle(commands.CreatePlacement(org["id"], PlacementIn().load(placement_body(
        title="Baliemedewerker bibliotheek", work_areas=["administratie", "ict"], hours_per_week=20,
        availability=["tue_morning", "thu_morning"], description="Boeken uitlenen, bezoekers helpen met de computer",
        host={"name": "Bibliotheek Noord", "address": "Plein 1", "postcode": "3513"},
        supervisor={"name": "Sanne Bakker", "email": "sanne@bieb.example", "phone": "030 765 43 21"}))))

    # Mira, on her phone: the form asks about work
    phone.goto(f"{live_server}/noord/werkervaringsplaats")
    phone.get_by_role("heading", name="Ik zoek een werkervaringsplaats").wait_for()
    assert "Wat voor werk lijkt je leuk?" in phone.locator("main").inner_text()
    assert "Film" not in phone.locator("main").inner_text()
    found["form"] = axe_violations(phone)
    _shoot(phone, shots, "werkervaringsplaats-formulier")
    phone.get_by_role("button", name="Verstuur mijn aanmelding").tap()
    phone.get_by_role("heading", name="Er is nog iets niet goed ingevuld").wait_for()
    assert "Kies minstens één soort werk." in phone.locator(".error-summary").inner_text()
    found["form with errors"] = axe_violations(phone)
    phone.get_by_label("1. Wat is je voornaam?").fill("Mira")
    phone.get_by_label("E-mailadres").fill("mira@example.org")
    phone.get_by_label("3. Wat is je postcode?").fill("3511 AB")
    phone.get_by_label("Administratie", exact=True).check()
    phone.get_by_label("5. Hoeveel uur per week wil je werken?").select_option("16")
    phone.get_by_label("dinsdagochtend").check()
    phone.get_by_label("8. Wat wil je leren?").fill("Weer wennen aan werk en leren werken met de computer.")
    phone.get_by_label("9. Wat helpt je op het werk?").fill("Vaste taken en een rustige plek.")
    phone.get_by_label("Ja, dat is goed").check()
    phone.get_by_role("button", name="Verstuur mijn aanmelding").tap()
    phone.get_by_text("Bedankt, Mira!").wait_for()

    # the coordinator, on a laptop: the suggestion explains itself in work terms; propose, confirm
    office = browser.new_context(viewport={"width": 1366, "height": 768}, locale="nl-NL", accept_downloads=True)
    page = office.new_page()
    page.goto(f"{live_server}/werkplek/")
    page.get_by_label("E-mailadres").fill(org["email"])
    page.get_by_label("Wachtwoord").fill(org["password"])
    page.get_by_role("button", name="Inloggen").click()
    page.get_by_role("link", name="Mira").first.click()

    def suggested() -> bool:
        page.reload()
        return page.get_by_text("administratie, 16 uur past (de plaats heeft 20 uur)").count() == 1
    eventually(suggested, timeout=20)
    page.get_by_role("button", name="Stel Baliemedewerker bibliotheek voor").click()
    page.get_by_role("button", name="Bevestig").first.click()
    page.get_by_text("Bevestigd").first.wait_for()
    token = eventually(lambda: _supervisor_token(inbox), timeout=20)

    # six weeks later, Sanne on her phone: the evaluation through her link
    match_id = _match_id(session_factory)
    request_id = _request_id(session_factory)
    moved = {"id": match_id, "request_id": request_id, "volunteer_id": "-", "confirmed_at": datetime.now()}
    age(session_factory, moved, 43)
    phone.goto(f"{live_server}/begeleider/{token}")
    phone.get_by_role("heading", name="Werkbegeleiding van Mira").wait_for()
    body = phone.locator("main").inner_text()
    assert "Weer wennen aan werk" in body and "Vaste taken en een rustige plek." in body
    assert "mira@example.org" not in body and "3511" not in body
    found["supervisor's page"] = axe_violations(phone)
    _shoot(phone, shots, "werkbegeleider")
    phone.get_by_role("link", name="Vul de evaluatie in").tap()
    phone.get_by_role("heading", name="Evaluatie: na zes weken").wait_for()
    found["evaluation"] = axe_violations(phone)
    _shoot(phone, shots, "evaluatie")
    phone.get_by_label("Goed op weg", exact=True).check()
    phone.get_by_label("2. Wat ging goed?").fill("Mira is altijd op tijd en helpt bezoekers vriendelijk.")
    phone.get_by_label("3. Wat is de volgende stap?").fill("Zelf de uitleen doen.")
    phone.get_by_role("button", name="Evaluatie opslaan").tap()
    phone.get_by_text("Dank je wel! De evaluatie is opgeslagen.").wait_for()
    assert "ingevuld – goed op weg" in phone.locator("ul.moments").inner_text()
    found["supervisor's page after"] = axe_violations(phone)

    # the coordinator sees the evaluation and downloads the certificate
    page.goto(f"{live_server}/werkplek/koppelingen/{match_id}")
    page.get_by_role("heading", name="Evaluaties werkervaringsplaats").wait_for()
    assert "Mira is altijd op tijd" in page.locator("main").inner_text()
    with page.expect_download() as download:
        page.get_by_role("link", name="Download bewijs van werkervaring (pdf)").click()
    pdf = Path(download.value.path()).read_bytes()
    text = " ".join(p.extract_text() for p in PdfReader(io.BytesIO(pdf)).pages)
    for words in ("Mira", "Baliemedewerker bibliotheek", "Bibliotheek Noord", "Administratie", "ICT en computers"):
        assert words in text, words
    (shots / "bewijs-van-werkervaring.pdf").write_bytes(pdf)
    if shutil.which("pdftoppm"):
        subprocess.run(["pdftoppm", "-png", "-r", "60", "-singlefile", str(shots / "bewijs-van-werkervaring.pdf"),
                        str(shots / "bewijs-van-werkervaring")], check=True)
    office.close()
    assert {name: v for name, v in found.items() if v} == {}


def _match_id(session_factory) -> str:
    from sqlalchemy import select

    from matching.adapters import orm
    with session_factory() as session:
        return session.scalars(select(orm.matches.c.id)).one()


def _request_id(session_factory) -> str:
    from sqlalchemy import select

    from matching.adapters import orm
    with session_factory() as session:
        return session.scalars(select(orm.requests.c.id)).one()
