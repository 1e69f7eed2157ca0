"""Profiles as numpy columns: bitsets for sets, unit vectors for places. Shared by rank and assign."""
from __future__ import annotations

import math
from dataclasses import dataclass
from typing import Iterable, Sequence

import numpy as np

from matching import vocabulary as vocab
from matching.scoring.postcodes import EARTH_RADIUS_KM
from matching.scoring.profile import Profile

INTEREST_BIT = {key: i for i, key in enumerate(vocab.INTERESTS)}
SLOT_BIT = {key: i for i, key in enumerate(vocab.AVAILABILITY)}
LANGUAGE_BIT = {key: i for i, key in enumerate(vocab.LANGUAGES)}
KIND_BIT = {key: i for i, key in enumerate(vocab.KINDS)}
GENDER_CODE = {key: i for i, key in enumerate(vocab.GENDERS)}
NO_GENDER = -1


def bits(keys: Iterable[str], positions: dict[str, int]) -> int:
    """A set of vocabulary keys as an integer bitset."""
    value = 0
    for key in keys:
        value |= 1 << positions[key]
    return value


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


@dataclass(frozen=True)
class Columns:
    """One profile per row; every set is a uint64 bitset."""

    xyz: np.ndarray
    interests: np.ndarray
    slots: np.ndarray
    languages: np.ndarray
    first_language: np.ndarray
    kinds: np.ndarray
    gender: np.ndarray
    wants_gender: np.ndarray
    is_volunteer: np.ndarray
    max_km: np.ndarray
    capacity: np.ndarray
    active: np.ndarray

    @classmethod
    def of(cls, profiles: Sequence[Profile]) -> "Columns":
        """Columns of a sequence of profiles."""
        def column(values, dtype):
            return np.fromiter(values, dtype=dtype, count=len(profiles))

        code = lambda g: GENDER_CODE[g] if g else NO_GENDER  # noqa: E731
        return cls(
            xyz=unit_vector(column((p.lat for p in profiles), float), column((p.lon for p in profiles), float)).reshape(-1, 3),
            interests=column((bits(p.interests, INTEREST_BIT) for p in profiles), np.uint64),
            slots=column((bits(p.availability, SLOT_BIT) for p in profiles), np.uint64),
            languages=column((bits(p.languages, LANGUAGE_BIT) for p in profiles), np.uint64),
            first_language=column((bits(p.languages[:1], LANGUAGE_BIT) for p in profiles), np.uint64),
            kinds=column((bits(p.kinds, KIND_BIT) for p in profiles), np.uint64),
            gender=column((code(p.gender) for p in profiles), np.int8),
            wants_gender=column((code(p.wants_gender) for p in profiles), np.int8),
            is_volunteer=column((p.type == "volunteer" for p in profiles), bool),
            max_km=column((p.max_distance_km for p in profiles), float),
            capacity=column((p.capacity for p in profiles), np.int64),
            active=column((p.active for p in profiles), bool),
        )
