"""Read side: plain SQL shaped for the screens and the API (no aggregates, no events)."""
from __future__ import annotations

from collections import Counter
from datetime import datetime
from statistics import median

import numpy as np
from sqlalchemy import func, select, text
from sqlalchemy.orm import Session

from matching.adapters import orm

r, v, p, m, msg = orm.requests.c, orm.volunteers.c, orm.placements.c, orm.matches.c, orm.messages.c


def requests(session: Session, org: str, status: str | None, now: datetime, limit: int = 500) -> list[dict]:
    """The waiting list (or another status), longest waiting first, with the number of suggestions.

    Two queries on purpose: the page of requests first, then the counts for just those ids. One
    query with a grouped subquery let PostgreSQL, with stale statistics, re-aggregate every
    suggestion per request (50 s for 2,400 waiting under load).
    """
    query = (select(r.id, r.kind, r.first_name, r.postcode, r.status, r.created_at, r.paused_at)
             .where(r.organization_id == org).order_by(r.created_at, r.id).limit(limit))
    if status:
        query = query.where(r.status == status)
    rows = [dict(row._mapping) for row in session.execute(query)]
    s = orm.suggestions.c
    counts = dict(session.execute(select(s.request_id, func.count()).where(
        s.request_id.in_([row["id"] for row in rows])).group_by(s.request_id)).all()) if rows else {}
    for row in rows:
        row["suggestions"] = counts.get(row["id"], 0)
        row["waiting_days"] = (now - orm.UtcDateTime().process_result_value(row["created_at"], None)).days
    return rows


def volunteers(session: Session, org: str, status: str | None, limit: int = 1000) -> list[dict]:
    """Volunteers with their number of active matches (two queries, as for the waiting list)."""
    query = (select(v.id, v.first_name, v.last_name, v.email, v.phone, v.postcode, v.status, v.capacity, v.kinds,
                    v.vog_checked_at, v.created_at).where(v.organization_id == org)
             .order_by(v.created_at, v.id).limit(limit))
    if status:
        query = query.where(v.status == status)
    rows = [dict(row._mapping) for row in session.execute(query)]
    counts = dict(session.execute(select(m.offer_id, func.count()).where(
        m.offer_type == "volunteer", m.status == "active", m.offer_id.in_([row["id"] for row in rows]),
    ).group_by(m.offer_id)).all()) if rows else {}
    for row in rows:
        row["active_matches"] = counts.get(row["id"], 0)
    return rows


def placements(session: Session, org: str) -> list[dict]:
    query = select(orm.placements).where(p.organization_id == org).order_by(p.created_at, p.id)
    return [dict(row._mapping) for row in session.execute(query)]


def matches(session: Session, org: str, status: str | None) -> list[dict]:
    query = select(orm.matches).where(m.organization_id == org).order_by(m.proposed_at.desc(), m.id)
    if status:
        query = query.where(m.status == status)
    return [dict(row._mapping) for row in session.execute(query)]


def messages(session: Session, org: str) -> list[dict]:
    query = select(orm.messages).where(msg.organization_id == org).order_by(msg.created_at.desc(), msg.id)
    return [dict(row._mapping) for row in session.execute(query)]


def stats(session: Session, org: str, now: datetime) -> dict:
    """The figures a municipality asks for."""
    waiting_since = np.array(list(session.scalars(select(_epoch(r.created_at)).where(
        r.organization_id == org, r.status == "waiting"))), dtype=float)
    by_status = Counter(dict(session.execute(select(m.status, func.count()).where(
        m.organization_id == org).group_by(m.status)).all()))
    confirmed = session.scalars(select(m.confirmed_at).where(m.organization_id == org, m.confirmed_at.is_not(None)))
    per_month = Counter(orm.UtcDateTime().process_result_value(at, None).strftime("%Y-%m") for at in confirmed)
    days = (now.timestamp() - waiting_since) // 86400
    return {"waiting": len(days), "median_waiting_days": float(np.median(days)) if len(days) else 0,
            "active_matches": by_status["active"], "ended_matches": by_status["ended"],
            "matches_per_month": [{"month": k, "count": n} for k, n in sorted(per_month.items())]}


