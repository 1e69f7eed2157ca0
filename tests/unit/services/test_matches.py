"""A coordinator's decisions on a match, and the two sides' answers: capacity, excluded pairs, terms."""
from __future__ import annotations

from datetime import timedelta

import pytest

from matching.domain import commands
from matching.domain.errors import Conflict
from tests.fakes import run_events
from tests.unit.services.conftest import active_volunteer, outbox, stored, submit

pytestmark = pytest.mark.unit


@pytest.fixture
def pair(bus, org) -> tuple[dict, str]:
    """A waiting request and an active volunteer with room for one."""
    return submit(bus), active_volunteer(bus, org)


def _propose(bus, org, request_id: str, volunteer_id: str) -> str:
    return bus.handle(commands.ProposeMatch(org, request_id, "volunteer", volunteer_id, "coordinator-1"))["id"]


def test_propose_holds_the_request_and_logs_who_proposed(bus, org, pair):
    request, volunteer = pair
    match_id = _propose(bus, org, request["id"], volunteer)
    with stored(bus) as uow:
        assert uow.matches.get(match_id, org).status == "proposed"
        assert uow.requests.get(request["id"], org).status == "proposed"
    assert bus.db.state.audit[-1]["action"] == "match.propose" and bus.db.state.audit[-1]["user_id"] == "coordinator-1"
    assert outbox(bus)[-1] == "match.proposed"


def test_a_request_that_is_not_waiting_cannot_be_proposed_again(bus, org, pair):
    request, volunteer = pair
    _propose(bus, org, request["id"], volunteer)
    with pytest.raises(Conflict):
        _propose(bus, org, request["id"], volunteer)


def test_confirm_under_capacity_makes_the_match_active_for_a_year(bus, org, pair):
    request, volunteer = pair
    match_id = _propose(bus, org, request["id"], volunteer)
    assert bus.handle(commands.ConfirmMatch(org, match_id)) == "active"
    with stored(bus) as uow:
        match = uow.matches.get(match_id, org)
        assert match.ends_on == (bus.deps.clock.now() + timedelta(days=365)).date()
        assert uow.requests.get(request["id"], org).status == "matched"
        assert uow.matches.active_load("volunteer", volunteer) == 1


def test_confirm_over_capacity_is_a_conflict_and_changes_nothing(bus, org, pair):
    """Two proposals may wait for one place; the second confirmation finds it taken (409)."""
    first, volunteer = pair
    second = submit(bus, email="ben@example.org", first_name="Ben")
    one, two = _propose(bus, org, first["id"], volunteer), _propose(bus, org, second["id"], volunteer)
    bus.handle(commands.ConfirmMatch(org, one))
    events = len(outbox(bus))
    with pytest.raises(Conflict, match="no free place"):
        bus.handle(commands.ConfirmMatch(org, two))
    with stored(bus) as uow:
        assert uow.matches.get(two, org).status == "proposed"
        assert uow.requests.get(second["id"], org).status == "proposed"
    assert len(outbox(bus)) == events


def test_decline_puts_the_request_back_and_excludes_the_pair(bus, org, pair):
    request, volunteer = pair
    match_id = _propose(bus, org, request["id"], volunteer)
    assert bus.handle(commands.DeclineMatch(org, match_id, "geen klik bij de kennismaking")) == "declined"
    with stored(bus) as uow:
        assert uow.requests.get(request["id"], org).status == "waiting"
        assert uow.matches.excluded_pairs([request["id"]]) == {(request["id"], "volunteer", volunteer)}
    with pytest.raises(Conflict, match="declined before"):
        _propose(bus, org, request["id"], volunteer)


def test_end_frees_the_place_for_someone_else(bus, org, pair):
    request, volunteer = pair
    match_id = _propose(bus, org, request["id"], volunteer)
    bus.handle(commands.ConfirmMatch(org, match_id))
    assert bus.handle(commands.EndMatch(org, match_id, "goal_reached")) == "ended"
    other = submit(bus, email="ben@example.org", first_name="Ben")
    assert bus.handle(commands.ConfirmMatch(org, _propose(bus, org, other["id"], volunteer))) == "active"
    assert [row["action"] for row in bus.db.state.audit].count("match.end") == 1


def test_ending_for_an_unknown_reason_is_invalid(bus, org, pair):
    request, volunteer = pair
    match_id = _propose(bus, org, request["id"], volunteer)
    bus.handle(commands.ConfirmMatch(org, match_id))
    with pytest.raises(Exception, match="must be one of"):
        bus.handle(commands.EndMatch(org, match_id, "bored"))


def test_a_no_after_the_first_meeting_ends_the_match_and_the_person_waits_again(bus, org, pair):
    request, volunteer = pair
    match_id = _propose(bus, org, request["id"], volunteer)
    bus.handle(commands.ConfirmMatch(org, match_id))
    with pytest.raises(Conflict, match="a week after"):  # first they meet
        bus.handle(commands.AnswerFirstMeeting(request["manage_token"], go_on=False))
    bus.deps.clock.advance(days=7)
    assert bus.handle(commands.AnswerFirstMeeting(request["manage_token"], go_on=False)) == "ended"
    with stored(bus) as uow:
        match = uow.matches.get(match_id, org)
        assert (match.request_answer, match.end_reason) == ("nee", "no_click")
        assert uow.requests.get(request["id"], org).status == "waiting"
        assert uow.matches.excluded_pairs([request["id"]]) == {(request["id"], "volunteer", volunteer)}


