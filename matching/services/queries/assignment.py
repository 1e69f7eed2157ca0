"""Who looks after whom: the `assigned=me|none|<coordinator id>` filter of the lists, the organisation's
coordinators, and "Mijn mensen"."""
from __future__ import annotations

import uuid

from matching.domain.errors import Invalid
from matching.services.messagebus import MessageBus
from matching.services.queries.person_records import viewed

NONE = "none"


def resolve_assigned(assigned: str | None, user_id: str | None) -> str | None:
    """`me` -> the caller's id, `none` stays, a coordinator id stays (any other word: Invalid naming `assigned`);
    the lists pass the result on to the read model's `assigned`."""
    if not assigned:
        return None
    if assigned == "me":
        if not user_id:
            raise Invalid("assigned", "'me' needs a logged-in coordinator")
        return user_id
    if assigned == NONE:
        return NONE
    try:
        return str(uuid.UUID(assigned))
    except ValueError:
        raise Invalid("assigned", "me, none or a coordinator's id") from None


def coordinators(bus: MessageBus, org: str) -> list[dict]:
    """The organisation's active coordinators and admins (id, email, role)."""
    with bus.uow() as uow:
        return uow.read_model.coordinators(org)


def my_people(bus: MessageBus, org: str, user_id: str | None, assigned: str = "me") -> list[dict]:
    """The requests and volunteers given to a coordinator (default: the caller), every one shown logged."""
    who = resolve_assigned(assigned, user_id)
    with bus.uow() as uow:
        found = uow.read_model.assigned_people(org, who)
        viewed(uow, bus.deps.clock.now(), org, user_id, "person.list", [(row["person_type"], row["id"]) for row in found])
        return found
