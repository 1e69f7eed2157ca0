"""One ask, prepared for ranking: masks and look-up tables (bounds.py holds the upper bounds on its scores).

Scoring an offer is then a few look-ups: the shared interests' weight per 16 bits of the interest
bitset, and the availability and language parts with the language, kind and gender rules in one
table, at the row of the offer's person class (worked out once per class and ask) and its shared slots.
"""
from __future__ import annotations

import math
from dataclasses import dataclass

import numpy as np

from matching.scoring import rules
from matching.scoring.arrays import INTEREST_BIT, LANGUAGE_BIT, SLOT_BIT, WORK_BIT, ask_rules, bits
from matching.scoring.layout import CODE_SHIFT, LANGUAGE_SHIFT
from matching.scoring.profile import Profile

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
