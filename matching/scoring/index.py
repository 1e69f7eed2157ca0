"""OfferIndex: every hard rule and the soft score for one ask against a whole set of offers.

`rank` touches only the offers that can matter: a KD-tree over the offers' places keeps those in
reach, the nearest places are scored first to learn the k-th best score, and then only the blocks of
like offers (layout.py) whose upper bound (bounds.py) reaches that score are scored too. Scoring a set
of offers is a few whole-array operations (see rules.py for the plain version of each rule).
"""
from __future__ import annotations

import math
from typing import Iterable, Sequence

import numpy as np

from matching import vocabulary as vocab
from matching.scoring.arrays import INTEREST_BIT, Columns, chord_for_km, km_for_chord
from matching.scoring.bounds import Bounds
from matching.scoring.candidate import Candidate
from matching.scoring.layout import Layout, runs
from matching.scoring.sides import Side
from matching.scoring.profile import Profile
from matching.scoring.query import Query, interest_tables

BIG = 20_000  # offers from which 16-bit interest tables pay for their few ms of building
BRUTE_PLACES = 512  # up to this many places, measuring all beats a KD-tree look-up
FIRST = 1024  # offers scored before the bounds are used; below 2x this, everything in reach is scored
STATES = 4096  # kinds of ask whose person states an index keeps
NOBODY = np.zeros(0, np.intp)  # no offer excluded
NOBODY.flags.writeable = False
LOWEST = -np.finfo(float).max  # a floor that keeps every score but -inf (a broken rule)


