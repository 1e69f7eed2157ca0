"""A coordinator's notes about people."""
from __future__ import annotations

from sqlalchemy import delete
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
