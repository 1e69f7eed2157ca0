"""Organisations as the public pages, the admin's settings page and the CLI see them (no personal data)."""
from __future__ import annotations

from typing import Any

from matching.services import organization_cache
from matching.services.messagebus import MessageBus


def public_face(bus: MessageBus, slug: str) -> dict[str, Any]:
    """Name and contact details of the organisation at this slug (NotFound when unknown)."""
    with bus.uow() as uow:
        org = organization_cache.by_slug(uow, slug)
        return {"id": org.id, "slug": org.slug, "name": org.name, "contact": org.contact}


def id_of(bus: MessageBus, slug: str) -> str | None:
    """The id of the organisation at this slug, or None (the CLI creates the demo one when missing)."""
    with bus.uow() as uow:
        found = uow.organizations.find(slug)
        return found.id if found else None


def own(bus: MessageBus, org: str) -> dict[str, Any]:
    """The coordinator's own organisation with its contact details (the admin page edits them)."""
    with bus.uow() as uow:
        found = uow.organizations.get(org)
        return {"id": found.id, "slug": found.slug, "name": found.name, "contact": found.contact}


def every_public_face(bus: MessageBus) -> list[dict[str, Any]]:
    """Every organisation for the front page: names, slugs and contact details only."""
    with bus.uow() as uow:
        return [{"slug": org.slug, "name": org.name, "contact": org.contact} for org in uow.organizations.all()]
