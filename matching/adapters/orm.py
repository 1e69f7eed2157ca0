"""Tables, and the imperative mapping of the pure domain classes onto them (cosmicpython style)."""
from __future__ import annotations

from datetime import datetime, timezone
from enum import StrEnum

from sqlalchemy import (JSON, BigInteger, Boolean, Column, Date, DateTime, Float, ForeignKey, Index, Integer, MetaData, String,
                        Table, Text, TypeDecorator, UniqueConstraint, event, text)
from sqlalchemy.dialects.postgresql import ARRAY
from sqlalchemy.orm import registry

from matching.domain.activity import Activity, ActivityCategory, ActivitySignup, ActivityStatus
from matching.domain.base import Aggregate
from matching.domain.consent import Channel, Consent
from matching.domain.evaluation import Evaluation, EvaluationSide, Moment, Supervision
from matching.domain.duplicate import Likeness, PossibleDuplicate, Resolution, lookup_keys
from matching.domain.import_job import ImportJob, ImportKind, ImportStatus
from matching.domain.match import Answer, EndReason, Initiator, Match, MatchStatus, OfferType
from matching.domain.match_health import Health
from matching.domain.message import Message, MessageStatus
from matching.domain.network import Membership, Network, Transfer
from matching.domain.note import Note, NoteKind
from matching.domain.organization import Organization, Role, User
from matching.domain.people import PausedBy, Request, RequestStatus, Volunteer, VolunteerStatus
from matching.domain.placement import Placement, PlacementStatus
from matching.domain.pulse import Pulse, PulseSide
from matching.domain.referral import Referral, ReferrerRole
from matching.domain.reminder import Reminder, ReminderKind
from matching.domain.search import search_text
from matching.domain.short_link import ShortLink

metadata = MetaData(naming_convention={
    "ix": "ix_%(column_0_label)s", "uq": "uq_%(table_name)s_%(column_0_name)s",
    "fk": "fk_%(table_name)s_%(column_0_name)s_%(referred_table_name)s", "pk": "pk_%(table_name)s",
})
mapper_registry = registry(metadata=metadata)


class UtcDateTime(TypeDecorator):
    """Timezone-aware UTC datetimes on every database (SQLite forgets the zone otherwise)."""

    impl = DateTime(timezone=True)
    cache_ok = True

    def process_bind_param(self, value: datetime | None, dialect):
        return value.astimezone(timezone.utc) if value is not None else None

    def process_result_value(self, value: datetime | None, dialect):
        if value is None:
            return None
        return value.replace(tzinfo=timezone.utc) if value.tzinfo is None else value.astimezone(timezone.utc)


class Choice(TypeDecorator):
    """One of a closed set (a StrEnum), stored as its plain word: rows and JSON hold the same strings
    as before, and every value read back is the enum member. Comparing with a plain string (a query
    parameter) binds it as it is, so an unknown word finds nothing instead of failing."""

    impl = String
    cache_ok = True

    def __init__(self, enum: type[StrEnum], length: int = 20):
        super().__init__(length)
        self.enum = enum

    def process_bind_param(self, value, dialect):
        return None if value is None else str(value)

    def process_result_value(self, value, dialect):
        return None if value is None else self.enum(value)


def _id(name: str = "id", **kw) -> Column:
    return Column(name, String(36), primary_key=True, **kw)


def _org() -> Column:
    return Column("organization_id", String(36), ForeignKey("organizations.id"), nullable=False, index=True)


