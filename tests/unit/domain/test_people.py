"""Requests and volunteers: their life cycles, and erasure that leaves nothing personal."""
import pytest

from matching.domain import events as ev
from matching.domain.base import token_hash
from matching.domain.errors import Conflict
from matching.domain.people import PERSONAL_FIELDS, Request, Volunteer

pytestmark = pytest.mark.unit

FIELDS = {"kind": "maatje", "first_name": "Anna", "email": "a@example.org", "phone": "0612345678",
          "postcode": "3511", "interests": ["film"], "availability": ["mon_evening"], "languages": ["nl"],
          "birth_year": 1980, "gender": "vrouw", "about": "graag buiten"}


def test_a_request_gets_a_private_token_of_which_only_the_hash_is_kept():
    request = Request.submit("org", dict(FIELDS), "v1")
    assert request.manage_token and request.manage_token_hash == token_hash(request.manage_token)
    assert request.status == "waiting" and request.pending
    assert isinstance(request.pop_events()[0], ev.RequestSubmitted)


def test_withdrawing_erases_every_personal_field():
    request = Request.submit("org", dict(FIELDS), "v1")
    request.withdraw()
    assert request.status == "withdrawn" and request.erased_at
    assert all(getattr(request, name, None) is None for name in PERSONAL_FIELDS)
    assert request.postcode == "" and request.interests == [] and request.manage_token_hash is None


def test_a_matched_request_cannot_be_withdrawn_before_the_match_ends():
    request = Request.submit("org", dict(FIELDS), "v1")
    request.mark("matched")
    with pytest.raises(Conflict):
        request.withdraw()


def test_volunteer_life_cycle_needs_a_vog_to_activate():
    volunteer = Volunteer.apply("org", {"first_name": "Bram", "capacity": 1}, "v1")
    assert volunteer.status == "applied"
    with pytest.raises(Conflict, match="VOG"):
        volunteer.activate(vog_checked=False)
    volunteer.activate(vog_checked=True)
    assert volunteer.status == "active" and volunteer.vog_checked_at
    volunteer.pause()
    volunteer.activate(vog_checked=False)  # the VOG was checked before
    volunteer.stop()
    with pytest.raises(Conflict):
        volunteer.activate(vog_checked=True)
    names = [e.name for e in volunteer.pop_events()]
    assert names == ["volunteer.applied", "volunteer.activated", "volunteer.paused", "volunteer.activated",
                     "volunteer.stopped"]
