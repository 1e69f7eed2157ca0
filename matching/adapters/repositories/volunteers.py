"""Volunteers: those the reminder run looks at, and those past their retention period."""
from __future__ import annotations

from datetime import datetime

from sqlalchemy import select

from matching.adapters.repositories.people import PersonRepository
from matching.domain.people import Volunteer, VolunteerStatus


class VolunteerRepository(PersonRepository[Volunteer]):
    cls = Volunteer

    def active_or_paused(self) -> list[Volunteer]:
        return list(self.session.scalars(select(Volunteer).where(
            Volunteer.status.in_((VolunteerStatus.ACTIVE, VolunteerStatus.PAUSED))).order_by(Volunteer.id)))

    def past_retention(self, cutoff: datetime, limit: int) -> list[Volunteer]:
        """Volunteers who stopped before `cutoff`, not yet erased."""
        query = select(Volunteer).where(Volunteer.erased_at.is_(None), Volunteer.status == VolunteerStatus.STOPPED,
                                        Volunteer.updated_at < cutoff)
        return list(self.session.scalars(query.limit(limit).with_for_update()))
