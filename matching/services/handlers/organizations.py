"""Organisations: created by the operator (CLI), their contact details set by an admin."""
from __future__ import annotations

from matching.domain import commands
from matching.domain.errors import Conflict, Invalid, NotFound
from matching.domain.organization import Organization, Role
from matching.services import organization_cache
from matching.services.ports import Dependencies, UnitOfWork

RESERVED_SLUGS = {"werkplek", "mijn", "login", "logout", "api", "static", "healthz", "l", "verwijzing"}  # l: short links


def create_organization(cmd: commands.CreateOrganization, uow: UnitOfWork, deps: Dependencies) -> str:
    """A new organisation under its own address (/<slug>/maatje); never one of Koppel's own pages."""
    with uow:
        if not cmd.slug.replace("-", "").isalnum() or cmd.slug != cmd.slug.lower():
            raise Invalid("slug", "use lowercase letters, digits and hyphens")
        if cmd.slug in RESERVED_SLUGS:
            raise Invalid("slug", f"{cmd.slug} is a page of Koppel itself; choose another")
        if uow.organizations.find(cmd.slug) is not None:
            raise Conflict(f"organisation {cmd.slug} exists")
        org = Organization(cmd.slug, cmd.name, created_at=deps.clock.now(), contact=dict(cmd.contact))
        uow.organizations.add(org)
        uow.commit()
        return org.id


def change_organization_contact(cmd: commands.ChangeOrganizationContact, uow: UnitOfWork,
                                deps: Dependencies) -> dict[str, str | None]:
    """An admin sets how people reach a human at the organisation (shown on every public page)."""
    with uow:
        user = uow.users.get(cmd.by_user)
        if user.organization_id != cmd.organization_id:
            raise NotFound("user not found")
        if user.role != Role.ADMIN:  # as for every admin page: others get "not found"
            raise NotFound("organization not found")
        org = uow.organizations.get(cmd.organization_id)
        org.set_contact(dict(cmd.contact))
        uow.audit.record(cmd.organization_id, cmd.by_user, "organization.contact", "organization", org.id,
                         deps.clock.now())
        uow.commit()
        organization_cache.forget(org.slug)
        return org.contact