def _person_columns(own_distance_optional: bool = False) -> list[Column]:
    """`own_distance_optional`: a request without a distance of its own (NULL) gets its kind's default."""
    return [
        Column("first_name", String(100)), Column("email", String(254)), Column("phone", String(32)),
        Column("postcode", String(4), nullable=False), Column("interests", JSON, nullable=False),
        Column("availability", JSON, nullable=False), Column("languages", JSON, nullable=False),
        Column("gender", String(10)), Column("birth_year", Integer),
        Column("max_distance_km", Float, nullable=own_distance_optional),
        Column("manage_token_hash", String(64), unique=True),
        Column("consent_at", UtcDateTime), Column("consent_version", String(20)),
        Column("created_at", UtcDateTime, nullable=False), Column("updated_at", UtcDateTime, nullable=False),
        Column("erased_at", UtcDateTime),
        Column("assigned_to", String(36)),  # the coordinator who looks after this person ("Mijn mensen")
        Column("search_text", String(600)),  # folded names, email, phone, postcode (matching.domain.search)
        # a sign-up's look-alikes by indexed equality (matching.domain.duplicate.lookup_keys)
        Column("email_key", String(254)), Column("name_key", String(100)), Column("phone_tail", String(9)),
    ]


organizations = Table(
    "organizations", metadata, _id(), Column("slug", String(64), nullable=False, unique=True),
    Column("name", String(200), nullable=False), Column("created_at", UtcDateTime, nullable=False),
    Column("phone", String(30)), Column("email", String(254)), Column("address", String(200)),
    Column("opening_hours", String(200)),
)
users = Table(
    "users", metadata, _id(), _org(), Column("email", String(254), nullable=False, unique=True),
    Column("password_hash", String(255), nullable=False), Column("role", Choice(Role), nullable=False),
    Column("active", Boolean, nullable=False), Column("session_version", Integer, nullable=False),
    Column("totp_secret", String(64)), Column("totp_last_step", BigInteger),
    Column("created_at", UtcDateTime, nullable=False),
)
requests = Table(
    "requests", metadata, _id(), _org(), Column("kind", String(30), nullable=False),
    Column("status", Choice(RequestStatus), nullable=False), *_person_columns(own_distance_optional=True),
    Column("about", Text), Column("volunteer_gender", String(10)),
    Column("scored_at", UtcDateTime), Column("withdrawn_at", UtcDateTime), Column("blocked_by", JSON(none_as_null=True)),
    Column("paused_at", UtcDateTime),
    Column("work_areas", JSON(none_as_null=True)), Column("hours_per_week", Integer),
    Column("goals", Text), Column("work_support", Text),
    Column("volunteer_id", String(36)),  # the same person as a volunteer (fluid roles)
    Column("last_contact_at", UtcDateTime),  # the newest call or message that reached them (contact_marks.py)
    Index("ix_requests_org_status_created", "organization_id", "status", "created_at"),
    Index("ix_requests_org_assigned", "organization_id", "assigned_to"),
    Index("ix_requests_org_search", "organization_id", "search_text"),
    Index("ix_requests_org_email_key", "organization_id", "email_key"),
    Index("ix_requests_org_name_key", "organization_id", "name_key", "postcode"),
    Index("ix_requests_org_phone_tail", "organization_id", "phone_tail"),
    Index("ix_requests_org_status_kind_created", "organization_id", "status", "kind", "created_at"),  # filtered lists
    Index("ix_requests_blocked", "organization_id", "status", sqlite_where=text("blocked_by IS NOT NULL"),
          postgresql_where=text("blocked_by IS NOT NULL")),  # "why nobody fits": the few without a candidate
    Index("ix_requests_live_contact", "organization_id", "status", "last_contact_at", sqlite_where=text("erased_at IS NULL"),
          postgresql_where=text("erased_at IS NULL")),  # how many wait and who heard from us, from the index alone
)
volunteers = Table(
    "volunteers", metadata, _id(), _org(), Column("status", Choice(VolunteerStatus), nullable=False), *_person_columns(),
    Column("last_name", String(100)), Column("kinds", JSON, nullable=False),
    Column("capacity", Integer, nullable=False), Column("participant_gender", String(10)),
    Column("motivation", Text), Column("vog_checked_at", UtcDateTime),
    Column("paused_by", Choice(PausedBy)),  # the volunteer (who may resume) or the coordinator
    Column("request_id", String(36)),  # the same person as a requester (fluid roles)
    Index("ix_volunteers_org_status", "organization_id", "status"),
    Index("ix_volunteers_org_assigned", "organization_id", "assigned_to"),
    Index("ix_volunteers_org_search", "organization_id", "search_text"),
    Index("ix_volunteers_org_email_key", "organization_id", "email_key"),
    Index("ix_volunteers_org_name_key", "organization_id", "name_key", "postcode"),
    Index("ix_volunteers_org_phone_tail", "organization_id", "phone_tail"),
)
placements = Table(
    "placements", metadata, _id(), _org(), Column("title", String(200), nullable=False),
    Column("description", Text), Column("postcode", String(4), nullable=False),
    Column("interests", JSON, nullable=False), Column("availability", JSON, nullable=False),
    Column("languages", JSON, nullable=False), Column("hours_per_week", Integer),
    Column("capacity", Integer, nullable=False), Column("status", Choice(PlacementStatus), nullable=False),
    Column("created_at", UtcDateTime, nullable=False), Column("updated_at", UtcDateTime, nullable=False),
    Column("work_areas", JSON(none_as_null=True)), Column("host_name", String(200)), Column("host_address", String(200)),
    Column("supervisor_name", String(100)), Column("supervisor_email", String(254)), Column("supervisor_phone", String(32)),
)
matches = Table(
    "matches", metadata, _id(), _org(),
    Column("request_id", String(36), ForeignKey("requests.id"), nullable=False, index=True),
    Column("offer_type", Choice(OfferType), nullable=False), Column("offer_id", String(36), nullable=False),
    Column("status", Choice(MatchStatus), nullable=False), Column("score", Float),
    Column("proposed_by", String(36)), Column("proposed_at", UtcDateTime, nullable=False),
    Column("confirmed_at", UtcDateTime), Column("ended_at", UtcDateTime), Column("end_reason", Choice(EndReason, 30)),
    Column("decline_reason", String(500)), Column("updated_at", UtcDateTime, nullable=False),
    Column("ends_on", Date), Column("request_answer", Choice(Answer, 4)), Column("offer_answer", Choice(Answer, 4)),
    Column("initiated_by", Choice(Initiator, 20)), Column("end_note", String(500)), Column("goodbye_meeting", Boolean),
    Column("health", Choice(Health, 20)), Column("health_reasons", JSON(none_as_null=True)), Column("health_at", UtcDateTime),
    Index("ix_matches_offer_status", "offer_type", "offer_id", "status"),
    Index("ix_matches_org_health", "organization_id", "health"),
    Index("ix_matches_org_proposed", "organization_id", "proposed_at"),  # the matches list, newest first
)
suggestions = Table(
    "suggestions", metadata, Column("id", Integer, primary_key=True, autoincrement=True),
    Column("request_id", String(36), ForeignKey("requests.id"), nullable=False, index=True),
    Column("rank", Integer, nullable=False), Column("offer_type", Choice(OfferType), nullable=False),
    Column("offer_id", String(36), nullable=False), Column("score", Float, nullable=False),
    Column("distance_km", Float, nullable=False), Column("breakdown", JSON, nullable=False),
    Column("computed_at", UtcDateTime, nullable=False),
)
messages = Table(
    "messages", metadata, _id(), _org(), Column("match_id", String(36)),
    Column("recipient_type", String(20), nullable=False), Column("recipient_id", String(36), nullable=False),
    Column("to_address", String(254)), Column("subject", String(200), nullable=False),
    Column("body", Text, nullable=False), Column("status", Choice(MessageStatus), nullable=False),
    Column("attempts", Integer, nullable=False), Column("created_at", UtcDateTime, nullable=False),
    Column("sent_at", UtcDateTime),
    Column("link_seal", String(200)),  # a private link's token, sealed, only until the message is sent
    Column("sms_body", Text),  # the short version for a person without email (link masked)
    Index("ix_messages_recipient", "recipient_type", "recipient_id", "created_at"),  # a person's timeline
    Index("ix_messages_org_created", "organization_id", "created_at"),  # the messages list, newest first
    Index("ix_messages_recipient_id", "recipient_id"),  # the messages to the people a search found
)
outbox = Table(
    "outbox", metadata, _id(), Column("organization_id", String(36), nullable=False),
    Column("name", String(50), nullable=False), Column("payload", JSON, nullable=False),
    Column("created_at", UtcDateTime, nullable=False), Column("published_at", UtcDateTime),
    Index("ix_outbox_unpublished", "published_at", "created_at"),
)
reminders = Table(
    "reminders", metadata, _id(), _org(), Column("kind", Choice(ReminderKind), nullable=False),
    Column("subject_type", String(20), nullable=False), Column("subject_id", String(36), nullable=False),
    Column("due_on", Date, nullable=False), Column("created_at", UtcDateTime, nullable=False),
    Column("done_at", UtcDateTime), Column("done_by", String(36)),
    UniqueConstraint("kind", "subject_id", "due_on", name="uq_reminders_once"),
)
import_jobs = Table(
    "import_jobs", metadata, _id(), _org(), Column("kind", Choice(ImportKind), nullable=False),
    Column("filename", String(200), nullable=False), Column("status", Choice(ImportStatus), nullable=False),
    Column("headers", JSON, nullable=False), Column("mapping", JSON, nullable=False),
    Column("total", Integer, nullable=False), Column("done", Integer, nullable=False), Column("report", JSON),
    Column("created_by", String(36)), Column("created_at", UtcDateTime, nullable=False),
    Column("finished_at", UtcDateTime),
)
import_rows = Table(  # an upload's rows in chunks: no value, and no step, holds a whole file
    "import_rows", metadata,
    Column("import_id", String(36), ForeignKey("import_jobs.id", ondelete="CASCADE"), primary_key=True),
    Column("chunk", Integer, primary_key=True, autoincrement=False), Column("rows", JSON, nullable=False),
)
processed_events = Table(
    "processed_events", metadata, Column("event_id", String(36), primary_key=True),
    Column("handler", String(50), primary_key=True), Column("processed_at", UtcDateTime, nullable=False),
)
audit_log = Table(
    "audit_log", metadata, Column("id", Integer, primary_key=True, autoincrement=True),
    Column("at", UtcDateTime, nullable=False), Column("organization_id", String(36), nullable=False, index=True),
    Column("user_id", String(36)), Column("action", String(50), nullable=False),
    Column("subject_type", String(20), nullable=False), Column("subject_id", String(36), nullable=False),
    Index("ix_audit_log_subject", "subject_type", "subject_id", "at"),  # a person's own access log
)
SUBJECT_KEYS = JSON().with_variant(ARRAY(Text), "postgresql")  # ["request:<id>", ...]; PostgreSQL: text[]
audit_views = Table(  # one row per list view with everyone it showed (audit_log once had a row per person)
    "audit_views", metadata, Column("id", Integer, primary_key=True, autoincrement=True),
    Column("at", UtcDateTime, nullable=False), Column("organization_id", String(36), nullable=False),
    Column("user_id", String(36)), Column("action", String(50), nullable=False),
    Column("subject_types", String(50), nullable=False), Column("people", Integer, nullable=False),
    Column("subject_ids", SUBJECT_KEYS, nullable=False),
    Index("ix_audit_views_org_at", "organization_id", "at"),  # the admin's log page, newest first
    Index("ix_audit_views_at", "at"),  # a person's recent views (the private link's 92 days) without reading all history
)  # PostgreSQL also has the GIN index ix_audit_views_subjects (migration 0022): "the views that showed X"

