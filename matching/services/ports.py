"""The service layer's ports: what handlers and queries need from outside, as `typing.Protocol`s.

Handlers reach the database only through a unit of work and its repositories (one per aggregate),
and mail, time, password hashing, one-time codes and sealing only through `Dependencies`. The
adapters implement these on SQLAlchemy, SMTP, argon2, pyotp and AES-GCM (built in
`matching.bootstrap`); tests/fakes.py implements them in memory, so handlers are tested without a
database. Services import this module, never `matching.adapters` (an import-linter contract).
"""
from __future__ import annotations

from collections import Counter
from dataclasses import dataclass
from datetime import date, datetime, timedelta
from typing import Any, Iterable, Protocol, TypeVar

from matching.domain.consent import Consent
from matching.domain.import_job import ImportJob
from matching.domain.match import Match
from matching.domain.letter import Letter
from matching.domain.message import Message
from matching.domain.note import Note
from matching.domain.organization import Organization, User
from matching.domain.people import Request, Volunteer
from matching.domain.placement import Placement
from matching.domain.pulse import Pulse
from matching.domain.reminder import Reminder
from matching.domain.search import ListQuery
from matching.domain.short_link import ShortLink

T = TypeVar("T")
Offer = Volunteer | Placement
ContactKeys = list[tuple[str, str | None, str | None]]  # (id, email, phone)


class Repository(Protocol[T]):
    """One kind of aggregate; `get` raises NotFound for a missing id and another organisation's alike."""

    def add(self, obj: T) -> None: ...

    def get(self, id: str, organization_id: str | None, lock: bool = False) -> T: ...


class OrganizationRepository(Protocol):
    def add(self, org: Organization) -> None: ...

    def get(self, id: str) -> Organization: ...

    def all(self) -> list[Organization]: ...

    def find(self, slug: str) -> Organization | None: ...

    def by_slug(self, slug: str) -> Organization:
        """NotFound when unknown."""


class UserRepository(Protocol):
    def add(self, user: User) -> None: ...

    def get(self, id: str, lock: bool = False) -> User: ...

    def by_email(self, email: str) -> User | None: ...


class RequestRepository(Repository[Request], Protocol):
    def by_token(self, token_hash: str, lock: bool = False) -> Request:
        """The request behind a private link; NotFound when none."""

    def find_by_token(self, token_hash: str) -> Request | None: ...

    def waiting(self, organization_id: str, ids: Iterable[str] | None = None, lock: bool = False) -> list[Request]:
        """The waiting list (or the given part of it) as the scoring sees it: not paused, longest waiting first."""

    def unscored(self, organization_id: str, request_id: str, since: datetime, limit: int) -> list[str]:
        """Ids of this and other new requests still without suggestions, locked (others skipped)."""

    def past_retention(self, cutoff: datetime, limit: int) -> list[Request]:
        """Matched requests whose last match ended before `cutoff`, and withdrawn ones not yet erased."""

    def contact_keys(self, organization_id: str) -> ContactKeys: ...


class VolunteerRepository(Repository[Volunteer], Protocol):
    def by_token(self, token_hash: str, lock: bool = False) -> Volunteer: ...

    def find_by_token(self, token_hash: str) -> Volunteer | None: ...

    def active_or_paused(self) -> list[Volunteer]:
        """Of every organisation (the reminder run)."""

    def past_retention(self, cutoff: datetime, limit: int) -> list[Volunteer]:
        """Volunteers who stopped before `cutoff`, not yet erased."""

    def contact_keys(self, organization_id: str) -> ContactKeys: ...


class PlacementRepository(Repository[Placement], Protocol):
    pass


class OfferRepository(Protocol):
    """Volunteers and placements together, as what a request can be matched with."""

    def get(self, offer_type: str, id: str, organization_id: str, lock: bool = False) -> Offer: ...

    def available(self, organization_id: str) -> list[tuple[str, Offer]]:
        """Active offers, in a stable order."""

    def on_books(self, organization_id: str) -> list[tuple[str, Offer]]:
        """Every offer not erased (for "why nobody fits")."""

    def version(self, organization_id: str) -> tuple:
        """Changes whenever an offer or a match of the organisation changes."""


class MatchRepository(Repository[Match], Protocol):
    def active_load(self, offer_type: str, offer_id: str) -> int: ...

    def reserved_loads(self, organization_id: str) -> Counter:
        """Places taken or held by a proposal, per (offer_type, offer_id)."""

    def excluded_pairs(self, request_ids: Iterable[str]) -> set[tuple[str, str, str]]:
        """(request_id, offer_type, offer_id) pairs never to suggest again."""

    def running_for(self, person_type: str, person_id: str) -> Match | None:
        """The person's newest active match."""

    def for_person(self, person_type: str, person_id: str, statuses: tuple[str, ...]) -> list[Match]:
        """The person's matches in these statuses, the most recently changed first."""

    def active(self) -> list[Match]:
        """Of every organisation (the reminder run)."""

    def clear_reasons(self, person_type: str, person_id: str) -> None:
        """Blank the free-text decline reasons of the person's matches (erasure)."""


