"""A referral's status as the referrer sees it, and a request handed to a partner."""
import pytest

from matching.domain.errors import Conflict, Invalid
from matching.domain.people import Request, RequestStatus
from matching.domain.referral import Referral, ReferralStatus, status_of

pytestmark = pytest.mark.unit

REFERRER = {"name": "Petra", "organization": "Praktijk", "role": "poh-ggz", "phone": "0301234567"}


@pytest.mark.parametrize("status, erased, notes, expected", [
    ("waiting", False, [], ReferralStatus.RECEIVED),
    ("waiting", False, ["note"], ReferralStatus.RECEIVED),  # a note to self is not contact with the person
    ("waiting", False, ["call"], ReferralStatus.IN_CONTACT),
    ("waiting", False, ["kennismaking"], ReferralStatus.IN_CONTACT),
    ("proposed", False, [], ReferralStatus.IN_CONTACT),
    ("matched", False, ["call"], ReferralStatus.MATCHED),
    ("withdrawn", True, ["call"], ReferralStatus.CLOSED),
    ("waiting", True, [], ReferralStatus.CLOSED),
])
def test_status_of(status, erased, notes, expected):
    assert status_of(status, erased, notes) == expected


def test_only_the_hash_of_the_referrer_link_is_kept_and_the_referrer_can_be_forgotten():
    referral = Referral.make("org", "req", REFERRER, share_status=True)
    assert referral.token and referral.token not in referral.token_hash
    assert [e.name for e in referral.pop_events()] == ["referral.received"]
    referral.forget_referrer()
    assert (referral.referrer_name, referral.referrer_email, referral.referrer_phone) == (None, None, None)
    assert referral.referrer_role == "poh-ggz"


def _request() -> Request:
    return Request.submit("noord", {"kind": "maatje", "first_name": "Anna", "email": "a@example.org",
                                     "postcode": "3511", "interests": ["koffie"], "availability": ["mon_morning"],
                                     "languages": ["nl"]}, "2026-11")


def test_a_waiting_request_moves_with_its_date_and_events_on_both_sides():
    request = _request()
    created = request.created_at
    request.pop_events()
    request.hand_over("oost")
    assert request.organization_id == "oost" and request.created_at == created and request.status == RequestStatus.WAITING
    events = [(e.name, e.organization_id) for e in request.pop_events()]
    assert events == [("request.transferred_out", "noord"), ("request.transferred_in", "oost")]


def test_only_a_waiting_request_moves():
    request = _request()
    request.mark(RequestStatus.PROPOSED)
    with pytest.raises(Conflict):
        request.hand_over("oost")
    with pytest.raises(Invalid):
        _request().hand_over("noord")
