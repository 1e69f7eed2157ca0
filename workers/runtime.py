"""Per-process wiring for workers: settings, broker and bus, built once on first use (not at import)."""
from __future__ import annotations

from functools import cache

import dramatiq

from config import from_env
from matching.adapters import embedded_redis
from matching.adapters.broker import EventPublisher, make_broker
from matching.bootstrap import bootstrap


@cache
def settings():
    return from_env()


def redis_url(current=None) -> str:
    current = current or settings()
    return current.redis_url or embedded_redis.start(current.instance_path)


@cache
def broker():
    """The process's broker; set as Dramatiq's global broker before any actor is declared."""
    created = make_broker(redis_url())
    dramatiq.set_broker(created)
    return created


@cache
def bus():
    return bootstrap(settings(), publish=EventPublisher(broker()))
