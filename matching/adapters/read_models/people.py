"""What is held about one person, and who looked at it (NEN 7513), for exports and the access log."""
from __future__ import annotations

from datetime import datetime

from sqlalchemy import Table, func, select
from sqlalchemy.orm import Session
from sqlalchemy.sql import ColumnElement

from matching.adapters import orm

EXPORTED = ("requests", "volunteers", "placements", "matches", "suggestions", "messages", "reminders",
            "consents", "audit_log", "notes", "referrals", "transfers")
NEVER = {"password_hash", "totp_secret", "totp_last_step", "manage_token_hash", "session_version", "link_seal",
         "token_hash"}


class PersonalData:
    session: Session

    def audit_log(self, org: str, limit: int = 500) -> list[dict]:
        """Who viewed or changed whose data, newest first, with the user's email. The rows of one list
        view (one per person shown, all at the same moment) come back as one line with their count."""
        a, u = orm.audit_log.c, orm.users.c
        query = (select(a.at, a.action, a.subject_type, func.min(a.subject_id).label("subject_id"),
                        func.count().label("people"), u.email.label("user_email"))
                 .outerjoin(orm.users, u.id == a.user_id).where(a.organization_id == org)
                 .group_by(a.at, a.action, a.subject_type, a.user_id, u.email)
                 .order_by(a.at.desc(), a.action).limit(limit))
        return [dict(row._mapping) for row in self.session.execute(query)]

    def access_log_about(self, subject_type: str, subject_id: str, newest: int | None = None,
                         since: datetime | None = None) -> list[dict]:
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
        return [dict(row._mapping) for row in self.session.execute(query)]

    def access_count(self, subject_type: str, subject_id: str) -> int:
        a = orm.audit_log.c
        return self.session.scalar(select(func.count()).select_from(orm.audit_log).where(
            a.subject_type == subject_type, a.subject_id == subject_id))

    def messages_to(self, recipient_type: str, recipient_id: str) -> list[dict]:
        msg = orm.messages.c
        query = (select(msg.subject, msg.body, msg.sms_body, msg.status, msg.created_at, msg.sent_at)
                 .where(msg.recipient_type == recipient_type, msg.recipient_id == recipient_id).order_by(msg.created_at))
        return [dict(row._mapping) for row in self.session.execute(query)]

    def matches_of(self, person_type: str, person_id: str) -> list[dict]:
        m = orm.matches.c
        theirs = (m.request_id == person_id) if person_type == "request" else (
            (m.offer_type == person_type) & (m.offer_id == person_id))
        query = (select(m.status, m.proposed_at, m.confirmed_at, m.ended_at, m.end_reason, m.ends_on)
                 .where(theirs).order_by(m.proposed_at))
        return [dict(row._mapping) for row in self.session.execute(query)]

    def organization_rows(self, organization_id: str) -> dict[str, list[dict]]:
        """Every row of one organisation, table by table; secrets (password hashes, private-link
        hashes, two-factor keys, sealed links) are left out."""
        out = {"users": self._rows(orm.users, orm.users.c.organization_id == organization_id)}
        for name in EXPORTED:
            table = orm.metadata.tables[name]
            if name == "suggestions":
                where = table.c.request_id.in_(select(orm.requests.c.id).where(
                    orm.requests.c.organization_id == organization_id))
            elif name == "transfers":  # the sender's record and the partner's alike
                where = (table.c.from_organization_id == organization_id) | (table.c.to_organization_id == organization_id)
            else:
                where = table.c.organization_id == organization_id
            out[name] = self._rows(table, where)
        return out

    def _rows(self, table: Table, where: ColumnElement) -> list[dict]:
        columns = [column for column in table.c if column.name not in NEVER]
        query = select(*columns).where(where).order_by(*table.primary_key)
        return [dict(row._mapping) for row in self.session.execute(query)]
