"""A coordinator's note about a person: what was said at the intake or kennismaking, and that someone
was called. Notes are personal data: they go into the person's own export and are deleted with them."""
from __future__ import annotations

from datetime import datetime
from enum import StrEnum

from matching.domain import events as ev
from matching.domain.base import Aggregate, new_id, utcnow
from matching.domain.errors import Invalid

PERSON_TYPES = ("request", "volunteer")
MAX_TEXT = 2000


class NoteKind(StrEnum):
    NOTE = "note"
    CALL = "call"  # the person was called: clears what the call list asked to tell them
    INTAKE = "intake"
    KENNISMAKING = "kennismaking"


class Note(Aggregate):
    id: str
    organization_id: str
    person_type: str  # "request" or "volunteer"
    person_id: str
    kind: NoteKind
    text: str
    author_id: str | None
    created_at: datetime

    @classmethod
    def write(cls, organization_id: str, person_type: str, person_id: str, kind: str, text: str,
              author_id: str | None, now: datetime | None = None) -> "Note":
        """A new note; a `call` note may be empty (pressing "Gebeld" says enough), the others may not."""
        if kind not in NoteKind.__members__.values():
            raise Invalid("kind", f"one of {', '.join(NoteKind)}")
        if person_type not in PERSON_TYPES:
            raise Invalid("person_type", f"one of {', '.join(PERSON_TYPES)}")
        text = (text or "").strip()
        if len(text) > MAX_TEXT:
            raise Invalid("text", f"at most {MAX_TEXT} characters")
        if not text and kind != NoteKind.CALL:
            raise Invalid("text", "write something")
        note = cls()
        note.id, note.organization_id = new_id(), organization_id
        note.person_type, note.person_id = person_type, person_id
        note.kind, note.text, note.author_id = NoteKind(kind), text, author_id
        note.created_at = now or utcnow()
        note.record(ev.NoteWritten(organization_id, note.id, person_type, person_id, str(note.kind)))
        return note

    def contact(self) -> tuple[str, datetime] | None:
        """(request id, when) if this note is contact with a waiting person: a call."""
        return (self.person_id, self.created_at) if self.person_type == "request" and self.kind == NoteKind.CALL else None
