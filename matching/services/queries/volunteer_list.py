"""The volunteers (API: GET /volunteers; the workspace's Vrijwilligers page)."""
from __future__ import annotations

from matching.services.messagebus import MessageBus
from matching.services.queries.assignment import resolve_assigned
from matching.services.queries.person_records import viewed


def rows(bus: MessageBus, org: str, status: str | None, user_id: str | None, assigned: str | None = None) -> list[dict]:
    """The volunteers with contact details and active matches: every volunteer shown is in the access log.
    `assigned`: me, none or a coordinator's id (assignment.resolve_assigned)."""
    who = resolve_assigned(assigned, user_id)
    with bus.uow() as uow:
        found = uow.read_model.volunteers(org, status, assigned=who)
        viewed(uow, bus.deps.clock.now(), org, user_id, "volunteer.list", [("volunteer", row["id"]) for row in found])
        return found