class SuggestionRepository(Protocol):
    def replace(self, request_id: str, rows: list[dict], now: datetime) -> None: ...

    def of(self, request_id: str, limit: int) -> list[dict]: ...

    def requests_naming(self, offer_type: str, offer_id: str) -> list[str]: ...

    def drop(self, request_id: str) -> None: ...


class ConsentRepository(Protocol):
    def add(self, consent: Consent) -> None: ...

    def of(self, subject_type: str, subject_id: str) -> list[Consent]: ...


class MessageRepository(Repository[Message], Protocol):
    def blank_about(self, person_type: str, person_id: str) -> None:
        """Blank messages to the person and the introductions of their matches (erasure)."""


class ReminderRepository(Repository[Reminder], Protocol):
    def exists(self, kind: str, subject_id: str, due_on: date) -> bool: ...

    def open_for(self, subject_id: str) -> list[Reminder]:
        """The reminders about one match or volunteer nobody marked as handled."""


class PulseRepository(Protocol):
    """A match's check-in questions per side and round; (match, side, round) is unique."""

    def add(self, pulse: Pulse) -> None: ...

    def by_token(self, token_hash: str, lock: bool = False) -> Pulse:
        """The pulse behind a private link; NotFound when none."""

    def exists(self, match_id: str, side: str, round_: int) -> bool: ...

    def rounds_raised(self, match_ids: list[str]) -> dict[str, set[tuple[str, int]]]:
        """{match_id: {(side, round)}} of the rounds already raised for these matches."""

    def of_match(self, match_id: str) -> list[Pulse]:
        """By round, then side."""

    def of_person(self, person_type: str, person_id: str) -> list[Pulse]:
        """A person's own rounds, oldest first (their export)."""

    def forget_about(self, person_type: str, person_id: str) -> None:
        """Delete the person's rounds and answers (erasure)."""


class ImportRepository(Repository[ImportJob], Protocol):
    def abandoned(self, before: datetime) -> list[ImportJob]:
        """Uploads whose mapping was never confirmed, from before `before`."""

    def add_rows(self, import_id: str, chunk: int, rows: list[dict]) -> None:
        """One chunk of an upload's rows (stored beside the job, never all in one value)."""

    def rows(self, import_id: str, chunk: int) -> list[dict] | None:
        """One chunk of an upload's rows; None past the last one."""

    def drop_rows(self, import_id: str) -> None: ...


class NoteRepository(Protocol):
    def add(self, note: Note) -> None: ...

    def written_about(self, person_type: str, person_id: str, since: datetime) -> list[Note]:
        """The notes about one person since `since`, oldest first."""

    def forget_about(self, person_type: str, person_id: str) -> None:
        """Delete the person's notes (erasure)."""


class ShortLinkRepository(Protocol):
    def add(self, link: ShortLink) -> None: ...

    def find(self, code_hash: str) -> ShortLink | None: ...

    def drop_for(self, person_type: str, person_id: str) -> None:
        """The person's printed short codes stop working."""


class EventStore(Protocol):
    """The outbox (events written with the change they describe) and the handlers' claims on them."""

    def get(self, event_id: str) -> dict | None: ...

    def unpublished(self, now: datetime, older_than: timedelta) -> list[str]: ...

    def mark_published(self, event_ids: list[str], now: datetime) -> None: ...

    def claim(self, event_id: str, handler: str, now: datetime) -> bool:
        """False when `handler` already processed `event_id` (at-least-once delivery)."""


class AuditLog(Protocol):
    """Who viewed or changed whose data: ids only."""

    def record(self, organization_id: str, user_id: str | None, action: str, subject_type: str, subject_id: str,
               now: datetime) -> None: ...

    def record_views(self, organization_id: str, user_id: str | None, action: str,
                     subjects: list[tuple[str, str]], now: datetime) -> None: ...


