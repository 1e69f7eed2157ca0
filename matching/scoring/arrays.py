"""Profiles as numpy columns: bitsets for sets, one code for the person rules, unit vectors for places.

Shared by `rank` (index.py) and `assign` (pairs.py). Each column is one small integer or float per
profile, so a rule over many offers is a handful of whole-array operations.
"""
from __future__ import annotations

import math
from dataclasses import dataclass, fields
from functools import lru_cache
from itertools import chain, repeat
from operator import attrgetter, itemgetter
from typing import Iterable, Sequence

import numpy as np

from matching import vocabulary as vocab
from matching.scoring.postcodes import EARTH_RADIUS_KM
from matching.scoring.profile import Profile

INTEREST_BIT = {key: i for i, key in enumerate(vocab.INTERESTS)}
SLOT_BIT = {key: i for i, key in enumerate(vocab.AVAILABILITY)}
LANGUAGE_BIT = {key: i for i, key in enumerate(vocab.LANGUAGES)}
KIND_BIT = {key: i for i, key in enumerate(vocab.KINDS)}
WORK_BIT = {key: i for i, key in enumerate(vocab.WORK_AREAS)}
GENDER_CODE = {key: i + 1 for i, key in enumerate(vocab.GENDERS)}  # 0: none given
# The person rules (kind, both gender wishes) read four fields of an offer; packed into one code, a
# pair's verdict is one look-up in a table made once per kind of ask.
_KIND_BITS, _GENDER_BITS = len(vocab.KINDS), (len(vocab.GENDERS)).bit_length()
CODE_BITS = _KIND_BITS + 2 * _GENDER_BITS + 1
_FIRST = itemgetter(slice(0, 1))
_GENDER_OR_NONE = {None: 0, "": 0, **GENDER_CODE}
_FIELDS = [attrgetter(name) for name in ("lat", "lon", "interests", "availability", "languages", "kinds", "gender",
                                          "wants_gender", "type", "max_distance_km", "capacity", "active",
                                          "work_areas", "hours_per_week")]


def bitset_dtype(size: int) -> type:
    """The narrowest unsigned type that holds a bitset of `size` keys."""
    return np.uint32 if size <= 32 else np.uint64


def bits(keys: Iterable[str], positions: dict[str, int]) -> int:
    """A set of vocabulary keys as an integer bitset."""
    value = 0
    for key in keys:
        value |= 1 << positions[key]
    return value


def bitsets(sets: Sequence[Iterable[str]], positions: dict[str, int]) -> np.ndarray:
    """Each set of vocabulary keys as an int64 bitset, as `bits` makes one, for many sets at once."""
    lengths = np.fromiter(map(len, sets), np.intp, len(sets))
    keys = np.fromiter(map(positions.__getitem__, chain.from_iterable(sets)), np.int64, int(lengths.sum()))
    out = np.zeros(len(sets), np.int64)
    np.bitwise_or.at(out, np.repeat(np.arange(len(sets)), lengths), np.left_shift(1, keys))
    return out


def distinct_rows(*columns: np.ndarray) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """What np.unique(np.stack(columns, axis=1), axis=0, return_index=True, return_inverse=True) gives
    (distinct rows in order, each one's first row, each row's distinct row), sorted by lexsort: several
    times faster than unique's sort of whole rows."""
    rows = np.stack(columns, axis=1)
    order = np.lexsort(columns[::-1])
    ordered = rows[order]
    new = np.ones(len(order), bool)
    new[1:] = np.any(ordered[1:] != ordered[:-1], axis=1)
    inverse = np.empty(len(order), np.intp)
    inverse[order] = np.cumsum(new) - 1
    return ordered[new], order[new], inverse


def unit_vector(lat: np.ndarray | float, lon: np.ndarray | float) -> np.ndarray:
    """Points on the unit sphere, so straight-line (chord) neighbours are great-circle neighbours."""
    phi, lam = np.radians(lat), np.radians(lon)
    return np.stack([np.cos(phi) * np.cos(lam), np.cos(phi) * np.sin(lam), np.sin(phi)], axis=-1)


def chord_for_km(km: np.ndarray | float) -> np.ndarray | float:
    """The chord length on the unit sphere that spans `km` of great circle."""
    return 2.0 * np.sin(np.minimum(np.asarray(km, dtype=float), math.pi * EARTH_RADIUS_KM) / (2.0 * EARTH_RADIUS_KM))


def km_for_chord(chord: np.ndarray) -> np.ndarray:
    """Inverse of chord_for_km: exact great-circle km between unit vectors `chord` apart."""
    return 2.0 * EARTH_RADIUS_KM * np.arcsin(np.minimum(1.0, chord / 2.0))


