"""Per-process wiring for a worker, through the composition root: settings, broker, bus and actor,
each built once on first use (never at import)."""
from __future__ import annotations

from functools import cache

import dramatiq

from config import Settings, from_env
from matching import bootstrap
from matching.services.messagebus import MessageBus
from workers import actors


@cache
def settings() -> Settings:
    return from_env()


@cache
def broker() -> dramatiq.Broker:
    """The process's broker, set as Dramatiq's global broker before any actor is declared on it."""
    created = bootstrap.broker(bootstrap.redis_url(settings()))
    dramatiq.set_broker(created)
    return created


@cache
def bus() -> MessageBus:
    return bootstrap.bootstrap(settings(), publish=bootstrap.publisher(broker()))


@cache
def actor() -> dramatiq.Actor:
    """`handle_event`, declared on this process's broker and handing events to its bus."""
    return actors.declare(broker(), bus())
