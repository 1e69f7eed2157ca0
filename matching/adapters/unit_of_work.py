"""SqlAlchemyUnitOfWork: one transaction and a repository per aggregate on it; on commit, the
aggregates' events go to the outbox first (`matching.services.ports.UnitOfWork`)."""
from __future__ import annotations

from sqlalchemy import event
from sqlalchemy.orm import Session, sessionmaker

from matching.adapters import outbox
from matching.adapters.contact_marks import ContactMarks
from matching.adapters.read_models import SqlReadModel
from matching.adapters.repositories.activities import ActivityRepository
from matching.adapters.repositories.audit import AuditLog
from matching.adapters.repositories.consents import ConsentRepository
from matching.adapters.repositories.duplicates import DuplicateRepository
from matching.adapters.repositories.evaluations import EvaluationRepository
from matching.adapters.repositories.events import EventStore
from matching.adapters.repositories.imports import ImportRepository
from matching.adapters.repositories.matches import MatchRepository
from matching.adapters.repositories.messages import MessageRepository
from matching.adapters.repositories.networks import NetworkRepository
from matching.adapters.repositories.notes import NoteRepository
from matching.adapters.repositories.offers import OfferRepository
from matching.adapters.repositories.organizations import OrganizationRepository
from matching.adapters.repositories.placements import PlacementRepository
from matching.adapters.repositories.pulses import PulseRepository
from matching.adapters.repositories.referrals import ReferralRepository
from matching.adapters.repositories.reminders import ReminderRepository
from matching.adapters.repositories.requests import RequestRepository
from matching.adapters.repositories.short_links import ShortLinkRepository
from matching.adapters.repositories.suggestions import SuggestionRepository
from matching.adapters.repositories.transfers import TransferRepository
from matching.adapters.repositories.users import UserRepository
from matching.adapters.repositories.volunteers import VolunteerRepository
from matching.adapters.repositories.waiting import WaitingFacts
from matching.domain.base import Aggregate, utcnow
from matching.domain.events import Event


class SqlAlchemyUnitOfWork:
    """`with uow:` rolls back unless `commit()` was called. `new_events` lists what the commit wrote."""

    def __init__(self, session_factory: sessionmaker[Session]):
        self.session_factory = session_factory
        self.new_events: list[dict] = []

    def __enter__(self) -> "SqlAlchemyUnitOfWork":
        self.session = session = self.session_factory()
        self._events: list[Event] = []
        self._contacts = ContactMarks()
        event.listen(session, "before_flush", self._collect_flushed)
        self.organizations, self.users = OrganizationRepository(session), UserRepository(session)
        self.requests, self.volunteers = RequestRepository(session), VolunteerRepository(session)
        self.placements, self.matches = PlacementRepository(session), MatchRepository(session)
        self.offers = OfferRepository(session, self.volunteers, self.placements)
        self.suggestions, self.consents = SuggestionRepository(session), ConsentRepository(session)
        self.messages, self.reminders = MessageRepository(session), ReminderRepository(session)
        self.imports, self.events, self.audit = ImportRepository(session), EventStore(session), AuditLog(session)
        self.notes, self.short_links = NoteRepository(session), ShortLinkRepository(session)
        self.pulses, self.evaluations = PulseRepository(session), EvaluationRepository(session)
        self.duplicates = DuplicateRepository(session)
        self.networks, self.referrals = NetworkRepository(session), ReferralRepository(session)
        self.transfers = TransferRepository(session)
        self.activities, self.waiting = ActivityRepository(session), WaitingFacts(session)
        self.read_model = SqlReadModel(session)
        return self  # new_events accumulate over every transaction run with this unit of work

    def __exit__(self, *exc) -> None:
        # close() rolls back whatever was not committed, but keeps loaded objects readable
        self.session.close()

    def commit(self) -> None:
        """Write pending events to the outbox and commit both in one transaction."""
        now = utcnow()
        self._collect()  # also when nothing is left to flush (a clean session skips before_flush)
        self.session.flush()
        self._contacts.write(self.session)
        events, self._events = self._events, []
        rows = outbox.write(self.session, events, now)
        self.session.commit()
        self.new_events.extend(rows)

    def rollback(self) -> None:
        """Undo everything, and forget the objects too, so no event they recorded is written later."""
        self.session.rollback()
        self.session.expunge_all()
        self._events = []
        self._contacts.forget()

    def _collect(self) -> None:
        self._events.extend(e for obj in self._tracked() for e in obj.pop_events())

    def _collect_flushed(self, session: Session, *_context) -> None:
        """Take the events of what a flush writes, also the automatic flush before a query: after it
        the session holds clean objects only weakly, so a new object nobody else references (a person
        created earlier in an import) would vanish with its events."""
        self._contacts.collect(session)
        changed = [*session.new, *session.dirty]
        self._events.extend(e for obj in changed if isinstance(obj, Aggregate) for e in obj.pop_events())

    def _tracked(self) -> list[Aggregate]:
        objects = list(self.session.identity_map.values()) + list(self.session.new)
        return [obj for obj in objects if isinstance(obj, Aggregate)]
