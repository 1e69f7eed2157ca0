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
from matching.scoring.pairs import Pairs, Scorer
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
    if not len(pairs):
        return []
    capacity = index.columns.capacity
    arcs = _Arcs(pairs, arc, n_asks)
    chosen = arcs.at[flow.solve(arcs.ask, arcs.offer, arcs.gain, capacity)]

    def prices_of(chosen: np.ndarray) -> tuple[np.ndarray, np.ndarray] | None:
        return flow.prices(n_asks, n_offers, arcs.ask, arcs.offer, arcs.gain, np.searchsorted(arcs.at, chosen),
                           capacity)

    duals = prices_of(chosen)
    while True:
        if duals is None:  # no proof within the rounds allowed (not expected): solve over every pair
            if arc.all():
                break
            arc[:] = True
            arcs = _Arcs(pairs, arc, n_asks)
            chosen = arcs.at[flow.solve(arcs.ask, arcs.offer, arcs.gain, capacity)]
            duals = prices_of(chosen)
            continue
        u, v = duals
        beats = _beating(pairs, arc, u, v, n_asks)
        if not len(beats):
            break
        arc[beats] = True
        arcs = _Arcs(pairs, arc, n_asks)
        place = np.searchsorted(arcs.at, chosen)
        again = arcs.at[flow.improve(arcs.ask, arcs.offer, arcs.gain, capacity, place, u, v)]
        duals = prices_of(again)
        if duals is None:  # the repair near the added arcs was not enough: repair over all arcs
            again = arcs.at[flow.improve(arcs.ask, arcs.offer, arcs.gain, capacity, place, u, v, near=False)]
            duals = prices_of(again)
        chosen = again
    ask = pairs.ask_of(chosen)
    picked = np.argsort(ask, kind="stable")
    return list(zip(ask[picked].tolist(), pairs.offer[chosen[picked]].tolist(), pairs.score[chosen[picked]].tolist()))


class _Arcs:
    """The pairs that are arcs of the flow (positions `at`), with their asks, offers and profits."""

    def __init__(self, pairs: Pairs, arc: np.ndarray, n_asks: int) -> None:
        self.at = np.flatnonzero(arc)
        self.ask, self.offer = pairs.ask_of(self.at), pairs.offer[self.at].astype(np.intp)
        self.gain = _profit(pairs.score[self.at], self.ask, n_asks)


def _beating(pairs: Pairs, arc: np.ndarray, u: np.ndarray, v: np.ndarray, n_asks: int) -> np.ndarray:
    """Positions of the pairs outside the arcs whose profit beats the prices: u[ask] + v[offer] < profit.

    A block of asks at a time: the profits and prices of all pairs at once would be three more arrays
    as long as the pairs, and fresh memory costs more than this arithmetic."""
    found = [np.zeros(0, np.intp)]
    for lo, hi, ask in pairs.blocks():
        bound = u.take(ask)
        bound += v.take(pairs.offer[lo:hi])
        beats = _profit(pairs.score[lo:hi], ask, n_asks) > bound
        beats &= ~arc[lo:hi]
        found.append(np.flatnonzero(beats) + lo)
    return np.concatenate(found)


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

