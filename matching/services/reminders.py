"""The coordinator's reminders: the periodic run raises each due one once (a unique key makes reruns
harmless); the coordinator marks one done."""
from __future__ import annotations

from datetime import date

from matching.domain import commands, reminder as rules
from matching.domain.reminder import Reminder, ReminderKind
from matching.services import evaluations
from matching.services.ports import Dependencies, UnitOfWork


def raise_due(cmd: commands.RaiseDueReminders, uow: UnitOfWork, deps: Dependencies) -> int:
    """Check-ins of active matches, their renewals, VOGs growing old and late evaluations of
    werkervaringsplaatsen; returns how many were raised."""
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


def complete(cmd: commands.CompleteReminder, uow: UnitOfWork, deps: Dependencies) -> None:
    """The coordinator handled a reminder (a call, a check-in); a second time is a conflict."""
    with uow:
        uow.reminders.get(cmd.reminder_id, cmd.organization_id).done(cmd.by_user, now=deps.clock.now())
        uow.commit()
