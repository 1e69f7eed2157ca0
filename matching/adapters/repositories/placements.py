"""Werkervaringsplaatsen."""
from __future__ import annotations

from matching.adapters.repositories.base import SqlRepository
from matching.domain.placement import Placement


class PlacementRepository(SqlRepository[Placement]):
    cls = Placement
