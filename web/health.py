"""GET /healthz: the database and the broker, each named when it fails."""
from __future__ import annotations

from flask import Blueprint, jsonify

from matching.services.queries import health
from web.context import bus

blp = Blueprint("health", __name__)


@blp.get("/healthz")
def healthz():
    parts = {
        "database": "ok" if health.database_ok(bus()) else "unavailable",
        "broker": "ok" if getattr(bus().publish, "ping", lambda: False)() else "unavailable",
    }
    return jsonify(parts), 200 if all(v == "ok" for v in parts.values()) else 503
