"""The coordinator's "te bellen" list and notes: what someone without email must still be told, and
the `call` note that says they were told. A task is a message Koppel could not send itself
(matching/domain/call_task.py); writing a call note on that person clears every task raised before it."""
from __future__ import annotations

from typing import Any

from matching.domain import call_task, commands
from matching.domain.errors import Conflict, NotFound
from matching.domain.message import LINK_MASK
from matching.domain.note import Note, NoteKind
from matching.domain.people import Request, Volunteer
from matching.services import reminders
from matching.services.ports import Dependencies, UnitOfWork

PEOPLE = ("request", "volunteer")


def person(uow: UnitOfWork, organization_id: str, person_type: str, person_id: str,
           lock: bool = False) -> Request | Volunteer:
    """A request or volunteer of the organisation; NotFound for an unknown type, id or organisation."""
    if person_type not in PEOPLE:
        raise NotFound("person not found")
    people = uow.requests if person_type == "request" else uow.volunteers
    return people.get(person_id, organization_id, lock=lock)


def write_note(cmd: commands.WriteNote, uow: UnitOfWork, deps: Dependencies) -> dict[str, Any]:
    """A coordinator notes a call, an intake or anything else about a person (audited by ids only)."""
    with uow:
        someone = person(uow, cmd.organization_id, cmd.person_type, cmd.person_id)
        if someone.erased_at is not None:
            raise Conflict("this person's data was erased")
        note = Note.write(cmd.organization_id, cmd.person_type, someone.id, cmd.kind, cmd.text, cmd.by_user,
                          now=deps.clock.now())
        uow.notes.add(note)
        if cmd.person_type == "request" and note.kind == NoteKind.CALL:  # "bel even" is handled
            reminders.clear_contact_reminders(uow, deps, someone.id, note.created_at.date())
        uow.audit.record(cmd.organization_id, cmd.by_user, f"{cmd.person_type}.note", cmd.person_type, someone.id,
                         note.created_at)
        uow.commit()
        return {"id": note.id, "kind": str(note.kind), "text": note.text, "created_at": note.created_at,
                "person": {"type": cmd.person_type, "id": someone.id}}


def open_calls(bus, org: str, user_id: str | None, page: int = 1, per_page: int = 50) -> dict[str, Any]:
    """One page of open call tasks, newest first. Names and phone numbers: every person shown is logged."""
    with bus.uow() as uow:
        rows, total = uow.read_model.open_calls(org, page, per_page)
        uow.audit.record_views(org, user_id, "call.list", [(row["person_type"], row["person_id"]) for row in rows],
                               bus.deps.clock.now())
        uow.commit()
    return {"items": [_task(row) for row in rows], "total": total, "page": page}


def _task(row: dict) -> dict[str, Any]:
    return {"id": row["id"], "raised_at": row["raised_at"], "subject": row["subject"],
            "text": call_task.to_say(row["body"]), "match_id": row["match_id"], "has_link": LINK_MASK in row["body"],
            "person": {"type": row["person_type"], "id": row["person_id"], "first_name": row["first_name"],
                       "phone": row["phone"], "kind": row["kind"]}}


def by_person(tasks: list[dict]) -> list[dict[str, Any]]:
    """The tasks grouped per person to call, in the order their newest task came (one call tells all)."""
    people: dict[tuple[str, str], dict[str, Any]] = {}
    for task in tasks:
        key = (task["person"]["type"], task["person"]["id"])
        people.setdefault(key, {"person": task["person"], "tasks": []})["tasks"].append(task)
    return list(people.values())

