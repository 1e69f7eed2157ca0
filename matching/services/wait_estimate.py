"""An honest wait: how long comparable requests of the organisation's own last 12 months waited
before their first confirmed match, as a range, never a promise (CONTRACT section 10).

Comparable: the same kind, from within REGION_KM, and as selective (a gender wish for the volunteer or
a shorter distance than the kind's default narrows the search). The range runs from the 10th to the
90th percentile of their waits, widened to whole weeks; with fewer than MIN_COMPARABLE comparable
requests there is no estimate at all. tests/bench/wait_backtest.py checks the range on a year of
generated history.
"""
from __future__ import annotations

import math
import threading
import time
from dataclasses import dataclass
from datetime import datetime, timedelta
from typing import Any, Iterable

from matching import vocabulary as vocab
from matching.domain.people import Request
from matching.scoring.postcodes import areas, great_circle_km
from matching.services.ports import UnitOfWork

REGION_KM = 15.0
MIN_COMPARABLE = 10
LOW, HIGH = 0.10, 0.90
HISTORY_DAYS = 365
KEEP_SECONDS = 600.0  # the history of an organisation is read at most every ten minutes per process


@dataclass(frozen=True, slots=True)
class Past:
    """One request of the history: what makes it comparable, and how long it waited."""

    kind: str
    lat: float
    lon: float
    selective: bool
    waited_days: float


def is_selective(kind: str, volunteer_gender: str | None, max_distance_km: float | None) -> bool:
    """A wish that narrows the search: a volunteer's gender, or less distance than the kind's default."""
    return bool(volunteer_gender) or (max_distance_km is not None
                                      and max_distance_km < vocab.DEFAULT_MAX_DISTANCE_KM.get(kind, 10.0))


def quantile(values: list[float], q: float) -> float:
    """Linear interpolation between the closest ranks (numpy's default), on sorted `values`."""
    at = (len(values) - 1) * q
    low = math.floor(at)
    high = min(low + 1, len(values) - 1)
    return values[low] + (values[high] - values[low]) * (at - low)


def estimate(history: Iterable[Past], kind: str, lat: float, lon: float, selective: bool) -> dict[str, int] | None:
    """{"low_days", "high_days", "based_on"} from the comparable requests of `history`, or None."""
    waits = sorted(p.waited_days for p in history if p.kind == kind and p.selective == selective
                   and great_circle_km(lat, lon, p.lat, p.lon) <= REGION_KM)
    if len(waits) < MIN_COMPARABLE:
        return None
    low = 7 * math.floor(quantile(waits, LOW) / 7)
    high = max(low + 7, 7 * math.ceil(quantile(waits, HIGH) / 7))
    return {"low_days": int(low), "high_days": int(high), "based_on": len(waits)}


def history_from(rows: Iterable[dict]) -> list[Past]:
    """Rows of WaitingFacts.waits as the estimate reads them (erased postcodes left out)."""
    out = []
    for row in rows:
        area = areas().get(row["postcode"] or "")
        if area is None:
            continue
        waited = (row["matched_at"] - row["created_at"]).total_seconds() / 86400
        out.append(Past(row["kind"], area.lat, area.lon,
                        is_selective(row["kind"], row["volunteer_gender"], row["max_distance_km"]), max(0.0, waited)))
    return out


_history: dict[str, tuple[float, list[Past]]] = {}
_lock = threading.Lock()


def _organisation_history(uow: UnitOfWork, organization_id: str, now: datetime) -> list[Past]:
    found = _history.get(organization_id)
    clock = time.monotonic()
    if found and clock - found[0] < KEEP_SECONDS:
        return found[1]
    past = history_from(uow.waiting.waits(organization_id, now - timedelta(days=HISTORY_DAYS), now))
    with _lock:
        _history[organization_id] = (clock, past)
    return past


def forget_all() -> None:
    with _lock:
        _history.clear()


def for_request(uow: UnitOfWork, request: Request, now: datetime) -> dict[str, Any] | None:
    """The estimate for a waiting request, or None (not waiting, or too little history)."""
    area = areas().get(request.postcode or "")
    if request.status != "waiting" or area is None:
        return None
    history = _organisation_history(uow, request.organization_id, now)
    return estimate(history, request.kind, area.lat, area.lon,
                    is_selective(request.kind, request.volunteer_gender, request.max_distance_km))
