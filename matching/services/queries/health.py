"""GET /healthz: whether the database answers."""
from __future__ import annotations

from matching.services.messagebus import MessageBus


def database_ok(bus: MessageBus) -> bool:
    """True when a trivial query succeeds; any failure (down, refused, timed out) is "unavailable"."""
    try:
        with bus.uow() as uow:
            uow.read_model.ping()
        return True
    except Exception:
        return False
