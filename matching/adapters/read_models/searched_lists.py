"""The coordinator's lists one page at a time, with search and filters (CONTRACT section 9).

Search compares the folded query (matching.domain.search) with the stored `search_text` column by
LIKE, on SQLite and PostgreSQL alike; every term must be found. Each list is two or three small
queries: the page of rows (with its count), then what the page shows beside them for just those ids.
"""
from __future__ import annotations

from datetime import datetime, timedelta

from sqlalchemy import String, Table, and_, cast, func, or_, select, true
from sqlalchemy.orm import Session
from sqlalchemy.sql import ColumnElement, Select

from matching.adapters import orm
from matching.domain.match import MatchStatus, OfferType
from matching.domain.people import RequestStatus
from matching.domain.search import ListQuery

r, v, p, m, msg = orm.requests.c, orm.volunteers.c, orm.placements.c, orm.matches.c, orm.messages.c


def _like(column: ColumnElement, term: str) -> ColumnElement:
    escaped = term.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_")
    return column.like(f"%{escaped}%", escape="\\")


def _found(column: ColumnElement, query: ListQuery) -> ColumnElement:
    """Every term of the query is somewhere in the folded text."""
    return and_(true(), *(_like(column, term) for term in query.terms))


def assigned_clause(table: Table, query: ListQuery) -> ColumnElement:
    """The `assigned=me|none|<id>` filter. The assignment column belongs to the person record (issue 13's
    other half); until a table has it, this filter leaves the list as it is."""
    column = table.c.get("assigned_to")
    if not query.assigned or column is None:
        return true()
    if query.assigned == "none":
        return column.is_(None)
    return column == (query.user_id if query.assigned == "me" else query.assigned)


def _kind_of_volunteer(kind: str) -> ColumnElement:
    """A volunteer's kinds are a JSON list: the quoted word in its text, on both databases."""
    return cast(v.kinds, String).like(f'%"{kind}"%')


