"""What a person may do through their private link: a break and a return, and their own contact details."""
from datetime import timedelta

import pytest

from matching.domain.base import utcnow
from matching.domain.errors import Conflict, Invalid
from matching.domain.match import GO_ON_QUESTION_AFTER, Match
from matching.domain.people import Request, Volunteer

pytestmark = pytest.mark.unit

FIELDS = {"kind": "maatje", "first_name": "Anna", "email": "a@example.org", "phone": None, "postcode": "3511",
          "interests": ["film"], "availability": ["mon_evening"], "languages": ["nl"]}


def _request() -> Request:
    request = Request.submit("org", dict(FIELDS), "v1")
    request.pop_events()
    return request


def _volunteer() -> Volunteer:
    volunteer = Volunteer.apply("org", {"first_name": "Bram", "email": "b@example.org", "phone": None, "capacity": 1,
                                        "kinds": ["maatje"]}, "v1")
    volunteer.activate(vog_checked=True)
    volunteer.pop_events()
    return volunteer


def test_a_waiting_request_pauses_and_resumes_and_is_pending_again():
    request = _request()
    request.scored_at = utcnow()
    request.pause()
    assert request.paused and request.status == "waiting" and not request.pending
    with pytest.raises(Conflict):
        request.pause()
    request.resume()
    assert not request.paused and request.pending  # changed since its last scoring: the workers score it
    with pytest.raises(Conflict):
        request.resume()
    assert [e.name for e in request.pop_events()] == ["request.paused", "request.resumed"]


@pytest.mark.parametrize("status", ["proposed", "matched"])
def test_only_a_waiting_request_can_pause(status):
    request = _request()
    request.mark(status)
    with pytest.raises(Conflict):
        request.pause()


def test_a_paused_request_cannot_be_proposed():
    request = _request()
    request.pause()
    with pytest.raises(Conflict, match="paused"):
        Match.propose(request, "volunteer", _volunteer(), 0, None)
    request.resume()
    assert Match.propose(request, "volunteer", _volunteer(), 0, None).status == "proposed"


def test_a_volunteer_resumes_only_a_break_they_took_themselves():
    volunteer = _volunteer()
    volunteer.pause(by_self=True)
    volunteer.resume()
    assert volunteer.status == "active" and volunteer.paused_by is None
    volunteer.pause()  # set by the coordinator
    with pytest.raises(Conflict, match="coordinator"):
        volunteer.resume()
    volunteer.activate(vog_checked=False)  # the coordinator lifts it
    with pytest.raises(Conflict):
        volunteer.resume()
    names = [e.name for e in volunteer.pop_events()]
    assert names == ["volunteer.paused", "volunteer.resumed", "volunteer.paused", "volunteer.activated"]


def test_a_request_keeps_at_least_one_way_to_be_reached():
    request = _request()
    request.change_contact({"phone": "06 12345678"})
    request.change_contact({"email": None})
    assert (request.email, request.phone) == (None, "06 12345678")
    with pytest.raises(Invalid) as error:
        request.change_contact({"phone": None})
    assert error.value.field == "email" and request.phone == "06 12345678"
    with pytest.raises(Invalid):
        request.change_contact({"first_name": "Eve"})
    assert [e.name for e in request.pop_events()] == ["person.contact_changed"] * 2


def test_a_volunteer_keeps_an_email_address_and_an_erased_person_changes_nothing():
    volunteer = _volunteer()
    volunteer.change_contact({"phone": "0612345678"})
    with pytest.raises(Invalid):
        volunteer.change_contact({"email": None})
    request = _request()
    request.withdraw()
    with pytest.raises(Conflict):
        request.change_contact({"email": "new@example.org"})


def test_the_go_on_question_opens_a_week_after_confirmation():
    request, volunteer = _request(), _volunteer()
    start = utcnow()
    match = Match.propose(request, "volunteer", volunteer, 0, None, now=start)
    match.confirm(request, volunteer, 0, now=start)
    assert not match.asks_go_on("request", start + GO_ON_QUESTION_AFTER - timedelta(minutes=1))
    with pytest.raises(Conflict):
        match.answer(request, "request", True, now=start + timedelta(days=2))
    later = start + GO_ON_QUESTION_AFTER
    assert match.asks_go_on("request", later) and match.asks_go_on("offer", later)
    match.answer(request, "offer", True, now=later)
    assert not match.asks_go_on("offer", later) and match.asks_go_on("request", later)
    match.answer(request, "request", False, now=later)
    assert match.status == "ended" and request.status == "waiting"

