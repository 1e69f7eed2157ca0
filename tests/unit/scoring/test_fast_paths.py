"""The fast paths of rank and assign give what the plain rules and an exact solver give.

rank's bounded search (nearest places first, then only blocks whose bound reaches the k-th score)
only starts above FIRST offers in reach, and assign's rounds of prices only when a pair outside the
first candidates can improve the total; with FIRST and CANDIDATES turned down, and blocks of a few
asks, small examples walk every one of those paths. The reference for assign is exact.py: the plain
rules and scipy's Hungarian method over a dense matrix, with no code shared with assign.
"""
import sys
from collections import Counter
from contextlib import ExitStack
from unittest import mock

import pytest
from hypothesis import event, given, settings, strategies as st

from matching import OfferIndex, assign
from matching.scoring import flow, pairs, rules
from tests.bench.synthetic import profiles
from tests.unit.scoring import exact
from tests.unit.scoring.strategies import asks, asks_and_offers, offer_lists

pytestmark = pytest.mark.unit
index_module = sys.modules["matching.scoring.index"]
assign_module = sys.modules["matching.scoring.assign"]


def small_paths(first: int = 2, candidates: int = 1):
    """Bounded rank from `first` offers on, KD-tree places, `candidates` arcs per ask, blocks of 3 asks."""
    stack = ExitStack()
    stack.enter_context(mock.patch.object(index_module, "FIRST", first))
    stack.enter_context(mock.patch.object(index_module, "BRUTE_PLACES", 0))
    stack.enter_context(mock.patch.object(assign_module, "CANDIDATES", candidates))
    stack.enter_context(mock.patch.object(pairs, "ROWS", 3))
    stack.enter_context(mock.patch.object(pairs, "CELL_KM", 1.0))
    return stack


def _plain_best(ask, offer_list, weights, exclude, k):
    scores = [rules.score(rules.parts(ask, o, rules.distance_km(ask, o), weights))
              for i, o in enumerate(offer_list)
              if rules.broken_rule(ask, o, rules.distance_km(ask, o), declined=i in exclude) is None]
    return sorted(scores, reverse=True)[:k]


@given(asks(), st.data(), st.integers(1, 6))
@settings(max_examples=150, deadline=None)
def test_bounded_rank_returns_the_best_k(ask, data, k):
    offer_list = data.draw(offer_lists(ask, max_size=60))
    exclude = data.draw(st.sets(st.integers(0, len(offer_list)), max_size=3))
    with small_paths():
        index = OfferIndex(offer_list)
        found = index.rank(ask, k=k, exclude=exclude)
        every = index.rank(ask, k=None, exclude=exclude)
    event(f"more allowed than k: {len(every) > k}")
    assert found == every[:k]
    assert [c.score for c in found] == pytest.approx(_plain_best(ask, offer_list, index.weights, exclude, k), abs=1e-9)


def test_bounded_rank_in_a_dense_city_equals_the_full_ranking():
    offer_list = profiles(600, "volunteer", seed=11, region="city")
    with small_paths(first=16):
        index = OfferIndex(offer_list)
        for ask in profiles(25, "request", seed=12, region="city"):
            found = index.rank(ask, k=10)
            assert found == index.rank(ask, k=None)[:10]
            assert [c.score for c in found] == pytest.approx(_plain_best(ask, offer_list, index.weights, (), 10), abs=1e-9)


@given(asks_and_offers(max_asks=14, max_offers=10), st.data())
@settings(max_examples=150, deadline=None)
def test_assign_over_candidates_reaches_the_exact_optimum(asks_offers, data):
    ask_list, offer_list = asks_offers
    pairs_ = sorted(exact.plain_scores(ask_list, offer_list))
    excluded = set(data.draw(st.lists(st.sampled_from(pairs_), max_size=3))) if pairs_ else set()
    with small_paths():
        proposals = assign(ask_list, offer_list, excluded)
    event(f"proposals: {len(proposals) > 2}")
    assert len({i for i, _, _ in proposals}) == len(proposals)
    for j, count in Counter(j for _, j, _ in proposals).items():
        assert count <= offer_list[j].capacity
    allowed = exact.plain_scores(ask_list, offer_list, excluded)
    for i, j, score in proposals:
        assert score == pytest.approx(allowed[i, j], abs=1e-9)
    assert sum(s for *_, s in proposals) == pytest.approx(exact.best_total(ask_list, offer_list, excluded), abs=1e-5)


@pytest.mark.parametrize("region", ["city", "Utrecht"])
def test_rounds_of_prices_end_at_the_exact_optimum(region):
    """With one candidate per ask the first flow is not optimal; the prices add pairs until it is."""
    ask_list = profiles(70, "request", seed=21, region=region)
    offer_list = profiles(30, "volunteer", seed=22, region=region)
    repairs = []
    real_improve = flow.improve
    with small_paths(), mock.patch.object(flow, "improve", lambda *a: repairs.append(1) or real_improve(*a)):
        proposals = assign(ask_list, offer_list)
    assert repairs
    assert sum(s for *_, s in proposals) == pytest.approx(exact.best_total(ask_list, offer_list), abs=1e-5)
    by_default = assign(ask_list, offer_list)  # the default path reaches the same total
    assert sum(s for *_, s in by_default) == pytest.approx(sum(s for *_, s in proposals), abs=1e-5)


def test_a_repair_too_narrow_is_done_again_over_every_arc():
    """When the arcs near the added pairs are too few to reach the optimum, the prices find fault and
    the proposals are repaired over every arc: here the near part is cut to the added arcs alone."""
    ask_list = profiles(70, "request", seed=21, region="city")
    offer_list = profiles(30, "volunteer", seed=22, region="city")
    wide = []
    real_improve = flow.improve

    def improve(*args, near=True):
        wide.append(not near)
        return real_improve(*args, near=near)

    with small_paths(), mock.patch.object(flow, "improve", improve), \
            mock.patch.object(flow, "_near", lambda tails, heads, costs, n: costs < 0):
        proposals = assign(ask_list, offer_list)
    assert any(wide)
    assert sum(s for *_, s in proposals) == pytest.approx(exact.best_total(ask_list, offer_list), abs=1e-5)
