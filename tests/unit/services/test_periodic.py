"""The workers' periodic jobs as commands: reminders (raised once) and the retention period."""
from __future__ import annotations

from datetime import timedelta

import pytest

from matching.domain import commands
from tests.unit.services.conftest import active_volunteer, stored, submit

pytestmark = pytest.mark.unit


def test_a_due_check_in_is_raised_once_however_often_the_job_runs(bus, org):
    request, volunteer = submit(bus), active_volunteer(bus, org)
    match = bus.handle(commands.ProposeMatch(org, request["id"], "volunteer", volunteer))["id"]
    bus.handle(commands.ConfirmMatch(org, match))
    six_weeks = (bus.deps.clock.now() + timedelta(days=42)).date().isoformat()
    assert bus.handle(commands.RaiseDueReminders(six_weeks)) == 1
    assert bus.handle(commands.RaiseDueReminders(six_weeks)) == 0
    with stored(bus) as uow:
        [reminder] = uow.read_model.open_reminders(org)
    assert (reminder["kind"], reminder["subject_id"]) == ("check_in", match)


def test_a_reminder_is_done_once(bus, org):
    request, volunteer = submit(bus), active_volunteer(bus, org)
    match = bus.handle(commands.ProposeMatch(org, request["id"], "volunteer", volunteer))["id"]
    bus.handle(commands.ConfirmMatch(org, match))
    bus.handle(commands.RaiseDueReminders((bus.deps.clock.now() + timedelta(days=50)).date().isoformat()))
    reminder = next(iter(bus.db.state.aggregates["reminders"]))
    bus.handle(commands.CompleteReminder(org, reminder, "coordinator-1"))
    with pytest.raises(Exception, match="already handled"):
        bus.handle(commands.CompleteReminder(org, reminder, "coordinator-1"))


def test_retention_erases_who_stopped_long_enough_ago_and_keeps_who_did_not(bus, org):
    gone, recent = active_volunteer(bus, org), active_volunteer(bus, org, email="cor@example.org")
    bus.handle(commands.StopVolunteer(org, gone))
    bus.deps.clock.advance(days=200)
    bus.handle(commands.StopVolunteer(org, recent))
    year_later = (bus.deps.clock.now() + timedelta(days=200)).isoformat()
    assert bus.handle(commands.ApplyRetention(year_later)) == 1
    with stored(bus) as uow:
        assert uow.volunteers.get(gone, org).erased_at is not None
        assert uow.volunteers.get(recent, org).email == "cor@example.org"
        assert uow.consents.of("volunteer", gone)[0].withdrawn_via == "retention"
    assert bus.db.state.outbox[-1]["name"] == "person.erased"


def test_a_request_is_erased_twelve_months_after_its_last_match_ended(bus, org):
    request, volunteer = submit(bus), active_volunteer(bus, org)
    match = bus.handle(commands.ProposeMatch(org, request["id"], "volunteer", volunteer))["id"]
    bus.handle(commands.ConfirmMatch(org, match))
    bus.handle(commands.EndMatch(org, match, "goal_reached"))
    bus.deps.clock.advance(days=364)
    assert bus.handle(commands.ApplyRetention()) == 0
    bus.deps.clock.advance(days=2)
    assert bus.handle(commands.ApplyRetention()) == 1
    with stored(bus) as uow:
        erased = uow.requests.get(request["id"], org)
        assert (erased.first_name, erased.postcode, erased.status) == (None, "", "matched")


def test_erasure_is_dated_by_the_clock_port_not_the_system_clock(bus, org):
    """The retention run, a withdrawal and a volunteer leaving stamp `erased_at` with the service
    layer's clock (the tests' fixed one, the demo's moving one), never the machine's."""
    volunteer, withdrawn = active_volunteer(bus, org), submit(bus)
    bus.handle(commands.StopVolunteer(org, volunteer))
    bus.deps.clock.advance(days=400)  # far from the machine's date, whenever the test runs
    bus.handle(commands.ApplyRetention())
    bus.handle(commands.WithdrawRequest(withdrawn["manage_token"]))
    with stored(bus) as uow:
        assert uow.volunteers.get(volunteer, org).erased_at == bus.deps.clock.now()
        assert uow.requests.get(withdrawn["id"], org).erased_at == bus.deps.clock.now()
