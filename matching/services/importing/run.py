"""Importing rows: validated like the forms; a row updates someone only when it is surely them (the same
email, or the same first name and phone), so a second run adds nothing twice and two people who share a
phone stay two people. A row that only looks like someone comes in as a new person, flagged as a
possible duplicate for the coordinator. The preview names whom a row will update and what changes."""
from __future__ import annotations

from datetime import datetime, time, timezone
from typing import Callable, Iterable

from matching.domain import consent
from matching.domain.errors import Conflict
from matching.domain.consent import Channel
from matching.domain.import_job import ImportKind
from matching.domain.people import Request, Volunteer, VolunteerStatus
from matching.services.importing import matches as match_rows
from matching.services.identity import Directory, directory, flag_alike
from matching.services.importing.outcome import RowOutcome, described_changes
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
    subject = "volunteer" if cls is Volunteer else "request"
    with uow_factory() as uow:  # who is already there: one query, not one per row; rows of this file join it
        known = directory(uow, subject, organization_id)
    return in_chunks(uow_factory, rows, dry_run, progress,
                     lambda uow, raw: _one(uow, cls, kind, organization_id, raw, mapping, known, dry_run))


def _people(uow, cls):
    """The repository of requests or of volunteers."""
    return uow.volunteers if cls is Volunteer else uow.requests


def _one(uow, cls, kind: str, org: str, raw: dict, mapping: dict, known: Directory, dry_run: bool) -> RowOutcome:
    row = raw.get("_row", 0)
    try:
        body, notes, extras = person_body(raw, mapping, kind)
        fields = validated(body, kind)
    except RowProblem as problem:
        return RowOutcome(row, "skipped", problem.reason)
    person_id = known.same(fields)
    existing = _people(uow, cls).get(person_id, org) if person_id else None
    if existing is not None:
        return _update(existing, fields, row, notes, known, dry_run)
    person = _new(uow, cls, kind, org, fields, extras, notes)
    if person is None:
        return RowOutcome(row, "skipped", "vrijwilliger is gestopt", notes)
    flags = flag_alike(uow, "volunteer" if cls is Volunteer else "request", person, known)
    known.add({"id": person.id, **{k: fields.get(k) for k in ("first_name", "last_name", "email", "phone", "postcode")}})
    if flags:
        names = ", ".join(known.name_of(flag.person_id) if dry_run else "iemand die er al is" for flag in flags)
        return RowOutcome(row, "imported", f"nieuw; mogelijk dubbel met {names}: kijk bij Mogelijk dubbel", notes)
    return RowOutcome(row, "imported", "", notes)


def _update(existing, fields: dict, row: int, notes: list[str], known: Directory, dry_run: bool) -> RowOutcome:
    """The row is surely this person: take what changed, and say what (a name or email change shows old and
    new). The preview names the person; the stored report does not (it outlives an erasure)."""
    changed = {k: v for k, v in fields.items() if k in COMPARED and getattr(existing, k, None) != v}
    who = known.name_of(existing.id) if dry_run else ""
    if not changed:
        return RowOutcome(row, "unchanged", "al aanwezig, niets veranderd" + (f": {who}" if who else ""), notes)
    what = described_changes(existing, changed, with_values=dry_run)
    try:
        existing.change(changed)
    except Conflict as error:
        return RowOutcome(row, "skipped", f"al aanwezig, maar niet te wijzigen: {error}", notes)
    known.add({"id": existing.id, **{k: getattr(existing, k, None)
                                     for k in ("first_name", "last_name", "email", "phone", "postcode")}})
    if dry_run:
        return RowOutcome(row, "updated", f"wordt bijgewerkt: {who} ({what})", notes)
    return RowOutcome(row, "updated", f"al aanwezig, bijgewerkt: {what}", notes)


def _new(uow, cls, kind: str, org: str, fields: dict, extras: dict, notes: list[str]):
    """A new person from the row (None for a volunteer who stopped), with the organisation's consent."""
    if kind == ImportKind.VOLUNTEERS:
        if extras.get("status") == VolunteerStatus.STOPPED:
            return None
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
    return person


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
