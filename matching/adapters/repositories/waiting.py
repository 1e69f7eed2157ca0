"""Facts about waiting people that span tables: when each was last contacted (a call note or a
message), and how long comparable requests waited (the honest wait)."""
from __future__ import annotations

from datetime import datetime

from sqlalchemy import func, select, union_all
from sqlalchemy.orm import Session

from matching.adapters import orm
from matching.domain.match import MatchStatus
from matching.domain.message import MessageStatus
from matching.domain.note import NoteKind
from matching.domain.people import RequestStatus


CHUNK = 5000  # ids per IN (...)


class WaitingFacts:
    def __init__(self, session: Session):
        self.session = session

    def last_contacts(self, organization_id: str | None = None) -> list[dict]:
        """Every waiting request (of one organisation, or all): id, organisation, submitted, last contact
        (the newest call note, or message to them that was sent or is meant for an email address; a
        message waiting on the call list is no contact yet; None when none)."""
        r, n, m = orm.requests.c, orm.notes.c, orm.messages.c
        calls = select(n.person_id.label("rid"), n.created_at.label("at")).where(
            n.person_type == "request", n.kind == NoteKind.CALL)
        sent = select(m.recipient_id.label("rid"), func.coalesce(m.sent_at, m.created_at).label("at")).where(
            m.recipient_type == "request", (m.status == MessageStatus.SENT) | m.to_address.is_not(None))
        contact = union_all(calls, sent).subquery()
        last = select(contact.c.rid, func.max(contact.c.at).label("at")).group_by(contact.c.rid).subquery()
        query = (select(r.id, r.organization_id, r.created_at, last.c.at).outerjoin(last, last.c.rid == r.id)
                 .where(r.status == RequestStatus.WAITING, r.erased_at.is_(None)))
        if organization_id is not None:
            query = query.where(r.organization_id == organization_id)
        rows = self.session.execute(query).all()
        return [{"id": i, "organization_id": o, "created_at": _utc(c), "last_contact": _utc(a)} for i, o, c, a in rows]

    def contacted_count(self, organization_id: str, since: datetime) -> tuple[int, int]:
        """(waiting, contacted since `since`) of one organisation, counted in the database: the dashboard
        asks on every load. The few people reached lately (call notes by kind and time, messages by when
        they reached someone: both indexed, migration 0020) are looked up among the waiting by primary key,
        not the other way round."""
        r, n, m = orm.requests.c, orm.notes.c, orm.messages.c
        called = select(n.person_id).where(
            n.organization_id == organization_id, n.person_type == "request", n.kind == NoteKind.CALL,
            n.created_at >= since)
        told = select(m.recipient_id).where(
            m.organization_id == organization_id, func.coalesce(m.sent_at, m.created_at) >= since,
            m.recipient_type == "request", (m.status == MessageStatus.SENT) | m.to_address.is_not(None))
        waiting = (r.organization_id == organization_id, r.status == RequestStatus.WAITING, r.erased_at.is_(None))
        total = self.session.scalar(select(func.count()).select_from(orm.requests).where(*waiting)) or 0
        # the recent contacts first, then the waiting among them by primary key: one statement with the
        # contacts as a subquery was planned as a rescan of them per waiting request whenever the
        # statistics lagged a burst of sign-ups (19 s at 5,000 waiting, issue 19)
        recent = list(set(self.session.scalars(union_all(called, told))))
        reached = 0
        for start in range(0, len(recent), CHUNK):
            reached += self.session.scalar(select(func.count()).select_from(orm.requests).where(
                *waiting, r.id.in_(recent[start:start + CHUNK]))) or 0
        return total, reached

    def waits(self, organization_id: str, since: datetime, until: datetime) -> list[dict]:
        """Requests of the organisation first matched between `since` and `until`: kind, postcode, their
        preferences (volunteer gender, own distance), submitted and first confirmed."""
        r, mt = orm.requests.c, orm.matches.c
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
