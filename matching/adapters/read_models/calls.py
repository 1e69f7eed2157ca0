"""The coordinator's contact with people: the call list and a person's notes (plain SQL).

The call list is the rule of matching/domain/call_task.py asked in one query: messages to a person
without email that were not sent, with no `call` note on that person written after them."""
from __future__ import annotations

from sqlalchemy import String, and_, exists, func, literal, select, union_all
from sqlalchemy.orm import Session

from matching.adapters import orm
from matching.adapters.repositories.messages import ERASED  # what erasure leaves of a message
from matching.domain import call_task
from matching.domain.note import NoteKind

m, n = orm.messages.c, orm.notes.c


def _open_for(table, person_type: str, org: str):
    """Open call tasks to people of one table (requests or volunteers)."""
    p = table.c
    called_since = exists().where(n.person_type == person_type, n.person_id == m.recipient_id,
                                  n.kind == NoteKind.CALL, n.created_at > m.created_at)
    return (select(m.id, m.subject, m.body, m.created_at.label("raised_at"), m.match_id, m.status,
                   literal(person_type).label("person_type"), p.id.label("person_id"), p.first_name, p.phone,
                   (p.kind if "kind" in p else literal(None, String)).label("kind"))
            .join(table, and_(m.recipient_type == person_type, p.id == m.recipient_id))
            .where(m.organization_id == org, m.to_address.is_(None), m.status.in_(call_task.UNDELIVERED),
                   p.email.is_(None), p.erased_at.is_(None), m.subject != ERASED, ~called_since))


class CallList:
    session: Session

    def open_calls(self, org: str, page: int, per_page: int) -> tuple[list[dict], int]:
        """One page of the organisation's open call tasks, newest first, and how many there are in all."""
        both = union_all(_open_for(orm.requests, "request", org),
                         _open_for(orm.volunteers, "volunteer", org)).subquery()
        total = self.session.scalar(select(func.count()).select_from(both)) or 0
        rows = self.session.execute(select(both).order_by(both.c.raised_at.desc(), both.c.id)
                                    .limit(per_page).offset((page - 1) * per_page))
        items = [dict(row._mapping) for row in rows]
        for item in items:
            item["raised_at"] = orm.UtcDateTime().process_result_value(item["raised_at"], None)
        return items, total

    def notes_about(self, person_type: str, person_id: str) -> list[dict]:
        """A person's notes, oldest first, with who wrote them (for their own export)."""
        u = orm.users.c
        query = (select(n.kind, n.text, n.created_at, u.email.label("by")).outerjoin(orm.users, u.id == n.author_id)
                 .where(n.person_type == person_type, n.person_id == person_id).order_by(n.created_at, n.id))
        return [dict(row._mapping) for row in self.session.execute(query)]
