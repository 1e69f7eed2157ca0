"""One ask, prepared for ranking: masks, look-up tables and upper bounds on any offer's score.

Scoring an offer is then a few look-ups: the shared interests' weight per 16 bits of the interest
bitset, and the availability and language parts with the language, kind and gender rules in one
table, at the row of the offer's person class (worked out once per class and ask) and its shared slots. The bounds let `rank` skip places and blocks that cannot reach the k-th
best score found so far; they follow from rules.py, where each part only grows with what it
measures: a block's part is at most the part of the most any of its offers could share.
"""
from __future__ import annotations

import math
from dataclasses import dataclass
from itertools import accumulate

import numpy as np

from matching.scoring import rules
from matching.scoring.arrays import INTEREST_BIT, LANGUAGE_BIT, SLOT_BIT, WORK_BIT, ask_rules, bits
from matching.scoring.layout import CODE_SHIFT, LANGUAGE_SHIFT
from matching.scoring.profile import Profile

MARGIN = 1e-9  # bounds are compared with room for rounding, so no offer at the k-th score is skipped
W_INTERESTS, W_DISTANCE = rules.WEIGHTS["interests"], rules.WEIGHTS["distance"]
W_SLOTS, W_LANGUAGE = rules.WEIGHTS["availability"], rules.WEIGHTS["language"]
CHUNK = 16  # interest bits per look-up table


def interest_part(shared_weight: np.ndarray) -> np.ndarray:
    """The interest part of the score (rules.parts), vectorised."""
    return 1.0 - np.exp(shared_weight * (-1.0 / rules.INTEREST_SCALE))


def availability_part(shared_slots: np.ndarray) -> np.ndarray:
    """The availability part of the score (rules.parts), vectorised."""
    return shared_slots / (shared_slots + rules.AVAILABILITY_HALF)


def interest_tables(weights: np.ndarray, chunk: int = CHUNK) -> tuple[int, list[tuple[np.ndarray, np.ndarray]]]:
    """For each `chunk` bits of the interest bitset: the summed weight of every value those bits can take,
    and the weighted interest part of that weight (used when all the ask's interests are in those bits).

    16 bits take two look-ups for 30 interests but a few ms to build; a small index uses 8.
    """
    tables = []
    for start in range(0, len(weights), chunk):
        weight = np.zeros(1)
        for w in weights[start: start + chunk]:  # doubling: values with this bit set add its weight
            weight = np.concatenate([weight, weight + w])
        tables.append((weight, W_INTERESTS * interest_part(weight)))
    return chunk, tables


def _slots_and_language() -> np.ndarray:
    """[languages shared: 0 none, 1 some, 2 the ask's first][shared slots] -> weighted parts, -inf when a rule breaks."""
    slots = np.arange(len(SLOT_BIT) + 1.0)
    table = np.empty((3, len(slots)))
    table[0] = -np.inf
    table[1] = W_SLOTS * availability_part(slots) + W_LANGUAGE * rules.OTHER_LANGUAGE
    table[2] = W_SLOTS * availability_part(slots) + W_LANGUAGE
    table[:, 0] = -np.inf
    return table


SLOTS_AND_LANGUAGE = _slots_and_language()
SLOTS_TABLE = np.concatenate([SLOTS_AND_LANGUAGE, np.full((1, SLOTS_AND_LANGUAGE.shape[1]), -np.inf)]).ravel()
# [the ask's slots][an offer's slots] -> the availability part at most (weighted)
_SLOT_COUNTS = np.arange(len(SLOT_BIT) + 1)
SLOT_BOUNDS = SLOTS_AND_LANGUAGE[2, np.minimum.outer(_SLOT_COUNTS, _SLOT_COUNTS)] - W_LANGUAGE
# [no language shared, some, the ask's first] -> the language part at most (with the margin for rounding)
LANGUAGE_BOUND = np.array([-np.inf, W_LANGUAGE * rules.OTHER_LANGUAGE + MARGIN, W_LANGUAGE + MARGIN])


