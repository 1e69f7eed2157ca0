"""Redis (the rate-limit store and the broker) down: logging in fails closed with a clear 503, the
public forms fail open (a sign-up is kept, and a warning logged), never a 500."""
from __future__ import annotations

import logging

import pytest
from sqlalchemy import func, select

from matching.adapters import orm
from tests.e2e.test_public_forms import SEEKER, post
from tests.factories import request_body
from tests.servers import free_port

pytestmark = pytest.mark.e2e


@pytest.fixture
def no_redis(settings, session_factory, org):
    """The app with Redis unreachable: a URL on a closed port for the limits and for the broker."""
    from matching.adapters.broker import EventPublisher, make_broker
    from matching.bootstrap import bootstrap
    from web import create_app

    dead = f"redis://127.0.0.1:{free_port()}/0"
    broker = make_broker(dead)
    bus = bootstrap(settings, publish=EventPublisher(broker), session_factory=session_factory)
    app = create_app(settings.with_(redis_url=dead), bus=bus)
    app.config["TESTING"] = True
    yield app.test_client()
    bus.close()
    broker.close()


def test_login_fails_closed_with_a_clear_503_when_redis_is_down(no_redis, org):
    for _ in range(12):  # more than any limit: not one guess gets through to the password check
        page = post(no_redis, "/login", {"email": org["email"], "password": "a guess"})
        assert page.status_code == 503 and "Inloggen lukt nu even niet" in page.get_data(as_text=True)
    right = post(no_redis, "/login", {"email": org["email"], "password": org["password"]})
    assert right.status_code == 503 and no_redis.get("/werkplek/").status_code == 302
    api = no_redis.post("/api/v1/session", json={"email": org["email"], "password": org["password"]})
    assert api.status_code == 503
    assert api.get_json() == {"errors": {"_schema": ["Logging in is temporarily unavailable, please try again "
                                                     "in a few minutes."]}}


def test_public_forms_fail_open_and_log_a_warning_when_redis_is_down(no_redis, org, session_factory, caplog):
    caplog.set_level(logging.WARNING)
    form = post(no_redis, "/noord/maatje", SEEKER)
    assert form.status_code == 303
    api = no_redis.post("/api/v1/organizations/noord/requests", json=request_body(first_name="Olga", email="olga@example.org"))
    assert api.status_code == 201
    with session_factory() as session:
        assert session.scalar(select(func.count()).select_from(orm.requests)) == 2  # kept for the sweep
    warned = [r for r in caplog.records if r.name == "flask-limiter" and r.levelno >= logging.WARNING]
    assert warned, "the limits that were skipped are logged"