@lru_cache(maxsize=256)
def allowed_codes(kinds: int, gender: int, wants: int) -> np.ndarray:
    """For every offer code: does an ask with these kinds and gender (wish) keep the kind and gender rules?"""
    code = np.arange(1 << CODE_BITS)
    offer_kinds = code & ((1 << _KIND_BITS) - 1)
    offer_gender = (code >> _KIND_BITS) & ((1 << _GENDER_BITS) - 1)
    offer_wants = (code >> (_KIND_BITS + _GENDER_BITS)) & ((1 << _GENDER_BITS) - 1)
    volunteer = (code >> (_KIND_BITS + 2 * _GENDER_BITS)) & 1
    ok = ((offer_kinds & kinds) == kinds) & ((wants == 0) | (volunteer == 0) | (offer_gender == wants))
    ok &= (offer_wants == 0) | (offer_wants == gender)
    ok.flags.writeable = False
    return ok


@lru_cache(maxsize=256)
def _penalty(kinds: int, gender: int, wants: int) -> np.ndarray:
    table = np.where(allowed_codes(kinds, gender, wants), 0.0, -np.inf)
    table.flags.writeable = False
    return table


def ask_rules(ask: Profile) -> np.ndarray:
    """For every offer code, 0 when the kind and gender rules allow the pair with `ask`, else -inf (added to a score)."""
    return _penalty(bits(ask.kinds, KIND_BIT), GENDER_CODE.get(ask.gender or "", 0),
                    GENDER_CODE.get(ask.wants_gender or "", 0))


@dataclass(frozen=True)
class Columns:
    """One profile per row; every set is a bitset, the person-rule fields one code."""

    lat: np.ndarray
    lon: np.ndarray
    xyz: np.ndarray
    interests: np.ndarray
    slots: np.ndarray
    languages: np.ndarray
    first_language: np.ndarray
    code: np.ndarray
    max_km: np.ndarray
    capacity: np.ndarray
    active: np.ndarray
    work: np.ndarray       # work areas bitset (werkervaringsplaats)
    hours: np.ndarray      # hours per week asked for or on offer
    work_rules: np.ndarray  # whether the work-area and hours rules apply (a werkervaringsplaats request)

    @classmethod
    def of(cls, profiles: Sequence[Profile]) -> "Columns":
        """Columns of a sequence of profiles: each field read in one pass, each set turned into bits at once."""
        # One list per field (no tuple per profile: allocating many small objects wakes the garbage collector).
        (lat, lon, interests, slots, languages, kinds, gender, wants, kind_type, max_km, capacity, active, work,
         hours) = ([*map(get, profiles)] for get in _FIELDS)
        genders = [*map(_GENDER_OR_NONE.get, gender, repeat(0))], [*map(_GENDER_OR_NONE.get, wants, repeat(0))]
        kind_bits = bitsets(kinds, KIND_BIT)
        request = np.fromiter(map("request".__eq__, kind_type), bool, len(kind_type))
        volunteer = np.fromiter(map("volunteer".__eq__, kind_type), bool, len(kind_type))
        code = (kind_bits | np.array(genders[0], np.int64) << _KIND_BITS
                | np.array(genders[1], np.int64) << (_KIND_BITS + _GENDER_BITS)
                | volunteer.astype(np.int64) << (_KIND_BITS + 2 * _GENDER_BITS))
        lat, lon = np.array(lat, dtype=float), np.array(lon, dtype=float)
        return cls(
            lat=lat, lon=lon, xyz=unit_vector(lat, lon).reshape(-1, 3),
            interests=bitsets(interests, INTEREST_BIT).astype(bitset_dtype(len(INTEREST_BIT))),
            slots=bitsets(slots, SLOT_BIT).astype(bitset_dtype(len(SLOT_BIT))),
            languages=bitsets(languages, LANGUAGE_BIT).astype(bitset_dtype(len(LANGUAGE_BIT))),
            first_language=bitsets([*map(_FIRST, languages)], LANGUAGE_BIT).astype(
                bitset_dtype(len(LANGUAGE_BIT))),
            code=code.astype(np.uint16 if CODE_BITS > 8 else np.uint8),
            max_km=np.array(max_km, dtype=float),
            capacity=np.array(capacity, dtype=np.int64),
            active=np.array(active, dtype=bool),
            work=bitsets(work, WORK_BIT).astype(np.uint16 if len(WORK_BIT) <= 16 else np.uint32),
            hours=np.array(hours, dtype=np.float32),
            work_rules=request & (kind_bits >> KIND_BIT["werkervaringsplaats"] & 1).astype(bool),
        )

    def take(self, at: np.ndarray) -> "Columns":
        """The rows `at`, in that order."""
        return Columns(**{f.name: getattr(self, f.name)[at] for f in fields(self)})
