"""How long matches last: median duration, the share that ended early, and a Kaplan-Meier curve.

A match still running has not ended yet, so "how long do matches last" cannot be read from the
ended ones alone (short ones end first, so they would look shorter than they are). The Kaplan-Meier
product-limit estimator counts a running match as at risk until today and no further ("censored").

Our own estimator, not `lifelines`: it is the twenty lines below, checked against a hand-computed
curve (tests/unit/test_survival.py); `lifelines` installs from wheels but pins pandas below 3
(the shared environment has 3) and brings matplotlib and autograd along.
"""
from __future__ import annotations

from collections import Counter, defaultdict
from dataclasses import dataclass
from datetime import datetime
from statistics import median
from typing import Iterable, Sequence

DAYS_PER_MONTH = 365.25 / 12
EARLY_DAYS = 6 * DAYS_PER_MONTH  # "ended within 6 months"
MONTHS = 24  # how far the curve reaches at most


@dataclass(frozen=True)
class Spell:
    """One confirmed match: from confirmation to its end (None while it runs)."""

    confirmed_at: datetime
    ended_at: datetime | None = None
    end_reason: str | None = None
    initiated_by: str | None = None

    def days(self, now: datetime) -> float:
        return ((self.ended_at or now) - self.confirmed_at).total_seconds() / 86400

    @property
    def quarter(self) -> str:
        return f"{self.confirmed_at.year}-K{(self.confirmed_at.month - 1) // 3 + 1}"


def kaplan_meier(durations: Sequence[float], ended: Sequence[bool]) -> list[tuple[float, float]]:
    """The product-limit estimate as steps [(t, S(t))], starting at (0, 1): at each time t where at
    least one match ended, S is multiplied by (1 - ended at t / still running just before t). A match
    censored at t is still at risk at t (the usual convention for ties)."""
    if len(durations) != len(ended):
        raise ValueError("one 'ended' flag per duration")
    ends = Counter(t for t, e in zip(durations, ended) if e)
    at_risk, share, steps = len(durations), 1.0, [(0.0, 1.0)]
    leaving = Counter(durations)
    for t in sorted(leaving):
        if ends[t]:
            share *= 1 - ends[t] / at_risk
            steps.append((t, share))
        at_risk -= leaving[t]
    return steps


def share_at(steps: list[tuple[float, float]], t: float) -> float:
    """S(t): the last step at or before t."""
    value = 1.0
    for time, share in steps:
        if time > t:
            break
        value = share
    return value


def by_month(durations: Sequence[float], ended: Sequence[bool], months: int = MONTHS) -> list[dict]:
    """[{"month", "share_active"}] from month 0 for as long as matches were followed (the estimate
    says nothing past the longest observed match)."""
    if not durations:
        return []
    steps, reach = kaplan_meier(durations, ended), max(durations)
    return [{"month": m, "share_active": round(share_at(steps, m * DAYS_PER_MONTH), 4)}
            for m in range(months + 1) if m * DAYS_PER_MONTH <= reach]


def figures(spells: Iterable[Spell], now: datetime) -> dict:
    """early_closure_rate, median_match_days, survival (all matches), survival_by_quarter (per start
    quarter, oldest first), ended_by_reason_and_initiator."""
    spells = list(spells)
    days = [s.days(now) for s in spells]
    ended = [s.ended_at is not None for s in spells]
    ended_days = [d for d, e in zip(days, ended) if e]
    groups: dict[str, list[int]] = defaultdict(list)
    for i, spell in enumerate(spells):
        groups[spell.quarter].append(i)
    reasons = Counter((s.end_reason, s.initiated_by or "unknown") for s in spells if s.ended_at is not None)
    return {
        "early_closure_rate": round(sum(d < EARLY_DAYS for d in ended_days) / len(ended_days), 4) if ended_days else 0.0,
        "median_match_days": round(float(median(ended_days)), 1) if ended_days else 0.0,
        "survival": by_month(days, ended),
        "survival_by_quarter": {q: by_month([days[i] for i in idx], [ended[i] for i in idx])
                                for q, idx in sorted(groups.items())},
        "ended_by_reason_and_initiator": [{"reason": r, "initiated_by": i, "count": n}
                                          for (r, i), n in sorted(reasons.items(), key=lambda kv: (str(kv[0][0]), kv[0][1]))],
    }
