"""A coordinator's notes about people."""
from __future__ import annotations

from datetime import datetime

from sqlalchemy import delete, select, update
from sqlalchemy.orm import Session

from matching.adapters import orm
from matching.domain.note import Note


class NoteRepository:
    def __init__(self, session: Session):
        self.session = session

    def add(self, note: Note) -> None:
        self.session.add(note)

    def forget_about(self, person_type: str, person_id: str) -> None:
        """Notes are personal data: gone with the person."""
        n = orm.notes.c
        self.session.execute(delete(orm.notes).where(n.person_type == person_type, n.person_id == person_id))

    def written_about(self, person_type: str, person_id: str, since: datetime) -> list[Note]:
        """The notes about one person since `since`, oldest first (a match's health counts them as contact)."""
        return list(self.session.scalars(select(Note).where(
            Note.person_type == person_type, Note.person_id == person_id, Note.created_at >= since)
            .order_by(Note.created_at, Note.id)))

    def move(self, person_type: str, from_id: str, to_id: str) -> None:
        """Two records were one person (a merged duplicate): the notes go with them."""
        n = orm.notes.c
        self.session.execute(update(orm.notes).where(n.person_type == person_type, n.person_id == from_id)
                             .values(person_id=to_id))
