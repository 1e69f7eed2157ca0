"""Importing running matches: both people must already be in Koppel (import them first)."""
from __future__ import annotations

from datetime import datetime, time, timezone
from typing import Callable, Iterable

from matching.domain.errors import Conflict
from matching.domain.match import Match, OfferType
from matching.domain.people import Request, Volunteer
from matching.services.importing import values
from matching.services.identity import directory
from matching.services.importing.outcome import RowOutcome
from matching.services.importing.rows import _cell, _text
from matching.services.importing.transactions import in_chunks


def import_matches(uow_factory: Callable, org: str, rows: Iterable[dict], mapping: dict, dry_run: bool,
                   progress: Callable[[int], None] | None) -> list[RowOutcome]:
    with uow_factory() as uow:
        known = {Request: directory(uow, "request", org), Volunteer: directory(uow, "volunteer", org)}
    return in_chunks(uow_factory, rows, dry_run, progress, lambda uow, raw: _one(uow, org, raw, mapping, known))


def _people(uow, cls):
    """The repository of requests or of volunteers."""
    return uow.requests if cls is Request else uow.volunteers


def _find(uow, known: dict, org: str, cls, raw: dict, mapping: dict, field: str):
    """By email, or by a phone number only one person has (a shared phone does not say who is meant)."""
    person_id = known[cls].by_contact(_text(_cell(raw, mapping, field)))
    return _people(uow, cls).get(person_id, org) if person_id else None


def _one(uow, org: str, raw: dict, mapping: dict, known: dict) -> RowOutcome:
    row = raw.get("_row", 0)
    request = _find(uow, known, org, Request, raw, mapping, "request_contact")
    volunteer = _find(uow, known, org, Volunteer, raw, mapping, "volunteer_contact")
    if request is None or volunteer is None:
        missing = "deelnemer" if request is None else "vrijwilliger"
        return RowOutcome(row, "skipped", f"{missing} niet gevonden: importeer die eerst")
    try:
        started = values.day(_cell(raw, mapping, "started_on"))
    except ValueError:
        return RowOutcome(row, "skipped", "startdatum niet te lezen")
    if uow.matches.running_for("request", request.id) is not None:
        return RowOutcome(row, "unchanged", "koppeling bestaat al")
    try:
        when = datetime.combine(started, time(12), tzinfo=timezone.utc) if started else None
        match = Match.propose(request, OfferType.VOLUNTEER, volunteer,
                              uow.matches.active_load(OfferType.VOLUNTEER, volunteer.id), None, now=when)
        match.confirm(request, volunteer, uow.matches.active_load(OfferType.VOLUNTEER, volunteer.id), now=when)
    except Conflict as error:
        return RowOutcome(row, "skipped", f"kan niet: {error}")
    uow.matches.add(match)
    return RowOutcome(row, "imported")