def test_answering_without_a_running_match_is_a_conflict(bus, org, pair):
    request, _volunteer = pair
    with pytest.raises(Conflict):
        bus.handle(commands.AnswerFirstMeeting(request["manage_token"], go_on=True))


def test_renew_adds_a_year_to_the_term(bus, org, pair):
    request, volunteer = pair
    match_id = _propose(bus, org, request["id"], volunteer)
    bus.handle(commands.ConfirmMatch(org, match_id))
    bus.deps.clock.advance(days=340)
    bus.handle(commands.RenewMatch(org, match_id, "coordinator-1"))
    with stored(bus) as uow:
        assert uow.matches.get(match_id, org).ends_on == (bus.deps.clock.now() - timedelta(days=340)
                                                          + timedelta(days=730)).date()
    assert outbox(bus)[-1] == "match.renewed"


def test_a_confirmed_match_introduces_both_sides_to_each_other(bus, org, pair):
    """The worker's side: match.confirmed queues one introduction per side, with the other's contact."""
    request, volunteer = pair
    bus.handle(commands.ConfirmMatch(org, _propose(bus, org, request["id"], volunteer)))
    run_events(bus)
    with stored(bus) as uow:
        introductions = [m for m in uow.read_model.messages(org) if m["match_id"]]
    assert sorted(m["recipient_type"] for m in introductions) == ["request", "volunteer"]
    to_volunteer = next(m for m in introductions if m["recipient_type"] == "volunteer")
    assert "anna@example.org" in to_volunteer["body"] and to_volunteer["status"] == "stored"


def test_an_ending_is_undone_within_a_day_and_the_match_runs_again(bus, org, pair):
    request, volunteer = pair
    match_id = _propose(bus, org, request["id"], volunteer)
    bus.handle(commands.ConfirmMatch(org, match_id))
    bus.handle(commands.EndMatch(org, match_id, "other", note="verkeerde knop"))
    bus.deps.clock.advance(hours=23)
    assert bus.handle(commands.UndoMatchStep(org, match_id, "coordinator-1")) == "active"
    with stored(bus) as uow:
        match = uow.matches.get(match_id, org)
        assert (match.ended_at, match.end_reason, match.end_note, match.health) == (None, None, None, "too_early")
        assert uow.requests.get(request["id"], org).status == "matched"
    assert outbox(bus)[-1] == "match.undone" and bus.db.state.outbox[-1]["payload"]["undone"] == "ended"
    assert [row["action"] for row in bus.db.state.audit].count("match.undo") == 1


def test_a_decline_is_undone_and_the_proposal_is_back(bus, org, pair):
    request, volunteer = pair
    match_id = _propose(bus, org, request["id"], volunteer)
    bus.handle(commands.DeclineMatch(org, match_id, "Anders: per ongeluk"))
    assert bus.handle(commands.UndoMatchStep(org, match_id)) == "proposed"
    with stored(bus) as uow:
        assert uow.requests.get(request["id"], org).status == "proposed"
        assert uow.matches.get(match_id, org).decline_reason is None
        assert uow.matches.excluded_pairs([request["id"]]) == set()


def test_undo_after_a_day_is_a_conflict(bus, org, pair):
    request, volunteer = pair
    match_id = _propose(bus, org, request["id"], volunteer)
    bus.handle(commands.DeclineMatch(org, match_id, "past niet"))
    bus.deps.clock.advance(hours=24, seconds=1)
    with pytest.raises(Conflict, match="more than a day"):
        bus.handle(commands.UndoMatchStep(org, match_id))


def test_undo_when_the_request_moved_on_is_a_conflict(bus, org, pair):
    request, volunteer = pair
    match_id = _propose(bus, org, request["id"], volunteer)
    bus.handle(commands.DeclineMatch(org, match_id, "past niet"))
    other = active_volunteer(bus, org, email="cas@example.org", first_name="Cas")
    _propose(bus, org, request["id"], other)  # proposed to someone else since
    with pytest.raises(Conflict, match="happened to the request"):
        bus.handle(commands.UndoMatchStep(org, match_id))


def test_undo_of_an_ending_when_the_place_was_taken_is_a_conflict(bus, org, pair):
    request, volunteer = pair
    match_id = _propose(bus, org, request["id"], volunteer)
    bus.handle(commands.ConfirmMatch(org, match_id))
    bus.handle(commands.EndMatch(org, match_id, "goal_reached"))
    other = submit(bus, email="ben@example.org", first_name="Ben")
    bus.handle(commands.ConfirmMatch(org, _propose(bus, org, other["id"], volunteer)))  # capacity 1: taken
    with pytest.raises(Conflict, match="no free place"):
        bus.handle(commands.UndoMatchStep(org, match_id))


@pytest.mark.parametrize("step", ["proposed", "active"])
def test_only_an_ending_or_a_decline_can_be_undone(bus, org, pair, step):
    request, volunteer = pair
    match_id = _propose(bus, org, request["id"], volunteer)
    if step == "active":
        bus.handle(commands.ConfirmMatch(org, match_id))
    with pytest.raises(Conflict, match="only an ending or a decline"):
        bus.handle(commands.UndoMatchStep(org, match_id))
