"""What every repository shares: one Session, and lookups scoped to an organisation."""
from __future__ import annotations

import uuid
from typing import Generic, Iterable, TypeVar

from sqlalchemy import select
from sqlalchemy.orm import Session

from matching.domain.errors import NotFound

T = TypeVar("T")


def is_id(value) -> bool:
    """Whether `value` can be an id at all: junk (a NUL, say) is never sent to the database."""
    try:
        return str(uuid.UUID(str(value))) == str(value)
    except ValueError:
        return False


class SqlRepository(Generic[T]):
    """`add` and `get` for one mapped aggregate class."""

    cls: type[T]

    def __init__(self, session: Session):
        self.session = session

    def add(self, obj: T) -> None:
        self.session.add(obj)

    def get(self, id: str, organization_id: str | None, lock: bool = False) -> T:
        """One aggregate of the caller's organisation; NotFound for a missing id and another's alike."""
        cls = self.cls
        if not is_id(id):
            raise NotFound(f"{cls.__name__.lower()} not found")
        query = select(cls).where(cls.id == str(id))
        if organization_id is not None:
            query = query.where(cls.organization_id == organization_id)
        if lock:
            query = query.with_for_update()
        found = self.session.scalars(query).first()
        if found is None:
            raise NotFound(f"{cls.__name__.lower()} not found")
        return found

    def get_many(self, ids: Iterable[str], organization_id: str) -> dict[str, T]:
        """The caller's organisation's aggregates among `ids`, by id, in one query (a missing id is left out)."""
        wanted = sorted({str(id) for id in ids if is_id(id)})
        if not wanted:
            return {}
        cls = self.cls
        query = select(cls).where(cls.id.in_(wanted), cls.organization_id == organization_id)
        return {found.id: found for found in self.session.scalars(query)}
