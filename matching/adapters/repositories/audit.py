"""The access log (NEN 7513): who viewed or changed whose data, ids only, never the data itself.

A change or a view of one person is a row in `audit_log`; a list view is one row in `audit_views`
holding everyone it showed as "type:id" keys (one insert per page, not one per person)."""
from __future__ import annotations

from datetime import datetime

from sqlalchemy import ColumnElement, func, insert, type_coerce
from sqlalchemy.dialects.postgresql import ARRAY
from sqlalchemy.orm import Session
from sqlalchemy.types import Text

from matching.adapters import orm


def subject_key(subject_type: str, subject_id: str) -> str:
    """How one person stands in a list view's `subject_ids`: "request:<id>"."""
    return f"{subject_type}:{subject_id}"


def showed(dialect: str, subject_type: str, subject_id: str) -> ColumnElement[bool]:
    """The list views that showed this person: on PostgreSQL `subject_ids @> ARRAY[key]` (the GIN index
    answers it); elsewhere a scan of the JSON text for the quoted key (a key holds no quote): on SQLite
    about 4 ms per 1,000 list views of fifty, so the embedded default slows as views pile up."""
    key, column = subject_key(subject_type, subject_id), orm.audit_views.c.subject_ids
    if dialect == "postgresql":
        return type_coerce(column, ARRAY(Text)).contains([key])
    return func.instr(column, f'"{key}"') > 0


class AuditLog:
    def __init__(self, session: Session):
        self.session = session

    def record(self, organization_id: str, user_id: str | None, action: str, subject_type: str, subject_id: str,
               now: datetime) -> None:
        self.session.execute(insert(orm.audit_log).values(
            at=now, organization_id=organization_id, user_id=user_id, action=action,
            subject_type=subject_type, subject_id=subject_id))

    def record_views(self, organization_id: str, user_id: str | None, action: str,
                     subjects: list[tuple[str, str]], now: datetime) -> None:
        """One row for a list view with everyone it showed (each once, in the order shown)."""
        shown = dict.fromkeys(subjects)
        if not shown:
            return
        self.session.execute(insert(orm.audit_views), {  # parameters, not .values(): one cached statement
            "at": now, "organization_id": organization_id, "user_id": user_id, "action": action,
            "subject_types": ",".join(dict.fromkeys(subject_type for subject_type, _ in shown)), "people": len(shown),
            "subject_ids": [subject_key(*subject) for subject in shown]})