consents = Table(
    "consents", metadata, _id(), _org(), Column("subject_type", String(20), nullable=False),
    Column("subject_id", String(36), nullable=False), Column("purpose", String(30), nullable=False),
    Column("text_version", String(20), nullable=False), Column("given_via", Choice(Channel), nullable=False),
    Column("given_at", UtcDateTime, nullable=False), Column("withdrawn_at", UtcDateTime),
    Column("withdrawn_via", Choice(Channel)),
    Index("ix_consents_subject", "subject_type", "subject_id"),
)

notes = Table(
    "notes", metadata, _id(), _org(), Column("person_type", String(20), nullable=False),
    Column("person_id", String(36), nullable=False), Column("kind", Choice(NoteKind), nullable=False),
    Column("text", Text, nullable=False), Column("author_id", String(36)),
    Column("created_at", UtcDateTime, nullable=False),
    Index("ix_notes_person", "person_type", "person_id", "created_at"),  # a person's notes; their last call
    Index("ix_notes_org_kind_created", "organization_id", "kind", "created_at"),  # who was called lately (dashboard)
)
pulses = Table(  # one row per (match, side, round): the unique key makes a second worker's pulse impossible
    "pulses", metadata, _id(), _org(),
    Column("match_id", String(36), ForeignKey("matches.id"), nullable=False, index=True),
    Column("side", Choice(PulseSide, 10), nullable=False), Column("person_type", String(20), nullable=False),
    Column("person_id", String(36), nullable=False), Column("round", Integer, nullable=False),
    Column("track", String(30), nullable=False), Column("due_on", Date, nullable=False),
    Column("token_hash", String(64), nullable=False, unique=True),
    Column("created_at", UtcDateTime, nullable=False), Column("answered_at", UtcDateTime),
    Column("answers", JSON(none_as_null=True)), Column("comment", Text),
    UniqueConstraint("match_id", "side", "round", name="uq_pulses_once"),
    Index("ix_pulses_person", "person_type", "person_id"),
)
short_links = Table(
    "short_links", metadata, Column("code_hash", String(64), primary_key=True), _org(),
    Column("person_type", String(20), nullable=False), Column("person_id", String(36), nullable=False),
    Column("link_seal", String(200), nullable=False), Column("created_at", UtcDateTime, nullable=False),
    Index("ix_short_links_person", "person_type", "person_id"),
)
supervisions = Table(  # one per confirmed placement match: the supervisor's private link (its hash only)
    "supervisions", metadata, _id(), _org(),
    Column("match_id", String(36), ForeignKey("matches.id"), nullable=False, unique=True),
    Column("start_on", Date, nullable=False), Column("token_hash", String(64), nullable=False, unique=True),
    Column("created_at", UtcDateTime, nullable=False), Column("closing_words", Text),
)
evaluations = Table(  # one row per (match, side, moment): answered once
    "evaluations", metadata, _id(), _org(),
    Column("match_id", String(36), ForeignKey("matches.id"), nullable=False, index=True),
    Column("request_id", String(36), nullable=False, index=True),
    Column("side", Choice(EvaluationSide, 12), nullable=False), Column("moment", Choice(Moment, 12), nullable=False),
    Column("due_on", Date, nullable=False), Column("answered_at", UtcDateTime, nullable=False),
    Column("goals_progress", Integer, nullable=False), Column("went_well", Text), Column("next_step", Text),
    UniqueConstraint("match_id", "side", "moment", name="uq_evaluations_once"),
)

