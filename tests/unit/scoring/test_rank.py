"""Properties of OfferIndex.rank: rules kept, nobody missed, scores explained and monotone."""
import dataclasses

import pytest
from hypothesis import given, settings, strategies as st

from matching import OfferIndex
from matching.scoring import rules
from tests.unit.scoring.strategies import asks, offers

pytestmark = pytest.mark.unit


def _allowed(ask, offer, exclude=(), i=None):
    return rules.broken_rule(ask, offer, rules.distance_km(ask, offer), declined=i in exclude) is None


@given(asks(), st.lists(offers(), max_size=25), st.integers(1, 8), st.sets(st.integers(0, 24), max_size=3))
@settings(max_examples=200, deadline=None)
def test_rank_keeps_rules_and_misses_nobody(ask, offer_list, k, exclude):
    found = OfferIndex(offer_list).rank(ask, k=k, exclude=exclude)
    for c in found:
        offer = offer_list[c.index]
        assert c.distance_km == pytest.approx(rules.distance_km(ask, offer), abs=1e-6)
        assert rules.broken_rule(ask, offer, c.distance_km, declined=c.index in exclude) is None
    allowed = {i for i, offer in enumerate(offer_list) if _allowed(ask, offer, exclude, i)}
    assert len(found) == min(k, len(allowed))
    if len(found) < k:
        assert {c.index for c in found} == allowed


@given(asks(), st.lists(offers(), max_size=25))
@settings(max_examples=150, deadline=None)
def test_rank_scores_equal_the_plain_rules_best_first(ask, offer_list):
    index = OfferIndex(offer_list)
    found = index.rank(ask, k=None)
    for c in found:
        plain = rules.score(rules.parts(ask, offer_list[c.index], c.distance_km, index.weights))
        assert c.score == pytest.approx(plain, abs=1e-9)
        assert 0.0 <= c.score <= 1.0
        assert sum(p["score"] * p["weight"] for p in c.breakdown.values()) == pytest.approx(c.score, abs=1e-3)
    keys = [(-c.score, c.index) for c in found]
    assert keys == sorted(keys)
    assert found == index.rank(ask, k=None)  # the same input always gives the same output


@given(asks(), offers(), st.data())
@settings(max_examples=150, deadline=None)
def test_one_more_shared_interest_raises_the_score(ask, offer, data):
    missing = sorted(ask.interests - offer.interests)
    extra = data.draw(st.sampled_from(missing)) if missing else None
    if extra is None:
        return
    richer = dataclasses.replace(offer, interests=offer.interests | {extra})
    index = OfferIndex([offer, richer])
    found = {c.index: c.score for c in index.rank(ask, k=None)}
    if found:
        assert set(found) == {0, 1}
        assert found[1] > found[0]


@given(asks(), offers())
@settings(max_examples=150, deadline=None)
def test_a_shorter_distance_raises_the_score(ask, offer):
    here = dataclasses.replace(offer, lat=ask.lat, lon=ask.lon)
    away = dataclasses.replace(offer, lat=ask.lat + 0.01, lon=ask.lon)  # about 1.1 km north
    found = {c.index: c.score for c in OfferIndex([away, here]).rank(ask, k=None)}
    if 0 in found:
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
