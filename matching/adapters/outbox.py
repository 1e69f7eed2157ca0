"""The transactional outbox: events are rows written in the same commit as the change they describe."""
from __future__ import annotations

from datetime import datetime, timedelta
from typing import Iterable

from sqlalchemy import insert, select, update
from sqlalchemy.orm import Session

from matching.adapters import orm
from matching.domain.events import Event
from matching.domain.base import new_id


def write(session: Session, events: Iterable[Event], now: datetime) -> list[dict]:
    """Insert events as outbox rows; return the rows (id, organization_id, name, payload)."""
    rows = [{"id": new_id(), "organization_id": e.organization_id, "name": e.name, "payload": e.payload(),
             "created_at": now} for e in events]
    if rows:
        session.execute(insert(orm.outbox), rows)
    return [{key: row[key] for key in ("id", "organization_id", "name", "payload")} for row in rows]


def load(session: Session, event_id: str) -> dict | None:
    """One event row as a dict, or None when it is unknown (erased, or from another database)."""
    row = session.execute(select(orm.outbox).where(orm.outbox.c.id == event_id)).first()
    return dict(row._mapping) if row else None


def unpublished(session: Session, now: datetime, older_than: timedelta, limit: int = 1000) -> list[str]:
    """Events the relay has not handed to the broker yet (the broker was down, or a process died)."""
    query = select(orm.outbox.c.id).where(
        orm.outbox.c.published_at.is_(None), orm.outbox.c.created_at <= now - older_than,
    ).order_by(orm.outbox.c.created_at).limit(limit)
    return list(session.scalars(query))


def mark_published(session: Session, event_ids: list[str], now: datetime) -> None:
    if event_ids:
        session.execute(update(orm.outbox).where(orm.outbox.c.id.in_(event_ids)).values(published_at=now))