networks = Table(
    "networks", metadata, _id(), Column("slug", String(64), nullable=False, unique=True),
    Column("name", String(200), nullable=False), Column("created_at", UtcDateTime, nullable=False),
)
network_members = Table(
    "network_members", metadata,
    Column("network_id", String(36), ForeignKey("networks.id"), primary_key=True),
    Column("organization_id", String(36), ForeignKey("organizations.id"), primary_key=True, index=True),
    Column("joined_at", UtcDateTime, nullable=False),
)
referrals = Table(  # who referred a request; the referrer's name and contact go when the person leaves
    "referrals", metadata, _id(), _org(),
    Column("request_id", String(36), ForeignKey("requests.id"), nullable=False, index=True),
    Column("referrer_name", String(200)), Column("referrer_organization", String(200), nullable=False),
    Column("referrer_role", Choice(ReferrerRole), nullable=False), Column("referrer_email", String(254)),
    Column("referrer_phone", String(32)), Column("share_status", Boolean, nullable=False),
    Column("token_hash", String(64), unique=True), Column("created_at", UtcDateTime, nullable=False),
)
transfers = Table(  # all the sender keeps of a handover: which request id went where and when
    "transfers", metadata, _id(),
    Column("request_id", String(36), ForeignKey("requests.id"), nullable=False, index=True),
    Column("from_organization_id", String(36), ForeignKey("organizations.id"), nullable=False, index=True),
    Column("to_organization_id", String(36), ForeignKey("organizations.id"), nullable=False, index=True),
    Column("transferred_at", UtcDateTime, nullable=False), Column("by_user", String(36)),
)
activities = Table(
    "activities", metadata, _id(), _org(), Column("title", String(200), nullable=False),
    Column("description", Text), Column("category", Choice(ActivityCategory), nullable=False),
    Column("postcode", String(4), nullable=False), Column("address", String(200), nullable=False),
    Column("slots", JSON, nullable=False), Column("interests", JSON, nullable=False),
    Column("walk_in", Boolean, nullable=False), Column("capacity", Integer),
    Column("host_name", String(100), nullable=False), Column("host_phone", String(32)), Column("host_email", String(254)),
    Column("status", Choice(ActivityStatus), nullable=False),
    Column("created_at", UtcDateTime, nullable=False), Column("updated_at", UtcDateTime, nullable=False),
    Index("ix_activities_org_status", "organization_id", "status"),
)
activity_signups = Table(  # one per (activity, request): a second sign-up is the same one
    "activity_signups", metadata, _id(), _org(),
    Column("activity_id", String(36), ForeignKey("activities.id"), nullable=False, index=True),
    Column("request_id", String(36), ForeignKey("requests.id"), nullable=False, index=True),
    Column("first_name", String(100), nullable=False), Column("contact", String(254), nullable=False),
    Column("created_at", UtcDateTime, nullable=False),
    UniqueConstraint("activity_id", "request_id", name="uq_activity_signups_once"),
)

