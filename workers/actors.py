"""Actors: thin and idempotent. An event (its id, and usually its ids-only payload) comes in; the
service layer does the rest."""
from __future__ import annotations

import dramatiq

from matching.adapters.broker import EVENT_ACTOR, QUEUE
from workers import runtime


@dramatiq.actor(broker=runtime.broker(), actor_name=EVENT_ACTOR, queue_name=QUEUE, max_retries=20,
                min_backoff=500, max_backoff=60_000)
def handle_event(event_id: str, event: dict | None = None) -> None:
    """Run every handler of one outbox event (each records the event id, so redelivery is harmless)."""
    runtime.bus().handle_event(event_id, event)
