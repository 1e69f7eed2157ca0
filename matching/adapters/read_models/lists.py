"""The coordinator's lists: requests, volunteers, placements, matches, messages, reminders."""
from __future__ import annotations

from datetime import datetime

from sqlalchemy import func, select, text
from sqlalchemy.orm import Session

from matching.adapters import orm
from matching.adapters.read_models.person_page import assigned_clause
from matching.domain.match import MatchStatus, OfferType
from matching.domain.people import RequestStatus

r, v, p, m, msg = orm.requests.c, orm.volunteers.c, orm.placements.c, orm.matches.c, orm.messages.c


class Lists:
    session: Session

    def requests(self, org: str, status: str | None, now: datetime, limit: int = 500,
                 assigned: str | None = None) -> list[dict]:
        """The waiting list (or another status), longest waiting first, with the number of suggestions.

        Two queries on purpose: the page of requests first, then the counts for just those ids. One
        query with a grouped subquery let PostgreSQL, with stale statistics, re-aggregate every
        suggestion per request (50 s for 2,400 waiting under load).
        """
        query = (select(r.id, r.kind, r.first_name, r.postcode, r.status, r.created_at, r.paused_at)
                 .where(r.organization_id == org).order_by(r.created_at, r.id).limit(limit))
        if status:
            query = query.where(r.status == status)
        if assigned:  # a coordinator's id, or "none" (see read_models.person_page.assigned_clause)
            query = query.where(assigned_clause(r.assigned_to, assigned))
        rows = [dict(row._mapping) for row in self.session.execute(query)]
        s = orm.suggestions.c
        counts = dict(self.session.execute(select(s.request_id, func.count()).where(
            s.request_id.in_([row["id"] for row in rows])).group_by(s.request_id)).all()) if rows else {}
        for row in rows:
            row["suggestions"] = counts.get(row["id"], 0)
            row["waiting_days"] = (now - orm.UtcDateTime().process_result_value(row["created_at"], None)).days
        return rows

    def volunteers(self, org: str, status: str | None, limit: int = 1000, assigned: str | None = None) -> list[dict]:
        """Volunteers with their number of active matches (two queries, as for the waiting list)."""
        query = (select(v.id, v.first_name, v.last_name, v.email, v.phone, v.postcode, v.status, v.capacity, v.kinds,
                        v.vog_checked_at, v.created_at, v.request_id).where(v.organization_id == org)
                 .order_by(v.created_at, v.id).limit(limit))
        if status:
            query = query.where(v.status == status)
        if assigned:
            query = query.where(assigned_clause(v.assigned_to, assigned))
        rows = [dict(row._mapping) for row in self.session.execute(query)]
        counts = dict(self.session.execute(select(m.offer_id, func.count()).where(
            m.offer_type == OfferType.VOLUNTEER, m.status == MatchStatus.ACTIVE,
            m.offer_id.in_([row["id"] for row in rows]),
        ).group_by(m.offer_id)).all()) if rows else {}
        for row in rows:
            row["active_matches"] = counts.get(row["id"], 0)
        return rows

    def placements(self, org: str) -> list[dict]:
        query = select(orm.placements).where(p.organization_id == org).order_by(p.created_at, p.id)
        return [dict(row._mapping) for row in self.session.execute(query)]

    def matches(self, org: str, status: str | None, health: str | None = None) -> list[dict]:
        query = select(orm.matches).where(m.organization_id == org).order_by(m.proposed_at.desc(), m.id)
        if status:
            query = query.where(m.status == status)
        if health:  # kept only while a match runs
            query = query.where(m.status == "active", m.health == health)
        return [dict(row._mapping) for row in self.session.execute(query)]

    def messages(self, org: str) -> list[dict]:
        query = select(orm.messages).where(msg.organization_id == org).order_by(msg.created_at.desc(), msg.id)
        return [dict(row._mapping) for row in self.session.execute(query)]

    def open_reminders(self, org: str, limit: int | None = None) -> list[dict]:
        """Reminders not yet handled, oldest due first (the first `limit` of them)."""
        rem = orm.reminders.c
        query = select(orm.reminders).where(rem.organization_id == org, rem.done_at.is_(None)).order_by(rem.due_on, rem.id)
        return [dict(row._mapping) for row in self.session.execute(query.limit(limit))]

    def open_reminder_count(self, org: str) -> int:
        rem = orm.reminders.c
        return self.session.scalar(select(func.count()).select_from(orm.reminders).where(
            rem.organization_id == org, rem.done_at.is_(None))) or 0

    def blocked_counts(self, org: str) -> list[dict]:
        """The stored "why nobody fits" counts of every waiting request that has no candidate."""
        return list(self.session.scalars(select(r.blocked_by).where(
            r.organization_id == org, r.status == RequestStatus.WAITING, r.blocked_by.is_not(None))))

    def ping(self) -> None:
        self.session.execute(text("SELECT 1"))
