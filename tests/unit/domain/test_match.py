"""The match aggregate: a human decides each step; places are checked at confirmation."""
import pytest

from matching.domain import events as ev
from matching.domain.errors import Conflict, Invalid
from matching.domain.match import Match
from matching.domain.people import Request, Volunteer
from matching.domain.placement import Placement

pytestmark = pytest.mark.unit


def _request(kind="maatje"):
    return Request.submit("org", {"kind": kind, "first_name": "Anna", "interests": ["film"]}, "v1")


def _volunteer(capacity=1, kinds=("maatje",)):
    volunteer = Volunteer.apply("org", {"first_name": "Bram", "capacity": capacity, "kinds": list(kinds)}, "v1")
    volunteer.activate(vog_checked=True)
    return volunteer


def test_propose_confirm_end_moves_request_and_records_events():
    request, volunteer = _request(), _volunteer()
    match = Match.propose(request, "volunteer", volunteer, active_load=0, by_user="u")
    assert (match.status, request.status) == ("proposed", "proposed")
    match.confirm(request, volunteer, active_load=0)
    assert (match.status, request.status) == ("active", "matched")
    match.end(request, "goal_reached")
    assert match.status == "ended" and request.status == "matched"
    assert [type(e) for e in match.pop_events()] == [ev.MatchProposed, ev.MatchConfirmed, ev.MatchEnded]


def test_no_click_sends_the_request_back_and_excludes_the_pair():
    request, volunteer = _request(), _volunteer()
    match = Match.propose(request, "volunteer", volunteer, 0, None)
    match.confirm(request, volunteer, 0)
    match.end(request, "no_click")
    assert request.status == "waiting" and match.excludes_pair


def test_decline_puts_the_request_back_on_the_waiting_list():
    request, volunteer = _request(), _volunteer()
    match = Match.propose(request, "volunteer", volunteer, 0, None)
    match.decline(request, "  past niet  ")
    assert (match.status, request.status, match.decline_reason) == ("declined", "waiting", "past niet")
    assert match.excludes_pair


@pytest.mark.parametrize("setup, error", [
    (lambda r, v: r.mark("matched"), "not waiting"),
    (lambda r, v: v.pause(), "is paused"),
])
def test_propose_refuses_a_busy_request_or_unavailable_offer(setup, error):
    request, volunteer = _request(), _volunteer()
    setup(request, volunteer)
    with pytest.raises(Conflict, match=error):
        Match.propose(request, "volunteer", volunteer, 0, None)


def test_a_full_offer_cannot_be_proposed_or_confirmed():
    request, volunteer = _request(), _volunteer(capacity=2)
    with pytest.raises(Conflict, match="no free place"):
        Match.propose(request, "volunteer", volunteer, active_load=2, by_user=None)
    match = Match.propose(request, "volunteer", volunteer, active_load=1, by_user=None)
    with pytest.raises(Conflict, match="no free place"):
        match.confirm(request, volunteer, active_load=2)


def test_an_offer_must_serve_the_requests_kind():
    with pytest.raises(Conflict, match="does not offer"):
        Match.propose(_request("werkervaringsplaats"), "volunteer", _volunteer(), 0, None)
    placement = Placement.create("org", {"title": "Keuken", "capacity": 1})
    with pytest.raises(Conflict, match="does not offer"):
        Match.propose(_request("maatje"), "placement", placement, 0, None)
    assert Match.propose(_request("werkervaringsplaats"), "placement", placement, 0, None).status == "proposed"


def test_steps_out_of_order_are_conflicts_and_end_needs_a_known_reason():
    request, volunteer = _request(), _volunteer()
    match = Match.propose(request, "volunteer", volunteer, 0, None)
    with pytest.raises(Conflict):
        match.end(request, "moved")
    match.confirm(request, volunteer, 0)
    with pytest.raises(Conflict):
        match.decline(request, "")
    with pytest.raises(Invalid) as raised:
        match.end(request, "zomaar")
    assert raised.value.field == "reason"


def test_a_designed_ending_keeps_who_started_it_and_whether_there_was_a_goodbye():
    request, volunteer = _request(), _volunteer()
    match = Match.propose(request, "volunteer", volunteer, 0, None)
    match.confirm(request, volunteer, 0)
    assert match.health == "too_early"
    with pytest.raises(Invalid) as refused:
        match.end(request, "other")
    assert refused.value.field == "note"
    with pytest.raises(Invalid) as refused:
        match.end(request, "goal_reached", initiated_by="the cat")
    assert refused.value.field == "initiated_by"
    match.end(request, "volunteer_stopped", initiated_by="volunteer", note="  Verhuist naar Zwolle ", goodbye_meeting=True)
    assert (match.end_reason, match.initiated_by, match.end_note, match.goodbye_meeting) == (
        "volunteer_stopped", "volunteer", "Verhuist naar Zwolle", True)
    assert request.status == "waiting" and match.excludes_pair  # the person did not choose to stop


def test_a_health_change_is_recorded_once():
    request, volunteer = _request(), _volunteer()
    match = Match.propose(request, "volunteer", volunteer, 0, None)
    match.confirm(request, volunteer, 0)
    match.pop_events()
    assert match.set_health("needs_check_in", ["Geen contact"]) is True
    assert match.set_health("needs_check_in", ["Geen contact"]) is False  # nothing new: not even written
    assert match.set_health("needs_check_in", ["Geen contact", "Lage score"]) is False  # reasons only
    assert [e.health for e in match.pop_events()] == ["needs_check_in"]
