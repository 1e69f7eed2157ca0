"""A person's page (request or volunteer): the record, matches, suggestions, consent, notes, who looks
after them, possible duplicates and the timeline, newest first. One view, one line in the access log."""
from __future__ import annotations

from datetime import datetime
from typing import Any

from matching.domain.errors import NotFound
from matching.services.calls import person
from matching.services.messagebus import MessageBus
from matching.services.queries.person_records import request_record, volunteer_record

TIMELINE = 200  # entries on the page; the API pages further


def page(bus: MessageBus, org: str, person_type: str, person_id: str, user_id: str | None) -> dict[str, Any]:
    """Everything the person page shows; NotFound for another organisation's person (or an erased one)."""
    with bus.uow() as uow:
        someone = person(uow, org, person_type, person_id)
        if someone.erased_at is not None:
            raise NotFound("person not found")
        now = bus.deps.clock.now()
        record = request_record(someone, now) if person_type == "request" else volunteer_record(someone)
        reads = uow.read_model
        out = {"type": person_type, "record": record, "assigned_to": someone.assigned_to,
               "matches": reads.matches_named(person_type, someone.id),
               "consents": [c.as_dict() for c in uow.consents.of(person_type, someone.id)],
               "coordinators": reads.coordinators(org),
               "duplicates": [_flag(flag) for flag in uow.duplicates.naming(person_type, someone.id)
                              if flag.resolved_at is None],
               "timeline": _timeline(reads, person_type, someone, TIMELINE)}
        uow.audit.record(org, user_id, f"{person_type}.view", person_type, someone.id, now)
        uow.commit()
        return out


def timeline(bus: MessageBus, org: str, person_type: str, person_id: str, user_id: str | None,
             page: int = 1, per_page: int = 50) -> dict[str, Any]:
    """The timeline alone (API), a page at a time, newest first."""
    with bus.uow() as uow:
        someone = person(uow, org, person_type, person_id)
        if someone.erased_at is not None:
            raise NotFound("person not found")
        entries = _timeline(uow.read_model, person_type, someone, page * per_page + 1)
        uow.audit.record(org, user_id, f"{person_type}.view", person_type, someone.id, bus.deps.clock.now())
        uow.commit()
    start = (page - 1) * per_page
    return {"items": entries[start:start + per_page], "total": len(entries) if len(entries) <= page * per_page
            else None, "page": page}


def _timeline(reads, person_type: str, someone, limit: int) -> list[dict]:
    """The read model's entries plus the sign-up itself, newest first."""
    entries = reads.timeline(person_type, someone.id, limit)
    signed_up = {"at": someone.created_at, "what": "submitted" if person_type == "request" else "applied",
                 "ref": someone.id, "kind": None, "text": None, "by": None}
    if len(entries) < limit or entries[-1]["at"] <= someone.created_at:
        entries.append(signed_up)
    return sorted(entries, key=lambda e: e["at"] or datetime.min, reverse=True)[:limit]


def _flag(flag) -> dict[str, Any]:
    return {"id": flag.id, "person_id": flag.person_id, "other_id": flag.other_id, "likeness": str(flag.likeness),
            "created_at": flag.created_at}


def duplicates(bus: MessageBus, org: str, user_id: str | None) -> list[dict]:
    """The open possible duplicates with both names; everyone shown is logged."""
    with bus.uow() as uow:
        found = uow.read_model.open_duplicates(org)
        subjects = [(f["person_type"], f[key]) for f in found for key in ("person_id", "other_id")]
        uow.audit.record_views(org, user_id, "duplicate.list", subjects, bus.deps.clock.now())
        uow.commit()
        return found