class OfferIndex:
    """Built once from the offers; answers `rank` for one ask (assign.py scores many asks at once)."""

    def __init__(self, offers: Sequence[Profile]):
        self.offers = list(offers)
        self.columns = Columns.of(self.offers)
        self.weights = _interest_weights(self.columns.interests)
        self.weight_vector = np.array([self.weights[key] for key in vocab.INTERESTS])
        self._weight_list = self.weight_vector.tolist()
        self._tables = interest_tables(self.weight_vector, 16 if len(self.offers) >= BIG else 8)
        cols = self.columns
        self.eligible = np.flatnonzero(cols.active & (cols.capacity > 0))
        self.layout = Layout.of(cols, self.eligible)
        self.reach_km = float(cols.max_km[self.eligible].max()) if len(self.eligible) else 0.0
        self._zero_reach = bool(len(self.eligible)) and float(cols.max_km[self.eligible].min()) <= 0
        self._dense: Side | None = None
        self._states: dict[tuple, np.ndarray] = {}  # see _person_states
        self._wide: list | None = None

    def __len__(self) -> int:
        return len(self.offers)

    def wide_tables(self) -> list[tuple[int, np.ndarray]]:
        """(shift, weight table) for each 16 bits of the interest bitset; made once, on first use (assign)."""
        if self._wide is None:
            self._wide = [(16 * c, weight) for c, (weight, _) in enumerate(interest_tables(self.weight_vector, 16)[1])]
        return self._wide

    def dense_offers(self) -> Side:
        """The eligible offers in layout order as a side for block scoring (pairs.py); made once, on first use."""
        if self._dense is None:
            self._dense = Side.of(self.columns.take(self.layout.index))
        return self._dense

    def rank(self, ask: Profile, k: int | None = 10, exclude: Iterable[int] = ()) -> list[Candidate]:
        """The best `k` offers (all when k is None) that keep every hard rule, best first, ties by index."""
        if k is not None and k <= 0:
            return []
        q = Query.of(ask, self._weight_list, self._tables, self._zero_reach)
        no_one = isinstance(exclude, tuple) and not exclude  # (the default: no array to make)
        banned = NOBODY if no_one else np.fromiter(exclude, dtype=np.intp)
        places, km = self._places_in_reach(q)
        found = self._rank(q, self._person_states(q), places, km, None if k is None else k + len(banned))
        at, score, dist = (np.concatenate(parts) for parts in zip(*found)) if len(found) > 1 else found[0]
        index = self.layout.index.take(at)
        if len(banned):
            score[np.isin(index, banned)] = -np.inf
        best = _top(score, index, k)
        offers, weights = self.offers, self.weights
        return [Candidate(i, s, d, (ask, offers[i], d, weights))
                for i, s, d in zip(index.take(best).tolist(), score.take(best).tolist(), dist.take(best).tolist())]

    def count(self, ask: Profile) -> int:
        """How many offers keep every hard rule for the ask (what a partner organisation tells about a
        request of another: a number, never who). The same offers `rank(ask, k=None)` returns, unranked."""
        q = Query.of(ask, self._weight_list, self._tables, self._zero_reach)
        places, km = self._places_in_reach(q)
        if not len(places):
            return 0
        lay = self.layout
        n_blocks = lay.place_nblocks.take(places)
        _, score, _ = self._score(q, self._person_states(q), runs(lay.place_blocks.take(places), None, n_blocks),
                                  km.repeat(n_blocks), LOWEST)
        return int(len(score))

    def _rank(self, q: Query, states: np.ndarray, places: np.ndarray, km: np.ndarray, k: int | None) -> list:
        """Scored offers (layout position, score, km) that include the best k: all in reach, or the bounded few.

        The nearest places first give a k-th best score; the other places and then their blocks are
        kept only when their bound reaches it. When many blocks are left they are scored best bound
        first, in two rounds, so the second round is cut by the better k-th score of the first. Once
        there is a k-th best score, only offers that reach it are kept.
        Excluded offers are left out afterwards, so `rank` asks here for k plus the number excluded.
        """
        lay = self.layout
        sizes = lay.place_size.take(places)
        if k is None or sizes.sum() <= 2 * FIRST:
            n_blocks = lay.place_nblocks.take(places)
            return [self._score(q, states, runs(lay.place_blocks.take(places), None, n_blocks), km.repeat(n_blocks),
                                LOWEST, k)]
        near = km.argsort()
        cut = 1 if sizes[near[0]] >= FIRST // 2 else int(sizes.take(near).cumsum().searchsorted(FIRST)) + 1
        if cut == 1:  # one place: its blocks are one run of the layout
            place = places[near[0]]
            found = [self._score(q, states, slice(lay.place_blocks[place], lay.place_blocks[place + 1]), km[near[0]],
                                 LOWEST, k)]
        else:
            first = places.take(near[:cut])
            n_blocks = lay.place_nblocks.take(first)
            found = [self._score(q, states, runs(lay.place_blocks.take(first), None, n_blocks),
                                 km.take(near[:cut]).repeat(n_blocks), LOWEST, k)]
        theta, bounds = _kth(found, k), Bounds.of(q)
        by_km = km.take(near)
        last = by_km.searchsorted(bounds.farthest(theta), "right")  # the places after are too far
        rest = places.take(near[cut:last])
        n_blocks = lay.place_nblocks.take(rest)
        blocks = runs(lay.place_blocks.take(rest), None, n_blocks)
        block_km = by_km[cut:last].repeat(n_blocks)
        bound, dist = bounds.block(lay, blocks, block_km)
        keep = (bound >= theta).nonzero()[0]
        kept = blocks.take(keep)
        sizes = lay.block_size.take(kept)
        if sizes.sum() > 3 * FIRST:
            best = (-bound.take(keep)).argsort()
            keep, sizes = keep.take(best), sizes.take(best)
            cut = int(sizes.cumsum().searchsorted(FIRST)) + 1
            found.append(self._score(q, states, blocks.take(keep[:cut]), block_km.take(keep[:cut]), theta,
                                     dist=dist.take(keep[:cut]), sizes=sizes[:cut]))
            theta = _kth(found, k)
            later = bound.take(keep[cut:]) >= theta
            keep, sizes = keep[cut:][later], sizes[cut:][later]
            kept = blocks.take(keep)
        found.append(self._score(q, states, kept, block_km.take(keep), theta, dist=dist.take(keep), sizes=sizes))
        return found

    def _person_states(self, q: Query) -> np.ndarray:
        """Query.person_states of the layout's person classes, worked out once per kind of ask: its
        languages, first language, kind and gender (wish), which few values cover most asks."""
        ask = q.profile
        key = (q.language_mask, q.first_language_mask, ask.kinds, ask.gender, ask.wants_gender)
        states = self._states.get(key)
        if states is None:
            if len(self._states) >= STATES:
                self._states.clear()
            states = self._states[key] = q.person_states(self.layout.person_words)
            states.flags.writeable = False
        return states

    def _places_in_reach(self, q: Query) -> tuple[np.ndarray, np.ndarray]:
        """Places within the ask's maximum distance (and any offer's), with their exact great-circle km.

        Few places (a city) are all measured at once; many (a country) are looked up in a KD-tree first.
        """
        lay = self.layout
        limit = min(q.max_km, self.reach_km)
        if len(lay.place_xyz) > BRUTE_PLACES:
            near = np.asarray(lay.place_tree.query_ball_point(q.xyz, chord_for_km(limit) * (1 + 1e-9),
                                                              return_sorted=False), dtype=np.intp)
            apart = lay.place_xyz[near] - q.xyz
        else:
            near, apart = None, lay.place_xyz - q.xyz
        km = km_for_chord(np.sqrt(np.einsum("ij,ij->i", apart, apart)))
        inside = (km <= limit).nonzero()[0]
        return (inside if near is None else near[inside]), km[inside]

    def _score(self, q: Query, states: np.ndarray, blocks: np.ndarray | slice, block_km: np.ndarray | float,
               floor: float, k: int | None = None, dist: np.ndarray | None = None,
               sizes: np.ndarray | None = None) -> tuple[np.ndarray, ...]:
        """The offers of `blocks` that keep every hard rule and score `floor` or more: (layout position, score, km).

        `blocks` is an array of block numbers (at `block_km` each), or a slice of them when they lie in
        one run of the layout (one place: `block_km` is its km). `floor` is LOWEST to keep every allowed
        offer; with `k`, offers below the k-th best of these are left out too (they cannot be among the best k).
        `dist` and `sizes`, when given, are the blocks' distance parts and sizes (the bounds worked them out).
        """
        lay = self.layout
        if isinstance(blocks, slice):
            start, stop = lay.block_start[blocks.start], lay.block_start[blocks.stop]
            at, per_block, max_km = slice(start, stop), lay.block_size[blocks], lay.block_max_km[blocks]
        else:
            per_block = lay.block_size.take(blocks) if sizes is None else sizes
            at = runs(lay.block_start.take(blocks), None, per_block)
            max_km = lay.block_max_km.take(blocks) if dist is None else None

        def offers(column: np.ndarray) -> np.ndarray:  # the scored offers' values of a layout column
            return column[at] if isinstance(at, slice) else column.take(at)

        score = q.score_people(states, offers(lay.person), offers(lay.slots))
        if q.work_mask is not None:  # werkervaringsplaats only: a maatje ask pays nothing for it
            q.work_rules(score, offers(lay.work), offers(lay.hours))
        score += (q.distance_part(block_km, max_km) if dist is None else dist).repeat(per_block)
        if q.chunks:
            score += q.interest_score(offers(lay.interests))
        if k is not None and len(score) > k:
            ordered = score.copy()
            ordered.partition(len(score) - k)
            floor = max(floor, ordered[len(score) - k])
        keep = (score >= floor).nonzero()[0]
        if isinstance(at, slice):
            km = np.empty(len(keep))
            km.fill(block_km)
            return keep + start, score.take(keep), km
        return at.take(keep), score.take(keep), block_km.repeat(per_block).take(keep)


