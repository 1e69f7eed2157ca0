"""The supervisor's page and the evaluation API behind a private link: the start, the person's goals,
and each evaluation moment with this side's own answers. Nothing else of the person: no contact
details, no postcode, no notes, and not the other side's answers (the coordinator sees both)."""
from __future__ import annotations

from typing import Any

from matching import vocabulary as vocab
from matching.domain.evaluation import (MOMENT_EN, MOMENT_NL, PROGRESS_WORDS, PROGRESS_WORDS_EN, EvaluationSide,
                                        Moment, due_on, is_open, open_moment)
from matching.services.evaluations import ended_on, resolve
from matching.services.messagebus import MessageBus


def evaluations(bus: MessageBus, token: str, lang: str = "nl") -> dict[str, Any]:
    """What one side (supervisor or participant) sees through their link; NotFound for an unknown one."""
    with bus.uow() as uow:
        side, supervision, match = resolve(uow, token)
        request = uow.requests.get(match.request_id, match.organization_id)
        placement = uow.placements.get(match.offer_id, match.organization_id)
        org = uow.organizations.get(match.organization_id)
        today, ended = bus.deps.clock.now().date(), ended_on(match)
        own = {str(e.moment): e for e in uow.evaluations.of_match(match.id) if e.side == side}
        labels = MOMENT_EN if lang == "en" else MOMENT_NL
        words = PROGRESS_WORDS_EN if lang == "en" else PROGRESS_WORDS
        return {
            "side": str(side),
            "person": {"first_name": request.first_name, "goals": request.goals, "work_support": request.work_support},
            "placement": {"title": placement.title, "host": placement.host_name,
                          "hours_per_week": request.hours_per_week or placement.hours_per_week,  # the person's own
                          "work_areas": [vocab.label(vocab.WORK_AREAS, k, lang) for k in placement.work_areas or ()],
                          "supervisor": placement.supervisor_name},
            "start_on": supervision.start_on, "ended_on": ended, "status": str(match.status),
            "open_moment": open_moment(supervision.start_on, ended, today, set(own)),
            "moments": [_moment(m, labels, supervision.start_on, ended, today, own.get(str(m))) for m in Moment],
            "choices": [{"value": v, "label": w} for v, w in enumerate(words, 1)],
            "closing_words": supervision.closing_words if side == EvaluationSide.SUPERVISOR else None,
            "organization": {"name": org.name, "contact": org.contact},
        }


def _moment(moment: Moment, labels: dict, start_on, ended, today, answer) -> dict[str, Any]:
    return {"moment": str(moment), "label": labels[moment], "due_on": due_on(moment, start_on, ended),
            "open": answer is None and is_open(moment, start_on, ended, today), "answered": answer is not None,
            "answers": None if answer is None else {"goals_progress": answer.goals_progress,
                                                    "went_well": answer.went_well, "next_step": answer.next_step,
                                                    "answered_at": answer.answered_at}}
