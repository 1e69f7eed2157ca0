"""Organisations and their coordinators."""
from __future__ import annotations

from datetime import datetime
from enum import StrEnum

from matching.domain.base import Aggregate, new_id, utcnow
from matching.domain.errors import Invalid
from matching.domain.shapes import Given


class Role(StrEnum):
    COORDINATOR = "coordinator"
    ADMIN = "admin"  # also sees the access log; always logs in with a second step


CONTACT_FIELDS = ("phone", "email", "address", "opening_hours")
CONTACT_LIMITS = {"phone": 30, "email": 254, "address": 200, "opening_hours": 200}


def contact_footer(name: str, contact: dict[str, str | None]) -> str:
    """The closing lines of every message: how to reach a human at the organisation ("" when unset)."""
    lines = [f"Telefoon: {contact['phone']}" if contact.get("phone") else "",
             f"E-mail: {contact['email']}" if contact.get("email") else "",
             f"Adres: {contact['address']}" if contact.get("address") else "",
             f"Bereikbaar: {contact['opening_hours']}" if contact.get("opening_hours") else ""]
    lines = [line for line in lines if line]
    return f"\n\nVragen? Neem contact op met {name}.\n" + "\n".join(lines) if lines else ""


class Organization(Aggregate):
    """An organisation and how people reach a human there: shown on every public page, private link
    and message, because someone who hesitates should always have a person to call."""

    id: str
    slug: str
    name: str
    created_at: datetime
    phone: Given[str | None]
    email: Given[str | None]
    address: Given[str | None]
    opening_hours: Given[str | None]

    def __init__(self, slug: str, name: str, id: str | None = None, created_at: datetime | None = None,
                 contact: dict[str, str | None] | None = None):
        self.id = id or new_id()
        self.slug = slug
        self.name = name
        self.created_at = created_at or utcnow()
        self.phone = self.email = self.address = self.opening_hours = None
        self.set_contact(contact or {})

    def set_contact(self, contact: dict[str, str | None]) -> None:
        """Replace the contact details; empty values clear a field, unknown or too long ones are refused."""
        for name, value in contact.items():
            if name not in CONTACT_FIELDS:
                raise Invalid(name, "unknown contact field")
            value = (value or "").strip() or None
            if value and len(value) > CONTACT_LIMITS[name]:
                raise Invalid(name, f"at most {CONTACT_LIMITS[name]} characters")
            if name == "email" and value and ("@" not in value or " " in value):
                raise Invalid(name, "not a valid email address")
            setattr(self, name, value)

    @property
    def contact(self) -> dict[str, str | None]:
        return {name: getattr(self, name, None) for name in CONTACT_FIELDS}


class User(Aggregate):
    """A coordinator or admin of one organisation; `session_version` ends every session when raised."""

    id: str
    organization_id: str
    email: str
    password_hash: str
    role: Role
    active: bool
    session_version: int
    totp_secret: str | None  # the authenticator app's key, once two-factor login is set up
    totp_last_step: int | None  # the last code's time step: a code is good once
    created_at: datetime

    def __init__(self, organization_id: str, email: str, password_hash: str, role: str = Role.COORDINATOR):
        if role not in Role._value2member_map_:
            raise ValueError(f"role must be one of {', '.join(Role)}")
        self.id = new_id()
        self.organization_id = organization_id
        self.email = email.strip().lower()
        self.password_hash = password_hash
        self.role = Role(role)
        self.active = True
        self.session_version = 1
        self.totp_secret = None
        self.totp_last_step = None
        self.created_at = utcnow()

    @property
    def two_factor(self) -> bool:
        return self.totp_secret is not None

    def end_sessions(self) -> None:
        """Every session signed with the old version stops working (logout, "log out everywhere")."""
        self.session_version += 1

    def change_password(self, password_hash: str) -> None:
        """A new password ends every session, also a thief's."""
        self.password_hash = password_hash
        self.end_sessions()

    def enable_two_factor(self, secret: str, step: int) -> None:
        self.totp_secret = secret
        self.totp_last_step = step
        self.end_sessions()

    def disable_two_factor(self) -> None:
        if self.role == Role.ADMIN:
            raise Invalid("code", "admins always log in with a second step")
        self.reset(self.password_hash)

    def reset(self, password_hash: str) -> None:
        """The operator's way back in for a lost password or phone (admins set up a new app at login)."""
        self.password_hash = password_hash
        self.totp_secret = None
        self.totp_last_step = None
        self.end_sessions()

    def use_code_step(self, step: int) -> None:
        """A code is good once: a step at or before the last one used is a replay."""
        if self.totp_last_step is not None and step <= self.totp_last_step:
            raise Invalid("code", "this code was used already; wait for the next one")
        self.totp_last_step = step