def _interest_weights(interests: np.ndarray) -> dict[str, float]:
    """rules.interest_weights, counted on the offers' interest bitsets."""
    n = len(interests)
    return {key: 1.0 + math.log((n + 1) / (np.count_nonzero(interests & (1 << bit)) + 1))
            for key, bit in INTEREST_BIT.items()}


def _kth(found: list, k: int) -> float:
    """The k-th best score among the offers scored so far (-inf while fewer than k keep the rules)."""
    scores = np.concatenate([score for _, score, _ in found]) if len(found) > 1 else found[0][1]
    if len(scores) < k:
        return -np.inf
    return float(np.partition(scores, len(scores) - k)[len(scores) - k])


def _top(score: np.ndarray, offer_index: np.ndarray, k: int | None) -> np.ndarray:
    """Positions of the best k by score that keep every rule, ties broken by offer index."""
    if k is not None and len(score) > 4 * k:  # many: the k-th best first, then sort only those that reach it
        keep = np.flatnonzero(score >= max(np.partition(score, len(score) - k)[len(score) - k], LOWEST))
        score, offer_index = score.take(keep), offer_index.take(keep)
    else:
        keep = None
    order = np.lexsort((offer_index, -score))[:k]  # a broken rule (-inf) sorts last
    order = order[score.take(order) > -np.inf]
    return order if keep is None else keep.take(order)
