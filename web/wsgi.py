"""The WSGI entry point for gunicorn (`web.wsgi:app`): the app, built from the environment on first use,
with Koppel's logging (the Procfile's gunicorn does not pass through the `koppel` command).

Built when gunicorn asks for `app` (PEP 562), not when this module is imported: importing must start
no Redis and write no secret key.
"""
from __future__ import annotations

from flask import Flask

from config.logs import configure
from web import create_app


def __getattr__(name: str) -> Flask:
    if name != "app":
        raise AttributeError(f"module 'web.wsgi' has no attribute {name!r}")
    configure()
    app = globals()["app"] = create_app()  # one app per process, built once
    return app
