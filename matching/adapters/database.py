"""Engines and sessions, built from Settings (never at import time)."""
from __future__ import annotations

import time
from pathlib import Path

from sqlalchemy import create_engine, event, exc
from sqlalchemy.engine import Engine
from sqlalchemy.orm import Session, sessionmaker

from matching.adapters.orm import start_mappers


def make_engine(database_url: str) -> Engine:
    """An engine with sane defaults: pre-ping (survive database restarts), SQLite in WAL mode."""
    if database_url.startswith("sqlite"):
        path = database_url.split("///", 1)[-1]
        if path and path != ":memory:":
            Path(path).parent.mkdir(parents=True, exist_ok=True)
        engine = create_engine(database_url, connect_args={"timeout": 30, "check_same_thread": False},
                               hide_parameters=True)
        event.listen(engine, "connect", _sqlite_pragmas)
        event.listen(engine, "begin", lambda conn: conn.exec_driver_sql("BEGIN IMMEDIATE"))
        return engine
    # hide_parameters: an error message never carries the values (personal data) into a log
    engine = create_engine(database_url, pool_size=10, max_overflow=20, hide_parameters=True)
    event.listen(engine, "checkout", _ping_when_idle)
    event.listen(engine, "checkin", _note_last_use)
    return engine


IDLE_BEFORE_PING = 1.0  # seconds


def _ping_when_idle(dbapi_connection, record, _proxy) -> None:
    """Survive a database restart as `pool_pre_ping` does, without its round trip on every checkout:
    only a connection that lay unused for a second is pinged; one in steady use proved itself alive
    just now (a busy web process then checks out thousands a second, issue 19). A dead one is
    replaced: DisconnectionError makes the pool try a fresh connection."""
    if time.monotonic() - record.info.get("last_used", 0.0) < IDLE_BEFORE_PING:
        return
    try:
        cursor = dbapi_connection.cursor()
        cursor.execute("SELECT 1")
        cursor.close()
        dbapi_connection.rollback()
    except Exception as error:
        raise exc.DisconnectionError() from error


def _note_last_use(_dbapi_connection, record) -> None:
    record.info["last_used"] = time.monotonic()


def _sqlite_pragmas(dbapi_connection, _record) -> None:
    """WAL lets the web app read while a worker writes; foreign keys are off in SQLite by default."""
    dbapi_connection.isolation_level = None  # let SQLAlchemy's "begin" listener issue BEGIN IMMEDIATE
    cursor = dbapi_connection.cursor()
    cursor.execute("PRAGMA journal_mode=WAL")
    cursor.execute("PRAGMA synchronous=NORMAL")
    cursor.execute("PRAGMA foreign_keys=ON")
    cursor.execute("PRAGMA busy_timeout=30000")
    cursor.close()


def make_session_factory(engine: Engine) -> sessionmaker[Session]:
    start_mappers()
    return sessionmaker(bind=engine, expire_on_commit=False)
