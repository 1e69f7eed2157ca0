"""People without email: texts when SMS is set up, notes, and a new private link (by letter, with a short code)."""
from __future__ import annotations

import pytest

from matching.domain import commands
from matching.domain.errors import NotFound
from matching.services import letters, links
from tests.fakes import FakeSms, fake_bus, run_events
from tests.unit.services.conftest import stored, submit

pytestmark = pytest.mark.unit


def test_with_sms_a_phone_only_person_gets_the_short_text_with_the_live_link():
    sms = FakeSms()
    bus = fake_bus(sms=sms)
    org = bus.handle(commands.CreateOrganization("noord", "Noord"))
    created = submit(bus, without=("email",), phone="06 1234 5678")
    run_events(bus)
    [(number, text)] = sms.sent
    assert number == "+31612345678" and f"https://koppel.test/mijn/{created['manage_token']}" in text
    with stored(bus) as uow:
        [message] = uow.read_model.messages(org)
        assert uow.read_model.open_calls(org, 1, 50) == ([], 0)  # told by text: nobody needs to call
    assert message["status"] == "sent" and created["manage_token"] not in (message["sms_body"] + message["body"])


def test_a_landline_or_a_refused_number_stays_on_the_call_list():
    bus = fake_bus(sms=FakeSms(refused=("+31612345678",)))
    org = bus.handle(commands.CreateOrganization("noord", "Noord"))
    landline = submit(bus, without=("email",), phone="030 123 45 67")
    refused = submit(bus, without=("email",), phone="06 1234 5678", first_name="Jan")
    run_events(bus)
    with stored(bus) as uow:
        tasks, total = uow.read_model.open_calls(org, 1, 50)
    assert total == 2 and {t["person_id"] for t in tasks} == {landline["id"], refused["id"]}


def test_a_printed_letter_replaces_the_link_and_its_short_code_opens_the_new_one(bus, org):
    created = submit(bus, without=("email",), phone="0612345678")
    pdf = letters.print_letter(bus, org, "request", created["id"], "coordinator-1")
    [letter] = bus.deps.letters.printed
    assert pdf.startswith(b"%PDF") and letter.greeting == "Beste Anna,"
    code = letter.short_url.rsplit("/", 1)[1]
    new_token = links.opened(bus, code.lower())
    assert new_token and letter.qr_url.endswith(new_token)
    with pytest.raises(NotFound):
        bus.handle(commands.ChangeRequest(created["manage_token"], {"availability": ["sat_morning"]}))  # the old link
    bus.handle(commands.ChangeRequest(new_token, {"availability": ["sat_morning"]}))  # the new one works
    assert bus.db.state.audit[-1]["action"] == "request.letter"


def test_erasure_removes_the_notes_and_the_printed_short_code(bus, org):
    created = submit(bus, without=("email",), phone="0612345678")
    bus.handle(commands.WriteNote(org, "request", created["id"], "intake", "Houdt van wandelen", "coordinator-1"))
    issued = bus.handle(commands.IssueNewLink(org, "request", created["id"], "letter", "coordinator-1"))
    bus.handle(commands.WithdrawRequest(issued["manage_token"]))
    with stored(bus) as uow:
        assert uow.read_model.notes_about("request", created["id"]) == []
    assert bus.db.state.short_links == {} and links.opened(bus, issued["short_code"]) is None
