"""assign: the proposal set with the highest total score, solved over a few candidates, proven optimal.

Every allowed pair is scored (pairs.py), but the min-cost flow (flow.py) first sees only each ask's
and each offer's best few as arcs. The flow's dual prices then show whether any other pair could
improve the total: pair (i, j) can only help when its profit exceeds u[i] + v[j]. Such pairs become
arcs and the flow is solved again (only near them when they are few, and wholly if the prices then
find fault), until no pair beats the prices; by LP duality the result is then the optimum over all
allowed pairs, not only over the candidates (column generation).

Scores are scaled to integers so that the total score comes first and, among equally good
totals, assigning asks earlier in the list (those who have waited longest) comes second.
"""
from __future__ import annotations

from typing import Iterable, Sequence

import numpy as np

from matching.scoring import flow
from matching.scoring.arrays import Columns
from matching.scoring.index import OfferIndex
from matching.scoring.pairs import Scorer
from matching.scoring.profile import Profile

COST_BUDGET = 4e17  # stay well inside int64 for any sum of costs the solver forms
MAX_PRECISION = 10**6  # scores are exact to 1e-6 when the instance is small enough
CANDIDATES = 16  # arcs per ask (and per offer) in the first solve
LOCAL = 0.001  # added arcs, as a share of all arcs, up to which only the people near them are solved again


def assign(
    asks: Sequence[Profile],
    offers: Sequence[Profile] | OfferIndex,
    excluded: Iterable[tuple[int, int]] = (),
) -> list[tuple[int, int, float]]:
    """Optimal proposals `(ask_index, offer_index, score)` under every hard rule and capacity.

    `asks` come in waiting order, longest first; `excluded` holds (ask, offer) pairs declined before.
    """
    index = offers if isinstance(offers, OfferIndex) else OfferIndex(offers)
    n_asks, n_offers = len(asks), len(index)
    if not n_asks or not len(index.eligible):
        return []
    banned = np.array([(a, o) for a, o in excluded if 0 <= a < n_asks and 0 <= o < n_offers], np.intp).reshape(-1, 2)
    pairs, arc = Scorer(Columns.of(asks), index).allowed(CANDIDATES, banned)
    if not len(pairs.ask):
        return []
    gain = _profit(pairs.score, pairs.ask, n_asks)
    capacity = index.columns.capacity
    at = np.flatnonzero(arc)
    chosen, local = at[flow.solve(pairs.ask[at], pairs.offer[at], gain[at], capacity)], False
    while True:
        place = np.searchsorted(at, chosen)  # positions among the arcs
        duals = flow.prices(n_asks, n_offers, pairs.ask[at], pairs.offer[at], gain[at], place, capacity)
        if duals is None:  # no proof: after a local re-solve, solve all again; else (not expected) use every pair
            if not local:
                if arc.all():
                    break
                arc[:] = True
            at = np.flatnonzero(arc)
            chosen, local = at[flow.solve(pairs.ask[at], pairs.offer[at], gain[at], capacity)], False
            continue
        u, v = duals
        beats = ~arc & (gain > u[pairs.ask] + v[pairs.offer])
        if not beats.any():
            break
        added = np.flatnonzero(beats)
        arc |= beats
        at = np.flatnonzero(arc)
        local = len(added) <= LOCAL * len(at)
        if local:  # a few new arcs: solve again only near them; the prices check the whole
            again = flow.resolve_near(pairs.ask[at], pairs.offer[at], gain[at], capacity, np.searchsorted(at, chosen),
                                      np.searchsorted(at, added), u, v, n_asks, n_offers)
        else:
            again = flow.solve(pairs.ask[at], pairs.offer[at], gain[at], capacity)
        chosen = at[again]
    picked = chosen[np.argsort(pairs.ask[chosen], kind="stable")]
    return list(zip(pairs.ask[picked].tolist(), pairs.offer[picked].tolist(), pairs.score[picked].tolist()))


def _profit(score: np.ndarray, ask: np.ndarray, n_asks: int) -> np.ndarray:
    """Integer profit of a pair: the score scaled, then a bonus that favours asks earlier in the list."""
    tiebreak_span = n_asks * (n_asks + 1) // 2 + 1  # more than any sum of waiting bonuses
    precision = int(min(MAX_PRECISION, max(1.0, COST_BUDGET / (tiebreak_span * n_asks))))
    return np.rint(score * precision).astype(np.int64) * tiebreak_span + (n_asks - ask)