@dataclass(frozen=True, slots=True)
class Query:
    """An ask as masks of a layout word, its point and reach, and its per-ask tables."""

    profile: Profile
    xyz: np.ndarray
    max_km: float
    zero_reach: bool            # the ask, or some offer, travels 0 km (a limit of 0 needs care)
    slots: int
    slot_mask: int              # the ask's slots, languages and first language as masks of a layout word
    language_mask: int
    first_language_mask: int
    chunks: list                # (shift, mask, weights, parts) for each 16 interest bits that hold an ask's interest
    weights: list[float]        # each interest's weight by bit position
    work_mask: int | None       # a werkervaringsplaats ask: its work areas (one must be shared); else None
    hours: float                # ... and its hours, which the offer's must cover

    @classmethod
    def of(cls, ask: Profile, weights: list[float], tables: tuple[int, list], zero_reach: bool = False) -> "Query":
        """Prepare `ask`; `weights` holds each interest's weight by bit position, `tables` its interest tables;
        `zero_reach` says some offer travels 0 km."""
        interests, slots = bits(ask.interests, INTEREST_BIT), bits(ask.availability, SLOT_BIT)
        chunk, tables = tables
        phi, lam = math.radians(ask.lat), math.radians(ask.lon)
        return cls(
            profile=ask,
            xyz=np.array([math.cos(phi) * math.cos(lam), math.cos(phi) * math.sin(lam), math.sin(phi)]),
            max_km=float(ask.max_distance_km),
            zero_reach=zero_reach or ask.max_distance_km <= 0,
            slots=slots,
            slot_mask=slots,
            language_mask=bits(ask.languages, LANGUAGE_BIT) << LANGUAGE_SHIFT,
            first_language_mask=bits(ask.languages[:1], LANGUAGE_BIT) << LANGUAGE_SHIFT,
            chunks=[(chunk * c, (interests >> (chunk * c)) & ((1 << chunk) - 1), *pair) for c, pair in enumerate(tables)
                    if (interests >> (chunk * c)) & ((1 << chunk) - 1)],
            weights=weights,
            work_mask=bits(ask.work_areas, WORK_BIT) if ask.work_rules else None,
            hours=float(ask.hours_per_week),
        )

    @property
    def penalty(self) -> np.ndarray:
        """penalty[code]: 0, or -inf when the kind or gender rule breaks (read once per kind of ask)."""
        return ask_rules(self.profile)

    def interest_score(self, interests: np.ndarray) -> np.ndarray | float:
        """The weighted interest part (rules.parts) for each interests bitset: a new array, or 0.0 when
        the ask has no interests."""
        if len(self.chunks) == 1:  # one look-up gives the part itself
            shift, mask, _, parts = self.chunks[0]
            return parts.take((interests >> shift if shift else interests) & mask)
        if not self.chunks:
            return 0.0
        part = self.shared_weight(interests)  # W_INTERESTS * interest_part(weight), in place
        np.multiply(part, -1.0 / rules.INTEREST_SCALE, out=part)
        np.exp(part, out=part)
        np.subtract(1.0, part, out=part)
        np.multiply(part, W_INTERESTS, out=part)
        return part

    def interest_bound(self, interests: np.ndarray) -> np.ndarray:
        """At least the weighted interest part for each interests bitset (a new array; the ask has interests).

        The part of each 16 interest bits, summed: the part of a sum is at most the sum of the parts
        (it rises ever more slowly from 0), and one look-up per 16 bits costs less than the exponential.
        """
        (shift, mask, _, parts), *more = self.chunks
        bound = parts.take((interests >> shift if shift else interests) & mask)
        for shift, mask, _, parts in more:
            bound += parts.take((interests >> shift) & mask)
        return bound

    def shared_weight(self, interests: np.ndarray) -> np.ndarray:
        """The summed weight of the interests each bitset shares with the ask (a new array)."""
        if not self.chunks:
            return np.zeros(len(interests))
        (shift, mask, table, _), *more = self.chunks
        weight = table.take((interests >> shift if shift else interests) & mask)  # 0.0 + w is w
        for shift, mask, table, _ in more:
            weight += table.take((interests >> shift if shift else interests) & mask)
        return weight

    def person_states(self, person_words: np.ndarray) -> np.ndarray:
        """Per person class of offers (its languages and rule code as a layout word): the row of
        SLOTS_TABLE for its pairs with this ask: 0 no language shared, 1 some, 2 the ask's first,
        3 the kind or gender rule breaks; times the row length, so a row plus shared slots is the place."""
        state = np.minimum(np.bitwise_count(person_words & self.language_mask), 1)
        state += np.bitwise_count(person_words & self.first_language_mask)
        state = state.astype(np.intp)
        state[self.penalty.take(person_words >> CODE_SHIFT) < 0] = 3
        return state * SLOTS_AND_LANGUAGE.shape[1]

    def score_people(self, states: np.ndarray, person: np.ndarray, slots: np.ndarray) -> np.ndarray:
        """The availability and language parts of each offer (its person class and slots); -inf when the
        language, availability, kind or gender rule breaks. `states` from person_states."""
        key = states.take(person)
        key += np.bitwise_count(slots & self.slot_mask)
        return SLOTS_TABLE.take(key)

    def work_rules(self, score: np.ndarray, work: np.ndarray, hours: np.ndarray) -> np.ndarray:
        """-inf where a werkervaringsplaats ask shares no work area or the offer's hours fall short (in place)."""
        if self.work_mask is not None:
            score[((work & self.work_mask) == 0) | (hours < self.hours)] = -np.inf
        return score

    def distance_part(self, km: np.ndarray, offer_max_km: np.ndarray) -> np.ndarray:
        """The weighted distance part (rules.parts) at `km`; -inf where the offers do not travel that far."""
        limit = np.minimum(offer_max_km, self.max_km)
        if self.zero_reach:  # an offer or ask that travels 0 km: rules.parts says 1
            with np.errstate(divide="ignore", invalid="ignore"):
                part = np.where(limit > 0, W_DISTANCE * np.clip(1.0 - km / limit, 0.0, 1.0), W_DISTANCE)
        else:  # W_DISTANCE * (1.0 - km / limit), in place (rank calls this for every block). No clip to [0, 1]
            # is needed: km >= 0 is within the ask's reach (rank measures no place beyond it), so where it is
            # also within the offer's, km / limit <= 1 (division rounds monotonically); elsewhere it is -inf.
            part = np.divide(km, limit)
            np.subtract(1.0, part, out=part)
            np.multiply(part, W_DISTANCE, out=part)
        part[km > offer_max_km] = -np.inf
        return part

    def bounds(self) -> "Bounds":
        """Upper bounds on the score of offers near this ask (made only when `rank` needs them)."""
        return Bounds.of(self)


