"""The admin's access log page: who viewed or changed whose data."""
from __future__ import annotations

from matching.services.messagebus import MessageBus


def rows(bus: MessageBus, org: str) -> list[dict]:
    """Newest first, with the user's email; one line per list view, with how many people it showed."""
    with bus.uow() as uow:
        return uow.read_model.audit_log(org)
