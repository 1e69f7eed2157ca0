"""The outbox as the service layer sees it, and the event handlers' claims (processed_events)."""
from __future__ import annotations

from datetime import datetime, timedelta

from sqlalchemy.dialects import postgresql, sqlite
from sqlalchemy.orm import Session

from matching.adapters import orm, outbox


class EventStore:
    def __init__(self, session: Session):
        self.session = session

    def get(self, event_id: str) -> dict | None:
        return outbox.load(self.session, event_id)

    def unpublished(self, now: datetime, older_than: timedelta) -> list[str]:
        return outbox.unpublished(self.session, now, older_than)

    def mark_published(self, event_ids: list[str], now: datetime) -> None:
        outbox.mark_published(self.session, event_ids, now)

    def claim(self, event_id: str, handler: str, now: datetime) -> bool:
        """Record that `handler` processed `event_id`; False when it already had (at-least-once delivery)."""
        dialect = postgresql if self.session.get_bind().dialect.name == "postgresql" else sqlite
        claimed = self.session.execute(dialect.insert(orm.processed_events).values(
            event_id=event_id, handler=handler, processed_at=now).on_conflict_do_nothing()
            .returning(orm.processed_events.c.event_id))
        return claimed.first() is not None  # one round trip, no savepoint
