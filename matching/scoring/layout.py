"""The offers of an index laid out for ranking: grouped by place, then in small blocks of like offers.

Offers are placed by postcode area, so many share one point: the distance to an ask, the distance
rule and the distance part of the score are worked out once per block, not per offer. A block holds
the offers of one place with the same number of slots, the same number of interests and the same
maximum distance, so its upper bound on the score (query.py) is tight enough to skip most blocks.
Per offer, the slots, languages and person-rule code are packed into one 64-bit word.
"""
from __future__ import annotations

from dataclasses import dataclass

import numpy as np
from scipy.spatial import cKDTree

from matching.scoring.arrays import CODE_BITS, LANGUAGE_BIT, SLOT_BIT, Columns, distinct_rows

LANGUAGE_SHIFT = len(SLOT_BIT)
CODE_SHIFT = LANGUAGE_SHIFT + len(LANGUAGE_BIT)
assert CODE_SHIFT + CODE_BITS <= 64, "slots, languages and the rule code no longer fit one 64-bit word"


def runs(starts: np.ndarray, stops: np.ndarray | None, lengths: np.ndarray | None = None) -> np.ndarray:
    """The integers of the half-open ranges [starts[i], stops[i]) back to back, without a Python loop
    (or of the ranges of `lengths` from `starts`, when those are known)."""
    lengths = stops - starts if lengths is None else lengths
    total = int(lengths.sum())
    if total == 0:
        return np.zeros(0, np.intp)
    return (starts - lengths.cumsum() + lengths).repeat(lengths) + np.arange(total)


def words(columns: Columns, at: np.ndarray) -> np.ndarray:
    """Slots, languages and rule code of the offers `at`, one int64 each (numpy indexes fastest with int64)."""
    return (columns.slots[at].astype(np.int64) | columns.languages[at].astype(np.int64) << LANGUAGE_SHIFT
            | columns.code[at].astype(np.int64) << CODE_SHIFT)


@dataclass(frozen=True)
class Layout:
    """Offer columns in layout order (`index` maps back to the caller's positions) and the two groupings."""

    index: np.ndarray           # per laid-out offer: its position in the caller's offers
    interests: np.ndarray       # per offer: interests bitset
    words: np.ndarray           # per offer: slots | languages << LANGUAGE_SHIFT | rule code << CODE_SHIFT
    slots: np.ndarray           # per offer: slots bitset (int64)
    person: np.ndarray          # per offer: its person class (languages and rule code: its word without the slots)
    person_words: np.ndarray    # per person class: the word's languages and rule code
    place_xyz: np.ndarray       # per place: its point on the unit sphere
    place_blocks: np.ndarray    # place p owns blocks place_blocks[p]:place_blocks[p + 1]
    place_tree: cKDTree | None
    block_start: np.ndarray     # block b owns laid-out offers block_start[b]:block_start[b + 1] (one more at the end)
    block_size: np.ndarray      # per block: its number of offers
    place_size: np.ndarray      # per place: its number of offers
    place_nblocks: np.ndarray   # per place: its number of blocks
    block_max_km: np.ndarray    # per block: the maximum distance of each of its offers
    block_slots: np.ndarray     # per block: the number of slots of each of its offers
    block_interests: np.ndarray  # per block: the number of interests of each of its offers
    block_any_interests: np.ndarray
    block_any_words: np.ndarray  # per block: every bit some offer of the block has in its layout word
    work: np.ndarray            # per offer: work areas bitset (read only for a werkervaringsplaats ask)
    hours: np.ndarray           # per offer: hours per week on offer

    @classmethod
    def of(cls, columns: Columns, eligible: np.ndarray) -> "Layout":
        """Lay out the offers at positions `eligible` (active, with a free place)."""
        lat, lon, max_km = columns.lat[eligible], columns.lon[eligible], columns.max_km[eligible]
        _, first_of_place, place = distinct_rows(lat, lon)
        n_slots = np.bitwise_count(columns.slots[eligible]).astype(np.int64)
        n_interests = np.bitwise_count(columns.interests[eligible]).astype(np.int64)
        order = np.lexsort((max_km, n_interests, n_slots, place.reshape(-1)))
        at = eligible[order]
        key = np.stack([place.reshape(-1)[order], n_slots[order], n_interests[order], max_km[order]])
        start = np.flatnonzero(np.concatenate([[True], np.any(key[:, 1:] != key[:, :-1], axis=0)])) if len(at) else at
        place_xyz = columns.xyz[eligible[first_of_place]].reshape(-1, 3)
        reduce = (lambda op, values: op.reduceat(values, start)) if len(at) else (lambda op, values: values[:0])
        packed = words(columns, at)
        person_words, person = np.unique(packed >> LANGUAGE_SHIFT << LANGUAGE_SHIFT, return_inverse=True)
        place_blocks = np.searchsorted(key[0, start].astype(np.int64), np.arange(len(place_xyz) + 1))
        return cls(
            index=at,
            interests=columns.interests[at].astype(np.int64),
            words=packed,
            slots=columns.slots[at].astype(np.int64),
            person=person.reshape(-1).astype(np.intp),
            person_words=person_words,
            place_xyz=place_xyz,
            place_blocks=place_blocks,
            place_tree=cKDTree(place_xyz) if len(place_xyz) else None,
            block_start=np.append(start, len(at)),
            block_size=np.diff(np.append(start, len(at))),
            place_size=np.diff(np.append(start, len(at))[place_blocks]),
            place_nblocks=np.diff(place_blocks),
            block_max_km=key[3, start],
            block_slots=n_slots[order][start].astype(np.uint8),  # (uint8: the bounds' popcounts are)
            block_interests=n_interests[order][start].astype(np.uint8),
            block_any_interests=reduce(np.bitwise_or, columns.interests[at].astype(np.int64)),
            block_any_words=reduce(np.bitwise_or, packed),
            work=columns.work[at],
            hours=columns.hours[at],
        )