possible_duplicates = Table(
    "possible_duplicates", metadata, _id(), _org(), Column("person_type", String(20), nullable=False),
    Column("person_id", String(36), nullable=False), Column("other_id", String(36), nullable=False),
    Column("likeness", Choice(Likeness), nullable=False), Column("created_at", UtcDateTime, nullable=False),
    Column("resolved_at", UtcDateTime), Column("resolution", Choice(Resolution, 10)), Column("resolved_by", String(36)),
    Index("ix_possible_duplicates_open", "organization_id", "resolved_at"),
    Index("ix_possible_duplicates_other", "other_id"),
    Index("ix_possible_duplicates_person", "person_id"),
)

_MAPPED = {Organization: organizations, User: users, Request: requests, Volunteer: volunteers,
           Placement: placements, Match: matches, Message: messages, Reminder: reminders,
           ImportJob: import_jobs, Consent: consents, Note: notes, ShortLink: short_links, Pulse: pulses,
           Network: networks, Membership: network_members, Referral: referrals, Transfer: transfers,
           Activity: activities, ActivitySignup: activity_signups, Supervision: supervisions, Evaluation: evaluations,
           PossibleDuplicate: possible_duplicates}


def start_mappers() -> None:
    """Map the domain classes once per process; idempotent."""
    if Request in {m.class_ for m in mapper_registry.mappers}:
        return
    for cls, table in _MAPPED.items():
        mapper_registry.map_imperatively(cls, table)
    for cls in (Request, Volunteer):
        event.listen(cls, "before_insert", _keep_search_text)
        event.listen(cls, "before_update", _keep_search_text)


def _keep_search_text(_mapper, _connection, person) -> None:
    """Every write of a person refreshes what the coordinator's search and a sign-up's look-alike
    query look in (an erasure empties both)."""
    person.search_text = search_text(person.first_name, getattr(person, "last_name", None), person.email,
                                     person.phone, person.postcode) or None
    person.email_key, person.name_key, person.phone_tail = lookup_keys(person.first_name, person.email, person.phone)


@event.listens_for(Aggregate, "load", propagate=True)
def _fresh_event_list(target, _context) -> None:
    """Objects loaded from the database start with no pending events."""
    target.events = []
