"""Organisations by their address slug, remembered per process: every public form and submission
starts with this lookup. Id, slug and name never change; a changed phone number or address shows in
this process at once and in the others within a minute."""
from __future__ import annotations

import threading
import time
from dataclasses import dataclass

from matching.services.ports import UnitOfWork

KEEP_SECONDS = 60.0


@dataclass(frozen=True)
class OrganizationRef:
    id: str
    slug: str
    name: str
    phone: str | None = None
    email: str | None = None
    address: str | None = None
    opening_hours: str | None = None

    @property
    def contact(self) -> dict[str, str | None]:
        return {"phone": self.phone, "email": self.email, "address": self.address,
                "opening_hours": self.opening_hours}


_known: dict[str, tuple[float, OrganizationRef]] = {}
_lock = threading.Lock()


def by_slug(uow: UnitOfWork, slug: str) -> OrganizationRef:
    """The organisation (NotFound when unknown, which is never remembered)."""
    now = time.monotonic()
    found = _known.get(slug)
    if found and now - found[0] < KEEP_SECONDS:
        return found[1]
    org = uow.organizations.by_slug(slug)
    ref = OrganizationRef(org.id, org.slug, org.name, **org.contact)
    with _lock:
        _known[slug] = (now, ref)
    return ref


def forget(slug: str) -> None:
    """This process shows a changed organisation at once (others within KEEP_SECONDS)."""
    with _lock:
        _known.pop(slug, None)


def forget_all() -> None:
    """Tests start every case with fresh organisations under the same slugs."""
    with _lock:
        _known.clear()
