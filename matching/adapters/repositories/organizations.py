"""Organisations, found by id or by their address slug."""
from __future__ import annotations

from sqlalchemy import select

from matching.adapters.repositories.base import SqlRepository
from matching.domain.errors import NotFound
from matching.domain.organization import Organization


class OrganizationRepository(SqlRepository[Organization]):
    cls = Organization

    def get(self, id: str) -> Organization:  # type: ignore[override]  # an organisation is its own scope
        return super().get(id, None)

    def all(self) -> list[Organization]:
        """Every organisation, by name (the front page)."""
        return list(self.session.scalars(select(Organization).order_by(Organization.name)))

    def find(self, slug: str) -> Organization | None:
        if not slug or not slug.replace("-", "").isalnum() or not slug.isascii():
            return None
        return self.session.scalars(select(Organization).where(Organization.slug == slug)).first()

    def by_slug(self, slug: str) -> Organization:
        found = self.find(slug)
        if found is None:
            raise NotFound("organisation not found")
        return found

