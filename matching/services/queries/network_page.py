"""The network page: the organisation's networks and partners, the handovers it keeps a record of,
and the region's figures (counts only)."""
from __future__ import annotations

from typing import Any

from matching.services import regional_figures as figures
from matching.services.messagebus import MessageBus


def page(bus: MessageBus, org: str) -> dict[str, Any]:
    now = bus.deps.clock.now()
    with bus.uow() as uow:
        networks = uow.networks.of(org)
        members = [{"id": o.id, "slug": o.slug, "name": o.name} for o in uow.networks.members([n.id for n in networks])] \
            if networks else []
        transfers = uow.read_model.transfers_out(org)
        facts = uow.read_model.region_facts([m["id"] for m in members]) if members else None
    out: dict[str, Any] = {"networks": [{"slug": n.slug, "name": n.name} for n in networks], "members": members,
                           "own_id": org, "transfers": transfers, "quarters": [], "roles": [], "blocks": [],
                           "gaps": []}
    if facts is not None:
        out.update(quarters=figures.per_quarter(facts, members, now), roles=figures.per_role(facts, now),
                   blocks=figures.building_blocks(facts, members), gaps=figures.regions_without_offer(facts))
    return out


def figures_csv(bus: MessageBus, org: str) -> str:
    found = page(bus, org)
    return figures.as_csv(found["quarters"], found["roles"])
