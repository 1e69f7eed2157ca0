"""A werkervaringsplaats's supervision as use cases: the supervisor's private link once a placement
match is confirmed, the evaluations answered once per side and moment, and the late ones raised as
reminders for the coordinator."""
from __future__ import annotations

from datetime import date
from typing import Any

from matching.domain import commands
from matching.domain.base import token_hash
from matching.domain.errors import NotFound
from matching.domain.evaluation import (Evaluation, EvaluationSide, Moment, Supervision, check_open, due_on, late)
from matching.domain.match import Match, OfferType
from matching.domain.reminder import Reminder, ReminderKind
from matching.services import supervision_messages
from matching.services.ports import Dependencies, UnitOfWork


def start(uow: UnitOfWork, deps: Dependencies, match: Match) -> None:
    """A placement match was confirmed: its supervisor gets a private link (once; inside the caller's
    transaction, which claims the event)."""
    if match.offer_type != OfferType.PLACEMENT or uow.evaluations.supervision_of(match.id) is not None:
        return
    placement = uow.placements.get(match.offer_id, match.organization_id)
    request = uow.requests.get(match.request_id, match.organization_id)
    supervision = Supervision.start(match.organization_id, match.id, match.confirmed_at.date(), deps.clock.now())
    uow.evaluations.add(supervision)
    if placement.supervisor_email:
        org = uow.organizations.get(match.organization_id)
        uow.messages.add(supervision_messages.welcome(org, supervision, placement, request, deps))


def ended_on(match: Match) -> date | None:
    return match.ended_at.date() if match.ended_at else None


def resolve(uow: UnitOfWork, token: str) -> tuple[EvaluationSide, Supervision, Match]:
    """Whose link this is: a supervisor's, or the participant's own private link (their placement match,
    the most recent one with a supervisor). NotFound otherwise."""
    hashed = token_hash(token)
    try:
        supervision = uow.evaluations.supervision_by_token(hashed)
        return EvaluationSide.SUPERVISOR, supervision, uow.matches.get(supervision.match_id,
                                                                       supervision.organization_id)
    except NotFound:
        request = uow.requests.find_by_token(hashed)
        if request is None:
            raise
    for match in uow.matches.for_person("request", request.id, ("active", "ended")):
        supervision = uow.evaluations.supervision_of(match.id)
        if supervision is not None:
            return EvaluationSide.PARTICIPANT, supervision, match
    raise NotFound("no placement with evaluations")


def answer(cmd: commands.AnswerEvaluation, uow: UnitOfWork, deps: Dependencies) -> dict[str, Any]:
    """One side answers one moment, once (409 the second time, or before it opens); the supervisor's
    closing words go on the certificate; a late reminder for that moment is done."""
    with uow:
        side, supervision, match = resolve(uow, cmd.token)
        now = deps.clock.now()
        answered = {str(e.moment) for e in uow.evaluations.of_match(match.id) if e.side == side}
        moment = check_open(cmd.moment, supervision.start_on, ended_on(match), now.date(), answered)
        due = due_on(moment, supervision.start_on, ended_on(match))
        evaluation = Evaluation.answer(match.organization_id, match.id, match.request_id, side, moment, due,
                                       cmd.goals_progress, cmd.went_well, cmd.next_step, now)
        uow.evaluations.add(evaluation)
        if side == EvaluationSide.SUPERVISOR:
            if cmd.closing_words:
                supervision.close_with(cmd.closing_words)
            for reminder in uow.reminders.open_for(match.id):
                if reminder.kind == ReminderKind.EVALUATION and reminder.due_on == due:
                    reminder.done(None, now)
        uow.commit()
        return {"answered": True, "moment": str(moment), "side": str(side)}


def raise_late(uow: UnitOfWork, deps: Dependencies, today: date) -> int:
    """A reminder for the coordinator for each evaluation the supervisor has not answered two weeks after
    it was due (inside the reminder run's transaction; the unique key keeps it once)."""
    raised = 0
    for supervision in uow.evaluations.supervisions():
        match = uow.matches.get(supervision.match_id, supervision.organization_id)
        if match.status not in ("active", "ended"):
            continue
        done = {str(e.moment) for e in uow.evaluations.of_match(match.id) if e.side == EvaluationSide.SUPERVISOR}
        for moment in Moment:
            due = late(moment, supervision.start_on, ended_on(match), today)
            if due and str(moment) not in done and not uow.reminders.exists(ReminderKind.EVALUATION, match.id, due):
                uow.reminders.add(Reminder.raise_(match.organization_id, ReminderKind.EVALUATION, "match", match.id,
                                                  due, now=deps.clock.now()))
                raised += 1
    return raised
