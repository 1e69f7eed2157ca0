"""Requests and volunteers: their life cycles, and erasure that leaves nothing personal."""
import pytest

from matching.domain import events as ev
from matching.domain.base import token_hash
from matching.domain.errors import Conflict, Invalid
from matching.domain.people import PERSONAL_FIELDS, Request, RequestStatus, Volunteer, VolunteerStatus

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


@pytest.mark.parametrize("name, value", [("status", "matched"), ("manage_token_hash", "x" * 64), ("id", "other"),
                                         ("organization_id", "other-org"), ("erased_at", None), ("no_such", 1)])
def test_a_request_change_takes_only_what_the_person_gives(name, value):
    request = Request.submit("org", dict(FIELDS), "v1")
    request.pop_events()
    before = {key: getattr(request, key) for key in ("status", "manage_token_hash", "id", "organization_id")}
    with pytest.raises(Invalid) as refused:
        request.change({"availability": ["sun_morning"], name: value})
    assert refused.value.field == name
    assert {key: getattr(request, key) for key in before} == before
    assert request.availability == ["mon_evening"] and request.pop_events() == []  # nothing half-applied


@pytest.mark.parametrize("name", ["status", "vog_checked_at", "manage_token_hash", "created_at"])
def test_a_volunteer_change_refuses_fields_the_aggregate_keeps_itself(name):
    volunteer = Volunteer.apply("org", {"first_name": "Bram", "capacity": 1}, "v1")
    with pytest.raises(Invalid) as refused:
        volunteer.change({name: "active"})
    assert refused.value.field == name and volunteer.status == VolunteerStatus.APPLIED


def test_sign_up_refuses_a_field_no_person_gives():
    with pytest.raises(Invalid) as refused:
        Request.submit("org", dict(FIELDS, status="matched"), "v1")
    assert refused.value.field == "status"
    with pytest.raises(Invalid):
        Volunteer.apply("org", {"first_name": "Bram", "vog_checked_at": "2020-01-01"}, "v1")


def test_the_given_fields_left_out_at_sign_up_are_empty_not_missing():
    volunteer = Volunteer.apply("org", {"first_name": "Bram", "capacity": 1}, "v1")
    assert volunteer.motivation is None and volunteer.participant_gender is None


def test_statuses_are_enum_members_equal_to_their_words():
    request = Request.submit("org", dict(FIELDS), "v1")
    assert request.status is RequestStatus.WAITING and request.status == "waiting"
    request.mark("proposed")  # a plain word is taken as the member
    assert request.status is RequestStatus.PROPOSED
    with pytest.raises(ValueError):
        request.mark("bogus")
