"""OfferIndex.count: what a partner organisation tells about another's request, a number only. It
must equal the plain rules (rules.py) offer by offer, as rank does."""
import pytest
from hypothesis import given, settings, strategies as st

from matching import OfferIndex
from matching.scoring import rules
from tests.unit.scoring.strategies import asks, offer_lists

pytestmark = pytest.mark.unit


@given(asks(), st.data())
@settings(max_examples=150, deadline=None)
def test_count_equals_the_offers_that_keep_every_hard_rule(ask, data):
    offer_list = data.draw(offer_lists(ask))
    plain = sum(rules.broken_rule(ask, o, rules.distance_km(ask, o)) is None for o in offer_list)
    index = OfferIndex(offer_list)
    assert index.count(ask) == plain == len(index.rank(ask, k=None))


def test_no_offers_count_nothing():
    from matching import Profile

    ask = Profile.from_dict({"kind": "maatje", "postcode": "3511", "interests": ["koffie"],
                             "availability": ["mon_morning"], "languages": ["nl"]})
    assert OfferIndex([]).count(ask) == 0
