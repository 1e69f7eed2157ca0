"""The werkervaringsplaats rules (CONTRACT section 13), as properties: never a suggestion (rank) or a
proposal (assign) without a shared work area or with too few hours, and nobody those rules allow is
missed, checked against the plain rules of rules.py. A maatje ask is never bound by them."""
import pytest
from hypothesis import given, settings, strategies as st

from matching import OfferIndex, Profile, assign
from matching.scoring import rules
from tests.unit.scoring.strategies import asks, offer_lists, offers, asks_and_offers

pytestmark = pytest.mark.unit

work_asks = asks().filter(lambda ask: ask.work_rules)


def _allowed(ask, offer_list) -> set[int]:
    """Every offer the plain rules allow for `ask`."""
    return {j for j, offer in enumerate(offer_list)
            if rules.broken_rule(ask, offer, rules.distance_km(ask, offer)) is None}


def _fits_work(ask: Profile, offer: Profile) -> bool:
    return bool(ask.work_areas & offer.work_areas) and offer.hours_per_week >= ask.hours_per_week


@settings(max_examples=150, deadline=None)
@given(st.data())
def test_rank_never_suggests_a_place_without_a_shared_work_area_or_with_too_few_hours(data):
    ask = data.draw(work_asks)
    offer_list = data.draw(st.one_of(offer_lists(ask), st.lists(offers(), min_size=1, max_size=25)))
    found = OfferIndex(offer_list).rank(ask, k=None)
    assert all(_fits_work(ask, offer_list[c.index]) for c in found)


@settings(max_examples=150, deadline=None)
@given(st.data())
def test_rank_misses_nobody_the_rules_allow(data):
    ask = data.draw(work_asks)
    offer_list = data.draw(offer_lists(ask))
    assert {c.index for c in OfferIndex(offer_list).rank(ask, k=None)} == _allowed(ask, offer_list)


@settings(max_examples=100, deadline=None)
@given(asks_and_offers(max_asks=6, max_offers=5))
def test_assign_never_proposes_a_place_without_a_shared_work_area_or_with_too_few_hours(pair):
    ask_list, offer_list = pair
    for i, j, _score in assign(ask_list, offer_list):
        assert rules.broken_rule(ask_list[i], offer_list[j], rules.distance_km(ask_list[i], offer_list[j])) is None
        if ask_list[i].work_rules:
            assert _fits_work(ask_list[i], offer_list[j])


@settings(max_examples=100, deadline=None)
@given(st.data())
def test_the_work_rules_bind_werkervaringsplaats_asks_only(data):
    ask = data.draw(asks().filter(lambda a: not a.work_rules))
    offer_list = data.draw(offer_lists(ask))
    assert {c.index for c in OfferIndex(offer_list).rank(ask, k=None)} == _allowed(ask, offer_list)


def test_the_score_explains_itself_in_work_terms():
    ask = Profile.from_dict({"kind": "werkervaringsplaats", "postcode": "3511", "interests": [],
                             "availability": ["tue_morning"], "work_areas": ["administratie", "ict"],
                             "hours_per_week": 16})
    place = Profile.from_dict({"title": "Balie", "postcode": "3512", "availability": ["tue_morning"],
                               "work_areas": ["administratie"], "hours_per_week": 16})
    short = Profile.from_dict({"title": "Balie", "postcode": "3512", "availability": ["tue_morning"],
                               "work_areas": ["administratie"], "hours_per_week": 12})
    found = OfferIndex([place, short]).rank(ask)
    assert [c.index for c in found] == [0]
    assert found[0].breakdown["work"]["reason"] == "administratie, 16 uur past"
    assert rules.broken_rule(ask, short, rules.distance_km(ask, short)) == "hours"
