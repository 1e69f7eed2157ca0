"""The printed letter for someone without email: an A4 PDF with his first name, what happens next, the
organisation's contact details, and a NEW private link as a short address and a QR code (only a hash of
the old link is kept, so printing replaces it). The short address opens his page; the old link and an
older letter's address stop working. The coordinator's API can issue a new link as well."""
import io
import re

import pypdf
import pytest
from sqlalchemy import select

from config.logs import scrub
from matching.adapters import orm
from tests.e2e.phone_world import world  # noqa: F401 (fixture)
from tests.e2e.test_public_forms import csrf

pytestmark = pytest.mark.e2e
SHORT = re.compile(r"(http://\S+/l/([0-9A-Z]{4}-[0-9A-Z]{4}-[0-9A-Z]{4}))")


def _print(world, request_id: str) -> tuple[str, bytes]:
    answer = world.coordinator.post(f"/werkplek/brief/aanvraag/{request_id}",
                                    data={"csrf_token": csrf(world.coordinator, f"/werkplek/aanvragen/{request_id}")})
    assert answer.status_code == 200 and answer.mimetype == "application/pdf", answer.status_code
    assert answer.headers["Content-Disposition"].startswith("attachment;")
    pdf = pypdf.PdfReader(io.BytesIO(answer.data))
    return "\n".join(page.extract_text() for page in pdf.pages), answer.data


def test_the_letter_holds_his_name_the_next_steps_the_contact_details_and_a_working_new_link(world):
    world.give_contact()
    request_id, old_token = world.sign_up_by_phone()
    button = world.coordinator.get(f"/werkplek/aanvragen/{request_id}").get_data(as_text=True)
    assert "Print brief (maakt een nieuwe persoonlijke link)" in button
    text, data = _print(world, request_id)
    assert len(pypdf.PdfReader(io.BytesIO(data)).pages) == 1
    size = pypdf.PdfReader(io.BytesIO(data)).pages[0].mediabox
    assert (round(float(size.width)), round(float(size.height))) == (595, 842)  # A4 in points
    assert "Beste Jan," in text and "Wat gebeurt er nu?" in text and "We bellen je voor een kennismaking" in text
    for value in ("Hoofdstraat 1, 3511 AB Utrecht", "030 123 45 67", "info@noord.example", "ma-vr 9-17 uur"):
        assert value in text
    url, code = SHORT.search(text).groups()
    assert url.startswith(world.settings.public_url)
    opened = world.person.get(url.replace(world.settings.public_url, ""))
    assert opened.status_code == 303 and "/mijn/" in opened.headers["Location"]
    new_token = opened.headers["Location"].rsplit("/mijn/", 1)[1]
    page = world.person.get(f"/mijn/{new_token}").get_data(as_text=True)
    assert "Jan" in page and "030 123 45 67" in page
    assert world.person.get(f"/l/{code.lower().replace('-', '')}").status_code == 303  # typed loosely
    assert world.person.get(f"/mijn/{old_token}").status_code == 404  # the link from the thank-you page died
    assert new_token not in text  # the full link is only in the QR code; the short one is printed


def test_a_second_letter_kills_the_first_letters_address(world, session_factory):
    request_id, _token = world.sign_up_by_phone()
    first, _ = _print(world, request_id)
    second, _ = _print(world, request_id)
    first_url, second_url = SHORT.search(first).group(1), SHORT.search(second).group(1)
    public = world.settings.public_url
    assert world.person.get(first_url.replace(public, "")).status_code == 404
    assert world.person.get(second_url.replace(public, "")).status_code == 303
    with session_factory() as session:
        assert len(session.execute(select(orm.short_links)).all()) == 1
        events = session.execute(select(orm.outbox.c.payload).where(orm.outbox.c.name == "link.replaced")).all()
        actions = session.scalars(select(orm.audit_log.c.action).where(orm.audit_log.c.subject_id == request_id)).all()
    assert [e.payload["via"] for e in events] == ["letter", "letter"]
    assert actions.count("request.letter") == 2


def test_the_new_link_api_replaces_the_link(world, session_factory):
    request_id, old_token = world.sign_up_by_phone()
    answer = world.coordinator.post(f"/api/v1/requests/{request_id}/new-link", json={})
    assert answer.status_code == 200 and set(answer.get_json()) == {"manage_token"}
    token = answer.get_json()["manage_token"]
    bearer = {"Authorization": f"Bearer {token}"}
    assert world.person.get("/api/v1/requests/self", headers=bearer).get_json()["first_name"] == "Jan"
    assert world.person.get("/api/v1/requests/self", headers={"Authorization": f"Bearer {old_token}"}).status_code == 404
    assert world.coordinator.post(f"/api/v1/requests/{request_id}/new-link",  # an empty JSON body: fine too
                                  headers={"Content-Type": "application/json"}).status_code == 200
    assert world.coordinator.post(f"/api/v1/requests/{request_id}/new-link").status_code == 415  # only JSON
    volunteer = world.active_volunteer()
    made = world.coordinator.post(f"/api/v1/volunteers/{volunteer}/new-link", json={})
    assert world.person.get(f"/mijn/{made.get_json()['manage_token']}").status_code == 200
    assert world.coordinator.post(f"/api/v1/requests/{request_id}/new-link", json={"x": 1}).status_code == 422
    with session_factory() as session:
        stored = session.execute(select(orm.requests.c.manage_token_hash)).scalars().all()
        events = session.execute(select(orm.outbox.c.payload).where(orm.outbox.c.name == "link.replaced")).all()
    assert token not in " ".join(stored) and len(events) == 3
    assert {e.payload["via"] for e in events} == {"api"}


def test_no_new_link_or_letter_for_someone_erased(world):
    request_id, token = world.sign_up_by_phone()
    world.person.delete("/api/v1/requests/self", headers={"Authorization": f"Bearer {token}"})
    assert world.coordinator.post(f"/api/v1/requests/{request_id}/new-link", json={}).status_code == 409
    letter = world.coordinator.post(f"/werkplek/brief/aanvraag/{request_id}",
                                    data={"csrf_token": csrf(world.coordinator, "/werkplek/bellen")})
    assert letter.status_code == 303
    assert "Dat lukte niet" in world.coordinator.get("/werkplek/bellen").get_data(as_text=True)


def test_unknown_or_malformed_short_addresses_are_404(world):
    for code in ("AAAA-AAAA-AAAA", "short", "x" * 500, "ÄÄÄÄ-ÄÄÄÄ-ÄÄÄÄ"):
        assert world.person.get(f"/l/{code}").status_code == 404


def test_the_short_address_is_masked_in_logs():
    line = '127.0.0.1 - - "GET /l/K7QH-9M2X-TR4P HTTP/1.1" 303'
    assert "K7QH" not in scrub(line) and "/l/…" in scrub(line)


def test_short_addresses_cannot_be_tried_by_the_thousand(settings, bus, org):
    """Each address may try a few codes a minute (the public forms' budget); then 429, known code or not."""
    from web import create_app

    app = create_app(settings.with_(public_rate_limit="3/minute"), bus=bus)
    app.config["TESTING"] = True
    client = app.test_client()
    answers = [client.get(f"/l/AAAA-BBBB-CCC{n}").status_code for n in range(5)]
    assert answers == [404, 404, 404, 429, 429]
