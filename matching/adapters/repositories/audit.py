"""The access log (NEN 7513): who viewed or changed whose data, ids only, never the data itself."""
from __future__ import annotations

from datetime import datetime

from sqlalchemy import insert
from sqlalchemy.orm import Session

from matching.adapters import orm


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
        """One row per person shown on a list (every view of whose data)."""
        rows = [{"at": now, "organization_id": organization_id, "user_id": user_id, "action": action,
                 "subject_type": subject_type, "subject_id": subject_id}
                for subject_type, subject_id in dict.fromkeys(subjects)]
        if rows:
            self.session.execute(insert(orm.audit_log), rows)
