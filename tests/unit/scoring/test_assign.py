"""Properties of assign: rules and capacities kept, optimal against brute force, deterministic.

Each offer is built from one of the asks (see strategies.py), so most examples have pairs to assign.
"""
from collections import Counter

import pytest
from hypothesis import event, given, settings, strategies as st

from matching import OfferIndex, assign
from matching.scoring import rules
from tests.unit.scoring.strategies import asks_and_offers

pytestmark = pytest.mark.unit


def _scores(ask_list, offer_list):
    index = OfferIndex(offer_list)
    table = {}
    for i, ask in enumerate(ask_list):
        for c in index.rank(ask, k=None):
            table[i, c.index] = c.score
    return table


def _brute_force(ask_list, offer_list, table):
    best = 0.0

    def walk(i, left, total):
        nonlocal best
        if i == len(ask_list):
            best = max(best, total)
            return
        walk(i + 1, left, total)
        for j, free in enumerate(left):
            if free and (i, j) in table:
                left[j] -= 1
                walk(i + 1, left, total + table[i, j])
                left[j] += 1

    walk(0, [o.capacity if o.active else 0 for o in offer_list], 0.0)
    return best


@given(asks_and_offers())
@settings(max_examples=150, deadline=None)
def test_assign_is_optimal_and_keeps_rules_and_capacity(asks_offers):
    ask_list, offer_list = asks_offers
    proposals = assign(ask_list, offer_list)
    table = _scores(ask_list, offer_list)
    used = Counter(j for _, j, _ in proposals)
    event(f"proposals: {'none' if not proposals else 'some'}; allowed pairs: {'none' if not table else 'some'}")
    event(f"an offer's capacity is the limit: {any(c == offer_list[j].capacity for j, c in used.items())}")
    assert len({i for i, _, _ in proposals}) == len(proposals)
    for j, count in used.items():
        assert count <= offer_list[j].capacity
    for i, j, score in proposals:
        ask, offer = ask_list[i], offer_list[j]
        assert rules.broken_rule(ask, offer, rules.distance_km(ask, offer)) is None
        assert score == pytest.approx(table[i, j])
    assert sum(s for _, _, s in proposals) == pytest.approx(_brute_force(ask_list, offer_list, table), abs=1e-5)
    assert proposals == assign(ask_list, offer_list)


@given(asks_and_offers(), st.data())
@settings(max_examples=100, deadline=None)
def test_assign_never_proposes_an_excluded_pair(asks_offers, data):
    ask_list, offer_list = asks_offers
    table = _scores(ask_list, offer_list)
    pairs = sorted(table) + [(0, len(offer_list))]  # allowed pairs, and one that names no offer
    excluded = set(data.draw(st.lists(st.sampled_from(pairs), min_size=1, max_size=4)))
    event(f"an allowed pair is excluded: {bool(excluded & set(table))}")
    proposals = assign(ask_list, offer_list, excluded)
    assert not {(i, j) for i, j, _ in proposals} & excluded
    rest = {pair: score for pair, score in table.items() if pair not in excluded}
    assert sum(s for _, _, s in proposals) == pytest.approx(_brute_force(ask_list, offer_list, rest), abs=1e-5)


def test_equal_totals_favour_who_waited_longest():
    from matching import Profile

    body = {"kind": "maatje", "postcode": "3511", "interests": ["film"], "availability": ["mon_evening"]}
    twins = [Profile.from_dict(body), Profile.from_dict(body)]
    one_place = [Profile.from_dict({"postcode": "3511", "interests": ["film"], "availability": ["mon_evening"]})]
    assert [i for i, _, _ in assign(twins, one_place)] == [0]


def test_a_pair_that_names_no_offer_excludes_nothing_else():
    """(0, 1) with one offer once banned (1, 0): pairs were coded as ask * offers + offer."""
    from matching import Profile

    body = {"kind": "maatje", "postcode": "3511", "interests": ["film"], "availability": ["mon_evening"]}
    two = [Profile.from_dict(body), Profile.from_dict(body)]
    one_place = [Profile.from_dict({"postcode": "3511", "interests": ["film"], "availability": ["mon_evening"]})]
    assert [(i, j) for i, j, _ in assign(two, one_place, excluded={(0, 0), (0, 1)})] == [(1, 0)]
