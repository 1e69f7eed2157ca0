"""A werkervaringsplaats: a place to gain work experience, offered by the organisation."""
from __future__ import annotations

from datetime import datetime
from enum import StrEnum
from typing import Any, Mapping

from matching.domain import events as ev
from matching.domain.base import Aggregate, new_id, utcnow
from matching.domain.errors import Conflict
from matching.domain.shapes import Given, assign, given


class PlacementStatus(StrEnum):
    ACTIVE = "active"
    CLOSED = "closed"


class Placement(Aggregate):
    id: str
    organization_id: str
    title: Given[str]
    description: Given[str | None]  # the tasks
    postcode: Given[str]
    interests: Given[list[str]]
    availability: Given[list[str]]
    languages: Given[list[str]]
    hours_per_week: Given[int | None]
    capacity: Given[int]
    work_areas: Given[list[str] | None]  # what kind of work (CONTRACT section 13)
    host_name: Given[str | None]  # where the work is: the host organisation, its address (postcode above)
    host_address: Given[str | None]
    supervisor_name: Given[str | None]  # the werkbegeleider, who gets a private link once a match is confirmed
    supervisor_email: Given[str | None]
    supervisor_phone: Given[str | None]
    status: PlacementStatus
    created_at: datetime
    updated_at: datetime

    @classmethod
    def create(cls, organization_id: str, fields: Mapping[str, Any], now=None) -> "Placement":
        placement = cls()
        allowed = given(cls)
        assign(placement, {**dict.fromkeys(allowed), **fields}, allowed)
        placement.id = new_id()
        placement.organization_id = organization_id
        placement.status = PlacementStatus.ACTIVE
        placement.created_at = placement.updated_at = now or utcnow()
        placement.record(ev.PlacementCreated(organization_id, placement.id))
        return placement

    def change(self, fields: Mapping[str, Any], now=None) -> None:
        """Edit title, tasks, place, days, hours or capacity; open requests are scored anew."""
        assign(self, fields, given(type(self)))
        self.updated_at = now or utcnow()
        self.record(ev.PlacementChanged(self.organization_id, self.id))

    def close(self, now=None) -> None:
        if self.status == PlacementStatus.CLOSED:
            raise Conflict("this placement is already closed")
        self.status, self.updated_at = PlacementStatus.CLOSED, now or utcnow()
        self.record(ev.PlacementChanged(self.organization_id, self.id))

    @property
    def is_available(self) -> bool:
        return self.status == PlacementStatus.ACTIVE
