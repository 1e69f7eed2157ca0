"""What is held about one person, and every row of an organisation, for the exports (who looked at
whose data: access_log.py)."""
from __future__ import annotations

from sqlalchemy import Table, select
from sqlalchemy.orm import Session
from sqlalchemy.sql import ColumnElement

from matching.adapters import orm

EXPORTED = ("requests", "volunteers", "placements", "matches", "suggestions", "messages", "reminders",
            "consents", "audit_log", "audit_views", "notes", "referrals", "transfers")
NEVER = {"password_hash", "totp_secret", "totp_last_step", "manage_token_hash", "session_version", "link_seal",
         "token_hash"}


class PersonalData:
    session: Session

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
