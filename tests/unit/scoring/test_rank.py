"""Properties of OfferIndex.rank: rules kept, nobody missed, scores explained and monotone.

The offers are built from the ask (see strategies.py), so nearly every example has candidates to check.
"""
import dataclasses

import pytest
from hypothesis import event, given, settings, strategies as st

from matching import OfferIndex
from matching.scoring import rules
from tests.unit.scoring.strategies import RULES, asks, offer_lists, offers_for

pytestmark = pytest.mark.unit


def _allowed(ask, offer, exclude=(), i=None):
    return rules.broken_rule(ask, offer, rules.distance_km(ask, offer), declined=i in exclude) is None


@pytest.mark.parametrize("rule", [None, *RULES])
@given(asks(), st.data())
@settings(max_examples=40, deadline=None)
def test_each_hard_rule_alone_keeps_an_offer_out(rule, ask, data):
    """The reference rules and the index agree, rule by rule, on an offer that breaks exactly one rule."""
    offer = data.draw(offers_for(ask, breaking=(rule,)))
    km = rules.distance_km(ask, offer.profile)
    assert rules.broken_rule(ask, offer.profile, km) == offer.breaks
    found = [c.index for c in OfferIndex([offer.profile]).rank(ask, k=None)]
    assert found == ([] if offer.breaks else [0])
    if offer.breaks is None:  # the last rule: a declined pair is never suggested
        assert rules.broken_rule(ask, offer.profile, km, declined=True) == "declined"
        assert OfferIndex([offer.profile]).rank(ask, k=None, exclude=[0]) == []


@given(asks(), st.data(), st.integers(1, 8))
@settings(max_examples=200, deadline=None)
def test_rank_keeps_rules_and_misses_nobody(ask, data, k):
    offer_list = data.draw(offer_lists(ask))
    allowed_before = sorted(i for i, o in enumerate(offer_list) if _allowed(ask, o))
    exclude = data.draw(st.sets(st.sampled_from(allowed_before + [len(offer_list)]), max_size=3))  # declined pairs
    event(f"exclude keeps out an allowed offer: {bool(exclude & set(allowed_before))}")
    index = OfferIndex(offer_list)
    found = index.rank(ask, k=k, exclude=exclude)
    for c in found:
        offer = offer_list[c.index]
        assert c.distance_km == pytest.approx(rules.distance_km(ask, offer), abs=1e-6)
        assert rules.broken_rule(ask, offer, c.distance_km, declined=c.index in exclude) is None
    allowed = {i for i, offer in enumerate(offer_list) if _allowed(ask, offer, exclude, i)}
    event("allowed offers: " + ("none" if not allowed else "fewer than k" if len(allowed) < k else "k or more"))
    assert len(found) == min(k, len(allowed))
    if len(found) < k:
        assert {c.index for c in found} == allowed
    plain = sorted((rules.score(rules.parts(ask, offer_list[i], rules.distance_km(ask, offer_list[i]), index.weights))
                    for i in allowed), reverse=True)
    assert [c.score for c in found] == pytest.approx(plain[:k], abs=1e-9)  # the best k, not just any k


@given(asks(), st.data())
@settings(max_examples=150, deadline=None)
def test_rank_scores_equal_the_plain_rules_best_first(ask, data):
    offer_list = data.draw(offer_lists(ask))
    index = OfferIndex(offer_list)
    found = index.rank(ask, k=None)
    event(f"candidates to check: {bool(found)}")
    for c in found:
        plain = rules.score(rules.parts(ask, offer_list[c.index], c.distance_km, index.weights))
        assert c.score == pytest.approx(plain, abs=1e-9)
        assert 0.0 <= c.score <= 1.0
        assert sum(p["score"] * p["weight"] for p in c.breakdown.values()) == pytest.approx(c.score, abs=1e-3)
    keys = [(-c.score, c.index) for c in found]
    assert keys == sorted(keys)
    assert found == index.rank(ask, k=None)  # the same input always gives the same output


@given(asks(), st.data())
@settings(max_examples=150, deadline=None)
def test_one_more_shared_interest_raises_the_score(ask, data):
    offer = data.draw(offers_for(ask, breaking=(None,))).profile
    extra = data.draw(st.sampled_from(sorted(ask.interests)))
    poorer = dataclasses.replace(offer, interests=offer.interests - {extra})
    richer = dataclasses.replace(offer, interests=offer.interests | {extra})
    found = {c.index: c.score for c in OfferIndex([poorer, richer]).rank(ask, k=None)}
    assert set(found) == {0, 1}
    assert found[1] > found[0]


@given(asks(), st.data())
@settings(max_examples=150, deadline=None)
def test_a_shorter_distance_raises_the_score(ask, data):
    offer = data.draw(offers_for(ask, breaking=(None,))).profile
    here = dataclasses.replace(offer, lat=ask.lat, lon=ask.lon)
    away = dataclasses.replace(offer, lat=ask.lat + 0.01, lon=ask.lon)  # about 1.1 km north, within every limit
    found = {c.index: c.score for c in OfferIndex([away, here]).rank(ask, k=None)}
    assert set(found) == {0, 1}
    assert found[1] > found[0]


def test_breakdown_reads_as_dutch_reasons():
    from matching import Profile

    ask = Profile.from_dict({"kind": "maatje", "postcode": "3511 AB", "languages": ["nl"],
                             "interests": ["wandelen", "koken", "film"], "availability": ["tue_afternoon"]})
    offer = Profile.from_dict({"postcode": "3512", "interests": ["wandelen", "koken", "film", "sport"],
                               "availability": ["tue_afternoon", "wed_morning"]})
    (c,) = OfferIndex([offer]).rank(ask)
    assert c.breakdown["interests"]["reason"].startswith("3 gedeelde interesses: ")
    assert c.breakdown["availability"]["reason"] == "beiden dinsdagmiddag"
    assert c.breakdown["distance"]["reason"].endswith(" km") and "," in c.breakdown["distance"]["reason"]
    assert c.breakdown["language"]["reason"] == "spreken allebei Nederlands"


def test_no_offers_no_candidates():
    from matching import Profile

    ask = Profile.from_dict({"kind": "maatje", "postcode": "3511", "interests": ["film"], "availability": ["mon_evening"]})
    assert OfferIndex([]).rank(ask) == []
