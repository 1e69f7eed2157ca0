"""Time-driven jobs, one list for `koppel tick --now` and the workers' own clock, so both run the same:
the coordinator's reminders, the pulse's questions, the matches' health (after both, which it reads),
and the retention period."""
from __future__ import annotations

from datetime import datetime, timezone

from matching.domain import commands
from matching.domain.base import utcnow
from matching.services.ports import Dependencies


def moment(iso: str | None, deps: Dependencies) -> datetime:
    """`now` of a time-driven command: the ISO moment given (koppel tick --now), else the clock."""
    return parse(iso) if iso else deps.clock.now()


def parse(iso: str) -> datetime:
    """An ISO date-time (UTC when it names no zone); ValueError when it is none."""
    parsed = datetime.fromisoformat(iso)
    return parsed if parsed.tzinfo else parsed.replace(tzinfo=timezone.utc)


def jobs_at(now: datetime | None = None) -> list[tuple[str, commands.Command]]:
    """(name, command) of every time-driven job, as if it were `now` (None: the clock, each job's own)."""
    iso = now.isoformat() if now else None
    today = (now or utcnow()).date().isoformat()
    return [("reminders", commands.RaiseDueReminders(today)), ("pulses", commands.RaiseDuePulses(iso)),
            ("health", commands.ReassessHealth(iso)), ("retention", commands.ApplyRetention(iso))]
