"""Scores of many asks against the offers in their reach, in dense blocks: the input of assign.

Asks are grouped by a coarse grid of places; each group is scored against every offer within its
reach in one block of whole-array operations (block.py, sides.py say how), and its allowed pairs
are kept, with the best scores per offer that give the offers' going prices and the candidates.
"""
from __future__ import annotations

from dataclasses import dataclass
from typing import Iterator

import numpy as np
from scipy.spatial import cKDTree

from matching.scoring.arrays import Columns, chord_for_km, km_for_chord
from matching.scoring.block import Workspace, add_interests, rule_scores
from matching.scoring.postcodes import EARTH_RADIUS_KM
from matching.scoring.sides import Side, person_table

CELL_KM = 10.0  # asks are grouped by grid cells of this size
ROWS = 128      # asks per block at most, so a block's arrays stay small
RANKS = 8       # best scores kept per offer, for its going price (an offer with more places uses the 8th)
OFFER = np.int32  # a pair's offer: half the memory of intp, and there are not 2**31 offers


@dataclass(frozen=True)
class Pairs:
    """Allowed pairs as parallel arrays, offer index (the caller's positions) and score, in blocks of asks:
    the asks `rows[b]` of block b own `counts[b]` pairs each, in that order. The ask of each pair is
    worked out when needed (ask_of, blocks), not stored: memory as long as all pairs costs more to
    touch for the first time than that arithmetic."""

    offer: np.ndarray
    score: np.ndarray
    rows: list[np.ndarray]
    counts: list[np.ndarray]

    def __len__(self) -> int:
        return len(self.offer)

    def spans(self) -> Iterator[tuple[int, int]]:
        """(start, stop) of each block's pairs, in order."""
        lo = 0
        for counts in self.counts:
            hi = lo + int(counts.sum())
            yield lo, hi
            lo = hi

    def blocks(self) -> Iterator[tuple[int, int, np.ndarray]]:
        """(start, stop, the ask of each pair) of each block's pairs, in order."""
        for (lo, hi), rows, counts in zip(self.spans(), self.rows, self.counts):
            yield lo, hi, rows.repeat(counts)

    def ask_of(self, at: np.ndarray) -> np.ndarray:
        """The ask of each pair at positions `at`."""
        if not self.rows:
            return np.zeros(0, np.intp)
        ends = np.cumsum(np.concatenate(self.counts))  # pairs up to and including each ask's
        return np.concatenate(self.rows)[ends.searchsorted(at, side="right")]


