"""The coordinator's reminders: the periodic run raises each due one once (a unique key makes reruns
harmless); the coordinator marks one done."""
from __future__ import annotations

from datetime import date, timedelta

from matching.domain import commands, reminder as rules
from matching.domain.reminder import Reminder, ReminderKind
from matching.services import evaluations
from matching.services.ports import Dependencies, UnitOfWork


def raise_due(cmd: commands.RaiseDueReminders, uow: UnitOfWork, deps: Dependencies) -> int:
    """Check-ins of active matches, their renewals, VOGs growing old, late evaluations of werkervaringsplaatsen,
    and waiting people not contacted in 28 days ("bel even"); returns how many were raised."""
    today = date.fromisoformat(cmd.today)
    raised = 0
    with uow:
        for match in uow.matches.active():
            due = [(ReminderKind.CHECK_IN, rules.latest_check_in(match.confirmed_at.date(), today)),
                   (ReminderKind.RENEWAL, rules.renewal_due(match.ends_on, today))]
            raised += _raise(uow, deps, match.organization_id, "match", match.id, due)
        for volunteer in uow.volunteers.active_or_paused():
            checked = volunteer.vog_checked_at.date() if volunteer.vog_checked_at else None
            raised += _raise(uow, deps, volunteer.organization_id, "volunteer", volunteer.id,
                             [(ReminderKind.VOG, rules.vog_due(checked, today))])
        raised += _contact_waiting(uow, deps, today)
        raised += evaluations.raise_late(uow, deps, today)
        uow.commit()
    return raised


def _raise(uow: UnitOfWork, deps: Dependencies, organization_id: str, subject_type: str, subject_id: str,
           due: list) -> int:
    count = 0
    for kind, due_on in due:
        if due_on and not uow.reminders.exists(kind, subject_id, due_on):
            uow.reminders.add(Reminder.raise_(organization_id, kind, subject_type, subject_id, due_on,
                                              now=deps.clock.now()))
            count += 1
    return count


def _contact_waiting(uow: UnitOfWork, deps: Dependencies, today: date) -> int:
    """Each waiting person is called or written to at least every 28 days: a reminder on the day the last
    contact (or the sign-up) is 28 days old; one raised earlier is cleared once a newer contact exists."""
    raised = 0
    recent = today - timedelta(days=rules.CONTACT_EVERY_DAYS)
    for row in uow.waiting.last_contacts():
        last = (row["last_contact"] or row["created_at"]).date()
        if last > recent:  # contacted within 28 days: an older reminder is done
            clear_contact_reminders(uow, deps, row["id"], last)
        raised += _raise(uow, deps, row["organization_id"], "request", row["id"],
                         [(ReminderKind.CONTACT, rules.contact_due(last, today))])
    return raised


def clear_contact_reminders(uow: UnitOfWork, deps: Dependencies, request_id: str, contacted_on: date) -> None:
    """A call note or a message on `contacted_on` handles the "bel even" reminders raised before it."""
    for reminder in uow.reminders.open_for(request_id):
        if reminder.kind == ReminderKind.CONTACT and contacted_on >= reminder.due_on - timedelta(
                days=rules.CONTACT_EVERY_DAYS):
            reminder.done(None, now=deps.clock.now())


def complete(cmd: commands.CompleteReminder, uow: UnitOfWork, deps: Dependencies) -> None:
    """The coordinator handled a reminder (a call, a check-in); a second time is a conflict."""
    with uow:
        uow.reminders.get(cmd.reminder_id, cmd.organization_id).done(cmd.by_user, now=deps.clock.now())
        uow.commit()
