"""What the request and volunteer repositories share: private links and contact keys."""
from __future__ import annotations

import functools
from typing import TypeVar

from sqlalchemy import and_, bindparam, false, or_, select

from matching.adapters.repositories.base import SqlRepository
from matching.domain.duplicate import lookup_keys
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
    """The keys a sign-up is looked up by (its folded email, its folded first name with its postcode,
    its phone's last nine digits): each an indexed equality."""
    email, name, tail = lookup_keys(near.get("first_name"), near.get("email"), near.get("phone"))
    values = {"email_key": email, "phone_tail": tail}
    if name and near.get("postcode"):
        values["name_key"], values["postcode"] = name, near["postcode"]
    return {key: value for key, value in values.items() if value}


@functools.cache
def _near_query(cls, given: tuple[str, ...]):
    """One statement per side and set of given keys, built once: a sign-up's lookup is on the hot path
    of every public submission (issue 19), and SQLAlchemy reuses a built statement's cache key."""
    out = []
    if "email_key" in given:
        out.append(cls.email_key == bindparam("email_key"))
    if "phone_tail" in given:
        out.append(cls.phone_tail == bindparam("phone_tail"))
    if "name_key" in given:
        out.append(and_(cls.name_key == bindparam("name_key"), cls.postcode == bindparam("postcode")))
    return select(*_identity_columns(cls)).where(cls.organization_id == bindparam("organization_id"),
                                                 cls.postcode != "", or_(false(), *out))
