"""What the request and volunteer repositories share: private links and contact keys."""
from __future__ import annotations

from typing import TypeVar

from sqlalchemy import and_, false, func, or_, select

from matching.adapters.repositories.base import SqlRepository
from matching.domain.duplicate import phone_key
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

    def identities(self, organization_id: str, near: dict | None = None) -> list[dict]:
        """Names, contact details and postcode of everyone of the organisation not erased: who is already
        there, for an import (everyone, one query) or a sign-up (`near`: only those with the same email,
        the same phone digits, or the same first name in the same postcode area)."""
        cls = self.cls
        last = cls.last_name if hasattr(cls, "last_name") else None
        columns = [cls.id, cls.first_name, cls.email, cls.phone, cls.postcode] + ([last] if last is not None else [])
        query = select(*columns).where(cls.organization_id == organization_id, cls.postcode != "")
        if near is not None:
            query = query.where(or_(false(), *_near(cls, near)))
        return [dict(row._mapping) for row in self.session.execute(query)]


def _near(cls, near: dict) -> list:
    """Conditions that find anyone a sign-up may be: refined in Python (matching.services.identity)."""
    out = []
    if near.get("email"):
        out.append(func.lower(cls.email) == near["email"].strip().lower())
    digits = phone_key(near.get("phone"))[-9:]
    if len(digits) == 9:
        plain = cls.phone
        for mark in (" ", "-", "(", ")", "+"):
            plain = func.replace(plain, mark, "")
        out.append(plain.like("%" + digits))
    if near.get("first_name") and near.get("postcode"):
        out.append(and_(func.lower(cls.first_name) == near["first_name"].strip().lower(), cls.postcode == near["postcode"]))
    return out
