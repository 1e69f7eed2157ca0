"""SqlAlchemyUnitOfWork: one transaction; on commit, the aggregates' events go to the outbox first."""
from __future__ import annotations

from sqlalchemy.orm import Session, sessionmaker

from matching.adapters import outbox
from matching.adapters.repository import Repository
from matching.domain.base import Aggregate, utcnow


class SqlAlchemyUnitOfWork:
    """`with uow:` rolls back unless `commit()` was called. `new_events` lists what the commit wrote."""

    def __init__(self, session_factory: sessionmaker[Session]):
        self.session_factory = session_factory
        self.new_events: list[dict] = []

    @property
    def new_event_ids(self) -> list[str]:
        return [event["id"] for event in self.new_events]

    def __enter__(self) -> "SqlAlchemyUnitOfWork":
        self.session = self.session_factory()
        self.repo = Repository(self.session)
        return self  # new_events accumulate over every transaction run with this unit of work

    def __exit__(self, *exc) -> None:
        # close() rolls back whatever was not committed, but keeps loaded objects readable
        self.session.close()

    def commit(self) -> None:
        """Write pending events to the outbox and commit both in one transaction."""
        now = utcnow()
        # Collect before flushing: after a flush the session holds clean objects only weakly,
        # so a new object nobody else references could vanish with its events.
        events = [e for obj in self._tracked() for e in obj.pop_events()]
        self.session.flush()
        rows = outbox.write(self.session, events, now)
        self.session.commit()
        self.new_events.extend(rows)

    def rollback(self) -> None:
        """Undo everything, and forget the objects too, so no event they recorded is written later."""
        self.session.rollback()
        self.session.expunge_all()

    def _tracked(self) -> list[Aggregate]:
        objects = list(self.session.identity_map.values()) + list(self.session.new)
        return [obj for obj in objects if isinstance(obj, Aggregate)]
