"""Organisations and their coordinators."""
from __future__ import annotations

from datetime import datetime

from matching.domain.base import Aggregate, new_id, utcnow

ROLES = ("coordinator", "admin")


class Organization(Aggregate):
    def __init__(self, slug: str, name: str, id: str | None = None, created_at: datetime | None = None):
        self.id = id or new_id()
        self.slug = slug
        self.name = name
        self.created_at = created_at or utcnow()


class User(Aggregate):
    """A coordinator or admin of one organisation; `session_version` ends every session when raised."""

    def __init__(self, organization_id: str, email: str, password_hash: str, role: str = "coordinator"):
        if role not in ROLES:
            raise ValueError(f"role must be one of {ROLES}")
        self.id = new_id()
        self.organization_id = organization_id
        self.email = email.strip().lower()
        self.password_hash = password_hash
        self.role = role
        self.active = True
        self.session_version = 1
        self.created_at = utcnow()
