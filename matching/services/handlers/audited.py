"""A coordinator's step on someone's data, logged (ids only) and committed with the change itself."""
from __future__ import annotations

from matching.services.ports import Dependencies, UnitOfWork


def audited(uow: UnitOfWork, deps: Dependencies, cmd, action: str, subject_type: str, subject_id: str) -> None:
    """Log who did `action` to whose data (`cmd.by_user` in `cmd.organization_id`), then commit both."""
    uow.audit.record(cmd.organization_id, cmd.by_user, action, subject_type, subject_id, deps.clock.now())
    uow.commit()
