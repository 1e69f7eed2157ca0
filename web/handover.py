"""The step from a public form to its thank-you page, kept on the server: the session cookie holds
only an opaque random id. The first name and the private link wait in Redis for a few minutes,
sealed (a copy of Redis alone opens nothing), and are read once."""
from __future__ import annotations

import hashlib
import json
import logging
import secrets
from typing import Any

import redis
from flask import Flask, current_app

from matching.bootstrap import seal

log = logging.getLogger(__name__)
TTL_SECONDS = 600  # the thank-you page follows the form at once; a little slack for a slow phone
PURPOSE = "thank-you page"


def init_app(app: Flask, redis_url: str) -> None:
    app.extensions["koppel.handover"] = redis.Redis.from_url(redis_url)


def _client() -> redis.Redis:
    return current_app.extensions["koppel.handover"]


def _key(ref: str) -> str:
    """Redis never sees the id itself: what the cookie holds is not a key to look up."""
    return "koppel:thanks:" + hashlib.sha256(ref.encode()).hexdigest()


def put(data: dict[str, Any]) -> str | None:
    """Keep `data` for the next page; returns the id for the cookie, or None when Redis is away
    (the thank-you page then thanks without the link: the sign-up itself is stored)."""
    ref = secrets.token_urlsafe(24)
    sealed = seal.seal(current_app.config["SECRET_KEY"], PURPOSE, ref, json.dumps(data))
    try:
        _client().set(_key(ref), sealed, ex=TTL_SECONDS)
    except redis.RedisError as error:
        log.warning("thank-you page state not kept: %s", type(error).__name__)
        return None
    return ref


def take(ref: str | None) -> dict[str, Any] | None:
    """What `put` kept under `ref`, once: a second read (a reload, a copied cookie) finds nothing."""
    if not ref or not isinstance(ref, str):
        return None
    try:
        with _client().pipeline(transaction=True) as pipe:
            sealed, _ = pipe.get(_key(ref)).delete(_key(ref)).execute()
    except redis.RedisError as error:
        log.warning("thank-you page state not read: %s", type(error).__name__)
        return None
    plain = sealed and seal.unseal(current_app.config["SECRET_KEY"], PURPOSE, ref, sealed.decode())
    return json.loads(plain) if plain else None
