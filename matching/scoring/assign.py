"""assign: the proposal set with the highest total score, solved over a few candidates, proven optimal.

Every allowed pair is scored (pairs.py), but the min-cost flow (flow.py) first sees only each ask's
best few at the offers' going prices. The flow's dual prices then show whether any other pair could
improve the total: pair (i, j) can only help when its profit exceeds u[i] + v[j]. Such pairs become
arcs and the proposals are repaired (flow.improve, exact), until no pair beats the prices; by LP
duality the result is then the optimum over all allowed pairs, not only over the candidates
(column generation).

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
CANDIDATES = 16  # arcs per ask in the first solve


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
    chosen = at[flow.solve(pairs.ask[at], pairs.offer[at], gain[at], capacity)]

    def prices_of(chosen: np.ndarray) -> tuple[np.ndarray, np.ndarray] | None:
        return flow.prices(n_asks, n_offers, pairs.ask[at], pairs.offer[at], gain[at], np.searchsorted(at, chosen),
                           capacity)

    duals = prices_of(chosen)
    bound, spare = np.empty_like(gain), np.empty_like(gain)  # u + v per pair, made in place each round
    while True:
        if duals is None:  # no proof within the rounds allowed (not expected): solve over every pair
            if arc.all():
                break
            arc[:] = True
            at = np.flatnonzero(arc)
            chosen = at[flow.solve(pairs.ask[at], pairs.offer[at], gain[at], capacity)]
            duals = prices_of(chosen)
            continue
        u, v = duals
        np.take(u, pairs.ask, out=bound)
        bound += np.take(v, pairs.offer, out=spare)
        beats = gain > bound  # pairs that beat the prices
        beats &= ~arc
        if not beats.any():
            break
        arc |= beats
        at = np.flatnonzero(arc)
        place = np.searchsorted(at, chosen)
        again = at[flow.improve(pairs.ask[at], pairs.offer[at], gain[at], capacity, place, u, v)]
        duals = prices_of(again)
        if duals is None:  # the repair near the added arcs was not enough: repair over all arcs
            again = at[flow.improve(pairs.ask[at], pairs.offer[at], gain[at], capacity, place, u, v, near=False)]
            duals = prices_of(again)
        chosen = again
    picked = chosen[np.argsort(pairs.ask[chosen], kind="stable")]
    return list(zip(pairs.ask[picked].tolist(), pairs.offer[picked].tolist(), pairs.score[picked].tolist()))


def _profit(score: np.ndarray, ask: np.ndarray, n_asks: int) -> np.ndarray:
    """Integer profit of a pair: the score scaled, then a bonus that favours asks earlier in the list."""
    tiebreak_span = n_asks * (n_asks + 1) // 2 + 1  # more than any sum of waiting bonuses
    precision = int(min(MAX_PRECISION, max(1.0, COST_BUDGET / (tiebreak_span * n_asks))))
    scaled = np.multiply(score, precision)  # in place from here: few fresh arrays as long as these
    np.rint(scaled, out=scaled)
    profit = scaled.astype(np.int64)
    profit *= tiebreak_span
    profit += n_asks
    profit -= ask
    return profit

