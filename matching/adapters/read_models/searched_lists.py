"""The coordinator's lists one page at a time, with search and filters (CONTRACT section 9).

Search compares the folded query (matching.domain.search) with the stored `search_text` column by
LIKE, on SQLite and PostgreSQL alike; every term must be found. Each list is two or three small
queries: the page of rows (with its count), then what the page shows beside them for just those ids.
"""
from __future__ import annotations

from datetime import datetime, timedelta

from sqlalchemy import Boolean, String, Table, and_, bindparam, cast, func, or_, select, true
from sqlalchemy.ext.compiler import compiles
from sqlalchemy.orm import Session
from sqlalchemy.sql import ColumnElement, Select
from sqlalchemy.sql.visitors import InternalTraversal

from matching.adapters import orm
from matching.domain.match import MatchStatus, OfferType
from matching.domain.people import RequestStatus
from matching.domain.search import ListQuery

MAX_IDS = 900  # found people passed as a list of ids; more, and the query keeps the subquery
r, v, p, m, msg = orm.requests.c, orm.volunteers.c, orm.placements.c, orm.matches.c, orm.messages.c


class _Holds(ColumnElement):
    """`text` holds `part` (both already folded): a plain substring test. instr() on SQLite (several times
    faster than LIKE '%...%' there); LIKE on PostgreSQL, which a trigram index (migration 0020, where the
    database allows pg_trgm) turns into an index lookup instead of a scan of the organisation's rows."""

    inherit_cache = True
    type = Boolean()
    _traverse_internals = [("text", InternalTraversal.dp_clauseelement), ("part", InternalTraversal.dp_clauseelement),
                           ("pattern", InternalTraversal.dp_clauseelement)]

    def __init__(self, text: ColumnElement, part: str):
        self.text, self.part = text, bindparam(None, part, type_=String())
        escaped = part.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_")
        self.pattern = bindparam(None, f"%{escaped}%", type_=String())


@compiles(_Holds)
def _holds_default(element, compiler, **kw):
    return f"{compiler.process(element.text, **kw)} LIKE {compiler.process(element.pattern, **kw)}"


@compiles(_Holds, "sqlite")
def _holds_sqlite(element, compiler, **kw):
    return f"instr({compiler.process(element.text, **kw)}, {compiler.process(element.part, **kw)}) > 0"


def _like(column: ColumnElement, term: str) -> ColumnElement:
    return _Holds(column, term)


def _searched(table: Table, org: str, term: str) -> Select:
    """Ids of one table's people whose search text holds `term`. The range on the search text (everyone
    not erased) makes the (organisation, search text) index the planner's choice, so the scan reads that
    index and fetches only the rows found (SQLite took the status index and read every row: 20-60 ms
    instead of 2)."""
    return select(table.c.id).where(table.c.organization_id == org, table.c.search_text > "",
                                    _like(table.c.search_text, term))


