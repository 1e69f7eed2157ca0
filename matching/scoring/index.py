"""OfferIndex: every hard rule and the soft score, vectorised over a whole set of offers.

A KD-tree on unit-sphere coordinates first keeps only offers within reach (the spatial
prefilter), then numpy applies the rules and the score to all of them at once.
"""
from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any, Iterable, Iterator, Sequence

import numpy as np
from scipy.spatial import cKDTree

from matching import vocabulary as vocab
from matching.scoring import explain, rules
from matching.scoring.arrays import Columns, chord_for_km, km_for_chord
from matching.scoring.profile import Profile

CHUNK = 2048  # asks evaluated together in `pairs`, to bound memory


@dataclass(frozen=True, slots=True)
class Candidate:
    """One offer that keeps every hard rule for the ask, with its score explained."""

    index: int
    score: float
    distance_km: float
    breakdown: dict[str, Any] = field(compare=False)


def _byte_tables(weights: np.ndarray) -> np.ndarray:
    """Weight sums of every byte value per byte position: shared weight in 4 lookups, not 32."""
    n_bytes = (len(weights) + 7) // 8
    padded = np.zeros(n_bytes * 8)
    padded[: len(weights)] = weights
    values = np.arange(256)
    bit_set = (values[:, None] >> np.arange(8)) & 1  # (256, 8)
    return np.stack([bit_set @ padded[8 * b: 8 * b + 8] for b in range(n_bytes)])


class OfferIndex:
    """Built once from the offers; answers `rank` for one ask and `pairs` for many."""

    def __init__(self, offers: Sequence[Profile]):
        self.offers = list(offers)
        self.columns = Columns.of(self.offers)
        self.weights = rules.interest_weights(self.offers, list(vocab.INTERESTS))
        self._tables = _byte_tables(np.array([self.weights[key] for key in vocab.INTERESTS]))
        cols = self.columns
        self._eligible = np.flatnonzero(cols.active & (cols.capacity > 0))
        self._tree = cKDTree(cols.xyz[self._eligible]) if len(self._eligible) else None
        finite = cols.max_km[self._eligible]
        self._reach_km = float(finite.max()) if len(finite) else 0.0

    def __len__(self) -> int:
        return len(self.offers)

    def rank(self, ask: Profile, k: int | None = 10, exclude: Iterable[int] = ()) -> list[Candidate]:
        """The best `k` offers (all when k is None) that keep every hard rule, best first, ties by index."""
        ask_cols = Columns.of([ask])
        a, o, km = self._near_one(ask_cols)
        a, o, km, score = self._evaluate(ask_cols, a, o, km)
        banned = np.fromiter(exclude, dtype=np.intp)
        if len(banned):
            keep = ~np.isin(o, banned)
            o, km, score = o[keep], km[keep], score[keep]
        order = self._top(score, o, k)
        return [
            Candidate(int(o[i]), float(score[i]), float(km[i]),
                      explain.breakdown(ask, self.offers[o[i]], float(km[i]), self.weights))
            for i in order
        ]

    def pairs(self, asks: Sequence[Profile]) -> Iterator[tuple[np.ndarray, np.ndarray, np.ndarray]]:
        """Every allowed (ask index, offer index, score) pair, in chunks of asks; used by `assign`."""
        if self._tree is None:
            return
        ask_cols = Columns.of(asks)
        for start in range(0, len(asks), CHUNK):
            a, o, km = self._near_many(ask_cols, start, min(start + CHUNK, len(asks)))
            a, o, _, score = self._evaluate(ask_cols, a, o, km)
            yield a, o, score

    def _near_one(self, ask: Columns) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
        """Offers within reach of a single ask: a ball query on the KD-tree."""
        if self._tree is None:
            return np.zeros(0, np.intp), np.zeros(0, np.intp), np.zeros(0)
        radius = chord_for_km(min(float(ask.max_km[0]), self._reach_km))
        hits = np.asarray(self._tree.query_ball_point(ask.xyz[0], radius, return_sorted=False), dtype=np.intp)
        o = self._eligible[hits]
        km = km_for_chord(np.linalg.norm(self.columns.xyz[o] - ask.xyz[0], axis=1))
        return np.zeros(len(o), np.intp), o, km

    def _near_many(self, asks: Columns, start: int, stop: int) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
        """Offers within reach of asks[start:stop]: one tree-to-tree query, no Python lists."""
        radius = min(float(asks.max_km[start:stop].max()), self._reach_km)
        near = cKDTree(asks.xyz[start:stop]).sparse_distance_matrix(
            self._tree, chord_for_km(radius), output_type="ndarray")
        return start + near["i"].astype(np.intp), self._eligible[near["j"]], km_for_chord(near["v"])

    def _evaluate(self, asks: Columns, a: np.ndarray, o: np.ndarray, km: np.ndarray):
        """Keep the pairs that pass every hard rule and score them (see rules.py for the plain version).

        The cheapest, most selective rules (a shared slot, the distance) go first, so the rest of the
        work runs on the pairs that are left.
        """
        offers = self.columns
        slots = np.bitwise_count(asks.slots[a] & offers.slots[o])
        near = (slots > 0) & (km <= asks.max_km[a]) & (km <= offers.max_km[o])
        a, o, km, slots = a[near], o[near], km[near], slots[near]
        ask_kinds = asks.kinds[a]
        wants, o_wants = asks.wants_gender[a], offers.wants_gender[o]
        ok = (
            ((offers.kinds[o] & ask_kinds) == ask_kinds)
            & ((asks.languages[a] & offers.languages[o]) != 0)
            & ((wants < 0) | ~offers.is_volunteer[o] | (offers.gender[o] == wants))
            & ((o_wants < 0) | (asks.gender[a] == o_wants))
            & offers.active[o] & (offers.capacity[o] > 0)
        )
        a, o, km, slots = a[ok], o[ok], km[ok], slots[ok]
        shared = asks.interests[a] & offers.interests[o]
        shared_weight = sum(
            table[((shared >> np.uint64(8 * b)) & np.uint64(255)).astype(np.intp)]
            for b, table in enumerate(self._tables)
        )
        limit = np.minimum(asks.max_km[a], offers.max_km[o])
        score = (
            rules.WEIGHTS["interests"] * (1.0 - np.exp(-shared_weight / rules.INTEREST_SCALE))
            + rules.WEIGHTS["distance"] * np.clip(1.0 - km / limit, 0.0, 1.0)
            + rules.WEIGHTS["availability"] * (slots / (slots + rules.AVAILABILITY_HALF))
            + rules.WEIGHTS["language"] * np.where(
                (asks.first_language[a] & offers.languages[o]) != 0, 1.0, rules.OTHER_LANGUAGE)
        )
        return a, o, km, score

    @staticmethod
    def _top(score: np.ndarray, offer_index: np.ndarray, k: int | None) -> np.ndarray:
        """Positions of the best k by score, ties broken by offer index: a partial sort, then a small sort."""
        if k is not None and len(score) > k:
            threshold = np.partition(score, len(score) - k)[len(score) - k]
            keep = np.flatnonzero(score >= threshold)
        else:
            keep = np.arange(len(score))
        order = keep[np.lexsort((offer_index[keep], -score[keep]))]
        return order if k is None else order[:k]
