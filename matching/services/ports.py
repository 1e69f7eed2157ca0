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

from matching.domain.activity import Activity, ActivitySignup
from matching.domain.consent import Consent
from matching.domain.duplicate import PossibleDuplicate
from matching.domain.import_job import ImportJob
from matching.domain.match import Match
from matching.domain.certificate import Certificate
from matching.domain.letter import Letter
from matching.domain.message import Message
from matching.domain.network import Membership, Network, Transfer
from matching.domain.note import Note
from matching.domain.organization import Organization, User
from matching.domain.people import Request, Volunteer
from matching.domain.placement import Placement
from matching.domain.evaluation import Evaluation, Supervision
from matching.domain.pulse import Pulse
from matching.domain.referral import Referral
from matching.domain.reminder import Reminder
from matching.scoring import Profile
from matching.domain.search import ListQuery
from matching.domain.short_link import ShortLink

T = TypeVar("T")
Offer = Volunteer | Placement
ContactKeys = list[tuple[str, str | None, str | None]]  # (id, email, phone)


class Repository(Protocol[T]):
    """One kind of aggregate; `get` raises NotFound for a missing id and another organisation's alike."""

    def add(self, obj: T) -> None: ...

    def get(self, id: str, organization_id: str | None, lock: bool = False) -> T: ...

    def get_many(self, ids: Iterable[str], organization_id: str) -> dict[str, T]: ...


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

    def identities(self, organization_id: str, near: dict | None = None) -> list[dict]:
        """id, first_name, (last_name,) email, phone, postcode of everyone not erased (`near`: only those
        who may be the person with these fields)."""


class VolunteerRepository(Repository[Volunteer], Protocol):
    def by_token(self, token_hash: str, lock: bool = False) -> Volunteer: ...

    def find_by_token(self, token_hash: str) -> Volunteer | None: ...

    def active_or_paused(self) -> list[Volunteer]:
        """Of every organisation (the reminder run)."""

    def past_retention(self, cutoff: datetime, limit: int) -> list[Volunteer]:
        """Volunteers who stopped before `cutoff`, not yet erased."""

    def contact_keys(self, organization_id: str) -> ContactKeys: ...

    def identities(self, organization_id: str, near: dict | None = None) -> list[dict]:
        """id, first_name, (last_name,) email, phone, postcode of everyone not erased (`near`: only those
        who may be the person with these fields)."""


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


class EvaluationRepository(Protocol):
    """A placement match's supervision (the supervisor's private link) and both sides' evaluations."""

    def add(self, item: Supervision | Evaluation) -> None: ...

    def supervision_by_token(self, token_hash: str, lock: bool = False) -> Supervision:
        """NotFound when no supervision has this link."""

    def supervision_of(self, match_id: str) -> Supervision | None: ...

    def supervisions(self) -> list[Supervision]: ...

    def of_match(self, match_id: str) -> list[Evaluation]: ...

    def of_request(self, request_id: str) -> list[Evaluation]: ...

    def forget_about(self, request_id: str) -> None:
        """Erase the evaluations about this person and the closing words of their placements."""


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

    def move(self, person_type: str, from_id: str, to_id: str) -> None:
        """The notes of one record go to another (a merged duplicate)."""


class DuplicateRepository(Repository[PossibleDuplicate], Protocol):
    def naming(self, person_type: str, person_id: str) -> list[PossibleDuplicate]:
        """Every flag naming this record, oldest first."""

    def forget(self, duplicate: PossibleDuplicate) -> None: ...


class ShortLinkRepository(Protocol):
    def add(self, link: ShortLink) -> None: ...

    def find(self, code_hash: str) -> ShortLink | None: ...

    def drop_for(self, person_type: str, person_id: str) -> None:
        """The person's printed short codes stop working."""


class NetworkRepository(Protocol):
    def add(self, network: Network) -> None: ...

    def find(self, slug: str) -> Network | None: ...

    def join(self, member: Membership) -> None: ...

    def is_member(self, network_id: str, organization_id: str) -> bool: ...

    def of(self, organization_id: str) -> list[Network]: ...

    def members(self, network_ids: list[str]) -> list[Organization]: ...

    def partners(self, organization_id: str) -> list[Organization]:
        """The other organisations that share a network with this one, by name."""


class ReferralRepository(Protocol):
    def add(self, referral: Referral) -> None: ...

    def by_token(self, token_hash: str) -> Referral:
        """NotFound when no referral has this link."""

    def of_request(self, request_id: str) -> list[Referral]: ...


class TransferRepository(Protocol):
    def add(self, transfer: Transfer) -> None: ...

    def move_records(self, request_id: str, to_organization_id: str) -> None:
        """The person's notes, consent records, messages and referral move with the request."""


class PartnerCounts(Protocol):
    """The one way a request's needs reach partner organisations: its matching profile only (no
    name, no contact, no id), and back come counts per organisation, never who."""

    def count(self, profile: Profile, organization_ids: list[str]) -> dict[str, int]:
        """Per organisation, how many of its available offers pass every hard rule for `profile`."""


