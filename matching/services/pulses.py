"""The pulse as use cases: raise each due round once per side, answer it once through its link, and ask
both sides how it went when a match ends.

Exactly once, also with two workers ticking at the same moment: each match is handled in its own
transaction that first locks the match's row (PostgreSQL: FOR UPDATE; SQLite: every transaction
takes the write lock), then checks whether the round was raised; the unique key on (match, side,
round) stops anything that slipped through, and the message goes in the same commit as its pulse.
"""
from __future__ import annotations

from datetime import datetime
from typing import Any

from matching.domain import commands
from matching.domain.base import dutch_day, token_hash
from matching.domain.match import Match
from matching.domain.organization import Organization
from matching.domain.people import Request
from matching.domain.pulse import EXIT_ROUND, Pulse, due_round, opens_on
from matching.services import endings, match_health, pulse_messages
from matching.services.ports import Dependencies, UnitOfWork
from matching.services.queued_links import seal_into
from matching.services.ticks import moment


def raise_due(cmd: commands.RaiseDuePulses, uow: UnitOfWork, deps: Dependencies) -> int:
    """Every active match whose round is due: its questions to each side that has not had them."""
    now = moment(cmd.now, deps)
    with uow:
        running = [m for m in uow.matches.active() if m.confirmed_at and _round_due(m, now)]
        raised = uow.pulses.rounds_raised([m.id for m in running])  # one read: most ticks find nothing new
        due = [(m.id, m.organization_id) for m in running if _missing(m, now, raised.get(m.id, set()))]
    return sum(_raise_for(uow, deps, match_id, org_id, now) for match_id, org_id in due)


def _round_due(match: Match, now: datetime) -> int | None:
    """The round open for `match` at `now`, counted in Dutch days (23:30 UTC is tomorrow in Amsterdam)."""
    return due_round(dutch_day(match.confirmed_at), dutch_day(now))


def _missing(match: Match, now: datetime, raised: set[tuple[str, int]]) -> bool:
    """Whether a side of the match has not had the round that is due now."""
    round_ = _round_due(match, now)
    sides = ("request", "offer") if match.offer_type == "volunteer" else ("request",)
    return any((side, round_) not in raised for side in sides)


def sides(match: Match, request: Request, offer) -> list[tuple[str, str, Any, str]]:
    """(side, person_type, person, the other's name) for each side with a person to ask."""
    out = [("request", "request", request, offer.title if match.offer_type == "placement" else offer.first_name)]
    if match.offer_type == "volunteer":
        out.append(("offer", "volunteer", offer, request.first_name))
    return out


def _raise_for(uow: UnitOfWork, deps: Dependencies, match_id: str, org_id: str, now: datetime) -> int:
    with uow:
        match = uow.matches.get(match_id, org_id, lock=True)  # a second worker waits here, then finds the pulses
        round_ = _round_due(match, now) if match.status == "active" else None
        if not round_:
            return 0
        request = uow.requests.get(match.request_id, org_id)
        offer = uow.offers.get(match.offer_type, match.offer_id, org_id)
        org = uow.organizations.get(org_id)
        raised = 0
        for side, person_type, person, partner in sides(match, request, offer):
            if person.erased_at is not None or uow.pulses.exists(match.id, side, round_):
                continue
            pulse = Pulse.raise_(org_id, match.id, side, person_type, person.id, round_, request.kind,
                                 opens_on(dutch_day(match.confirmed_at), round_), now)
            uow.pulses.add(pulse)
            uow.messages.add(pulse_messages.ask(org, pulse, person, partner, deps))
            raised += 1
        uow.commit()
        return raised


def answer(cmd: commands.AnswerPulse, uow: UnitOfWork, deps: Dependencies) -> dict[str, Any]:
    """A side answers its questions, once (409 the second time); the match's health follows at once."""
    with uow:
        pulse = uow.pulses.by_token(token_hash(cmd.token), lock=True)
        match = uow.matches.get(pulse.match_id, pulse.organization_id, lock=True)
        now = deps.clock.now()
        pulse.answer(cmd.answers, cmd.comment, match.status == "active", now)
        if match.status == "active":
            match_health.reassess(uow, match, now)
        uow.commit()
        return {"answered": True, "answered_at": pulse.answered_at}


def ending_messages(uow: UnitOfWork, deps: Dependencies, match: Match, request: Request, offer,
                    org: Organization) -> list:
    """The message to each side when a match ends (matching/services/endings.py), with the questions
    about how it went: one round (EXIT_ROUND) per side with a person, raised once."""
    exits, asking, made = {}, {}, []
    for side, person_type, person, _partner in sides(match, request, offer):
        if person.erased_at is None and not uow.pulses.exists(match.id, side, EXIT_ROUND):
            exits[side] = Pulse.raise_(org.id, match.id, side, person_type, person.id, EXIT_ROUND, request.kind,
                                       match.ended_at.date(), match.ended_at)
            uow.pulses.add(exits[side])
            asking[side] = pulse_messages.exit_paragraph(exits[side], person, deps)
    for message in endings.for_ended_match(match, request, offer, org, deps.retention_months, deps.clock.now(),
                                           asking):
        side = "request" if message.recipient_type == "request" else "offer"
        made.append(seal_into(message, exits[side].token, deps) if side in exits else message)
    return made


def as_dict(pulse: Pulse, lang: str = "nl") -> dict[str, Any]:
    """One round with its questions, in the person's language, and their answers when given."""
    return {
        "round": pulse.round, "kind": "exit" if pulse.round == EXIT_ROUND else "check_in", "due_on": pulse.due_on,
        "asked_at": pulse.created_at, "answered": pulse.answered_at is not None, "answered_at": pulse.answered_at,
        "questions": [{"key": q.key, "text": q.text(lang, pulse.track),
                       "choices": [{"value": v, "label": w} for v, w in enumerate(q.words(lang), 1)]}
                      for q in pulse.questions],
        "answers": dict(pulse.answers or {}), "comment": pulse.comment,
    }


def of_person(uow: UnitOfWork, person_type: str, person_id: str) -> list[dict[str, Any]]:
    """A person's own rounds and answers (their export): no token, nothing of the other side."""
    return [as_dict(pulse) for pulse in uow.pulses.of_person(person_type, person_id)]