@dataclass(frozen=True, slots=True)
class Bounds:
    """The most each part of the score can be, for an offer at a place or in a block."""

    query: Query
    interest_bound: np.ndarray  # [n]: the interest part at most, for an offer with n interests
    slot_bound: np.ndarray      # [n]: the availability part at most, for an offer with n slots

    @classmethod
    def of(cls, q: Query) -> "Bounds":
        ask, weights = q.profile, q.weights
        heaviest = [0.0, *accumulate(sorted((weights[INTEREST_BIT[key]] for key in ask.interests), reverse=True))]
        parts = [W_INTERESTS * (1.0 - math.exp(w * (-1.0 / rules.INTEREST_SCALE))) for w in heaviest]
        parts += [parts[-1]] * (len(INTEREST_BIT) + 1 - len(parts))  # (math.exp may differ from numpy's
        return cls(q, np.array(parts), SLOT_BOUNDS[len(ask.availability)])  # in the last bit: MARGIN covers it)

    def farthest(self, theta: float) -> float:
        """How far away (km) a place can be and still hold an offer that scores `theta` (this bound's
        distance part: the ask's own limit, as the offers' do not lower the highest score at a place)."""
        q = self.query
        need = theta - (self.interest_bound[-1] + self.slot_bound[-1] + W_LANGUAGE + MARGIN)  # of the distance part
        if need <= 0.0 or q.max_km <= 0.0 or (need <= W_DISTANCE and q.max_km == math.inf):
            return math.inf
        return q.max_km * (1.0 - need / W_DISTANCE) if need <= W_DISTANCE else -1.0

    def block(self, lay, blocks: np.ndarray, km: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
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
