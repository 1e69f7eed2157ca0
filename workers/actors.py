"""Actors: thin and idempotent. An event (its id, and usually its ids-only payload) comes in; the
service layer does the rest.

Declared by `declare(broker, bus)`, never at import. Dramatiq binds an actor to a broker when the
actor is declared, so the broker has to exist first (its best practice: set the broker before any
actor); a module-level `@dramatiq.actor` would build one, and start an embedded Redis, on import.
"""
from __future__ import annotations

import dramatiq

from matching.bootstrap import EVENT_ACTOR, QUEUE
from matching.services.messagebus import MessageBus

# A failing handler (database or mail server down) is retried with backoff for about half an hour.
RETRIES = {"max_retries": 20, "min_backoff": 500, "max_backoff": 60_000}


def declare(broker: dramatiq.Broker, bus: MessageBus, **options) -> dramatiq.Actor:
    """Declare `handle_event` on `broker` (once: Dramatiq refuses a name twice on one broker), handing
    each event to `bus`; `options` override RETRIES (tests)."""

    def handle_event(event_id: str, event: dict | None = None) -> None:
        """Run every handler of one outbox event (each records the event id, so redelivery is harmless)."""
        bus.handle_event(event_id, event)

    return dramatiq.actor(handle_event, broker=broker, actor_name=EVENT_ACTOR, queue_name=QUEUE,
                          **{**RETRIES, **options})
