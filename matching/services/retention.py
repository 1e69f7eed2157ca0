"""The retention period: personal data is kept while someone waits, volunteers or is matched, and
for `retention_months` (default 12) after the last match ended or the volunteer stopped; then it is
erased, like an erasure on request. Spreadsheets uploaded but never imported go after a week. Run hourly by the workers; each run erases at most BATCH people
in one transaction and logs only how many."""
from __future__ import annotations

from datetime import datetime, timedelta, timezone

from matching.domain import commands
from matching.domain.consent import Channel
from matching.services import erasure
from matching.services.ports import Dependencies, UnitOfWork

BATCH = 500
UPLOADS_KEPT = timedelta(days=7)  # an upload never imported: its raw rows go after a week


def months_before(moment: datetime, months: int) -> datetime:
    """The same day and time `months` calendar months earlier (the last day when that month is shorter)."""
    month_index = moment.year * 12 + moment.month - 1 - months
    year, month = divmod(month_index, 12)
    month += 1
    for day in range(moment.day, 27, -1):
        try:
            return moment.replace(year=year, month=month, day=day)
        except ValueError:
            continue
    return moment.replace(year=year, month=month, day=min(moment.day, 28))


def apply_retention(cmd: commands.ApplyRetention, uow: UnitOfWork, deps: Dependencies) -> int:
    """Erase whoever's retention period ran out at `cmd.now` (default: now); returns how many."""
    now = datetime.fromisoformat(cmd.now) if cmd.now else deps.clock.now()
    if now.tzinfo is None:
        now = now.replace(tzinfo=timezone.utc)
    cutoff = months_before(now, deps.retention_months)
    with uow:
        people: list = uow.requests.past_retention(cutoff, BATCH)
        people += uow.volunteers.past_retention(cutoff, BATCH - len(people))
        for person in people:
            person.expire(now)
            erasure.forget(uow, person.subject_type, person.id)
            for record in uow.consents.of(person.subject_type, person.id):
                record.withdraw(Channel.RETENTION, now)
        for job in uow.imports.abandoned(now - UPLOADS_KEPT):
            job.expire(now)
            uow.imports.drop_rows(job.id)
        uow.commit()
        return len(people)
