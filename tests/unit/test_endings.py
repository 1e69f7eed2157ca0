"""The message each side gets when a match ends says what happens next for them, and how to reach a human."""
from types import SimpleNamespace

import pytest

from matching.domain.match import Match
from matching.domain.organization import Organization
from matching.domain.people import Request, Volunteer
from matching.services import endings
from matching.services.profiles import request_profile, search_distance_km

pytestmark = pytest.mark.unit
ORG = Organization("noord", "Vriendendienst Noord", contact={"phone": "050 123 45 67"})


def _pair(reason: str, email: str | None = "anna@example.org"):
    request = Request.submit(ORG.id, {"kind": "maatje", "first_name": "Anna", "email": email, "phone": "0612345678",
                                      "postcode": "3511", "interests": ["film"], "availability": ["mon_evening"],
                                      "languages": ["nl"], "max_distance_km": None, "gender": None,
                                      "volunteer_gender": None}, "v1")
    volunteer = Volunteer.apply(ORG.id, {"first_name": "Bram", "email": "bram@example.org", "phone": None, "kinds": ["maatje"],
                                         "capacity": 1}, "v1")
    volunteer.activate(vog_checked=True)
    match = Match.propose(request, "volunteer", volunteer, 0, None)
    match.confirm(request, volunteer, 0)
    match.end(request, reason)
    return match, request, volunteer


def test_back_on_the_list_after_no_click_and_off_the_list_otherwise():
    again = endings.for_ended_match(*_pair("no_click"), ORG, 12)
    done = endings.for_ended_match(*_pair("goal_reached"), ORG, 12)
    assert [m.recipient_type for m in again] == ["request", "volunteer"]
    assert "Je staat weer op de wachtlijst" in again[0].body
    assert "Je staat nu niet op de wachtlijst" in done[0].body and "nog 12 maanden" in done[0].body
    assert "Je plek is weer vrij" in done[1].body and done[1].subject == "Je koppeling met Anna is gestopt"
    assert all("Telefoon: 050 123 45 67" in m.body for m in again + done)


def test_a_phone_only_person_gets_a_message_without_an_address_and_an_erased_one_none():
    match, request, volunteer = _pair("moved", email=None)
    to_person = endings.for_ended_match(match, request, volunteer, ORG, 12)[0]
    assert to_person.to_address is None and "(die je van ons kreeg)" in to_person.body
    request.erase()
    assert endings.for_ended_match(match, request, volunteer, ORG, 12) == []


def test_a_placement_match_ends_with_one_message_naming_the_placement():
    match, request, _volunteer = _pair("goal_reached")
    match.offer_type = "placement"
    (only,) = endings.for_ended_match(match, request, SimpleNamespace(title="Keukenhulp", erased_at=None), ORG, 12)
    assert only.subject == "Je koppeling met Keukenhulp is gestopt"


def test_no_distance_of_ones_own_searches_as_far_as_the_kinds_default():
    _match, request, _volunteer = _pair("moved")
    assert request.max_distance_km is None and search_distance_km(request) == 10.0
    assert request_profile(request).max_distance_km == 10.0
    request.kind = "werkervaringsplaats"
    assert search_distance_km(request) == 25.0
    request.max_distance_km = 5.0
    assert request_profile(request).max_distance_km == 5.0