class ActivityRepository(Repository[Activity], Protocol):
    """Activities and their sign-ups (a sign-up is unique per activity and request)."""

    def of(self, organization_ids: list[str], open_only: bool = True) -> list[Activity]:
        """In a stable order (title, id)."""

    def version(self, organization_ids: list[str]) -> tuple:
        """Changes whenever an activity of these organisations is added, changed or closed."""

    def taken(self, organization_ids: list[str]) -> dict[str, int]:
        """Sign-ups per activity."""

    def add_signup(self, signup: ActivitySignup) -> None: ...

    def remove_signup(self, signup: ActivitySignup) -> None: ...

    def signup(self, activity_id: str, request_id: str) -> ActivitySignup | None: ...

    def signups_of_request(self, request_id: str) -> list[ActivitySignup]: ...

    def signups_of_activity(self, activity_id: str) -> list[ActivitySignup]: ...

    def forget_person(self, request_id: str) -> None:
        """Erasure: the person's sign-ups gone, the hosts' messages about them blanked."""


class WaitingFacts(Protocol):
    """Read-only facts about waiting people that span tables."""

    def contacted_count(self, organization_id: str, since: datetime) -> tuple[int, int]:
        """(waiting, of whom contacted since `since`: a call note, or a message sent or meant for an email)."""

    def last_contacts(self, organization_id: str | None = None) -> list[dict]:
        """Waiting requests: id, organization_id, created_at, last_contact (newest call note or message, or None)."""

    def waits(self, organization_id: str, since: datetime, until: datetime) -> list[dict]:
        """Requests first matched in [since, until]: kind, postcode, volunteer_gender, max_distance_km,
        created_at, matched_at."""


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
                     subjects: list[tuple[str, str]], now: datetime) -> None:
        """A list view: one entry with every (person type, id) it showed, each once; nothing when empty."""


class ReadModel(Protocol):
    """The read side: rows shaped for the screens and the API (no aggregates, no events)."""

    def requests(self, org: str, status: str | None, now: datetime, limit: int = 500,
                 assigned: str | None = None) -> list[dict]:
        """`assigned`: only those given to this coordinator id, or to nobody ("none")."""

    def volunteers(self, org: str, status: str | None, limit: int = 1000, assigned: str | None = None) -> list[dict]: ...

    def placements(self, org: str) -> list[dict]: ...

    def matches(self, org: str, status: str | None, health: str | None = None) -> list[dict]:
        """The matches, newest proposal first; `health` keeps the running ones with that health."""

    def messages(self, org: str) -> list[dict]: ...

    def headline(self, org: str, now: datetime, count: int) -> dict:
        """`waiting` (the `count` given), `median_waiting_days`, `active_matches`, `ended_matches`."""

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

    def open_reminders(self, org: str, limit: int | None = None) -> list[dict]: ...

    def open_reminder_count(self, org: str) -> int: ...

    def blocked_counts(self, org: str) -> list[dict]: ...

    def history(self, org: str, now: datetime, months: int = 12) -> list[dict]: ...

    def end_reasons(self, org: str) -> dict[str, int]: ...

    def match_spells(self, org: str, confirmed_before: datetime | None = None) -> list[dict]:
        """confirmed_at, ended_at, end_reason, initiated_by of every match that ran (how long matches last)."""

    def health_counts(self, org: str) -> dict[str, int]:
        """Running matches per kept health."""

    def audit_log(self, org: str, limit: int = 500) -> list[dict]:
        """Newest first: `at`, `action`, `subject_type`, `subject_id`, `people`, `user_email`; a list view
        is one line with how many people it showed."""

    def access_log_about(self, subject_type: str, subject_id: str, newest: int | None = None,
                         since: datetime | None = None) -> list[dict]: ...

    def access_count(self, subject_type: str, subject_id: str) -> int:
        """How many views and changes of this person are logged (a list that showed them counts once)."""

    def messages_to(self, recipient_type: str, recipient_id: str) -> list[dict]: ...

    def matches_of(self, person_type: str, person_id: str) -> list[dict]: ...

    def open_calls(self, org: str, page: int, per_page: int) -> tuple[list[dict], int]:
        """One page of open call tasks, newest first, and how many there are."""

    def notes_about(self, person_type: str, person_id: str) -> list[dict]: ...

    def matches_named(self, person_type: str, person_id: str) -> list[dict]:
        """The person's matches, newest first, with the other side's type, id and name."""

    def timeline(self, person_type: str, person_id: str, limit: int = 200) -> list[dict]:
        """Match steps, messages and notes about the person, newest first: at, what, ref, kind, text, by."""

    def coordinators(self, org: str) -> list[dict]: ...

    def assigned_people(self, org: str, assigned: str, limit: int = 500) -> list[dict]:
        """Requests and volunteers given to a coordinator id (or "none": to nobody)."""

    def open_duplicates(self, org: str) -> list[dict]:
        """Possible duplicates not yet decided, with both records' names and contact details."""

    def organization_rows(self, organization_id: str) -> dict[str, list[dict]]:
        """Every row of one organisation, table by table, secrets left out (the organisation export)."""

    def region_facts(self, org_ids: list[str]) -> dict[str, list[dict]]:
        """Bare facts (kinds, dates, postcodes, roles; no names) of the network's organisations, per table."""

    def transfers_out(self, org: str) -> list[dict]:
        """The organisation's handovers: request id, when, and the partner's name; newest first."""


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
    evaluations: EvaluationRepository
    short_links: ShortLinkRepository
    networks: NetworkRepository
    referrals: ReferralRepository
    transfers: TransferRepository
    activities: ActivityRepository
    waiting: WaitingFacts
    duplicates: DuplicateRepository
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


class CertificatePrinter(Protocol):
    def render(self, certificate: Certificate) -> bytes:
        """The bewijs van werkervaring laid out for printing (PDF)."""


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
    certificates: CertificatePrinter | None = None
    suggestions_per_request: int = 10
    retention_months: int = 12
