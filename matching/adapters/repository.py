"""Reading and writing aggregates inside one Session; every lookup is scoped to an organisation."""
from __future__ import annotations

import uuid
from collections import Counter
from datetime import datetime, timedelta
from typing import Iterable, TypeVar

from sqlalchemy import delete, func, insert, select, update
from sqlalchemy.dialects import postgresql, sqlite
from sqlalchemy.orm import Session

from matching.adapters import orm, outbox
from matching.domain.consent import Consent
from matching.domain.errors import NotFound
from matching.domain.import_job import ImportJob
from matching.domain.match import Match
from matching.domain.organization import Organization, User
from matching.domain.people import Request, Volunteer
from matching.domain.placement import Placement
from matching.domain.short_link import ShortLink

T = TypeVar("T")


def _is_id(value) -> bool:
    try:
        return str(uuid.UUID(str(value))) == str(value)
    except ValueError:
        return False
OFFER_CLASSES = {"volunteer": Volunteer, "placement": Placement}


class Repository:
    def __init__(self, session: Session):
        self.session = session

    def add(self, obj) -> None:
        self.session.add(obj)

    def get(self, cls: type[T], id: str, organization_id: str | None, lock: bool = False) -> T:
        """One aggregate of the caller's organisation; NotFound for a missing id and another's alike."""
        if not _is_id(id):  # never send junk (a NUL, say) to the database: it cannot be an id anyway
            raise NotFound(f"{cls.__name__.lower()} not found")
        query = select(cls).where(cls.id == str(id))
        if organization_id is not None:
            query = query.where(cls.organization_id == organization_id)
        if lock:
            query = query.with_for_update()
        found = self.session.scalars(query).first()
        if found is None:
            raise NotFound(f"{cls.__name__.lower()} not found")
        return found

    def offer(self, offer_type: str, id: str, organization_id: str, lock: bool = False):
        if offer_type not in OFFER_CLASSES:
            raise NotFound("offer not found")
        return self.get(OFFER_CLASSES[offer_type], id, organization_id, lock)

    def find_organization(self, slug: str) -> Organization | None:
        if not slug or not slug.replace("-", "").isalnum() or not slug.isascii():
            return None
        return self.session.scalars(select(Organization).where(Organization.slug == slug)).first()

    def all_organizations(self) -> list[Organization]:
        return list(self.session.scalars(select(Organization).order_by(Organization.name)))

    def organization_by_slug(self, slug: str) -> Organization:
        found = self.find_organization(slug)
        if found is None:
            raise NotFound("organisation not found")
        return found

    def user_by_email(self, email: str) -> User | None:
        return self.session.scalars(select(User).where(User.email == email.strip().lower())).first()

    def by_token(self, cls: type[T], token_hash: str, lock: bool = False) -> T:
        query = select(cls).where(cls.manage_token_hash == token_hash)
        found = self.session.scalars(query.with_for_update() if lock else query).first()
        if found is None:
            raise NotFound("not found")
        return found

    def person_by_token(self, token_hash: str) -> tuple[str, Request | Volunteer]:
        """Whoever a private link belongs to: ("request", request) or ("volunteer", volunteer)."""
        for person_type, cls in (("request", Request), ("volunteer", Volunteer)):
            found = self.session.scalars(select(cls).where(cls.manage_token_hash == token_hash)).first()
            if found is not None:
                return person_type, found
        raise NotFound("no such link")

    def active_load(self, offer_type: str, offer_id: str) -> int:
        """Active matches of one offer: the places taken."""
        return self.session.scalar(select(func.count()).select_from(orm.matches).where(
            orm.matches.c.offer_type == offer_type, orm.matches.c.offer_id == offer_id,
            orm.matches.c.status == "active")) or 0

    def reserved_loads(self, organization_id: str) -> Counter:
        """Places taken or held by a proposal, per (offer_type, offer_id): suggestions skip full offers."""
        rows = self.session.execute(select(orm.matches.c.offer_type, orm.matches.c.offer_id, func.count()).where(
            orm.matches.c.organization_id == organization_id, orm.matches.c.status.in_(("active", "proposed")),
        ).group_by(orm.matches.c.offer_type, orm.matches.c.offer_id))
        return Counter({(t, i): n for t, i, n in rows})

    def offers_version(self, organization_id: str) -> tuple:
        """Changes whenever a volunteer, placement or match of the organisation changes (count and latest time)."""
        parts = []
        for table in (orm.volunteers, orm.placements, orm.matches):
            mine = table.c.organization_id == organization_id
            parts += [select(func.count()).select_from(table).where(mine).scalar_subquery(),
                      select(func.max(table.c.updated_at)).where(mine).scalar_subquery()]
        return tuple(self.session.execute(select(*parts)).one())  # one round trip

    def available_offers(self, organization_id: str) -> list[tuple[str, Volunteer | Placement]]:
        """Active volunteers and placements of the organisation, in a stable order."""
        out: list[tuple[str, Volunteer | Placement]] = []
        for offer_type, cls in OFFER_CLASSES.items():
            query = select(cls).where(cls.organization_id == organization_id, cls.status == "active").order_by(cls.id)
            out.extend((offer_type, offer) for offer in self.session.scalars(query))
        return out

    def all_offers(self, organization_id: str) -> list[tuple[str, Volunteer | Placement]]:
        """Every volunteer and placement still on the books (not erased), for "why nobody fits"."""
        out: list[tuple[str, Volunteer | Placement]] = []
        for offer_type, cls in OFFER_CLASSES.items():
            query = select(cls).where(cls.organization_id == organization_id, cls.postcode != "").order_by(cls.id)
            out.extend((offer_type, offer) for offer in self.session.scalars(query))
        return out

    def waiting_requests(self, organization_id: str, ids: Iterable[str] | None = None,
                         lock: bool = False) -> list[Request]:
        """The waiting list (or some of it) as the scoring sees it, paused requests left out; longest
        waiting first; `lock` takes the rows in that order."""
        query = select(Request).where(Request.organization_id == organization_id, Request.status == "waiting",
                                      Request.paused_at.is_(None))
        if ids is not None:
            query = query.where(Request.id.in_(list(ids)))
        query = query.order_by(Request.created_at, Request.id)
        return list(self.session.scalars(query.with_for_update() if lock else query))

    def unscored_requests(self, organization_id: str, request_id: str, since: datetime, limit: int) -> list[str]:
        """This request if it still waits for its first suggestions, and up to `limit` others of the
        organisation that arrived since `since` and do too: locked for this transaction, skipping
        those another worker holds (it is scoring them). A range scan of the newest rows only."""
        unscored = (Request.organization_id == organization_id) & (Request.status == "waiting") & (
            Request.scored_at.is_(None)) & Request.paused_at.is_(None)
        lock = {"skip_locked": True}
        own = self.session.scalars(select(Request.id).where(unscored, Request.id == request_id)
                                   .with_for_update(**lock)).all()
        others = self.session.scalars(select(Request.id).where(unscored, Request.created_at >= since,
                                                               Request.id != request_id)
                                      .order_by(Request.created_at.desc()).limit(limit).with_for_update(**lock)).all()
        return [*own, *others]

    def excluded_pairs(self, request_ids: Iterable[str]) -> set[tuple[str, str, str]]:
        """(request_id, offer_type, offer_id) pairs that must never be suggested again."""
        ids = list(request_ids)
        if not ids:
            return set()
        rows = self.session.scalars(select(Match).where(Match.request_id.in_(ids), Match.status.in_(("declined", "ended"))))
        return {(m.request_id, m.offer_type, m.offer_id) for m in rows if m.excludes_pair}

    def replace_suggestions(self, request_id: str, rows: list[dict], now: datetime) -> None:
        """Swap a request's stored suggestions for a new list, in one transaction."""
        self.session.execute(delete(orm.suggestions).where(orm.suggestions.c.request_id == request_id))
        if rows:
            self.session.execute(insert(orm.suggestions), [
                dict(row, request_id=request_id, rank=rank, computed_at=now) for rank, row in enumerate(rows, 1)])

    def suggestions(self, request_id: str, limit: int) -> list[dict]:
        query = select(orm.suggestions).where(orm.suggestions.c.request_id == request_id).order_by(
            orm.suggestions.c.rank).limit(limit)
        return [dict(row._mapping) for row in self.session.execute(query)]

    def claim_event(self, event_id: str, handler: str, now: datetime) -> bool:
        """Record that `handler` processed `event_id`; False when it already had (at-least-once delivery)."""
        dialect = postgresql if self.session.get_bind().dialect.name == "postgresql" else sqlite
        claimed = self.session.execute(dialect.insert(orm.processed_events).values(
            event_id=event_id, handler=handler, processed_at=now).on_conflict_do_nothing()
            .returning(orm.processed_events.c.event_id))
        return claimed.first() is not None  # one round trip, no savepoint

    def audit(self, organization_id: str, user_id: str | None, action: str, subject_type: str, subject_id: str,
              now: datetime) -> None:
        """Who viewed or changed whose data: ids only, never the data itself."""
        self.session.execute(insert(orm.audit_log).values(
            at=now, organization_id=organization_id, user_id=user_id, action=action,
            subject_type=subject_type, subject_id=subject_id))

    def audit_views(self, organization_id: str, user_id: str | None, action: str, subjects: list[tuple[str, str]],
                    now: datetime) -> None:
        """One access-log row per person shown on a list (NEN 7513: every view of whose data)."""
        rows = [{"at": now, "organization_id": organization_id, "user_id": user_id, "action": action,
                 "subject_type": subject_type, "subject_id": subject_id}
                for subject_type, subject_id in dict.fromkeys(subjects)]
        if rows:
            self.session.execute(insert(orm.audit_log), rows)

    def event(self, event_id: str) -> dict | None:
        return outbox.load(self.session, event_id)

    def unpublished(self, now: datetime, older_than: timedelta) -> list[str]:
        return outbox.unpublished(self.session, now, older_than)

    def mark_published(self, event_ids: list[str], now: datetime) -> None:
        outbox.mark_published(self.session, event_ids, now)

    def requests_suggesting(self, offer_type: str, offer_id: str) -> list[str]:
        """Requests whose stored suggestions name this offer (to refresh when it fills up or leaves)."""
        query = select(orm.suggestions.c.request_id).where(
            orm.suggestions.c.offer_type == offer_type, orm.suggestions.c.offer_id == offer_id).distinct()
        return list(self.session.scalars(query))

    def forget(self, person_type: str, person_id: str, now: datetime) -> None:
        """Everything outside the person's own row that could still say something about them: messages
        to them and introductions of their matches blanked, a request's suggestions gone, and the
        coordinator's free-text reasons on their matches cleared. (Suggestions naming an erased
        volunteer go when the workers rescore the requests holding them.)"""
        m = orm.matches.c
        theirs = (m.request_id == person_id) if person_type == "request" else (
            (m.offer_type == person_type) & (m.offer_id == person_id))
        self.session.execute(update(orm.messages).where(
            ((orm.messages.c.recipient_type == person_type) & (orm.messages.c.recipient_id == person_id))
            | orm.messages.c.match_id.in_(select(m.id).where(theirs))
        ).values(to_address=None, subject="[verwijderd]", body="[verwijderd]", link_seal=None, sms_body=None))
        self.session.execute(update(orm.matches).where(theirs).values(decline_reason=None))
        for table in (orm.notes, orm.short_links):  # notes are personal data; a short code opens their link
            self.session.execute(delete(table).where(table.c.person_type == person_type,
                                                     table.c.person_id == person_id))
        if person_type == "request":
            self.session.execute(delete(orm.suggestions).where(orm.suggestions.c.request_id == person_id))

    def past_retention(self, cutoff: datetime, limit: int) -> list[Request | Volunteer]:
        """People whose data has been kept long enough: requests whose last match ended before
        `cutoff` (and none is proposed or running), volunteers who stopped before it, and any
        withdrawn request not yet erased."""
        m = orm.matches.c
        ended_long_ago = (select(m.request_id).where(m.status == "ended").group_by(m.request_id)
                          .having(func.max(m.ended_at) < cutoff))
        still_open = select(m.request_id).where(m.status.in_(("proposed", "active")))
        matched = select(Request).where(Request.erased_at.is_(None), Request.status == "matched",
                                        Request.id.in_(ended_long_ago), Request.id.not_in(still_open))
        withdrawn = select(Request).where(Request.erased_at.is_(None), Request.status == "withdrawn")
        stopped = select(Volunteer).where(Volunteer.erased_at.is_(None), Volunteer.status == "stopped",
                                          Volunteer.updated_at < cutoff)
        found: list[Request | Volunteer] = []
        for query in (matched, withdrawn, stopped):
            found += self.session.scalars(query.limit(limit - len(found)).with_for_update()).all()
        return found

    def abandoned_imports(self, before: datetime) -> list[ImportJob]:
        """Uploads whose column mapping was never confirmed, from before `before`."""
        return list(self.session.scalars(select(ImportJob).where(
            ImportJob.status == "mapping", ImportJob.created_at < before).with_for_update()))

    def add_import_rows(self, import_id: str, chunk: int, rows: list[dict]) -> None:
        """One chunk of an upload's rows, written at once (the session keeps no copy)."""
        self.session.flush()  # the job first: the chunk refers to it
        self.session.execute(insert(orm.import_rows).values(import_id=import_id, chunk=chunk, rows=rows))

    def import_rows(self, import_id: str, chunk: int) -> list[dict] | None:
        """One chunk of an upload's rows; None past the last one."""
        table = orm.import_rows
        return self.session.scalar(select(table.c.rows).where(table.c.import_id == import_id, table.c.chunk == chunk))

    def drop_import_rows(self, import_id: str) -> None:
        self.session.execute(delete(orm.import_rows).where(orm.import_rows.c.import_id == import_id))

    def consents(self, subject_type: str, subject_id: str) -> list[Consent]:
        return list(self.session.scalars(select(Consent).where(
            Consent.subject_type == subject_type, Consent.subject_id == subject_id).order_by(Consent.given_at)))

    def active_matches(self) -> list[Match]:
        """Every active match of every organisation (the reminder run)."""
        return list(self.session.scalars(select(Match).where(Match.status == "active").order_by(Match.id)))

    def active_volunteers(self) -> list[Volunteer]:
        return list(self.session.scalars(select(Volunteer).where(Volunteer.status.in_(("active", "paused")))
                                          .order_by(Volunteer.id)))

    def reminder_exists(self, kind: str, subject_id: str, due_on) -> bool:
        return self.session.scalar(select(func.count()).select_from(orm.reminders).where(
            orm.reminders.c.kind == kind, orm.reminders.c.subject_id == subject_id,
            orm.reminders.c.due_on == due_on)) > 0

    def match_of_person(self, person_type: str, person_id: str) -> Match | None:
        """The person's current active match, if any (for the first-meeting question)."""
        query = select(Match).where(Match.status == "active")
        query = query.where(Match.request_id == person_id) if person_type == "request" else query.where(
            Match.offer_type == "volunteer", Match.offer_id == person_id)
        return self.session.scalars(query.order_by(Match.confirmed_at.desc())).first()

    def matches_of_person(self, person_type: str, person_id: str, statuses: tuple[str, ...]) -> list[Match]:
        """The person's matches in these statuses, the most recently changed first (their own page)."""
        query = select(Match).where(Match.status.in_(statuses))
        query = query.where(Match.request_id == person_id) if person_type == "request" else query.where(
            Match.offer_type == "volunteer", Match.offer_id == person_id)
        return list(self.session.scalars(query.order_by(Match.updated_at.desc(), Match.id)))

    def person_keys(self, cls, organization_id: str) -> list[tuple[str, str | None, str | None]]:
        """(id, email, phone) of every request or volunteer of the organisation: one query for a whole import."""
        return list(self.session.execute(select(cls.id, cls.email, cls.phone).where(
            cls.organization_id == organization_id, cls.postcode != "")).all())

    def short_link(self, code_hash: str) -> ShortLink | None:
        return self.session.get(ShortLink, code_hash)

    def drop_short_links(self, person_type: str, person_id: str) -> None:
        """A person's printed short codes stop working (their private link was replaced)."""
        s = orm.short_links.c
        self.session.execute(delete(orm.short_links).where(s.person_type == person_type, s.person_id == person_id))
