""""Bij partners zou het wel passen": for a waiting request, per partner organisation of the network,
how many of its offers pass every hard rule. Only the matching profile crosses (`PartnerCounts`),
stripped of the request's id; only counts come back."""
from __future__ import annotations

import dataclasses
from typing import Any, Callable

from matching.domain.people import Request
from matching.scoring import Profile
from matching.services.messagebus import MessageBus
from matching.services.partner_counts import IndexPartnerCounts
from matching.services.ports import PartnerCounts, UnitOfWork
from matching.services.profiles import request_profile


def crossing_profile(request: Request) -> Profile:
    """What a partner may learn of the request: what matching reads, without even the request's id."""
    return dataclasses.replace(request_profile(request), id=None)


def counts(bus: MessageBus, org: str, request_id: str,
           partners: Callable[[UnitOfWork], PartnerCounts] = IndexPartnerCounts) -> dict[str, Any]:
    """Per partner (by name), the number of its offers that would pass every hard rule; `partners`
    makes the port the counting goes through (a test passes one that records what crossed)."""
    with bus.uow() as uow:
        request = uow.requests.get(request_id, org)
        orgs = uow.networks.partners(org)
        if not orgs:
            return {"items": []}
        found = partners(uow).count(crossing_profile(request), [o.id for o in orgs])
        return {"items": [{"organization": {"slug": o.slug, "name": o.name}, "candidates": int(found.get(o.id, 0))}
                          for o in orgs]}
