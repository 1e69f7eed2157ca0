"""Every waiting person hears from us at least every 28 days: a "bel even" reminder on the day the last
call note or message is 28 days old (or the sign-up, when there was none), cleared by a call or a message."""
from __future__ import annotations

import pytest

from matching.domain import commands
from matching.services.queries import dashboard_page
from tests.fakes import run_events
from tests.unit.services.conftest import stored, submit

pytestmark = pytest.mark.unit


def _tick(bus) -> int:
    return bus.handle(commands.RaiseDueReminders(bus.deps.clock.now().date().isoformat()))


def _open_contact(bus, org) -> list[dict]:
    with stored(bus) as uow:
        return [r for r in uow.read_model.open_reminders(org) if r["kind"] == "contact"]


def test_a_reminder_comes_28_days_after_the_last_contact_and_a_call_clears_it(bus, org):
    created = submit(bus, without=("email",), phone="0612345678")  # phone only: no message reaches them
    run_events(bus)
    bus.deps.clock.advance(days=27)
    assert _tick(bus) == 0
    bus.deps.clock.advance(days=1)
    assert _tick(bus) == 1 and _tick(bus) == 0  # once
    [reminder] = _open_contact(bus, org)
    assert (reminder["subject_type"], reminder["subject_id"]) == ("request", created["id"])
    assert dashboard_page.contacted(bus, org) == {"waiting": 1, "contacted": 0}
    bus.handle(commands.WriteNote(org, "request", created["id"], "call", "Even gebeld", "coordinator-1"))
    assert _open_contact(bus, org) == []
    assert dashboard_page.contacted(bus, org) == {"waiting": 1, "contacted": 1}
    bus.deps.clock.advance(days=28)
    assert _tick(bus) == 1  # four weeks after the call: again


def test_a_message_counts_as_contact_and_clears_the_reminder_on_the_next_run(bus, org):
    submit(bus)  # with email: the welcome message is contact
    run_events(bus)
    assert dashboard_page.contacted(bus, org) == {"waiting": 1, "contacted": 1}
    bus.deps.clock.advance(days=28)
    assert _tick(bus) == 1
    with stored(bus) as uow:
        from matching.domain.message import Message
        [request] = uow.requests.waiting(org)
        uow.messages.add(Message.queue(org, request.email, "Hoe gaat het?", "We denken aan je.", "request", request.id,
                                       now=bus.deps.clock.now()))
        uow.commit()
    run_events(bus)
    bus.deps.clock.advance(hours=1)
    _tick(bus)
    assert _open_contact(bus, org) == []
    assert dashboard_page.contacted(bus, org)["contacted"] == 1
    bus.deps.clock.advance(days=29)
    assert dashboard_page.contacted(bus, org)["contacted"] == 0


def test_a_note_that_is_no_call_does_not_clear_it(bus, org):
    created = submit(bus, without=("email",), phone="0612345678")
    run_events(bus)
    bus.deps.clock.advance(days=30)
    _tick(bus)
    bus.handle(commands.WriteNote(org, "request", created["id"], "note", "Voorkeur genoteerd", "coordinator-1"))
    assert len(_open_contact(bus, org)) == 1
