"""Importing running matches: both people must already be in Koppel (import them first)."""
from __future__ import annotations

from datetime import datetime, time, timezone
from typing import Callable

from matching.domain.errors import Conflict
from matching.domain.match import Match
from matching.domain.people import Request, Volunteer
from matching.services.importing import values
from matching.services.importing.outcome import RowOutcome, key_of, known_people
from matching.services.importing.rows import _cell, _text


def _contact_keys(text: str | None) -> set[str]:
    if not text:
        return set()
    return key_of(text, None) if "@" in text else key_of(None, text)


def import_matches(uow_factory: Callable, org: str, rows: list[dict], mapping: dict, dry_run: bool,
                   progress: Callable[[int], None] | None) -> list:
    outcomes = []
    with uow_factory() as uow:
        known = {Request: known_people(uow.repo, Request, org), Volunteer: known_people(uow.repo, Volunteer, org)}

        def find(cls, raw: dict, field: str):
            keys = _contact_keys(_text(_cell(raw, mapping, field)))
            person_id = next((known[cls][k] for k in keys if k in known[cls]), None)
            return uow.repo.get(cls, person_id, org) if person_id else None

        for raw in rows:
            row = raw.get("_row", 0)
            request, volunteer = find(Request, raw, "request_contact"), find(Volunteer, raw, "volunteer_contact")
            if request is None or volunteer is None:
                missing = "deelnemer" if request is None else "vrijwilliger"
                outcomes.append(RowOutcome(row, "skipped", f"{missing} niet gevonden: importeer die eerst"))
                continue
            try:
                started = values.day(_cell(raw, mapping, "started_on"))
            except ValueError:
                outcomes.append(RowOutcome(row, "skipped", "startdatum niet te lezen"))
                continue
            if uow.repo.match_of_person("request", request.id) is not None:
                outcomes.append(RowOutcome(row, "unchanged", "koppeling bestaat al"))
                continue
            try:
                when = datetime.combine(started, time(12), tzinfo=timezone.utc) if started else None
                match = Match.propose(request, "volunteer", volunteer, uow.repo.active_load("volunteer", volunteer.id),
                                      None, now=when)
                match.confirm(request, volunteer, uow.repo.active_load("volunteer", volunteer.id), now=when)
            except Conflict as error:
                outcomes.append(RowOutcome(row, "skipped", f"kan niet: {error}"))
                continue
            uow.repo.add(match)
            outcomes.append(RowOutcome(row, "imported"))
        if not dry_run:
            uow.commit()
    if progress:
        progress(len(rows))
    return outcomes
