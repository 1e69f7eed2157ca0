"""Candidate: one offer `rank` found for an ask, with its score and, when read, the reasons for it."""
from __future__ import annotations

from typing import Any, Callable

from matching.scoring import explain


class Candidate:
    """One offer that keeps every hard rule for the ask, with its score explained.

    The breakdown (Dutch reasons) is built when first read, so ranking does not pay for the ones
    nobody reads: `explain` is the breakdown, a function that makes it, or the (ask, offer, km,
    weights) to make it from. Two candidates are equal when their index, score and distance are.
    """

    __slots__ = ("index", "score", "distance_km", "_explain")

    def __init__(self, index: int, score: float, distance_km: float,
                 explain: Callable[[], dict[str, Any]] | dict[str, Any] | tuple):
        self.index, self.score, self.distance_km, self._explain = index, score, distance_km, explain

    @property
    def breakdown(self) -> dict[str, Any]:
        """Every part of the score with its value, weight, what was shared and a Dutch reason."""
        if isinstance(self._explain, tuple):
            self._explain = explain.breakdown(*self._explain)
        elif callable(self._explain):
            self._explain = self._explain()
        return self._explain

    def _key(self) -> tuple[int, float, float]:
        return self.index, self.score, self.distance_km

    def __eq__(self, other: object) -> bool:
        return isinstance(other, Candidate) and self._key() == other._key()

    def __hash__(self) -> int:
        return hash(self._key())

    def __repr__(self) -> str:
        return f"Candidate(index={self.index}, score={self.score!r}, distance_km={self.distance_km!r})"
