"""Possible duplicates: pairs of records a coordinator merges or keeps apart."""
from __future__ import annotations

from sqlalchemy import or_, select

from matching.adapters.repositories.base import SqlRepository
from matching.domain.duplicate import PossibleDuplicate


class DuplicateRepository(SqlRepository[PossibleDuplicate]):
    cls = PossibleDuplicate

    def naming(self, person_type: str, person_id: str) -> list[PossibleDuplicate]:
        """Every flag that names this record (erasure removes them; the page shows the open ones)."""
        d = PossibleDuplicate
        return list(self.session.scalars(select(d).where(d.person_type == person_type, or_(
            d.person_id == person_id, d.other_id == person_id)).order_by(d.created_at, d.id)))

    def forget(self, duplicate: PossibleDuplicate) -> None:
        self.session.delete(duplicate)