def _epoch(column):
    """Seconds since 1970 computed by the database: no datetime parsing per row in Python."""
    return func.extract("epoch", column)


def ping(session: Session) -> None:
    session.execute(text("SELECT 1"))


def quarter_figures(session: Session, org: str, start: datetime, end: datetime) -> dict:
    """Counts for one quarter, without any personal data: what a municipality asks (Wmo)."""
    def count(table, *conditions):
        return session.scalar(select(func.count()).select_from(table).where(*conditions)) or 0

    in_quarter = lambda column: (column >= start) & (column < end)  # noqa: E731
    ended = dict(session.execute(select(m.end_reason, func.count()).where(
        m.organization_id == org, in_quarter(m.ended_at)).group_by(m.end_reason)).all())
    started = list(session.execute(select(m.confirmed_at, r.created_at).join(orm.requests, r.id == m.request_id).where(
        m.organization_id == org, in_quarter(m.confirmed_at))))
    waits = [(orm.UtcDateTime().process_result_value(c, None) - orm.UtcDateTime().process_result_value(s, None)).days
             for c, s in started]
    return {
        "aanmeldingen_maatje": count(orm.requests, r.organization_id == org, r.kind == "maatje", in_quarter(r.created_at)),
        "aanmeldingen_werkervaringsplaats": count(orm.requests, r.organization_id == org,
                                                  r.kind == "werkervaringsplaats", in_quarter(r.created_at)),
        "nieuwe_vrijwilligers": count(orm.volunteers, v.organization_id == org, in_quarter(v.created_at)),
        "koppelingen_gestart": len(started),
        "mediane_wachttijd_dagen": median(waits) if waits else "",
        "koppelingen_beeindigd": sum(ended.values()),
        **{f"beeindigd_{reason}": ended.get(reason, 0) for reason in
           ("goal_reached", "moved", "no_click", "stopped", "other")},
        "actieve_koppelingen_einde": count(orm.matches, m.organization_id == org, m.confirmed_at < end,
                                           (m.ended_at.is_(None)) | (m.ended_at >= end), m.status.in_(("active", "ended"))),
        "wachtenden_nu": count(orm.requests, r.organization_id == org, r.status == "waiting"),
    }


def open_reminders(session: Session, org: str) -> list[dict]:
    """Reminders not yet handled, oldest due first."""
    rem = orm.reminders.c
    query = select(orm.reminders).where(rem.organization_id == org, rem.done_at.is_(None)).order_by(rem.due_on, rem.id)
    return [dict(row._mapping) for row in session.execute(query)]


def blocked_counts(session: Session, org: str) -> list[dict]:
    """The stored "why nobody fits" counts of every waiting request that has no candidate."""
    return list(session.scalars(select(r.blocked_by).where(
        r.organization_id == org, r.status == "waiting", r.blocked_by.is_not(None))))


def history(session: Session, org: str, now: datetime, months: int = 12) -> list[dict]:
    """Per month (oldest first): people waiting at its end, their median waiting days, matches started.

    A request waits from sign-up until its first confirmed match or its withdrawal (a request sent
    back after "no click" counts as placed in between: a simplification the chart notes).
    """
    first_match = select(m.request_id, func.min(m.confirmed_at).label("placed")).where(
        m.organization_id == org, m.confirmed_at.is_not(None)).group_by(m.request_id).subquery()
    rows = session.execute(select(_epoch(r.created_at), _epoch(r.withdrawn_at), _epoch(first_match.c.placed))
                           .outerjoin(first_match, first_match.c.request_id == r.id).where(r.organization_id == org))
    times = np.array([tuple(np.inf if t is None else t for t in row) for row in rows], dtype=float).reshape(-1, 3)
    created, left = times[:, 0], np.minimum(times[:, 1], times[:, 2])
    utc = orm.UtcDateTime().process_result_value
    out = []
    for back in range(months - 1, -1, -1):
        year, month = divmod(now.year * 12 + now.month - 1 - back, 12)
        start = now.replace(year=year, month=month + 1, day=1, hour=0, minute=0, second=0, microsecond=0)
        end = min(now, start.replace(year=year + (month == 11), month=1 if month == 11 else month + 2)).timestamp()
        waiting_days = (end - created[(created <= end) & (left > end)]) // 86400
        out.append({"month": start.strftime("%Y-%m"), "waiting": int(len(waiting_days)),
                    "median_waiting_days": float(np.median(waiting_days)) if len(waiting_days) else 0})
    per_month = Counter(utc(at, None).strftime("%Y-%m") for at in session.scalars(
        select(m.confirmed_at).where(m.organization_id == org, m.confirmed_at.is_not(None))))
    for row in out:
        row["matches"] = per_month.get(row["month"], 0)
    return out


