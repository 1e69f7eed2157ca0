"""assign: the proposal set with the highest total score, as a min-cost flow.

source -> each ask (capacity 1) -> each allowed offer (cost -score) -> sink (capacity = free
places), plus a zero-cost bypass source -> sink so an ask may stay unassigned. OR-Tools'
SimpleMinCostFlow solves it exactly in integers; scores are scaled so that the total score
comes first and, among equally good totals, assigning asks earlier in the list (those who
have waited longest) comes second.
"""
from __future__ import annotations

from typing import Iterable, Sequence

import numpy as np
from ortools.graph.python import min_cost_flow

from matching.scoring.index import OfferIndex
from matching.scoring.profile import Profile

COST_BUDGET = 4e17  # stay well inside int64 for any sum of costs the solver forms
MAX_PRECISION = 10**6  # scores are exact to 1e-6 when the instance is small enough


def assign(
    asks: Sequence[Profile],
    offers: Sequence[Profile] | OfferIndex,
    excluded: Iterable[tuple[int, int]] = (),
) -> list[tuple[int, int, float]]:
    """Optimal proposals `(ask_index, offer_index, score)` under every hard rule and capacity.

    `asks` come in waiting order, longest first; `excluded` holds (ask, offer) pairs declined before.
    """
    index = offers if isinstance(offers, OfferIndex) else OfferIndex(offers)
    a, o, score = _allowed_pairs(index, asks, excluded)
    if not len(a):
        return []
    n_asks, n_offers = len(asks), len(index)
    tiebreak_span = n_asks * (n_asks + 1) // 2 + 1  # more than any sum of waiting bonuses
    precision = int(min(MAX_PRECISION, max(1.0, COST_BUDGET / (tiebreak_span * n_asks))))
    costs = -(np.rint(score * precision).astype(np.int64) * tiebreak_span + (n_asks - a))

    source, sink = n_asks + n_offers, n_asks + n_offers + 1
    used_offers = np.unique(o)
    capacities = index.columns.capacity[used_offers]
    tails = np.concatenate([np.full(n_asks, source), a, n_asks + used_offers, [source]])
    heads = np.concatenate([np.arange(n_asks), n_asks + o, np.full(len(used_offers), sink), [sink]])
    caps = np.concatenate([np.ones(n_asks + len(a), np.int64), capacities, [n_asks]])
    unit_costs = np.concatenate([np.zeros(n_asks, np.int64), costs, np.zeros(len(used_offers) + 1, np.int64)])

    flow = min_cost_flow.SimpleMinCostFlow()
    arcs = flow.add_arcs_with_capacity_and_unit_cost(tails, heads, caps, unit_costs)
    flow.set_node_supply(source, n_asks)
    flow.set_node_supply(sink, -n_asks)
    status = flow.solve()
    if status != flow.OPTIMAL:
        raise RuntimeError(f"min-cost flow did not solve: status {status}")
    pair_arcs = arcs[n_asks: n_asks + len(a)]
    chosen = np.flatnonzero(flow.flows(pair_arcs) > 0)
    return [(int(a[i]), int(o[i]), float(score[i])) for i in chosen[np.argsort(a[chosen], kind="stable")]]


def _allowed_pairs(index: OfferIndex, asks: Sequence[Profile], excluded: Iterable[tuple[int, int]]):
    """All (ask, offer, score) arrays that keep every hard rule and are not excluded."""
    chunks = list(index.pairs(asks))
    if not chunks:
        return (np.zeros(0, np.intp),) * 3
    a, o, score = (np.concatenate(parts) for parts in zip(*chunks))
    n = len(index)  # a pair naming no offer is skipped: its code would be another pair's
    banned = np.fromiter((x * n + y for x, y in excluded if 0 <= y < n), dtype=np.int64)
    if len(banned):
        keep = ~np.isin(a.astype(np.int64) * len(index) + o, banned)
        a, o, score = a[keep], o[keep], score[keep]
    return a, o, score
