"""Figures for the dashboard and the municipality: counts, medians, months, no personal data."""
from __future__ import annotations

from collections import Counter
from datetime import datetime
from statistics import median

import numpy as np
from sqlalchemy import func, select
from sqlalchemy.orm import Session

from matching.adapters import orm
from matching.domain.match import EndReason, MatchStatus
from matching.domain.people import RequestStatus

r, v, m = orm.requests.c, orm.volunteers.c, orm.matches.c


def _epoch(column):
    """Seconds since 1970 computed by the database: no datetime parsing per row in Python."""
    return func.extract("epoch", column)


class Figures:
    session: Session

    def stats(self, org: str, now: datetime) -> dict:
        """The figures a municipality asks for."""
        waiting_since = np.array(list(self.session.scalars(select(_epoch(r.created_at)).where(
            r.organization_id == org, r.status == RequestStatus.WAITING))), dtype=float)
        by_status = Counter(dict(self.session.execute(select(m.status, func.count()).where(
            m.organization_id == org).group_by(m.status)).all()))
        confirmed = self.session.scalars(select(m.confirmed_at).where(m.organization_id == org, m.confirmed_at.is_not(None)))
        per_month = Counter(orm.UtcDateTime().process_result_value(at, None).strftime("%Y-%m") for at in confirmed)
        days = (now.timestamp() - waiting_since) // 86400
        return {"waiting": len(days), "median_waiting_days": float(np.median(days)) if len(days) else 0,
                "active_matches": by_status[MatchStatus.ACTIVE], "ended_matches": by_status[MatchStatus.ENDED],
                "matches_per_month": [{"month": k, "count": n} for k, n in sorted(per_month.items())]}

    def quarter_figures(self, org: str, start: datetime, end: datetime) -> dict:
        """Counts for one quarter, without any personal data: what a municipality asks (Wmo)."""
        def count(table, *conditions):
            return self.session.scalar(select(func.count()).select_from(table).where(*conditions)) or 0

        in_quarter = lambda column: (column >= start) & (column < end)  # noqa: E731
        ended = dict(self.session.execute(select(m.end_reason, func.count()).where(
            m.organization_id == org, in_quarter(m.ended_at)).group_by(m.end_reason)).all())
        started = list(self.session.execute(select(m.confirmed_at, r.created_at).join(orm.requests, r.id == m.request_id).where(
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
            **{f"beeindigd_{reason}": ended.get(reason, 0) for reason in EndReason},
            "actieve_koppelingen_einde": count(orm.matches, m.organization_id == org, m.confirmed_at < end,
                                               (m.ended_at.is_(None)) | (m.ended_at >= end),
                                               m.status.in_((MatchStatus.ACTIVE, MatchStatus.ENDED))),
            "wachtenden_nu": count(orm.requests, r.organization_id == org, r.status == RequestStatus.WAITING),
        }

    def history(self, org: str, now: datetime, months: int = 12) -> list[dict]:
        """Per month (oldest first): people waiting at its end, their median waiting days, matches started.

        A request waits from sign-up until its first proposal that was not declined (it is then proposed,
        later matched: no longer waiting) or its withdrawal (a request sent back after "no click" counts as
        placed in between: a simplification the chart notes).
        """
        first_match = select(m.request_id, func.min(m.proposed_at).label("placed")).where(
            m.organization_id == org, m.status != MatchStatus.DECLINED).group_by(m.request_id).subquery()
        rows = self.session.execute(select(_epoch(r.created_at), _epoch(r.withdrawn_at), _epoch(first_match.c.placed))
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
        per_month = Counter(utc(at, None).strftime("%Y-%m") for at in self.session.scalars(
            select(m.confirmed_at).where(m.organization_id == org, m.confirmed_at.is_not(None))))
        for row in out:
            row["matches"] = per_month.get(row["month"], 0)
        return out

    def end_reasons(self, org: str) -> dict[str, int]:
        return dict(self.session.execute(select(m.end_reason, func.count()).where(
            m.organization_id == org, m.status == MatchStatus.ENDED).group_by(m.end_reason)).all())

    def match_spells(self, org: str, confirmed_before: datetime | None = None) -> list[dict]:
        """confirmed_at, ended_at, end_reason and initiated_by of every match that ran (how long matches last)."""
        query = select(m.confirmed_at, m.ended_at, m.end_reason, m.initiated_by).where(
            m.organization_id == org, m.confirmed_at.is_not(None), m.status.in_((MatchStatus.ACTIVE, MatchStatus.ENDED)))
        if confirmed_before is not None:
            query = query.where(m.confirmed_at < confirmed_before)
        return [dict(row._mapping) for row in self.session.execute(query.order_by(m.confirmed_at, m.id))]

    def health_counts(self, org: str) -> dict[str, int]:
        """Running matches per kept health (the dashboard's "needs check-in" count)."""
        return dict(self.session.execute(select(m.health, func.count()).where(
            m.organization_id == org, m.status == MatchStatus.ACTIVE).group_by(m.health)).all())
