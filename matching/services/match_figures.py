"""The figures of how long matches last and how they end, for the stats API, the dashboard and the
quarterly CSV (the estimator itself is matching/services/survival.py). Counts and shares only."""
from __future__ import annotations

from datetime import datetime
from typing import Any

from matching.domain.match import Initiator
from matching.services.ports import UnitOfWork
from matching.services.survival import Spell, by_month, figures

QUARTERS_SHOWN = 4  # the dashboard draws a curve for each of the latest start quarters


def _spells(rows: list[dict], until: datetime | None = None) -> list[Spell]:
    """Spells as seen at `until`: a match that ended after it was still running then."""
    return [Spell(r["confirmed_at"], r["ended_at"] if r["ended_at"] and (until is None or r["ended_at"] < until)
                  else None, r["end_reason"], r["initiated_by"]) for r in rows]


def headline(uow: UnitOfWork, org: str, now: datetime) -> dict[str, Any]:
    """`early_closure_rate`, `median_match_days` and the Kaplan-Meier `survival` of the stats API."""
    out = figures(_spells(uow.read_model.match_spells(org)), now)
    return {key: out[key] for key in ("early_closure_rate", "median_match_days", "survival")}


def dashboard(uow: UnitOfWork, org: str, now: datetime) -> dict[str, Any]:
    """The dashboard's pictures: a survival curve per recent start quarter, endings by who started them,
    and how many running matches need a check-in."""
    out = figures(_spells(uow.read_model.match_spells(org)), now)
    quarters = dict(list(out["survival_by_quarter"].items())[-QUARTERS_SHOWN:])
    return {"survival": out["survival"], "by_quarter": quarters, "ended": out["ended_by_reason_and_initiator"],
            "early_closure_rate": out["early_closure_rate"], "median_match_days": out["median_match_days"],
            "health": uow.read_model.health_counts(org)}


def quarter(uow: UnitOfWork, org: str, start: datetime, end: datetime) -> dict[str, Any]:
    """One quarter's columns: matches that ended in it (median days, share within 6 months, who started
    the ending) and the share of all matches still running after 6 and 12 months, as known at its end."""
    rows = uow.read_model.match_spells(org, confirmed_before=end)
    ended_here = [s for s in _spells(rows, end) if s.ended_at is not None and s.ended_at >= start]
    here = figures(ended_here, end)
    curve = {p["month"]: p["share_active"] for p in by_month(*_durations(_spells(rows, end), end))}
    by_initiator = {who: sum(1 for s in ended_here if (s.initiated_by or "onbekend") == who)
                    for who in (*Initiator, "onbekend")}
    return {"mediane_duur_beeindigd_dagen": here["median_match_days"] if ended_here else "",
            "aandeel_beeindigd_binnen_6_maanden": here["early_closure_rate"] if ended_here else "",
            **{f"beeindigd_door_{who}": n for who, n in by_initiator.items()},
            "aandeel_loopt_na_6_maanden": curve.get(6, ""), "aandeel_loopt_na_12_maanden": curve.get(12, "")}


def _durations(spells: list[Spell], now: datetime) -> tuple[list[float], list[bool]]:
    return [s.days(now) for s in spells], [s.ended_at is not None for s in spells]
