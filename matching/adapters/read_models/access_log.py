"""Who looked at whose data (NEN 7513): the admin's log page and a person's own access log. Both read
`audit_log` (changes, views of one person, and the per-person rows list views wrote before migration
0022) and `audit_views` (one row per list view since): history is not rewritten."""
from __future__ import annotations

from datetime import datetime

from sqlalchemy import CompoundSelect, case, func, literal, select, union_all
from sqlalchemy.orm import Session

from matching.adapters import orm
from matching.adapters.repositories.audit import showed


class AccessLogReads:
    session: Session

    def audit_log(self, org: str, limit: int = 500) -> list[dict]:
        """Who viewed or changed whose data, newest first, with the user's email; one line per list view
        with how many people it showed (`subject_id` only when it showed one, or for an old grouped line).
        The old per-person rows of one list view (all at one moment) are grouped into their line."""
        a, v, u = orm.audit_log.c, orm.audit_views.c, orm.users.c
        grouped = (select(a.at, a.action, a.subject_type, func.min(a.subject_id).label("subject_id"),
                          func.count().label("people"), u.email.label("user_email"))
                   .outerjoin(orm.users, u.id == a.user_id).where(a.organization_id == org)
                   .group_by(a.at, a.action, a.subject_type, a.user_id, u.email)
                   .order_by(a.at.desc(), a.action).limit(limit))
        views = (select(v.at, v.action, v.subject_types.label("subject_type"), v.people,
                        case((v.people == 1, v.subject_ids)).label("keys"), u.email.label("user_email"))
                 .outerjoin(orm.users, u.id == v.user_id).where(v.organization_id == org)
                 .order_by(v.at.desc(), v.action).limit(limit))
        rows = [dict(row._mapping) for row in self.session.execute(grouped)]
        for row in self.session.execute(views):
            line = dict(row._mapping)
            keys = line.pop("keys")
            rows.append({**line, "subject_id": keys[0].split(":", 1)[1] if keys else None})
        by_action = sorted(rows, key=lambda row: row["action"])
        return sorted(by_action, key=lambda row: row["at"], reverse=True)[:limit]  # newest first, stable

    def access_log_about(self, subject_type: str, subject_id: str, newest: int | None = None,
                         since: datetime | None = None) -> list[dict]:
        """Every logged view or change of one person's data, oldest first (or only the `newest`, newest
        first; or only those `since` a moment): who, in which role, on behalf of which organisation,
        when and what (NEN 7513). A list view that showed the person is one view of them."""
        seen = self._about(subject_type, subject_id, since).subquery("seen")
        u, o = orm.users.c, orm.organizations.c
        query = (select(seen.c.at, seen.c.action, seen.c.user_id, u.email.label("user_email"),
                        u.role.label("user_role"), o.name.label("organization"))
                 .select_from(seen).outerjoin(orm.users, u.id == seen.c.user_id)
                 .join(orm.organizations, o.id == seen.c.organization_id))
        order = (seen.c.at, seen.c.source, seen.c.id)  # at one moment: single rows, then list views
        query = query.order_by(*order) if newest is None else query.order_by(*(c.desc() for c in order)).limit(newest)
        return [dict(row._mapping) for row in self.session.execute(query)]

    def access_count(self, subject_type: str, subject_id: str) -> int:
        return self.session.scalar(select(func.count()).select_from(
            self._about(subject_type, subject_id, None).subquery()))

    def _about(self, subject_type: str, subject_id: str, since: datetime | None) -> CompoundSelect:
        """The rows of both tables about one person: (id, at, action, user_id, organization_id, source)."""
        a, v = orm.audit_log.c, orm.audit_views.c
        single = (select(a.id, a.at, a.action, a.user_id, a.organization_id, literal(0).label("source"))
                  .where(a.subject_type == subject_type, a.subject_id == subject_id))
        listed = (select(v.id, v.at, v.action, v.user_id, v.organization_id, literal(1).label("source"))
                  .where(showed(self.session.get_bind().dialect.name, subject_type, subject_id)))
        if since is not None:
            single, listed = single.where(a.at >= since), listed.where(v.at >= since)
        return union_all(single, listed)
