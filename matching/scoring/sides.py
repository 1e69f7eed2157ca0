"""Asks and offers as sides of a block of pairs: class numbers and small tables (used by pairs.py).

The parts of a score that depend on a few facts of each side come from small tables: the distance
part (with its rule) from a table over the (place, maximum distance) classes of both sides; the
availability and language parts (with the language, kind and gender rules) from a table over the
person classes of both sides and the number of shared slots. Only the interest part needs a
matrix product. The formulas are those of rules.py, like the index's.
"""
from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from matching import vocabulary as vocab
from matching.scoring.arrays import (
    CODE_BITS, Columns, allowed_codes, distinct_rows, km_for_chord)
from matching.scoring.query import SLOTS_AND_LANGUAGE, SLOTS_TABLE, W_DISTANCE  # SLOTS_TABLE: [22 * state + slots]

_N_SLOTS = SLOTS_AND_LANGUAGE.shape[1]
_FORBIDDEN = 3  # a person class pair that breaks the kind or gender rule


def _classes(*columns: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """Distinct rows of the given columns and, per row, the number of its distinct row."""
    table, _, inverse = distinct_rows(*columns)
    return table, inverse


@dataclass(frozen=True)
class Side:
    """One side (asks, or the eligible offers in layout order) as class numbers and matrices."""

    place: np.ndarray        # per row: its place number
    place_xyz: np.ndarray
    reach: np.ndarray        # per row: its (place, maximum distance) class
    reach_place: np.ndarray  # per reach class: place number and maximum distance
    reach_km: np.ndarray
    person: np.ndarray       # per row: its person class (languages, first language, kinds, genders)
    persons: np.ndarray      # per person class: languages, first language, code
    slots: np.ndarray        # per row: slots bitset (int64)
    interests: np.ndarray    # per row: interests bitset (int64)
    work: np.ndarray         # per row: work areas bitset (int64)
    hours: np.ndarray        # per row: hours per week asked for or on offer
    work_rules: np.ndarray   # per row: whether the werkervaringsplaats rules apply (asks only)

    @classmethod
    def of(cls, cols: Columns) -> "Side":
        """The side of the profiles in `cols`."""
        places, place = _classes(cols.lat, cols.lon)
        reach_table, reach = _classes(place.astype(float), cols.max_km)
        persons, person = _classes(cols.languages.astype(np.int64), cols.first_language.astype(np.int64),
                                   cols.code.astype(np.int64))
        lat, lon = np.radians(places[:, 0]), np.radians(places[:, 1])
        xyz = np.stack([np.cos(lat) * np.cos(lon), np.cos(lat) * np.sin(lon), np.sin(lat)], axis=1)
        return cls(place, xyz, reach, reach_table[:, 0].astype(np.intp), reach_table[:, 1], person, persons,
                   cols.slots.astype(np.int64), cols.interests.astype(np.int64), cols.work, cols.hours,
                   cols.work_rules)


def work_rules(asks: "Side", offers: "Side", rows: np.ndarray, cols: np.ndarray, score: np.ndarray) -> None:
    """-inf (in place) where a werkervaringsplaats ask of `rows` shares no work area with an offer of
    `cols`, or the offer's hours fall short of the ask's (rules.broken_rule)."""
    ruled = np.flatnonzero(asks.work_rules[rows])
    if not len(ruled):
        return
    ask = rows[ruled]
    broken = (asks.work[ask][:, None] & offers.work[cols][None, :]) == 0
    broken |= offers.hours[cols][None, :] < asks.hours[ask][:, None]
    block = score[ruled]
    block[broken] = -np.inf
    score[ruled] = block


def person_table(asks: Side, offers: Side) -> np.ndarray:
    """[ask class, offer class] -> 22 * (0 no shared language, 1 shared, 2 the ask's first) or FORBIDDEN * 22."""
    a, o = asks.persons, offers.persons
    shared = (a[:, 0][:, None] & o[:, 0][None, :]) != 0
    first = (a[:, 1][:, None] & o[:, 0][None, :]) != 0
    kinds_bits = len(vocab.KINDS)
    gender_bits = (len(vocab.GENDERS)).bit_length()
    ok = np.stack([allowed_codes(int(code) & ((1 << kinds_bits) - 1),
                                 (int(code) >> kinds_bits) & ((1 << gender_bits) - 1),
                                 (int(code) >> (kinds_bits + gender_bits)) & ((1 << gender_bits) - 1))
                   for code in a[:, 2]]) if len(a) else np.zeros((0, 1 << CODE_BITS), bool)
    state = shared.astype(np.intp) + first
    return np.where(ok[:, o[:, 2]], state, _FORBIDDEN) * _N_SLOTS


def distance_table(asks: Side, offers: Side, ask_reach: np.ndarray, offer_reach: np.ndarray,
                   km: np.ndarray | None = None, limit: np.ndarray | None = None,
                   part: np.ndarray | None = None) -> np.ndarray:
    """Weighted distance part for each ask reach class x offer reach class given; -inf beyond either limit.

    `km`, `limit` and `part` are buffers of that shape to work in (part is returned): a block's tables
    are made in its workspace, as fresh memory costs more than the arithmetic."""
    shape = len(ask_reach), len(offer_reach)
    km, limit, part = (np.empty(shape) if given is None else given for given in (km, limit, part))
    ask_places, ask_at = np.unique(asks.reach_place[ask_reach], return_inverse=True)
    offer_places, offer_at = np.unique(offers.reach_place[offer_reach], return_inverse=True)
    apart = asks.place_xyz[ask_places][:, None, :] - offers.place_xyz[offer_places][None, :, :]
    np.take(km_for_chord(np.sqrt(np.einsum("ijk,ijk->ij", apart, apart)))[ask_at], offer_at, axis=1, out=km,
            mode="clip")
    np.minimum.outer(asks.reach_km[ask_reach], offers.reach_km[offer_reach], out=limit)
    with np.errstate(divide="ignore", invalid="ignore"):  # W * clip(1 - km / limit, 0, 1), W where limit is 0
        np.divide(km, limit, out=part)
    np.subtract(1.0, part, out=part)
    np.maximum(part, 0.0, out=part)
    np.minimum(part, 1.0, out=part)
    np.multiply(part, W_DISTANCE, out=part)
    np.copyto(part, W_DISTANCE, where=limit <= 0)
    np.copyto(part, -np.inf, where=km > limit)
    return part


