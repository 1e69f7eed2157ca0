"""A running match's health as use cases: gather what it is judged on, judge it (the pure rules are in
matching/domain/match_health.py) and keep it on the match.

The health is kept on the match so the list can filter on it and the dashboard count it; it is
judged again when a side answers, when a note about either side is written (the workers), and by
every tick. A change is a `match.health_changed` event, written once under the match's row lock.
"""
from __future__ import annotations

from datetime import datetime

from matching.domain import commands
from matching.domain.match import Match
from matching.domain.match_health import Assessment, Facts, PulseFact, assess
from matching.domain.pulse import EXIT_ROUND
from matching.services.ports import Dependencies, UnitOfWork
from matching.services.ticks import moment


def people_of(match: Match) -> dict[str, tuple[str, str]]:
    """{side: (person_type, person_id)} of the sides with a person (a placement has none to ask)."""
    people = {"request": ("request", match.request_id)}
    if match.offer_type == "volunteer":
        people["offer"] = ("volunteer", match.offer_id)
    return people


def notes_about(uow: UnitOfWork, match: Match) -> list[tuple[str, object]]:
    """(side, note) of the notes about either side since the match started, oldest first."""
    found = [(side, note) for side, (person_type, person_id) in people_of(match).items()
             for note in uow.notes.written_about(person_type, person_id, match.confirmed_at)]
    return sorted(found, key=lambda pair: pair[1].created_at)


def facts_of(uow: UnitOfWork, match: Match) -> Facts:
    """Everything the rules look at: check-ins, notes about either side since the start, open reminders."""
    pulses = tuple(PulseFact(p.side, p.round, p.created_at, p.answered_at, p.answers)
                   for p in uow.pulses.of_match(match.id) if p.round != EXIT_ROUND)
    people = people_of(match)
    notes = notes_about(uow, match)
    return Facts(match.confirmed_at, tuple(people), "werkervaringsplaats" if match.offer_type == "placement" else "maatje",
                 pulses, {side: tuple(n.created_at for s, n in notes if s == side) for side in people},
                 tuple((r.kind, r.due_on) for r in uow.reminders.open_for(match.id)), match.ends_on)


def judge(uow: UnitOfWork, match: Match, now: datetime) -> Assessment:
    return assess(facts_of(uow, match), now)


def reassess(uow: UnitOfWork, match: Match, now: datetime) -> bool:
    """Judge one active match (its row locked by the caller) and keep the outcome; True when it changed."""
    verdict = judge(uow, match, now)
    return match.set_health(str(verdict.health), list(verdict.reasons), now)


def reassess_all(cmd: commands.ReassessHealth, uow: UnitOfWork, deps: Dependencies) -> int:
    """Every active match (or the ones named): judged in one reading transaction, and only those whose
    health or reasons moved are locked, judged again and kept, each in its own short transaction (most
    hours nothing moves). Returns how many changed health."""
    now = moment(cmd.now, deps)
    with uow:
        moved = []
        for match in uow.matches.active():
            if cmd.match_ids is None or match.id in cmd.match_ids:
                verdict = judge(uow, match, now)
                if (str(verdict.health), list(verdict.reasons)) != (match.health, list(match.health_reasons or [])):
                    moved.append((match.id, match.organization_id))
    changed = 0
    for match_id, org_id in moved:
        with uow:
            match = uow.matches.get(match_id, org_id, lock=True)
            if match.status == "active" and reassess(uow, match, now):
                changed += 1
            uow.commit()
    return changed


def after_note(uow: UnitOfWork, deps: Dependencies, person_type: str, person_id: str) -> None:
    """A note about someone (a call, say): their running matches are judged again, in the caller's transaction."""
    for running in uow.matches.for_person(person_type, person_id, ("active",)):
        match = uow.matches.get(running.id, running.organization_id, lock=True)
        if match.status == "active":
            reassess(uow, match, deps.clock.now())
