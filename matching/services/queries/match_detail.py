"""One match for the coordinator (API: GET /matches/{id}; the workspace's match page): its health with
the reasons, every round of both sides, and the newest notes about them. Both people are logged as viewed."""
from __future__ import annotations

from typing import Any

from matching.domain.match_health import Health
from matching.services import match_health
from matching.services.messagebus import MessageBus
from matching.services.pulses import as_dict
from matching.services.queries.person_records import viewed

FIELDS = ("id", "request_id", "offer_type", "offer_id", "status", "score", "proposed_at", "confirmed_at", "ended_at",
          "end_reason", "decline_reason", "ends_on", "request_answer", "offer_answer", "initiated_by", "end_note",
          "goodbye_meeting", "health_at")
NOTES_SHOWN = 10


def detail(bus: MessageBus, org: str, match_id: str, user_id: str | None) -> dict[str, Any]:
    now = bus.deps.clock.now()
    with bus.uow() as uow:
        match = uow.matches.get(match_id, org)
        health, reasons, summary = match.health, list(match.health_reasons or []), None
        notes = match_health.notes_about(uow, match) if match.confirmed_at else []
        if match.status == "active":
            verdict = match_health.judge(uow, match, now)
            if health is None:  # not judged yet
                health, reasons = str(verdict.health), list(verdict.reasons)
            summary = verdict.summary if str(verdict.health) == health else None
        rounds = [dict(as_dict(pulse), side=str(pulse.side)) for pulse in uow.pulses.of_match(match.id)]
        person = uow.requests.get(match.request_id, org)
        out = {**{name: getattr(match, name) for name in FIELDS}, "health": health, "health_reasons": reasons,
               "health_summary": summary or _summary(health, reasons), "pulses": rounds,
               "request": {"id": person.id, "first_name": person.first_name},
               "notes": [{"side": side, "kind": str(note.kind), "text": note.text, "created_at": note.created_at}
                         for side, note in notes[-NOTES_SHOWN:][::-1]],
               "evaluations": [{"side": str(e.side), "moment": str(e.moment), "due_on": e.due_on,
                                "answered_at": e.answered_at, "goals_progress": e.goals_progress,
                                "went_well": e.went_well, "next_step": e.next_step}
                               for e in uow.evaluations.of_match(match.id)]}
        viewed(uow, now, org, user_id, "match.view", list(match_health.people_of(match).values()))
    return out


def _summary(health: str | None, reasons: list[str]) -> str | None:
    if health == Health.NEEDS_CHECK_IN and reasons:
        return "Neem contact op: " + reasons[0]
    return {Health.ON_TRACK: "Geen zorgen gemeld.", Health.TOO_EARLY: "Nog te vroeg om iets te zeggen."}.get(health)