class SearchedLists:
    session: Session

    def headline(self, org: str, now: datetime) -> dict:
        """How many wait and their median waiting days (by the database where it can: the median from
        the middle row(s) of the sorted sign-up times), running and ended matches."""
        waiting = (r.organization_id == org) & (r.status == RequestStatus.WAITING)
        count = self.session.scalar(select(func.count()).select_from(orm.requests).where(waiting)) or 0
        middle = [row for row in self.session.scalars(select(r.created_at).where(waiting).order_by(r.created_at)
                                                      .offset(max((count - 1) // 2, 0)).limit(2 - count % 2))] if count else []
        days = [(now - orm.UtcDateTime().process_result_value(at, None)).days for at in middle]
        by_status = dict(self.session.execute(select(m.status, func.count()).where(
            m.organization_id == org, m.status.in_((MatchStatus.ACTIVE, MatchStatus.ENDED))).group_by(m.status)).all())
        return {"waiting": count, "median_waiting_days": sum(days) / len(days) if days else 0,
                "active_matches": by_status.get(MatchStatus.ACTIVE, 0), "ended_matches": by_status.get(MatchStatus.ENDED, 0)}

    def _page(self, query: Select, spec: ListQuery) -> tuple[list[dict], int]:
        total = self.session.scalar(select(func.count()).select_from(query.order_by(None).subquery()))
        rows = [dict(row._mapping) for row in self.session.execute(query.limit(spec.per_page).offset(spec.offset))]
        return rows, total or 0

    def request_page(self, org: str, spec: ListQuery, now: datetime) -> tuple[list[dict], int]:
        """Requests by status (all by default), searched and filtered; longest waiting first unless sorted."""
        query = (select(r.id, r.kind, r.first_name, r.postcode, r.status, r.created_at, r.paused_at)
                 .where(r.organization_id == org, _found(r.search_text, spec),
                        assigned_clause(orm.requests, spec)))
        if spec.status:
            query = query.where(r.status == spec.status)
        if spec.kind:
            query = query.where(r.kind == spec.kind)
        if spec.min_days:
            query = query.where(r.created_at <= now - timedelta(days=spec.min_days))
        order = {"name": (r.first_name, r.created_at), "postcode": (r.postcode, r.created_at)}.get(spec.sort, (r.created_at,))
        rows, total = self._page(query.order_by(*order, r.id), spec)
        s = orm.suggestions.c
        counts = dict(self.session.execute(select(s.request_id, func.count()).where(
            s.request_id.in_([row["id"] for row in rows])).group_by(s.request_id)).all()) if rows else {}
        for row in rows:
            row["suggestions"] = counts.get(row["id"], 0)
            row["waiting_days"] = (now - orm.UtcDateTime().process_result_value(row["created_at"], None)).days
        return rows, total

    def volunteer_page(self, org: str, spec: ListQuery, now: datetime) -> tuple[list[dict], int]:
        """Volunteers, searched and filtered; those who signed up first come first unless sorted."""
        query = (select(v.id, v.first_name, v.last_name, v.email, v.phone, v.postcode, v.status, v.capacity, v.kinds,
                        v.vog_checked_at, v.created_at)
                 .where(v.organization_id == org, _found(v.search_text, spec),
                        assigned_clause(orm.volunteers, spec)))
        if spec.status:
            query = query.where(v.status == spec.status)
        if spec.kind:
            query = query.where(_kind_of_volunteer(spec.kind))
        if spec.min_days:
            query = query.where(v.created_at <= now - timedelta(days=spec.min_days))
        order = {"name": (v.first_name, v.last_name), "postcode": (v.postcode, v.created_at)}.get(spec.sort, (v.created_at,))
        rows, total = self._page(query.order_by(*order, v.id), spec)
        counts = dict(self.session.execute(select(m.offer_id, func.count()).where(
            m.offer_type == OfferType.VOLUNTEER, m.status == MatchStatus.ACTIVE,
            m.offer_id.in_([row["id"] for row in rows])).group_by(m.offer_id)).all()) if rows else {}
        for row in rows:
            row["active_matches"] = counts.get(row["id"], 0)
        return rows, total

    def match_page(self, org: str, spec: ListQuery, now: datetime) -> tuple[list[dict], int]:
        """Matches with both names (the person's first name; a volunteer's name or a placement's title),
        newest proposal first; `q` looks in both sides, `kind` is the request's kind."""
        query = (select(orm.matches, r.first_name.label("request_first_name"), r.kind.label("kind"),
                        v.first_name.label("volunteer_first_name"), v.last_name.label("volunteer_last_name"),
                        p.title.label("placement_title"))
                 .join(orm.requests, r.id == m.request_id)
                 .outerjoin(orm.volunteers, and_(m.offer_type == OfferType.VOLUNTEER, v.id == m.offer_id))
                 .outerjoin(orm.placements, and_(m.offer_type == OfferType.PLACEMENT, p.id == m.offer_id))
                 .where(m.organization_id == org, assigned_clause(orm.requests, spec)))
        for term in spec.terms:
            query = query.where(or_(_like(r.search_text, term), _like(v.search_text, term),
                                    _like(func.lower(p.title), term)))
        if spec.status:
            query = query.where(m.status == spec.status)
        if spec.health:  # kept only while a match runs
            query = query.where(m.status == MatchStatus.ACTIVE, m.health == spec.health)
        if spec.kind:
            query = query.where(r.kind == spec.kind)
        if spec.min_days:
            query = query.where(m.proposed_at <= now - timedelta(days=spec.min_days))
        order = {"name": (r.first_name, m.proposed_at.desc()), "postcode": (r.postcode, m.proposed_at.desc())}.get(
            spec.sort, (m.proposed_at.desc(),))
        return self._page(query.order_by(*order, m.id), spec)

    def message_page(self, org: str, spec: ListQuery, now: datetime) -> tuple[list[dict], int]:
        """Messages, newest first; `q` looks in the recipient (name, email, phone, postcode) and the subject."""
        query = (select(orm.messages)
                 .outerjoin(orm.requests, and_(msg.recipient_type == "request", r.id == msg.recipient_id))
                 .outerjoin(orm.volunteers, and_(msg.recipient_type == "volunteer", v.id == msg.recipient_id))
                 .where(msg.organization_id == org))
        for term in spec.terms:
            query = query.where(or_(_like(r.search_text, term), _like(v.search_text, term),
                                    _like(func.lower(msg.subject), term), _like(func.lower(msg.to_address), term)))
        if spec.status:
            query = query.where(msg.status == spec.status)
        if spec.min_days:
            query = query.where(msg.created_at <= now - timedelta(days=spec.min_days))
        return self._page(query.order_by(msg.created_at.desc(), msg.id), spec)
