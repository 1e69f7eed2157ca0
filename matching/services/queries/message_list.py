"""The messages Koppel sent or stored (API: GET /messages; the workspace's Berichten page)."""
from __future__ import annotations

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