def ask_groups(asks: Side, ask_km: np.ndarray) -> list[np.ndarray]:
    """Asks grouped by grid cell, like reach together, at most ROWS to a group."""
    xyz = asks.place_xyz[asks.place]
    lat, lon = np.arcsin(np.clip(xyz[:, 2], -1, 1)), np.arctan2(xyz[:, 1], xyz[:, 0])
    scale = EARTH_RADIUS_KM / CELL_KM
    cell_x = np.floor(lon * np.cos(lat.mean()) * scale).astype(np.int64)
    cell_y = np.floor(lat * scale).astype(np.int64)
    sort = np.lexsort((ask_km, cell_x, cell_y))
    cells = np.stack([cell_y[sort], cell_x[sort]])
    breaks = np.flatnonzero(np.any(cells[:, 1:] != cells[:, :-1], axis=0)) + 1
    groups = []
    for group in np.split(sort, breaks):
        groups.extend(np.array_split(group, -(-len(group) // ROWS)))
    return groups


class Scorer:
    """Scores asks against an index's eligible offers, block by block, keeping the allowed pairs."""

    def __init__(self, asks: Columns, index) -> None:
        self.asks, self.offers, self.offer_index = Side.of(asks), index.dense_offers(), index.layout.index
        self.tables = index.wide_tables()
        self.ask_km = np.minimum(asks.max_km, index.reach_km)
        self.persons = person_table(self.asks, self.offers)
        self.place_tree = cKDTree(self.offers.place_xyz)
        self.offer_km = self.offers.reach_km[self.offers.reach]  # per laid-out offer: how far it travels
        self.place_start = np.searchsorted(self.offers.place, np.arange(len(self.offers.place_xyz) + 1))
        self.work = Workspace()
        self.capacity = index.columns.capacity
        self.ranks = int(min(RANKS, self.capacity.max(initial=0) + 1))

    def allowed(self, k: int, excluded: np.ndarray) -> tuple[Pairs, np.ndarray]:
        """Every allowed pair, and whether it is a candidate: one of its ask's k best at the offers' going prices.

        An offer's going price is the score of the ask just past its free places (the capacity + 1-th
        best ask for it): what a proposal to it must beat. Ranking an ask's pairs by score minus that
        price puts first the offers it can get, so the first solve over these few usually is the optimum.
        """
        best = np.full((len(self.offer_index) and int(self.offer_index.max()) + 1, self.ranks), -np.inf)
        blocks = [(rows, self._offers_near(rows)) for rows in ask_groups(self.asks, self.ask_km)]
        room = sum(len(rows) * len(cols) for rows, cols in blocks)  # written only as far as pairs are found
        self.work.views(1, max((len(rows) * len(cols) for rows, cols in blocks), default=0))  # one size for all
        offer, score_of = np.empty(room, OFFER), np.empty(room)
        offer_index = self.offer_index.astype(OFFER)
        block_rows, row_counts, lo = [], [], 0
        for rows, cols in blocks:
            if not len(cols):
                continue
            score = self._block(rows, cols, excluded)
            allowed = np.greater(score, -np.inf, out=self.work.matrix(-1, len(rows), len(cols)))
            at, counts = np.flatnonzero(allowed), np.count_nonzero(allowed, axis=1)
            r = np.repeat(np.arange(len(rows)), counts)
            c = at - r * len(cols)
            hi = lo + len(at)
            np.take(offer_index[cols], c, out=offer[lo:hi], mode="clip")
            np.take(score.ravel(), at, out=score_of[lo:hi], mode="clip")
            interests = self.asks.interests[rows]
            add_interests(score_of[lo:hi], interests.take(r), self.offers.interests[cols].take(c),
                          int(np.bitwise_or.reduce(interests)), self.tables, self.work)
            block_rows.append(rows)
            row_counts.append(counts)
            _keep_best(best, self.offer_index[cols], r, c, score_of[lo:hi], len(rows), self.work)
            lo = hi
        pairs = Pairs(offer[:lo], score_of[:lo], block_rows, row_counts)
        return pairs, self._candidates(pairs, _going_price(best, self.capacity), k)

    def _candidates(self, pairs: Pairs, price: np.ndarray, k: int) -> np.ndarray:
        """Per ask, its k pairs of highest score minus the offer's price (a block's asks at a time).

        The ranking is a heuristic (the prices prove the optimum): single precision serves.
        """
        arc = np.ones(len(pairs), bool)
        price = price.astype(np.float32)
        for (lo, hi), counts in zip(pairs.spans(), pairs.counts):
            n_rows, width = len(counts), int(counts.max())
            if width > k:
                key = self.work.buffers[1].view(np.float32)[:hi - lo]  # (the block's buffers are free by now)
                np.take(price, pairs.offer[lo:hi], out=key, mode="clip")
                np.subtract(pairs.score[lo:hi], key, out=key, casting="same_kind")
                first = np.cumsum(counts) - counts
                table = self.work.matrix(-2, n_rows, width)
                table[:] = -2.0 - np.arange(width, dtype=np.float32) / width  # distinct, below every key (> -1)
                table.ravel()[np.arange(hi - lo) + np.repeat(np.arange(n_rows) * width - first, counts)] = key
                table.partition(width - k, axis=1)
                np.greater_equal(key, np.repeat(table[:, width - k], counts), out=arc[lo:hi])
        return arc

    def _block(self, rows: np.ndarray, cols: np.ndarray, excluded: np.ndarray) -> np.ndarray:
        """The block of scores of the asks `rows` against the offers `cols` (laid-out positions)."""
        score = rule_scores(self.asks, self.offers, rows, cols, self.persons, self.work)
        hit = excluded[np.isin(excluded[:, 0], rows)] if len(excluded) else excluded
        if len(hit):  # declined before: never again
            row_of = dict(zip(rows.tolist(), range(len(rows))))
            col_of = dict(zip(self.offer_index[cols].tolist(), range(len(cols))))
            for ask, offer in hit.tolist():
                if offer in col_of:
                    score[row_of[ask], col_of[offer]] = -np.inf
        return score

    def _offers_near(self, rows: np.ndarray) -> np.ndarray:
        """Laid-out positions of the offers within reach of some ask of `rows` by both sides' limits (a superset):
        at a place nearer the asks' centre than the asks' spread plus the farthest any of them travels, and
        than that spread plus the offer's own limit."""
        xyz = self.asks.place_xyz[np.unique(self.asks.place[rows])]
        centre = xyz.mean(axis=0)
        centre /= np.linalg.norm(centre)
        spread = float(km_for_chord(np.linalg.norm(xyz - centre, axis=1)).max())
        radius = chord_for_km(spread + float(self.ask_km[rows].max())) * (1 + 1e-9)
        places = np.asarray(self.place_tree.query_ball_point(centre, radius), dtype=np.intp)
        starts, stops = self.place_start[places], self.place_start[places + 1]
        lengths = stops - starts
        cols = np.repeat(starts - np.cumsum(lengths) + lengths, lengths) + np.arange(int(lengths.sum()))
        apart = km_for_chord(np.linalg.norm(self.offers.place_xyz[places] - centre, axis=1)) - spread
        return cols[self.offer_km[cols] >= np.repeat(apart, lengths) * (1 - 1e-9) - 1e-9]


def _keep_best(best: np.ndarray, offers: np.ndarray, r: np.ndarray, c: np.ndarray, score: np.ndarray, n: int,
               work: Workspace) -> None:
    """Merge a block's best scores per offer (its column) into `best[offer]`, the best few so far.

    The block's allowed pairs are at rows `r` and columns `c` of its `n` rows, with scores `score`."""
    ranks = best.shape[1]
    ordered = work.matrix(-2, len(offers), n)  # single precision: the price is a heuristic
    # Rules broken (-inf) become distinct values below every score: a partition over many equal
    # values is slow. They stay below 0, and every allowed score is above 0.
    ordered[:] = -1.0 - np.arange(n, dtype=np.float32) / n
    ordered.ravel()[c * n + r] = score
    if n > ranks:
        ordered.partition(n - ranks, axis=1)
    both = np.concatenate([best[offers], ordered[:, -ranks:]], axis=1)
    both.partition(both.shape[1] - ranks, axis=1)
    best[offers] = both[:, -ranks:]


def _going_price(best: np.ndarray, capacity: np.ndarray) -> np.ndarray:
    """Per offer, the capacity + 1-th best score for it (0 when fewer asks may have it): what a proposal must beat."""
    ranked = -np.sort(-best, axis=1)
    price = ranked[np.arange(len(best)), np.minimum(capacity[:len(best)], best.shape[1] - 1)]
    return np.maximum(price, 0.0)
