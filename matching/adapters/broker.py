"""The Dramatiq broker, and the relay's side of it: handing outbox event ids to the workers."""
from __future__ import annotations

import logging
from typing import Iterable

import dramatiq
from dramatiq import Message
from dramatiq.brokers.redis import RedisBroker

log = logging.getLogger(__name__)

QUEUE = "koppel"
EVENT_ACTOR = "handle_event"
# A dead worker's messages come back after the heartbeat timeout, during a maintenance step that
# runs with this chance per broker command. Dramatiq's defaults (60 s, 1 000 in a million) left
# them for many minutes; an idle worker fetches about ten times a second, so 5 % means about a second.
HEARTBEAT_TIMEOUT_MS = 20_000
MAINTENANCE_CHANCE = 50_000  # per million commands


def make_broker(redis_url: str) -> RedisBroker:
    """A Redis broker with Koppel's namespace and requeue timing."""
    return RedisBroker(url=redis_url, namespace="koppel", heartbeat_timeout=HEARTBEAT_TIMEOUT_MS,
                       maintenance_chance=MAINTENANCE_CHANCE)


class EventPublisher:
    """Sends one `handle_event(event_id, event)` message per event; never raises, the sweep retries.
    A freshly written event travels with its name and payload (ids only), so the worker need not read
    it back from the outbox; an event given by id alone (the sweep) is read there."""

    def __init__(self, broker: dramatiq.Broker):
        self.broker = broker

    def __call__(self, events: Iterable[str | dict]) -> list[str]:
        """Publish event ids or outbox rows; return the ids the broker accepted."""
        sent: list[str] = []
        for event in events:
            event_id, kwargs = (event, {}) if isinstance(event, str) else (event["id"], {"event": {
                "name": event["name"], "organization_id": event["organization_id"], "payload": event["payload"]}})
            try:
                self.broker.enqueue(Message(queue_name=QUEUE, actor_name=EVENT_ACTOR, args=(event_id,),
                                            kwargs=kwargs, options={}))
            except Exception as error:  # the broker is down: the outbox keeps the event for the sweep
                log.warning("broker unavailable (%s); events stay in the outbox for the sweep", type(error).__name__)
                break
            sent.append(event_id)
        return sent

    def ping(self) -> bool:
        """Whether the broker answers (for /healthz)."""
        try:
            return bool(self.broker.client.ping())
        except Exception:
            return False
