"""One block of pairs (asks x offers) scored in preallocated buffers, for pairs.py.

The rule parts (distance, availability, language: the parts a hard rule can break) are worked out
for every pair of the block; the interest part, which breaks no rule, only for the pairs allowed.
Every block writes into the same buffers: on this kind of machine, touching freshly allocated memory
costs more than the arithmetic.
"""
from __future__ import annotations

import numpy as np

from matching.scoring import rules
from matching.scoring.query import W_INTERESTS
from matching.scoring.sides import SLOTS_TABLE, Side, distance_table, work_rules


class Workspace:
    """Buffers for one block, grown when a larger block comes, viewed in each block's shape."""

    def __init__(self) -> None:
        self.size, self.buffers = 0, []

    def views(self, rows: int, cols: int) -> tuple[np.ndarray, ...]:
        """score, scratch and sorting buffers (float64), key (intp), bits (int64), counts (uint8), ranking (float32),
        mask (bool)."""
        n = rows * cols
        if n > self.size or not self.buffers:
            self.size = max(n, 2 * self.size)
            self.buffers = [np.empty(self.size, dtype) for dtype in
                            (float, float, float, np.intp, np.int64, np.uint8, np.float32, bool)]
        return tuple(buffer[:n].reshape(rows, cols) for buffer in self.buffers)

    def matrix(self, which: int, rows: int, cols: int) -> np.ndarray:
        """Buffer `which` of views() as a rows x cols matrix (no larger than the largest block yet)."""
        return self.buffers[which][:rows * cols].reshape(rows, cols)


def rule_scores(asks: Side, offers: Side, rows: np.ndarray, cols: np.ndarray, persons: np.ndarray,
                work: Workspace) -> np.ndarray:
    """The distance, availability and language parts of asks `rows` x offers `cols` (positions in each
    side); -inf where a hard rule breaks. The interest part breaks no rule: add_interests adds it to the
    allowed pairs only (in a dense city, most pairs break a rule). The result is a view of the workspace:
    valid until the next block."""
    score, scratch, _, key, bits, counts, _, _ = work.views(len(rows), len(cols))
    ask_reach, ask_at = np.unique(asks.reach[rows], return_inverse=True)
    offer_reach, offer_at = np.unique(offers.reach[cols], return_inverse=True)
    shape = len(ask_reach), len(offer_reach)  # the distance table is made in the block's own buffers
    part = distance_table(asks, offers, ask_reach, offer_reach, work.matrix(1, *shape), work.matrix(2, *shape),
                          work.matrix(0, *shape))
    np.take(part, ask_at, axis=0, out=work.matrix(1, len(rows), shape[1]), mode="clip")  # (clip: no copy of out)
    np.take(work.matrix(1, len(rows), shape[1]), offer_at, axis=1, out=score, mode="clip")
    np.take(persons.take(asks.person[rows], axis=0), offers.person[cols], axis=1, out=key, mode="clip")
    np.bitwise_and(asks.slots[rows][:, None], offers.slots[cols][None, :], out=bits)
    np.bitwise_count(bits, out=counts)
    np.add(key, counts, out=key)
    np.take(SLOTS_TABLE, key, out=scratch, mode="clip")
    np.add(score, scratch, out=score)
    work_rules(asks, offers, rows, cols, score)
    return score


def add_interests(score: np.ndarray, ask_interests: np.ndarray, offer_interests: np.ndarray, wanted: int,
                  tables: list[tuple[int, np.ndarray]], work: Workspace) -> None:
    """Add the weighted interest part to `score` (in place), pair by pair from both sides' interest bitsets.

    `wanted` holds every interest some ask of the pairs has; `tables` holds (shift, weight table) per
    16 interest bits, as OfferIndex.wide_tables. Works in the workspace's buffers 1 to 4."""
    n = len(score)
    weight, spare, key, bits = (work.buffers[which][:n] for which in (1, 2, 3, 4))
    np.bitwise_and(ask_interests, offer_interests, out=bits)
    summed = False
    for shift, table in tables:  # the shared interests' weight, 16 bits at a time, as OfferIndex.rank sums it
        if (wanted >> shift) & (len(table) - 1):
            np.bitwise_and(np.right_shift(bits, shift, out=key) if shift else bits, len(table) - 1, out=key)
            if summed:
                np.add(weight, np.take(table, key, out=spare, mode="clip"), out=weight)
            else:  # the first weight is the sum so far (0.0 + w is w)
                np.take(table, key, out=weight, mode="clip")
                summed = True
    if not summed:  # no shared interest: the part is 0, and score + 0.0 is score
        return
    np.divide(weight, -rules.INTEREST_SCALE, out=weight)
    np.exp(weight, out=weight)
    np.subtract(1.0, weight, out=weight)
    np.multiply(weight, W_INTERESTS, out=weight)
    np.add(score, weight, out=score)
