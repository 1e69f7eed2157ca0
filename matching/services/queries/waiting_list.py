"""The waiting list (API: GET /requests; the dashboard's first table)."""
from __future__ import annotations

from matching.domain.search import ListQuery
from matching.services.messagebus import MessageBus
from matching.services.queries.assignment import resolve_assigned
from matching.services.queries.person_records import viewed


def rows(bus: MessageBus, org: str, status: str | None, user_id: str | None, limit: int = 500,
         assigned: str | None = None) -> list[dict]:
    """The requests (default: every status) with first names and postcodes, longest waiting first; every
    person shown is in the access log. `assigned`: me, none or a coordinator's id (assignment.resolve_assigned)."""
    who = resolve_assigned(assigned, user_id)
    with bus.uow() as uow:
        now = bus.deps.clock.now()
        found = uow.read_model.requests(org, status, now, limit, assigned=who)
        viewed(uow, now, org, user_id, "request.list", [("request", row["id"]) for row in found])
        return found


def page(bus: MessageBus, org: str, spec: ListQuery) -> dict:
    """One page of requests, searched and filtered (CONTRACT section 9), with the total; every person
    shown is in the access log."""
    with bus.uow() as uow:
        now = bus.deps.clock.now()
        found, total = uow.read_model.request_page(org, spec, now)
        viewed(uow, now, org, spec.user_id, "request.list", [("request", row["id"]) for row in found])
        return {"items": found, "total": total, "page": spec.page, "per_page": spec.per_page}
