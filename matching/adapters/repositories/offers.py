"""Offers: volunteers and placements together, as what a request can be matched with."""
from __future__ import annotations

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from matching.adapters import orm
from matching.adapters.repositories.placements import PlacementRepository
from matching.adapters.repositories.volunteers import VolunteerRepository
from matching.domain.errors import NotFound
from matching.domain.match import OfferType
from matching.domain.people import Volunteer, VolunteerStatus
from matching.domain.placement import Placement, PlacementStatus

OFFER_CLASSES = {OfferType.VOLUNTEER: Volunteer, OfferType.PLACEMENT: Placement}
ACTIVE = {Volunteer: VolunteerStatus.ACTIVE, Placement: PlacementStatus.ACTIVE}  # the status an offer is matched in


class OfferRepository:
    def __init__(self, session: Session, volunteers: VolunteerRepository, placements: PlacementRepository):
        self.session = session
        self.by_type = {OfferType.VOLUNTEER: volunteers, OfferType.PLACEMENT: placements}

    def get(self, offer_type: str, id: str, organization_id: str, lock: bool = False) -> Volunteer | Placement:
        if offer_type not in self.by_type:
            raise NotFound("offer not found")
        return self.by_type[offer_type].get(id, organization_id, lock)

    def available(self, organization_id: str) -> list[tuple[str, Volunteer | Placement]]:
        """Active volunteers and placements of the organisation, in a stable order."""
        out: list[tuple[str, Volunteer | Placement]] = []
        for offer_type, cls in OFFER_CLASSES.items():
            query = (select(cls).where(cls.organization_id == organization_id, cls.status == ACTIVE[cls])
                     .order_by(cls.id))
            out.extend((offer_type, offer) for offer in self.session.scalars(query))
        return out

    def on_books(self, organization_id: str) -> list[tuple[str, Volunteer | Placement]]:
        """Every volunteer and placement still on the books (not erased), for "why nobody fits"."""
        out: list[tuple[str, Volunteer | Placement]] = []
        for offer_type, cls in OFFER_CLASSES.items():
            query = select(cls).where(cls.organization_id == organization_id, cls.postcode != "").order_by(cls.id)
            out.extend((offer_type, offer) for offer in self.session.scalars(query))
        return out

    def version(self, organization_id: str) -> tuple:
        """Changes whenever a volunteer, placement or match of the organisation changes (count and latest time)."""
        parts = []
        for table in (orm.volunteers, orm.placements, orm.matches):
            mine = table.c.organization_id == organization_id
            parts += [select(func.count()).select_from(table).where(mine).scalar_subquery(),
                      select(func.max(table.c.updated_at)).where(mine).scalar_subquery()]
        return tuple(self.session.execute(select(*parts)).one())  # one round trip
