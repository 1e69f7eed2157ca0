"""SqlAlchemyUnitOfWork: one transaction and a repository per aggregate on it; on commit, the
aggregates' events go to the outbox first (`matching.services.ports.UnitOfWork`)."""
from __future__ import annotations

from sqlalchemy.orm import Session, sessionmaker

from matching.adapters import outbox
from matching.adapters.read_models import SqlReadModel
from matching.adapters.repositories.audit import AuditLog
from matching.adapters.repositories.consents import ConsentRepository
from matching.adapters.repositories.events import EventStore
from matching.adapters.repositories.imports import ImportRepository
from matching.adapters.repositories.matches import MatchRepository
from matching.adapters.repositories.messages import MessageRepository
from matching.adapters.repositories.notes import NoteRepository
from matching.adapters.repositories.offers import OfferRepository
from matching.adapters.repositories.organizations import OrganizationRepository
from matching.adapters.repositories.placements import PlacementRepository
from matching.adapters.repositories.reminders import ReminderRepository
from matching.adapters.repositories.requests import RequestRepository
from matching.adapters.repositories.short_links import ShortLinkRepository
from matching.adapters.repositories.suggestions import SuggestionRepository
from matching.adapters.repositories.users import UserRepository
from matching.adapters.repositories.volunteers import VolunteerRepository
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
        self.session = session = self.session_factory()
        self.organizations, self.users = OrganizationRepository(session), UserRepository(session)
        self.requests, self.volunteers = RequestRepository(session), VolunteerRepository(session)
        self.placements, self.matches = PlacementRepository(session), MatchRepository(session)
        self.offers = OfferRepository(session, self.volunteers, self.placements)
        self.suggestions, self.consents = SuggestionRepository(session), ConsentRepository(session)
        self.messages, self.reminders = MessageRepository(session), ReminderRepository(session)
        self.imports, self.events, self.audit = ImportRepository(session), EventStore(session), AuditLog(session)
        self.notes, self.short_links = NoteRepository(session), ShortLinkRepository(session)
        self.read_model = SqlReadModel(session)
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
