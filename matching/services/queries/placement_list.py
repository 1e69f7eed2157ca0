"""The werkervaringsplaatsen (API: GET /placements; the workspace's Plaatsen pages)."""
from __future__ import annotations

from matching.services.messagebus import MessageBus


def rows(bus: MessageBus, org: str) -> list[dict]:
    """Every placement of the organisation, oldest first (no personal data)."""
    with bus.uow() as uow:
        return uow.read_model.placements(org)
