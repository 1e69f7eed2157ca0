"""What the request and volunteer repositories share: private links and contact keys."""
from __future__ import annotations

import functools
from typing import TypeVar

from sqlalchemy import and_, bindparam, false, func, or_, select

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
        if near is None:
            return [dict(row._mapping) for row in self.session.execute(
                select(*_identity_columns(cls)).where(cls.organization_id == organization_id, cls.postcode != ""))]
        values = _near_values(near)
        query = _near_query(cls, tuple(sorted(values)))
        return [dict(row._mapping) for row in self.session.execute(query, {"organization_id": organization_id, **values})]


def _identity_columns(cls) -> list:
    last = [cls.last_name] if hasattr(cls, "last_name") else []
    return [cls.id, cls.first_name, cls.email, cls.phone, cls.postcode, *last]


def _near_values(near: dict) -> dict[str, str]:
    """The values a sign-up is looked up by: email, the phone's last nine digits, first name and postcode."""
    values = {}
    if near.get("email"):
        values["email"] = near["email"].strip().lower()
    digits = phone_key(near.get("phone"))[-9:]
    if len(digits) == 9:
        values["phone_tail"] = "%" + digits
    if near.get("first_name") and near.get("postcode"):
        values["first_name"], values["postcode"] = near["first_name"].strip().lower(), near["postcode"]
    return values


@functools.cache
def _near_query(cls, given: tuple[str, ...]):
    """One statement per side and set of given values, built once: a sign-up's lookup is on the hot path
    of every public submission (issue 19), and SQLAlchemy reuses a built statement's cache key."""
    out = []
    if "email" in given:
        out.append(func.lower(cls.email) == bindparam("email"))
    if "phone_tail" in given:
        plain = cls.phone
        for mark in (" ", "-", "(", ")", "+"):
            plain = func.replace(plain, mark, "")
        out.append(plain.like(bindparam("phone_tail")))
    if "first_name" in given:
        out.append(and_(func.lower(cls.first_name) == bindparam("first_name"), cls.postcode == bindparam("postcode")))
    return select(*_identity_columns(cls)).where(cls.organization_id == bindparam("organization_id"),
                                                 cls.postcode != "", or_(false(), *out))
