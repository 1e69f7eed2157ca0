"""Werkervaringsplaatsen: created, changed and closed by a coordinator."""
from __future__ import annotations

from typing import Any

from matching.domain import commands
from matching.domain.placement import Placement
from matching.services.ports import Dependencies, UnitOfWork


def create_placement(cmd: commands.CreatePlacement, uow: UnitOfWork, deps: Dependencies) -> dict[str, Any]:
    """A coordinator adds a werkervaringsplaats; waiting requests are scored against it."""
    with uow:
        placement = Placement.create(cmd.organization_id, dict(cmd.fields), now=deps.clock.now())
        uow.placements.add(placement)
        uow.commit()
        return {"id": placement.id, "status": placement.status}


def change_placement(cmd: commands.ChangePlacement, uow: UnitOfWork, deps: Dependencies) -> str:
    """Edit a placement; the waiting requests within its reach are scored anew."""
    with uow:
        placement = uow.placements.get(cmd.placement_id, cmd.organization_id)
        placement.change(dict(cmd.fields), now=deps.clock.now())
        uow.commit()
        return placement.status


def close_placement(cmd: commands.ClosePlacement, uow: UnitOfWork, deps: Dependencies) -> str:
    """No new people for this placement; running matches go on."""
    with uow:
        placement = uow.placements.get(cmd.placement_id, cmd.organization_id)
        placement.close(now=deps.clock.now())
        uow.commit()
        return placement.status
