"""Importing rows: validated like the forms, matched on email or phone so a second run adds nothing twice."""
from __future__ import annotations

from datetime import datetime, time, timezone
from typing import Callable, Iterable

from matching.domain import consent
from matching.domain.errors import Conflict
from matching.domain.consent import Channel
from matching.domain.import_job import ImportKind
from matching.domain.people import Request, Volunteer, VolunteerStatus
from matching.services.importing import matches as match_rows
from matching.services.importing.outcome import RowOutcome, key_of, known_people
from matching.services.importing.rows import RowProblem, person_body, validated
from matching.services.importing.transactions import in_chunks

COMPARED = ("first_name", "last_name", "email", "phone", "postcode", "interests", "availability", "languages",
            "capacity", "kinds", "kind", "gender")


def import_rows(uow_factory: Callable, organization_id: str, kind: str, rows: Iterable[dict], mapping: dict,
                dry_run: bool = False, progress: Callable[[int], None] | None = None) -> list[RowOutcome]:
    """Import people (volunteers or requests) or matches; returns one outcome per row, in file order.
    `rows` is read as it goes, a chunk at a time, so it can come straight from a file or the database."""
    if kind == ImportKind.MATCHES:
        return match_rows.import_matches(uow_factory, organization_id, rows, mapping, dry_run, progress)
    cls = Volunteer if kind == ImportKind.VOLUNTEERS else Request
    seen: dict[str, str] = {}  # key -> id of people created or updated earlier in this file
    with uow_factory() as uow:  # who is already there, by email and phone: one query, not one per row
        known = known_people(_people(uow, cls), organization_id)
    return in_chunks(uow_factory, rows, dry_run, progress,
                     lambda uow, raw: _one(uow, cls, kind, organization_id, raw, mapping, seen, known))


def _people(uow, cls):
    """The repository of requests or of volunteers."""
    return uow.volunteers if cls is Volunteer else uow.requests


def _one(uow, cls, kind: str, org: str, raw: dict, mapping: dict, seen: dict, known: dict) -> RowOutcome:
    row = raw.get("_row", 0)
    try:
        body, notes, extras = person_body(raw, mapping, kind)
        fields = validated(body, kind)
    except RowProblem as problem:
        return RowOutcome(row, "skipped", problem.reason)
    keys = key_of(fields.get("email"), fields.get("phone"))
    person_id = next((seen[k] for k in keys if k in seen), None) or next((known[k] for k in keys if k in known), None)
    existing = _people(uow, cls).get(person_id, org) if person_id else None
    if existing is not None:
        changed = {k: v for k, v in fields.items() if k in COMPARED and getattr(existing, k, None) != v}
        if not changed:
            return RowOutcome(row, "unchanged", "al aanwezig, niets veranderd", notes)
        try:
            existing.change(changed)
        except Conflict as error:
            return RowOutcome(row, "skipped", f"al aanwezig, maar niet te wijzigen: {error}", notes)
        seen.update(dict.fromkeys(keys, existing.id))
        return RowOutcome(row, "updated", "al aanwezig, bijgewerkt: " + ", ".join(changed), notes)
    if kind == ImportKind.VOLUNTEERS:
        if extras.get("status") == VolunteerStatus.STOPPED:
            return RowOutcome(row, "skipped", "vrijwilliger is gestopt", notes)
        person = Volunteer.apply(org, fields, consent.IMPORTED)
        notes += _volunteer_status(person, extras)
        subject = "volunteer"
    else:
        signed_up = extras.get("signed_up")
        when = datetime.combine(signed_up, time(12), tzinfo=timezone.utc) if signed_up else None
        person = Request.submit(org, fields, consent.IMPORTED, now=when)
        subject = "request"
    _people(uow, cls).add(person)
    uow.consents.add(consent.Consent.for_person(subject, person, consent.IMPORTED, Channel.IMPORT))
    seen.update(dict.fromkeys(keys, person.id))
    return RowOutcome(row, "imported", "", notes)


def _volunteer_status(volunteer: Volunteer, extras: dict) -> list[str]:
    """Active (with the VOG date) when the sheet says so; otherwise they start as applied."""
    status, vog = extras.get("status"), extras.get("vog_date")
    if status not in (VolunteerStatus.ACTIVE, VolunteerStatus.PAUSED) and not vog:
        return []
    if not vog:
        return ["actief volgens het bestand, maar zonder VOG-datum: staat op aangemeld"]
    volunteer.activate(vog_checked=True)
    volunteer.vog_checked_at = datetime.combine(vog, time(12), tzinfo=timezone.utc)
    if status == VolunteerStatus.PAUSED:
        volunteer.pause()
    return []