class ReadModel(Protocol):
    """The read side: rows shaped for the screens and the API (no aggregates, no events)."""

    def requests(self, org: str, status: str | None, now: datetime, limit: int = 500) -> list[dict]: ...

    def volunteers(self, org: str, status: str | None, limit: int = 1000) -> list[dict]: ...

    def placements(self, org: str) -> list[dict]: ...

    def matches(self, org: str, status: str | None, health: str | None = None) -> list[dict]:
        """The matches, newest proposal first; `health` keeps the running ones with that health."""

    def messages(self, org: str) -> list[dict]: ...

    def headline(self, org: str, now: datetime) -> dict:
        """`waiting`, `median_waiting_days`, `active_matches`, `ended_matches`: the waiting list's figures."""

    def request_page(self, org: str, spec: ListQuery, now: datetime) -> tuple[list[dict], int]:
        """One page of requests, searched and filtered, and how many there are in all."""

    def volunteer_page(self, org: str, spec: ListQuery, now: datetime) -> tuple[list[dict], int]: ...

    def match_page(self, org: str, spec: ListQuery, now: datetime) -> tuple[list[dict], int]:
        """Matches with `request_first_name`, `kind`, `volunteer_first_name`, `volunteer_last_name` and
        `placement_title` beside the match's own columns."""

    def message_page(self, org: str, spec: ListQuery, now: datetime) -> tuple[list[dict], int]: ...

    def stats(self, org: str, now: datetime) -> dict: ...

    def ping(self) -> None: ...

    def quarter_figures(self, org: str, start: datetime, end: datetime) -> dict: ...

    def open_reminders(self, org: str) -> list[dict]: ...

    def blocked_counts(self, org: str) -> list[dict]: ...

    def history(self, org: str, now: datetime, months: int = 12) -> list[dict]: ...

    def end_reasons(self, org: str) -> dict[str, int]: ...

    def match_spells(self, org: str, confirmed_before: datetime | None = None) -> list[dict]:
        """confirmed_at, ended_at, end_reason, initiated_by of every match that ran (how long matches last)."""

    def health_counts(self, org: str) -> dict[str, int]:
        """Running matches per kept health."""

    def audit_log(self, org: str, limit: int = 500) -> list[dict]: ...

    def access_log_about(self, subject_type: str, subject_id: str, newest: int | None = None,
                         since: datetime | None = None) -> list[dict]: ...

    def access_count(self, subject_type: str, subject_id: str) -> int: ...

    def messages_to(self, recipient_type: str, recipient_id: str) -> list[dict]: ...

    def matches_of(self, person_type: str, person_id: str) -> list[dict]: ...

    def open_calls(self, org: str, page: int, per_page: int) -> tuple[list[dict], int]:
        """One page of open call tasks, newest first, and how many there are."""

    def notes_about(self, person_type: str, person_id: str) -> list[dict]: ...

    def organization_rows(self, organization_id: str) -> dict[str, list[dict]]:
        """Every row of one organisation, table by table, secrets left out (the organisation export)."""


class UnitOfWork(Protocol):
    """One transaction: `with uow:` rolls back unless `commit()` is called; the commit writes the
    aggregates' events to the outbox, and `new_events` lists what it wrote."""

    organizations: OrganizationRepository
    users: UserRepository
    requests: RequestRepository
    volunteers: VolunteerRepository
    placements: PlacementRepository
    offers: OfferRepository
    matches: MatchRepository
    suggestions: SuggestionRepository
    consents: ConsentRepository
    messages: MessageRepository
    reminders: ReminderRepository
    imports: ImportRepository
    notes: NoteRepository
    pulses: PulseRepository
    short_links: ShortLinkRepository
    events: EventStore
    audit: AuditLog
    read_model: ReadModel
    new_events: list[dict]

    def __enter__(self) -> UnitOfWork: ...

    def __exit__(self, *exc: Any) -> None: ...

    def commit(self) -> None: ...

    def rollback(self) -> None: ...


class Clock(Protocol):
    def now(self) -> datetime:
        """The current moment, timezone-aware UTC."""


class Mail(Protocol):
    def send(self, to_address: str | None, subject: str, body: str) -> None:
        """Send one message; raise on failure so the worker retries it."""


class PasswordHasher(Protocol):
    def hash(self, password: str) -> str: ...

    def verify(self, password_hash: str, password: str) -> bool: ...

    def dummy_hash(self) -> str:
        """A hash to verify against when the account does not exist, so both take the same time."""


class Totp(Protocol):
    """Time-based one-time codes for the second login step."""

    def new_secret(self) -> str: ...

    def matching_step(self, secret: str, code: str, now: float | None = None) -> int | None:
        """The time step the code belongs to, or None."""

    def setup(self, secret: str, account: str) -> dict[str, str]:
        """What a page shows to add Koppel to an authenticator app: the key and a QR code."""


class LinkSealer(Protocol):
    """Seals a private link's token while it must wait (a queued message, a printed short code), bound to
    what it belongs to; with `code`, the seal opens only with that short code too."""

    def seal(self, purpose: str, bound_to: str, plain: str, code: str | None = None) -> str: ...

    def unseal(self, purpose: str, bound_to: str, sealed: str, code: str | None = None) -> str | None: ...

    def code_hash(self, code: str) -> str:
        """What is stored of a short code (a keyed hash: the database alone does not reveal it)."""


class SmsSender(Protocol):
    def deliver(self, to: str, text: str) -> str | None:
        """Send one SMS: None when sent, the reason when the provider refuses it for good (never
        retried); raise when it is worth trying again (the worker retries)."""


class LetterPrinter(Protocol):
    def render(self, letter: Letter) -> bytes:
        """The letter laid out for printing (PDF)."""


@dataclass(frozen=True)
class Dependencies:
    """What handlers need besides a unit of work, built once by the composition root. `mail` is None
    when no mail server is set (messages are stored for the coordinator), `sms` when SMS is off
    (messages to people without email wait on the call list)."""

    clock: Clock
    passwords: PasswordHasher
    totp: Totp
    links: LinkSealer
    mail: Mail | None
    public_url: str
    sms: SmsSender | None = None
    letters: LetterPrinter | None = None
    suggestions_per_request: int = 10
    retention_months: int = 12