def _org(column: ColumnElement, org: str, spec: ListQuery) -> ColumnElement:
    """The organisation's rows. During a search the ids found (already of this organisation) should lead,
    so the organisation is compared through coalesce(): the same test, but no index the planner would
    rather scan (SQLite scanned all 18,000 messages of the organisation instead of looking up 700)."""
    return (func.coalesce(column, "") if spec.terms else column) == org


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

    def headline(self, org: str, now: datetime, count: int) -> dict:
        """The `count` waiting (counted by the caller with who heard from us, `WaitingFacts.contacted_count`)
        and their median waiting days (by the database where it can: the median from the middle row(s) of
        the sorted sign-up times), running and ended matches."""
        waiting = (r.organization_id == org) & (r.status == RequestStatus.WAITING)
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
                 .where(_org(r.organization_id, org, spec), assigned_clause(orm.requests, spec),
                        *self._search(orm.requests, org, spec)))
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
                        v.vog_checked_at, v.created_at, v.request_id)
                 .where(_org(v.organization_id, org, spec), assigned_clause(orm.volunteers, spec),
                        *self._search(orm.volunteers, org, spec)))
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

    def _people_found(self, org: str, term: str) -> list[str] | Select:
        """The ids of the organisation's requests and volunteers whose search text holds `term`: looked up
        once, so the list's query compares ids instead of searching text for every row it joins (SQLite
        ran the subquery again for each use). A common word that finds very many stays a subquery."""
        return self._ids(_searched(orm.requests, org, term).union_all(_searched(orm.volunteers, org, term)))

    def _search(self, table: Table, org: str, spec: ListQuery) -> list[ColumnElement]:
        """Where-clauses for a search in one table: the ids the rarer words find (intersected here), and
        a text test on just those rows for a word so common that listing its ids would cost more."""
        lists, common = [], []
        for term in spec.terms:
            ids = self._ids(_searched(table, org, term))
            (lists.append(set(ids)) if isinstance(ids, list) else common.append(term))
        clauses = [_like(table.c.search_text, term) for term in common]
        if lists:
            clauses.append(table.c.id.in_(sorted(set.intersection(*lists))))
        return clauses

    def _ids(self, found: Select) -> list[str] | Select:
        """The ids `found` selects as a list, or the query itself when there are very many."""
        ids = list(self.session.scalars(found.limit(MAX_IDS + 1)))
        return ids if len(ids) <= MAX_IDS else found

    def match_page(self, org: str, spec: ListQuery, now: datetime) -> tuple[list[dict], int]:
        """Matches with both names (the person's first name; a volunteer's name or a placement's title),
        newest proposal first; `q` looks in both sides, `kind` is the request's kind. Counted without the
        name joins; the names are joined for the page's rows only."""
        filtered = select(m.id).join(orm.requests, r.id == m.request_id).where(
            m.organization_id == org, assigned_clause(orm.requests, spec))
        for term in spec.terms:
            titles = select(p.id).where(p.organization_id == org, _like(func.lower(p.title), term))
            found = self._people_found(org, term)
            filtered = filtered.where(or_(m.request_id.in_(found), m.offer_id.in_(found), m.offer_id.in_(titles)))
        if spec.status:
            filtered = filtered.where(m.status == spec.status)
        if spec.health:  # kept only while a match runs
            filtered = filtered.where(m.status == MatchStatus.ACTIVE, m.health == spec.health)
        if spec.kind:
            filtered = filtered.where(r.kind == spec.kind)
        if spec.min_days:
            filtered = filtered.where(m.proposed_at <= now - timedelta(days=spec.min_days))
        order = {"name": (r.first_name, m.proposed_at.desc()), "postcode": (r.postcode, m.proposed_at.desc())}.get(
            spec.sort, (m.proposed_at.desc(),))
        page, total = self._page(filtered.order_by(*order, m.id), spec)
        ids = [row["id"] for row in page]
        if not ids:
            return [], total
        query = (select(orm.matches, r.first_name.label("request_first_name"), r.kind.label("kind"),
                        v.first_name.label("volunteer_first_name"), v.last_name.label("volunteer_last_name"),
                        p.title.label("placement_title"))
                 .join(orm.requests, r.id == m.request_id)
                 .outerjoin(orm.volunteers, and_(m.offer_type == OfferType.VOLUNTEER, v.id == m.offer_id))
                 .outerjoin(orm.placements, and_(m.offer_type == OfferType.PLACEMENT, p.id == m.offer_id))
                 .where(m.id.in_(ids)))
        by_id = {row["id"]: row for row in (dict(found._mapping) for found in self.session.execute(query))}
        return [by_id[i] for i in ids], total

    def message_page(self, org: str, spec: ListQuery, now: datetime) -> tuple[list[dict], int]:
        """Messages, newest first; `q` finds the messages to a person found by it (name, email, phone,
        postcode), through the recipient index."""
        query = select(orm.messages).where(_org(msg.organization_id, org, spec))
        for term in spec.terms:
            query = query.where(msg.recipient_id.in_(self._people_found(org, term)))
        if spec.status:
            query = query.where(msg.status == spec.status)
        if spec.min_days:
            query = query.where(msg.created_at <= now - timedelta(days=spec.min_days))
        return self._page(query.order_by(msg.created_at.desc(), msg.id), spec)
