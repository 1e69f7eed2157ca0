"""The volunteers (API: GET /volunteers; the workspace's Vrijwilligers page)."""
from __future__ import annotations

from matching.domain.search import ListQuery
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


def page(bus: MessageBus, org: str, spec: ListQuery) -> dict:
    """One page of volunteers, searched and filtered, with the total; every volunteer shown is logged."""
    with bus.uow() as uow:
        now = bus.deps.clock.now()
        found, total = uow.read_model.volunteer_page(org, spec, now)
        viewed(uow, now, org, spec.user_id, "volunteer.list", [("volunteer", row["id"]) for row in found])
        return {"items": found, "total": total, "page": spec.page, "per_page": spec.per_page}
