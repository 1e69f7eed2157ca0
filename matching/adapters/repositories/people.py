"""What the request and volunteer repositories share: private links and contact keys."""
from __future__ import annotations

from typing import TypeVar

from sqlalchemy import select

from matching.adapters.repositories.base import SqlRepository
from matching.domain.errors import NotFound

P = TypeVar("P")


class PersonRepository(SqlRepository[P]):
    def by_token(self, token_hash: str, lock: bool = False) -> P:
        """The person behind a private link; NotFound when there is none."""
        query = select(self.cls).where(self.cls.manage_token_hash == token_hash)
        found = self.session.scalars(query.with_for_update() if lock else query).first()
        if found is None:
            raise NotFound("not found")
        return found

    def find_by_token(self, token_hash: str) -> P | None:
        return self.session.scalars(select(self.cls).where(self.cls.manage_token_hash == token_hash)).first()

    def contact_keys(self, organization_id: str) -> list[tuple[str, str | None, str | None]]:
        """(id, email, phone) of everyone of the organisation not erased: one query for a whole import."""
        cls = self.cls
        return list(self.session.execute(select(cls.id, cls.email, cls.phone).where(
            cls.organization_id == organization_id, cls.postcode != "")).all())
