"""Requests: submitted, changed and withdrawn through their private link."""
from __future__ import annotations

import pytest

from matching.domain import commands
from matching.domain.base import token_hash
from matching.domain.errors import Conflict, NotFound
from tests.fakes import run_events
from tests.unit.services.conftest import active_volunteer, outbox, stored, submit

pytestmark = pytest.mark.unit


def test_submit_stores_a_waiting_request_with_consent_and_a_welcome_message(bus, org):
    created = submit(bus)
    assert created["status"] == "waiting" and created["manage_token"]
    with stored(bus) as uow:
        request = uow.requests.get(created["id"], org)
        assert request.manage_token_hash == token_hash(created["manage_token"])
        assert [(r.subject_type, r.given_via) for r in uow.consents.of("request", request.id)] == [("request", "form")]
        [welcome] = uow.read_model.messages(org)
    assert welcome["recipient_id"] == request.id and created["manage_token"] not in welcome["body"]
    assert outbox(bus) == ["request.submitted", "message.queued"]


def test_a_request_without_email_waits_on_the_call_list_until_a_call_note(bus, org):
    created = submit(bus, without=("email",), phone="0612345678")
    run_events(bus)  # no SMS set up: the welcome is stored, not sent
    with stored(bus) as uow:
        [welcome] = uow.read_model.messages(org)
        tasks, total = uow.read_model.open_calls(org, 1, 50)
    assert (welcome["to_address"], welcome["status"], total) == (None, "stored", 1)
    assert tasks[0]["person_id"] == created["id"] and created["manage_token"] not in welcome["sms_body"]
    bus.deps.clock.advance(minutes=5)
    bus.handle(commands.WriteNote(org, "request", created["id"], "call", "", "coordinator-1"))
    with stored(bus) as uow:
        assert uow.read_model.open_calls(org, 1, 50) == ([], 0)


def test_submit_to_an_unknown_organisation_is_not_found_and_stores_nothing(bus, org):
    with pytest.raises(NotFound):
        bus.handle(commands.SubmitRequest("zuid", {}))
    assert outbox(bus) == []


def test_change_through_the_private_link_records_request_changed(bus, org):
    created = submit(bus)
    bus.handle(commands.ChangeRequest(created["manage_token"], {"availability": ["sat_morning"]}))
    with stored(bus) as uow:
        assert uow.requests.get(created["id"], org).availability == ["sat_morning"]
    assert outbox(bus)[-1] == "request.changed"


def test_withdraw_erases_the_person_and_withdraws_consent(bus, org):
    created = submit(bus)
    bus.handle(commands.WithdrawRequest(created["manage_token"], via="api"))
    with stored(bus) as uow:
        request = uow.requests.get(created["id"], org)
        assert (request.status, request.first_name, request.email, request.manage_token_hash) == (
            "withdrawn", None, None, None)
        [consent] = uow.consents.of("request", request.id)
        assert consent.withdrawn_via == "api" and consent.withdrawn_at == bus.deps.clock.now()
        assert uow.read_model.messages(org)[0]["body"] == "[verwijderd]"
    assert outbox(bus)[-1] == "request.withdrawn"


def test_a_matched_request_cannot_be_withdrawn_and_nothing_changes(bus, org):
    volunteer = active_volunteer(bus, org)
    created = submit(bus)
    match = bus.handle(commands.ProposeMatch(org, created["id"], "volunteer", volunteer))
    bus.handle(commands.ConfirmMatch(org, match["id"]))
    with pytest.raises(Conflict):
        bus.handle(commands.WithdrawRequest(created["manage_token"]))
    with stored(bus) as uow:
        assert uow.requests.get(created["id"], org).first_name == "Anna"


def test_an_unknown_private_link_is_not_found(bus, org):
    with pytest.raises(NotFound):
        bus.handle(commands.ChangeRequest("not-a-token", {"availability": ["sat_morning"]}))
