"""The Dramatiq broker, and the relay's side of it: handing outbox event ids to the workers."""
from __future__ import annotations

import logging
from typing import Iterable
from uuid import uuid4

import dramatiq
from dramatiq import Message
from dramatiq.brokers.redis import RedisBroker
from dramatiq.common import current_millis
from redis.exceptions import NoScriptError

log = logging.getLogger(__name__)

QUEUE = "koppel"
EVENT_ACTOR = "handle_event"
# A dead worker's messages come back after the heartbeat timeout, during a maintenance step that
# runs with this chance per broker command. Dramatiq's defaults (60 s, 1 000 in a million) left
# them for many minutes; an idle worker fetches about ten times a second, so 5 % means about a second.
HEARTBEAT_TIMEOUT_MS = 20_000
MAINTENANCE_CHANCE = 50_000  # per million commands


class KoppelBroker(RedisBroker):
    """Dramatiq's Redis broker that can also hand over several messages in one round trip."""

    def enqueue_all(self, messages: list[Message]) -> None:
        """Enqueue `messages` as `enqueue` does, each by the broker's own script, but pipelined: a
        submission's two or three events cost one round trip to Redis instead of one each (issue 19)."""
        ready = [message.copy(options={"redis_message_id": str(uuid4())}) for message in messages]
        for message in ready:
            self.emit_before("enqueue", message, None)
        try:
            self._pipelined(ready)
        except NoScriptError:  # Redis restarted and forgot the script: every call failed, so all go again
            self.client.script_load(self.scripts["dispatch"].script)
            self._pipelined(ready)
        for message in ready:
            self.emit_after("enqueue", message, None)

    def _pipelined(self, messages: list[Message]) -> None:
        """The broker's dispatch script by its hash, once per message, in one pipeline (a script
        object in a pipeline first asks SCRIPT EXISTS: one more round trip)."""
        with self.client.pipeline(transaction=False) as pipe:
            for message in messages:  # the arguments of RedisBroker._dispatch("enqueue")
                pipe.evalsha(self.scripts["dispatch"].sha, 1, self.namespace,
                             "enqueue", current_millis(), message.queue_name, self.broker_id, self.heartbeat_timeout,
                             self.dead_message_ttl, self._should_do_maintenance("enqueue"), self._max_unpack_size(),
                             message.options["redis_message_id"], message.encode())
            pipe.execute()


def make_broker(redis_url: str) -> KoppelBroker:
    """A Redis broker with Koppel's namespace and requeue timing."""
    return KoppelBroker(url=redis_url, namespace="koppel", heartbeat_timeout=HEARTBEAT_TIMEOUT_MS,
                        maintenance_chance=MAINTENANCE_CHANCE)


BATCH = 20  # a command's events go in one pipeline; a sweep's thousand one by one


def _message(event: str | dict) -> Message:
    event_id, kwargs = (event, {}) if isinstance(event, str) else (event["id"], {"event": {
        "name": event["name"], "organization_id": event["organization_id"], "payload": event["payload"]}})
    return Message(queue_name=QUEUE, actor_name=EVENT_ACTOR, args=(event_id,), kwargs=kwargs, options={})


class EventPublisher:
    """Sends one `handle_event(event_id, event)` message per event; never raises, the sweep retries.
    A freshly written event travels with its name and payload (ids only), so the worker need not read
    it back from the outbox; an event given by id alone (the sweep) is read there."""

    def __init__(self, broker: dramatiq.Broker):
        self.broker = broker

    def __call__(self, events: Iterable[str | dict]) -> list[str]:
        """Publish event ids or outbox rows; return the ids the broker accepted (all or, when it is
        down, none: the sweep publishes them again)."""
        messages = [_message(event) for event in events]
        batch = getattr(self.broker, "enqueue_all", None)
        sent: list[str] = []
        try:
            if batch is not None and 1 < len(messages) <= BATCH:
                batch(messages)
                sent = [message.args[0] for message in messages]
            else:
                for message in messages:
                    self.broker.enqueue(message)
                    sent.append(message.args[0])
        except Exception as error:  # the broker is down: the outbox keeps the events for the sweep
            log.warning("broker unavailable (%s); events stay in the outbox for the sweep", type(error).__name__)
        return sent

    def ping(self) -> bool:
        """Whether the broker answers (for /healthz)."""
        try:
            return bool(self.broker.client.ping())
        except Exception:
            return False
