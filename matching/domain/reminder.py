"""Reminders for the coordinator: check-ins, a match's term, a VOG growing old."""
from __future__ import annotations

from datetime import date, datetime
from enum import StrEnum

from matching.domain import events as ev
from matching.domain.base import Aggregate, new_id, utcnow
from matching.domain.errors import Conflict


class ReminderKind(StrEnum):
    CHECK_IN = "check_in"  # of an active match
    RENEWAL = "renewal"  # a match's term ends soon
    VOG = "vog"  # a volunteer's VOG grows old
    CONTACT = "contact"  # a waiting person has not heard from us in four weeks: "bel even"
    EVALUATION = "evaluation"  # a werkervaringsplaats's evaluation is late (matching/domain/evaluation.py)


class Reminder(Aggregate):
    id: str
    organization_id: str
    kind: ReminderKind
    subject_type: str  # "match" or "volunteer"
    subject_id: str
    due_on: date
    created_at: datetime
    done_at: datetime | None
    done_by: str | None

    @classmethod
    def raise_(cls, organization_id: str, kind: ReminderKind, subject_type: str, subject_id: str, due_on: date,
               now=None) -> "Reminder":
        reminder = cls()
        reminder.id = new_id()
        reminder.organization_id, reminder.kind = organization_id, ReminderKind(kind)
        reminder.subject_type, reminder.subject_id, reminder.due_on = subject_type, subject_id, due_on
        reminder.created_at, reminder.done_at, reminder.done_by = now or utcnow(), None, None
        reminder.record(ev.ReminderRaised(organization_id, reminder.id, kind))
        return reminder

    def done(self, by_user: str | None, now=None) -> None:
        if self.done_at is not None:
            raise Conflict("this reminder was already handled")
        self.done_at, self.done_by = now or utcnow(), by_user


FIRST_CHECK_IN_DAYS = 42  # six weeks after the start
CHECK_IN_EVERY_DAYS = 91  # then every three months
RENEWAL_NOTICE_DAYS = 30  # before a match's term ends
VOG_VALID_DAYS = 3 * 365  # a VOG is asked anew after three years
VOG_NOTICE_DAYS = 60
CONTACT_EVERY_DAYS = 28  # every waiting person hears from us at least this often (CONTRACT section 10)


def latest_check_in(confirmed_on: date, today: date) -> date | None:
    """The most recent check-in date on or before today (6 weeks, then every 3 months), or None yet."""
    first = date.fromordinal(confirmed_on.toordinal() + FIRST_CHECK_IN_DAYS)
    if today < first:
        return None
    periods = (today - first).days // CHECK_IN_EVERY_DAYS
    return date.fromordinal(first.toordinal() + periods * CHECK_IN_EVERY_DAYS)


def renewal_due(ends_on: date | None, today: date) -> date | None:
    """The end of the term when it is within the notice period."""
    return ends_on if ends_on and (ends_on - today).days <= RENEWAL_NOTICE_DAYS else None


def vog_due(checked_on: date | None, today: date) -> date | None:
    """The day a VOG turns three years old, once that is within the notice period."""
    if checked_on is None:
        return None
    expires = date.fromordinal(checked_on.toordinal() + VOG_VALID_DAYS)
    return expires if (expires - today).days <= VOG_NOTICE_DAYS else None


def contact_due(last_contact: date, today: date) -> date | None:
    """The day a waiting person should be called again (28 days after the last call note or message),
    once that day has come."""
    due = date.fromordinal(last_contact.toordinal() + CONTACT_EVERY_DAYS)
    return due if due <= today else None
