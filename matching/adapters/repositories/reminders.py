"""The coordinator's reminders."""
from __future__ import annotations

from datetime import date

from sqlalchemy import func, select

from matching.adapters import orm
from matching.adapters.repositories.base import SqlRepository
from matching.domain.reminder import Reminder


class ReminderRepository(SqlRepository[Reminder]):
    cls = Reminder

    def exists(self, kind: str, subject_id: str, due_on: date) -> bool:
        rem = orm.reminders.c
        return self.session.scalar(select(func.count()).select_from(orm.reminders).where(
            rem.kind == kind, rem.subject_id == subject_id, rem.due_on == due_on)) > 0

    def open_for(self, subject_id: str) -> list[Reminder]:
        """The reminders about one match or volunteer that nobody marked as handled."""
        return list(self.session.scalars(select(Reminder).where(
            Reminder.subject_id == subject_id, Reminder.done_at.is_(None)).order_by(Reminder.due_on)))
