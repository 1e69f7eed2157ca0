"""Organisations by their address slug, remembered per process: every public form and submission
starts with this lookup, and an organisation's id, slug and name do not change."""
from __future__ import annotations

import threading
import time
from dataclasses import dataclass

KEEP_SECONDS = 60.0


@dataclass(frozen=True)
class OrganizationRef:
    id: str
    slug: str
    name: str


_known: dict[str, tuple[float, OrganizationRef]] = {}
_lock = threading.Lock()


def by_slug(uow, slug: str) -> OrganizationRef:
    """The organisation (NotFound when unknown, which is never remembered)."""
    now = time.monotonic()
    found = _known.get(slug)
    if found and now - found[0] < KEEP_SECONDS:
        return found[1]
    org = uow.repo.organization_by_slug(slug)
    ref = OrganizationRef(org.id, org.slug, org.name)
    with _lock:
        _known[slug] = (now, ref)
    return ref


def forget_all() -> None:
    """Tests start every case with fresh organisations under the same slugs."""
    with _lock:
        _known.clear()
