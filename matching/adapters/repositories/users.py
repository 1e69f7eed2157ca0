"""Coordinators' and admins' accounts, found by id or email across organisations (logging in)."""
from __future__ import annotations

from sqlalchemy import select

from matching.adapters.repositories.base import SqlRepository
from matching.domain.organization import User


class UserRepository(SqlRepository[User]):
    cls = User

    def get(self, id: str, lock: bool = False) -> User:  # type: ignore[override]  # users are found across organisations
        return super().get(id, None, lock)

    def by_email(self, email: str) -> User | None:
        return self.session.scalars(select(User).where(User.email == email.strip().lower())).first()
