"""Shared bits of the aggregates: ids, the clock and the event list."""
from __future__ import annotations

import hashlib
import secrets
import uuid
from datetime import date, datetime, timezone
from zoneinfo import ZoneInfo

from matching.domain.events import Event
from matching.domain.shapes import Unsaved


def new_id() -> str:
    """A random id: no counts leak through the API, and ids can be made before a database sees them."""
    return str(uuid.uuid4())


def utcnow() -> datetime:
    return datetime.now(timezone.utc)


DUTCH_TIME = ZoneInfo("Europe/Amsterdam")


def dutch_time(moment: datetime) -> datetime:
    """`moment` as the clock on the wall in the Netherlands shows it (a naive moment is a stored UTC one)."""
    return (moment if moment.tzinfo else moment.replace(tzinfo=timezone.utc)).astimezone(DUTCH_TIME)


def dutch_day(moment: datetime) -> date:
    """The calendar day in the Netherlands at `moment`: "two weeks after confirming" counts Dutch days,
    whatever zone the moment was given in (23:30 UTC is already tomorrow in Amsterdam)."""
    return dutch_time(moment).date()


def new_token() -> tuple[str, str]:
    """A private-link token and its hash; only the hash is stored."""
    token = secrets.token_urlsafe(24)
    return token, token_hash(token)


def token_hash(token: str) -> str:
    return hashlib.sha256(token.encode()).hexdigest()


class Aggregate:
    """An entity that records events for the unit of work to write to the outbox. Each subclass
    declares the fields it holds as annotations (see matching.domain.shapes)."""

    events: Unsaved[list[Event]]

    def record(self, event: Event) -> None:
        if not hasattr(self, "events"):
            self.events = []
        self.events.append(event)

    def pop_events(self) -> list[Event]:
        events, self.events = getattr(self, "events", []), []
        return events
