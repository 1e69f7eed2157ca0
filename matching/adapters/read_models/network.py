"""The region's figures: bare facts (ids, kinds, dates, four-digit postcodes, roles) of the network's
organisations; counted in matching/services/regional_figures.py. No name, contact or note is read."""
from __future__ import annotations

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from matching.adapters import orm
from matching.domain.placement import PlacementStatus
from matching.domain.people import VolunteerStatus

r, m, t, ref = orm.requests.c, orm.matches.c, orm.transfers.c, orm.referrals.c
v, p, o = orm.volunteers.c, orm.placements.c, orm.organizations.c


class NetworkFigures:
    session: Session

    def region_facts(self, org_ids: list[str]) -> dict[str, list[dict]]:
        """Per table, the rows the regional figures count."""
        first_match = (select(m.request_id, func.min(m.confirmed_at).label("matched_at"))
                       .where(m.organization_id.in_(org_ids), m.confirmed_at.is_not(None)).group_by(m.request_id)
                       .subquery())
        queries = {
            "requests": select(r.id, r.organization_id, r.kind, r.status, r.postcode, r.created_at, r.withdrawn_at,
                               first_match.c.matched_at)
            .outerjoin(first_match, first_match.c.request_id == r.id).where(r.organization_id.in_(org_ids)),
            "transfers": select(t.from_organization_id, t.to_organization_id, t.transferred_at, t.request_id)
            .where(t.from_organization_id.in_(org_ids) | t.to_organization_id.in_(org_ids)),
            "referrals": select(ref.organization_id, ref.referrer_role, ref.created_at)
            .where(ref.organization_id.in_(org_ids)),
            "volunteers": select(v.organization_id, v.kinds, v.postcode)
            .where(v.organization_id.in_(org_ids), v.status == VolunteerStatus.ACTIVE),
            "placements": select(p.organization_id, p.postcode)
            .where(p.organization_id.in_(org_ids), p.status != PlacementStatus.CLOSED),
            "matches": select(m.organization_id, m.confirmed_at).where(m.organization_id.in_(org_ids),
                                                                      m.confirmed_at.is_not(None)),
        }
        return {name: [dict(row._mapping) for row in self.session.execute(query)] for name, query in queries.items()}

    def transfers_out(self, org: str) -> list[dict]:
        """What the sender keeps of each handover: to whom and when, newest first."""
        query = (select(t.request_id, t.transferred_at, o.name.label("to_name"))
                 .join(orm.organizations, o.id == t.to_organization_id)
                 .where(t.from_organization_id == org).order_by(t.transferred_at.desc(), t.id))
        return [dict(row._mapping) for row in self.session.execute(query)]