def end_reasons(session: Session, org: str) -> dict[str, int]:
    return dict(session.execute(select(m.end_reason, func.count()).where(
        m.organization_id == org, m.status == "ended").group_by(m.end_reason)).all())


def audit_log(session: Session, org: str, limit: int = 500) -> list[dict]:
    """Who viewed or changed whose data, newest first, with the user's email. The rows of one list
    view (one per person shown, all at the same moment) come back as one line with their count."""
    a, u = orm.audit_log.c, orm.users.c
    query = (select(a.at, a.action, a.subject_type, func.min(a.subject_id).label("subject_id"),
                    func.count().label("people"), u.email.label("user_email"))
             .outerjoin(orm.users, u.id == a.user_id).where(a.organization_id == org)
             .group_by(a.at, a.action, a.subject_type, a.user_id, u.email)
             .order_by(a.at.desc(), a.action).limit(limit))
    return [dict(row._mapping) for row in session.execute(query)]


def access_log_about(session: Session, subject_type: str, subject_id: str,
                     newest: int | None = None, since: datetime | None = None) -> list[dict]:
    """Every logged view or change of one person's data, oldest first (or only the `newest`, newest
    first; or only those `since` a moment): who, in which role, on behalf of which organisation,
    when and what (NEN 7513)."""
    a, u, o = orm.audit_log.c, orm.users.c, orm.organizations.c
    query = (select(a.at, a.action, a.user_id, u.email.label("user_email"), u.role.label("user_role"),
                    o.name.label("organization"))
             .outerjoin(orm.users, u.id == a.user_id).join(orm.organizations, o.id == a.organization_id)
             .where(a.subject_type == subject_type, a.subject_id == subject_id))
    if since is not None:
        query = query.where(a.at >= since)
    query = query.order_by(a.at, a.id) if newest is None else query.order_by(a.at.desc(), a.id.desc()).limit(newest)
    return [dict(row._mapping) for row in session.execute(query)]


def access_count(session: Session, subject_type: str, subject_id: str) -> int:
    a = orm.audit_log.c
    return session.scalar(select(func.count()).select_from(orm.audit_log).where(
        a.subject_type == subject_type, a.subject_id == subject_id))


def messages_to(session: Session, recipient_type: str, recipient_id: str) -> list[dict]:
    msg = orm.messages.c
    query = (select(msg.subject, msg.body, msg.sms_body, msg.status, msg.created_at, msg.sent_at)
             .where(msg.recipient_type == recipient_type, msg.recipient_id == recipient_id).order_by(msg.created_at))
    return [dict(row._mapping) for row in session.execute(query)]


def matches_of(session: Session, person_type: str, person_id: str) -> list[dict]:
    m = orm.matches.c
    theirs = (m.request_id == person_id) if person_type == "request" else (
        (m.offer_type == person_type) & (m.offer_id == person_id))
    query = (select(m.status, m.proposed_at, m.confirmed_at, m.ended_at, m.end_reason, m.ends_on)
             .where(theirs).order_by(m.proposed_at))
    return [dict(row._mapping) for row in session.execute(query)]
