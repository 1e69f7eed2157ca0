"""The messages Koppel sent or stored (API: GET /messages; the workspace's Berichten page)."""
from __future__ import annotations

from matching.domain.search import ListQuery
from matching.services.messagebus import MessageBus
from matching.services.queries.person_records import viewed


def rows(bus: MessageBus, org: str, user_id: str | None, newest: int | None = None) -> list[dict]:
    """Newest first (only the `newest` ones when given: a page, not a year of mail). Messages hold names
    and addresses: every recipient shown is in the access log."""
    with bus.uow() as uow:
        found = uow.read_model.messages(org)[:newest]
        shown = [(row["recipient_type"], row["recipient_id"]) for row in found
                 if row["recipient_type"] in ("request", "volunteer")]
        viewed(uow, bus.deps.clock.now(), org, user_id, "message.list", shown)
        return found


def page(bus: MessageBus, org: str, spec: ListQuery) -> dict:
    """One page of messages, newest first, searched and filtered; every recipient shown is logged."""
    with bus.uow() as uow:
        now = bus.deps.clock.now()
        found, total = uow.read_model.message_page(org, spec, now)
        viewed(uow, now, org, spec.user_id, "message.list", [(row["recipient_type"], row["recipient_id"]) for row in found
                                                             if row["recipient_type"] in ("request", "volunteer")])
        return {"items": found, "total": total, "page": spec.page, "per_page": spec.per_page}
