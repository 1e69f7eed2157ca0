"""Upper bounds on the score of any offer at a place or in a block of the layout, for one ask (query.py).

They let `rank` skip places and blocks that cannot reach the k-th best score found so far; they
follow from rules.py, where each part only grows with what it measures: a block's part is at most
the part of the most any of its offers could share.
"""
from __future__ import annotations

import math
from dataclasses import dataclass
from itertools import accumulate

import numpy as np

from matching.scoring import rules
from matching.scoring.arrays import INTEREST_BIT, SLOT_BIT
from matching.scoring.layout import Layout
from matching.scoring.query import SLOTS_AND_LANGUAGE, W_DISTANCE, W_INTERESTS, W_LANGUAGE, Query

MARGIN = 1e-9  # bounds are compared with room for rounding, so no offer at the k-th score is skipped
# [the ask's slots][an offer's slots] -> the availability part at most (weighted)
_SLOT_COUNTS = np.arange(len(SLOT_BIT) + 1)
SLOT_BOUNDS = SLOTS_AND_LANGUAGE[2, np.minimum.outer(_SLOT_COUNTS, _SLOT_COUNTS)] - W_LANGUAGE
# [no language shared, some, the ask's first] -> the language part at most (with the margin for rounding)
LANGUAGE_BOUND = np.array([-np.inf, W_LANGUAGE * rules.OTHER_LANGUAGE + MARGIN, W_LANGUAGE + MARGIN])


@dataclass(frozen=True, slots=True)
class Bounds:
    """The most each part of the score can be, for an offer at a place or in a block."""

    query: Query
    interest_bound: np.ndarray  # [n]: the interest part at most, for an offer with n interests
    slot_bound: np.ndarray      # [n]: the availability part at most, for an offer with n slots

    @classmethod
    def of(cls, q: Query) -> "Bounds":
        """The bounds for the ask of `q`. Its interest part in plain Python, as it is a handful of values
        (math.exp may differ from numpy's in the last bit: MARGIN covers that)."""
        ask, weights = q.profile, q.weights
        heaviest = [0.0, *accumulate(sorted((weights[INTEREST_BIT[key]] for key in ask.interests), reverse=True))]
        parts = [W_INTERESTS * (1.0 - math.exp(w * (-1.0 / rules.INTEREST_SCALE))) for w in heaviest]
        parts += [parts[-1]] * (len(INTEREST_BIT) + 1 - len(parts))
        return cls(q, np.array(parts), SLOT_BOUNDS[len(ask.availability)])

    def farthest(self, theta: float) -> float:
        """How far away (km) a place can be and still hold an offer that scores `theta` (this bound's
        distance part: the ask's own limit, as the offers' do not lower the highest score at a place)."""
        q = self.query
        need = theta - (self.interest_bound[-1] + self.slot_bound[-1] + W_LANGUAGE + MARGIN)  # of the distance part
        if need <= 0.0 or q.max_km <= 0.0 or (need <= W_DISTANCE and q.max_km == math.inf):
            return math.inf
        return q.max_km * (1.0 - need / W_DISTANCE) if need <= W_DISTANCE else -1.0

    def block(self, lay: Layout, blocks: np.ndarray, km: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
        """The highest score any offer of each of the layout's `blocks` (at `km`) can have; -inf when its
        offers do not travel that far, or none of them speaks a language of the ask. And the distance
        part of the blocks' offers (one per block: rank scores the blocks it keeps with it)."""
        q = self.query
        words = lay.block_any_words.take(blocks)  # the slots are the words' low bits
        slots = np.bitwise_count(words & q.slot_mask)
        np.minimum(slots, lay.block_slots.take(blocks), out=slots)
        if q.chunks:  # an ask without interests: 0 for every offer
            interests = q.interest_bound(lay.block_any_interests.take(blocks))
            np.minimum(interests, self.interest_bound.take(lay.block_interests.take(blocks)), out=interests)
        languages = np.bitwise_count(words & q.language_mask)
        np.minimum(languages, 1, out=languages)
        languages += np.bitwise_count(words & q.first_language_mask)
        dist = q.distance_part(km, lay.block_max_km.take(blocks))
        bound = dist + interests if q.chunks else dist.copy()
        bound += self.slot_bound.take(slots)
        bound += LANGUAGE_BOUND.take(languages)
        return bound, dist
