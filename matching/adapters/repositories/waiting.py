"""Facts about waiting people that span tables: when each was last contacted (a call note or a
message), and how long comparable requests waited (the honest wait)."""
from __future__ import annotations

from datetime import datetime

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from matching.adapters import orm
from matching.domain.match import MatchStatus
from matching.domain.people import RequestStatus


r = orm.requests.c  # the requests table, which every fact here reads


class WaitingFacts:
    def __init__(self, session: Session):
        self.session = session

    def last_contacts(self, organization_id: str | None = None) -> list[dict]:
        """Every waiting request (of one organisation, or all): id, organisation, submitted, last contact
        (the newest call note, or message to them that was sent or is meant for an email address; a
        message waiting on the call list is no contact yet; None when none), kept on the request row as
        they are stored (matching/adapters/contact_marks.py)."""
        query = select(r.id, r.organization_id, r.created_at, r.last_contact_at).where(
            r.status == RequestStatus.WAITING, r.erased_at.is_(None))
        if organization_id is not None:
            query = query.where(r.organization_id == organization_id)
        rows = self.session.execute(query).all()
        return [{"id": i, "organization_id": o, "created_at": _utc(c), "last_contact": _utc(a)} for i, o, c, a in rows]

    def contacted_count(self, organization_id: str, since: datetime) -> tuple[int, int]:
        """(waiting, contacted since `since`) of one organisation, in one statement the dashboard asks on
        every load: both counted from the partial index on (organisation, status, last contact)."""
        waiting, reached = self.session.execute(
            select(func.count(), func.count().filter(r.last_contact_at >= since)).select_from(orm.requests)
            .where(r.organization_id == organization_id, r.status == RequestStatus.WAITING, r.erased_at.is_(None))).one()
        return waiting or 0, reached or 0

    def waits(self, organization_id: str, since: datetime, until: datetime) -> list[dict]:
        """Requests of the organisation first matched between `since` and `until`: kind, postcode, their
        preferences (volunteer gender, own distance), submitted and first confirmed."""
        mt = orm.matches.c
        first = (select(mt.request_id, func.min(mt.confirmed_at).label("matched_at"))
                 .where(mt.organization_id == organization_id, mt.confirmed_at.is_not(None),
                        mt.status.in_([MatchStatus.ACTIVE, MatchStatus.ENDED]))
                 .group_by(mt.request_id).subquery())
        rows = self.session.execute(
            select(r.kind, r.postcode, r.volunteer_gender, r.max_distance_km, r.created_at, first.c.matched_at)
            .join(first, first.c.request_id == r.id)
            .where(first.c.matched_at >= since, first.c.matched_at <= until)).all()
        return [{"kind": k, "postcode": p, "volunteer_gender": g, "max_distance_km": d, "created_at": _utc(c),
                 "matched_at": _utc(at)} for k, p, g, d, c, at in rows]


def _utc(value):
    """Aggregates (max, min) bypass the column type: SQLite hands back naive or text datetimes."""
    return orm.UtcDateTime().process_result_value(datetime.fromisoformat(value) if isinstance(value, str) else value, None)
