"""A werkervaringsplaats: a place to gain work experience, offered by the organisation."""
from __future__ import annotations

from typing import Any

from matching.domain import events as ev
from matching.domain.base import Aggregate, new_id, utcnow
from matching.domain.errors import Conflict

PLACEMENT_STATUSES = ("active", "closed")


class Placement(Aggregate):
    @classmethod
    def create(cls, organization_id: str, fields: dict[str, Any], now=None) -> "Placement":
        placement = cls()
        placement.id = new_id()
        placement.organization_id = organization_id
        for name, value in fields.items():
            setattr(placement, name, value)
        placement.status = "active"
        placement.created_at = placement.updated_at = now or utcnow()
        placement.record(ev.PlacementCreated(organization_id, placement.id))
        return placement

    def change(self, fields: dict[str, Any], now=None) -> None:
        """Edit title, tasks, place, days, hours or capacity; open requests are scored anew."""
        for name, value in fields.items():
            setattr(self, name, value)
        self.updated_at = now or utcnow()
        self.record(ev.PlacementChanged(self.organization_id, self.id))

    def close(self, now=None) -> None:
        if self.status == "closed":
            raise Conflict("this placement is already closed")
        self.status, self.updated_at = "closed", now or utcnow()
        self.record(ev.PlacementChanged(self.organization_id, self.id))

    @property
    def is_available(self) -> bool:
        return self.status == "active"
