"""In-memory fakes of every port in `matching.services.ports`, for handler tests without a database.

`FakeDatabase` holds committed state; a `FakeUnitOfWork` works on a deep copy of it and writes it
back (with the aggregates' events as outbox rows) only on `commit()`, so a handler that raises or
never commits leaves nothing behind, as a real transaction would. `fake_bus()` builds the real
MessageBus with the real handlers on these fakes (cosmicpython's `bootstrap_test_app`).
"""
from __future__ import annotations

import copy
import uuid
from collections import Counter
from dataclasses import dataclass, field
from datetime import date, datetime, timedelta, timezone
from functools import cache
from statistics import median
from typing import Any, Iterable

from matching.domain.errors import NotFound
from matching.services.ports import Dependencies

KINDS = ("organizations", "users", "requests", "volunteers", "placements", "matches", "consents", "messages",
         "reminders", "imports", "notes", "pulses", "networks", "network_members", "referrals", "transfers",
         "activities", "activity_signups", "supervisions", "evaluations", "duplicates")
TABLES = {"imports": "import_jobs", "duplicates": "possible_duplicates"}  # the kinds whose table is named otherwise
SECRETS = {"password_hash", "totp_secret", "totp_last_step", "manage_token_hash", "session_version", "link_seal"}


@dataclass
class State:
    """Everything a database would hold: aggregates by kind and id, and the plain tables."""

    aggregates: dict[str, dict[str, Any]] = field(default_factory=lambda: {kind: {} for kind in KINDS})
    suggestions: dict[str, list[dict]] = field(default_factory=dict)
    outbox: list[dict] = field(default_factory=list)
    claims: set[tuple[str, str]] = field(default_factory=set)
    audit: list[dict] = field(default_factory=list)
    audit_views: list[dict] = field(default_factory=list)  # one row per list view, with everyone it showed
    import_rows: dict[tuple[str, int], list[dict]] = field(default_factory=dict)
    short_links: dict[str, Any] = field(default_factory=dict)  # by code hash

    def of(self, kind: str) -> list:
        return list(self.aggregates[kind].values())


class FakeDatabase:
    def __init__(self):
        self.state = State()


def _fields(obj) -> dict[str, Any]:
    """An aggregate as a row: its attributes, without bookkeeping."""
    return {k: v for k, v in vars(obj).items() if not k.startswith("_") and k not in ("events", "manage_token")}


@cache
def _columns(kind: str) -> tuple[str, ...]:
    from matching.adapters.orm import metadata  # the schema says which fields a stored row has

    return tuple(metadata.tables[TABLES.get(kind, kind)].c.keys())


class FakeRepository:
    kind = ""
    name = ""

    def __init__(self, state: State):
        self.state = state

    @property
    def store(self) -> dict[str, Any]:
        return self.state.aggregates[self.kind]

    def add(self, obj) -> None:
        """Stored as a row would be: every column the object left unset reads as None."""
        for column in _columns(self.kind):
            if not hasattr(obj, column):
                setattr(obj, column, None)
        self.store[obj.id] = obj

    def get(self, id: str, organization_id: str | None, lock: bool = False):
        found = self.store.get(id)
        if found is None or (organization_id is not None and found.organization_id != organization_id):
            raise NotFound(f"{self.name} not found")
        return found

    def get_many(self, ids, organization_id: str) -> dict:
        return {id: self.store[id] for id in ids if id in self.store and self.store[id].organization_id == organization_id}


class FakeOrganizations(FakeRepository):
    kind, name = "organizations", "organization"

    def get(self, id: str):  # type: ignore[override]
        return super().get(id, None)

    def all(self) -> list:
        return sorted(self.store.values(), key=lambda org: org.name)

    def find(self, slug: str):
        return next((org for org in self.store.values() if org.slug == slug), None)

    def by_slug(self, slug: str):
        found = self.find(slug)
        if found is None:
            raise NotFound("organisation not found")
        return found


class FakeUsers(FakeRepository):
    kind, name = "users", "user"

    def get(self, id: str, lock: bool = False):  # type: ignore[override]
        return super().get(id, None)

    def by_email(self, email: str):
        return next((u for u in self.store.values() if u.email == email.strip().lower()), None)


class FakePeople(FakeRepository):
    def by_token(self, token_hash: str, lock: bool = False):
        found = self.find_by_token(token_hash)
        if found is None:
            raise NotFound("not found")
        return found

    def find_by_token(self, token_hash: str):
        return next((p for p in self.store.values() if p.manage_token_hash == token_hash), None)

    def contact_keys(self, organization_id: str) -> list[tuple[str, str | None, str | None]]:
        return [(p.id, p.email, p.phone) for p in self.store.values()
                if p.organization_id == organization_id and p.postcode != ""]

    def identities(self, organization_id: str, near: dict | None = None) -> list[dict]:
        names = ("id", "first_name", "last_name", "email", "phone", "postcode")
        return [{n: getattr(p, n) for n in names if hasattr(p, n)} for p in self.store.values()
                if p.organization_id == organization_id and p.postcode != ""]


class FakeRequests(FakePeople):
    kind, name = "requests", "request"

    def waiting(self, organization_id: str, ids: Iterable[str] | None = None, lock: bool = False) -> list:
        wanted = None if ids is None else set(ids)
        found = [r for r in self.store.values() if r.organization_id == organization_id and r.status == "waiting"
                 and r.paused_at is None and (wanted is None or r.id in wanted)]
        return sorted(found, key=lambda r: (r.created_at, r.id))

    def unscored(self, organization_id: str, request_id: str, since: datetime, limit: int) -> list[str]:
        fresh = [r for r in self.waiting(organization_id) if r.scored_at is None]
        own = [r.id for r in fresh if r.id == request_id]
        others = sorted((r for r in fresh if r.id != request_id and r.created_at >= since),
                        key=lambda r: r.created_at, reverse=True)
        return own + [r.id for r in others[:limit]]

    def past_retention(self, cutoff: datetime, limit: int) -> list:
        matches = self.state.of("matches")
        still_open = {m.request_id for m in matches if m.status in ("proposed", "active")}
        ended: dict[str, datetime] = {}
        for m in matches:
            if m.status == "ended":
                ended[m.request_id] = max(ended.get(m.request_id, m.ended_at), m.ended_at)
        matched = [r for r in self.store.values() if r.erased_at is None and r.status == "matched"
                   and r.id in ended and ended[r.id] < cutoff and r.id not in still_open]
        withdrawn = [r for r in self.store.values() if r.erased_at is None and r.status == "withdrawn"]
        return (matched + withdrawn)[:limit]


class FakeVolunteers(FakePeople):
    kind, name = "volunteers", "volunteer"

    def active_or_paused(self) -> list:
        return sorted((v for v in self.store.values() if v.status in ("active", "paused")), key=lambda v: v.id)

    def past_retention(self, cutoff: datetime, limit: int) -> list:
        return [v for v in self.store.values()
                if v.erased_at is None and v.status == "stopped" and v.updated_at < cutoff][:max(limit, 0)]


class FakePlacements(FakeRepository):
    kind, name = "placements", "placement"


class FakeOffers:
    def __init__(self, state: State, volunteers: FakeVolunteers, placements: FakePlacements):
        self.state, self.by_type = state, {"volunteer": volunteers, "placement": placements}

    def get(self, offer_type: str, id: str, organization_id: str, lock: bool = False):
        if offer_type not in self.by_type:
            raise NotFound("offer not found")
        return self.by_type[offer_type].get(id, organization_id)

    def _of(self, organization_id: str, keep) -> list[tuple[str, Any]]:
        return [(offer_type, offer) for offer_type, repo in self.by_type.items()
                for offer in sorted(repo.store.values(), key=lambda o: o.id)
                if offer.organization_id == organization_id and keep(offer)]

    def available(self, organization_id: str) -> list[tuple[str, Any]]:
        return self._of(organization_id, lambda offer: offer.status == "active")

    def on_books(self, organization_id: str) -> list[tuple[str, Any]]:
        return self._of(organization_id, lambda offer: offer.postcode != "")

    def version(self, organization_id: str) -> tuple:
        out: list = []
        for kind in ("volunteers", "placements", "matches"):
            mine = [o for o in self.state.of(kind) if o.organization_id == organization_id]
            out += [len(mine), max((o.updated_at for o in mine), default=None)]
        return tuple(out)


def _theirs(match, person_type: str, person_id: str) -> bool:
    if person_type == "request":
        return match.request_id == person_id
    return match.offer_type == person_type and match.offer_id == person_id


class FakeMatches(FakeRepository):
    kind, name = "matches", "match"

    def active_load(self, offer_type: str, offer_id: str) -> int:
        return sum(1 for m in self.store.values()
                   if m.offer_type == offer_type and m.offer_id == offer_id and m.status == "active")

    def reserved_loads(self, organization_id: str) -> Counter:
        return Counter((m.offer_type, m.offer_id) for m in self.store.values()
                       if m.organization_id == organization_id and m.status in ("active", "proposed"))

    def excluded_pairs(self, request_ids: Iterable[str]) -> set[tuple[str, str, str]]:
        ids = set(request_ids)
        return {(m.request_id, m.offer_type, m.offer_id) for m in self.store.values()
                if m.request_id in ids and m.excludes_pair}

    def running_for(self, person_type: str, person_id: str):
        theirs = [m for m in self.store.values() if m.status == "active" and (
            m.request_id == person_id if person_type == "request"
            else m.offer_type == "volunteer" and m.offer_id == person_id)]
        return max(theirs, key=lambda m: m.confirmed_at, default=None)

    def for_person(self, person_type: str, person_id: str, statuses: tuple[str, ...]) -> list:
        theirs = sorted((m for m in self.store.values() if m.status in statuses and (
            m.request_id == person_id if person_type == "request"
            else m.offer_type == "volunteer" and m.offer_id == person_id)), key=lambda m: m.id)
        return sorted(theirs, key=lambda m: m.updated_at, reverse=True)

    def active(self) -> list:
        return sorted((m for m in self.store.values() if m.status == "active"), key=lambda m: m.id)

    def clear_reasons(self, person_type: str, person_id: str) -> None:
        for m in self.store.values():
            if _theirs(m, person_type, person_id):
                m.decline_reason = None


class FakeSuggestions:
    def __init__(self, state: State):
        self.state = state

    def replace(self, request_id: str, rows: list[dict], now: datetime) -> None:
        self.state.suggestions[request_id] = [dict(row, request_id=request_id, rank=rank, computed_at=now)
                                              for rank, row in enumerate(rows, 1)]

    def of(self, request_id: str, limit: int) -> list[dict]:
        return [dict(row) for row in self.state.suggestions.get(request_id, [])[:limit]]

    def requests_naming(self, offer_type: str, offer_id: str) -> list[str]:
        return [request_id for request_id, rows in self.state.suggestions.items()
                if any(r["offer_type"] == offer_type and r["offer_id"] == offer_id for r in rows)]

    def drop(self, request_id: str) -> None:
        self.state.suggestions.pop(request_id, None)


class FakeConsents(FakeRepository):
    kind, name = "consents", "consent"

    def of(self, subject_type: str, subject_id: str) -> list:
        return sorted((c for c in self.store.values() if c.subject_type == subject_type and c.subject_id == subject_id),
                      key=lambda c: c.given_at)


class FakeMessages(FakeRepository):
    kind, name = "messages", "message"

    def blank_about(self, person_type: str, person_id: str) -> None:
        theirs = {m.id for m in self.state.of("matches") if _theirs(m, person_type, person_id)}
        for message in self.store.values():
            if (message.recipient_type, message.recipient_id) == (person_type, person_id) or message.match_id in theirs:
                message.to_address, message.subject, message.body, message.link_seal, message.sms_body = (
                    None, "[verwijderd]", "[verwijderd]", None, None)


class FakeReminders(FakeRepository):
    kind, name = "reminders", "reminder"

    def open_for(self, subject_id: str) -> list:
        return sorted((r for r in self.store.values() if r.subject_id == subject_id and r.done_at is None),
                      key=lambda r: r.due_on)

    def exists(self, kind: str, subject_id: str, due_on: date) -> bool:
        return any((r.kind, r.subject_id, r.due_on) == (kind, subject_id, due_on) for r in self.store.values())


class FakeImports(FakeRepository):
    kind, name = "imports", "importjob"

    def abandoned(self, before: datetime) -> list:
        return [job for job in self.store.values() if job.status == "mapping" and job.created_at < before]

    def add_rows(self, import_id: str, chunk: int, rows: list[dict]) -> None:
        self.state.import_rows[(import_id, chunk)] = copy.deepcopy(rows)

    def rows(self, import_id: str, chunk: int) -> list[dict] | None:
        return self.state.import_rows.get((import_id, chunk))

    def drop_rows(self, import_id: str) -> None:
        for key in [key for key in self.state.import_rows if key[0] == import_id]:
            del self.state.import_rows[key]


class FakeNotes(FakeRepository):
    kind, name = "notes", "note"

    def move(self, person_type: str, from_id: str, to_id: str) -> None:
        for note in self.store.values():
            if note.person_type == person_type and note.person_id == from_id:
                note.person_id = to_id

    def forget_about(self, person_type: str, person_id: str) -> None:
        for note in [n for n in self.store.values() if (n.person_type, n.person_id) == (person_type, person_id)]:
            del self.store[note.id]

    def written_about(self, person_type: str, person_id: str, since: datetime) -> list:
        return sorted((n for n in self.store.values() if (n.person_type, n.person_id) == (person_type, person_id)
                       and n.created_at >= since), key=lambda n: (n.created_at, n.id))


class FakePulses(FakeRepository):
    kind, name = "pulses", "pulse"

    def by_token(self, token_hash: str, lock: bool = False):
        found = next((p for p in self.store.values() if p.token_hash == token_hash), None)
        if found is None:
            raise NotFound("no such link")
        return found

    def exists(self, match_id: str, side: str, round_: int) -> bool:
        return any((p.match_id, p.side, p.round) == (match_id, side, round_) for p in self.store.values())

    def add(self, obj) -> None:
        if self.exists(obj.match_id, obj.side, obj.round):  # the unique key of the table
            raise AssertionError("a second pulse for the same match, side and round")
        super().add(obj)

    def rounds_raised(self, match_ids: list[str]) -> dict[str, set[tuple[str, int]]]:
        out: dict[str, set[tuple[str, int]]] = {}
        for pulse in self.store.values():
            if pulse.match_id in match_ids:
                out.setdefault(pulse.match_id, set()).add((pulse.side, pulse.round))
        return out

    def of_match(self, match_id: str) -> list:
        return sorted((p for p in self.store.values() if p.match_id == match_id), key=lambda p: (p.round, p.side))

    def of_person(self, person_type: str, person_id: str) -> list:
        return sorted((p for p in self.store.values() if (p.person_type, p.person_id) == (person_type, person_id)),
                      key=lambda p: (p.created_at, p.id))

    def forget_about(self, person_type: str, person_id: str) -> None:
        for pulse in self.of_person(person_type, person_id):
            del self.store[pulse.id]


class FakeActivities(FakeRepository):
    kind, name = "activities", "activity"

    def _signups(self) -> list:
        return self.state.of("activity_signups")

    def of(self, organization_ids: list[str], open_only: bool = True) -> list:
        return sorted((a for a in self.store.values() if a.organization_id in organization_ids
                       and (a.status == "open" or not open_only)), key=lambda a: (a.title, a.id))

    def version(self, organization_ids: list[str]) -> tuple:
        return tuple(sorted(repr(sorted(vars(a).items())) for a in self.store.values()
                            if a.organization_id in organization_ids and not isinstance(a, type)))

    def taken(self, organization_ids: list[str]) -> dict[str, int]:
        return dict(Counter(s.activity_id for s in self._signups() if s.organization_id in organization_ids))

    def add_signup(self, signup) -> None:
        self.state.aggregates["activity_signups"][signup.id] = signup

    def remove_signup(self, signup) -> None:
        self.state.aggregates["activity_signups"].pop(signup.id, None)

    def signup(self, activity_id: str, request_id: str):
        return next((s for s in self._signups() if (s.activity_id, s.request_id) == (activity_id, request_id)), None)

    def signups_of_request(self, request_id: str) -> list:
        return sorted((s for s in self._signups() if s.request_id == request_id), key=lambda s: s.created_at)

    def signups_of_activity(self, activity_id: str) -> list:
        return sorted((s for s in self._signups() if s.activity_id == activity_id), key=lambda s: s.created_at)

    def forget_person(self, request_id: str) -> None:
        ids = {s.id for s in self.signups_of_request(request_id)}
        for message in self.state.of("messages"):
            if message.recipient_type == "activity" and message.match_id in ids:
                message.to_address, message.subject, message.body = None, "[verwijderd]", "[verwijderd]"
        for signup_id in ids:
            self.state.aggregates["activity_signups"].pop(signup_id)


class FakeWaiting:
    def __init__(self, state: State):
        self.state = state

    def contacted_count(self, organization_id: str, since: datetime) -> tuple[int, int]:
        rows = self.last_contacts(organization_id)
        return len(rows), sum(1 for r in rows if r["last_contact"] and r["last_contact"] >= since)

    def last_contacts(self, organization_id: str | None = None) -> list[dict]:
        out = []
        for r in self.state.of("requests"):
            if r.status != "waiting" or r.erased_at is not None or organization_id not in (None, r.organization_id):
                continue
            times = [n.created_at for n in self.state.of("notes") if (n.person_type, n.person_id, n.kind)
                     == ("request", r.id, "call")]
            times += [m.sent_at or m.created_at for m in self.state.of("messages")
                      if (m.recipient_type, m.recipient_id) == ("request", r.id) and (m.status == "sent" or m.to_address)]
            out.append({"id": r.id, "organization_id": r.organization_id, "created_at": r.created_at,
                        "last_contact": max(times, default=None)})
        return out

    def waits(self, organization_id: str, since: datetime, until: datetime) -> list[dict]:
        first: dict[str, datetime] = {}
        for m in self.state.of("matches"):
            if m.organization_id == organization_id and m.confirmed_at and m.status in ("active", "ended"):
                first[m.request_id] = min(first.get(m.request_id, m.confirmed_at), m.confirmed_at)
        requests = self.state.aggregates["requests"]
        return [{"kind": requests[rid].kind, "postcode": requests[rid].postcode,
                 "volunteer_gender": requests[rid].volunteer_gender, "max_distance_km": requests[rid].max_distance_km,
                 "created_at": requests[rid].created_at, "matched_at": at}
                for rid, at in first.items() if since <= at <= until]


class FakeEvaluations:
    """Supervisions and evaluations, kept as two kinds (two tables)."""

    def __init__(self, state: State):
        self.supervision_store, self.store = state.aggregates["supervisions"], state.aggregates["evaluations"]
        self.store_of_matches = lambda: state.aggregates["matches"]

    def add(self, item) -> None:
        from matching.domain.evaluation import Supervision

        if isinstance(item, Supervision):
            self.supervision_store[item.id] = item
        else:
            if any((e.match_id, e.side, e.moment) == (item.match_id, item.side, item.moment)
                   for e in self.store.values()):
                raise AssertionError("a second evaluation for the same match, side and moment")
            self.store[item.id] = item

    def supervision_by_token(self, token_hash: str, lock: bool = False):
        found = next((s for s in self.supervision_store.values() if s.token_hash == token_hash), None)
        if found is None:
            raise NotFound("no such link")
        return found

    def supervision_of(self, match_id: str):
        return next((s for s in self.supervision_store.values() if s.match_id == match_id), None)

    def supervisions(self) -> list:
        return list(self.supervision_store.values())

    def of_match(self, match_id: str) -> list:
        return sorted((e for e in self.store.values() if e.match_id == match_id), key=lambda e: (e.due_on, e.side))

    def of_request(self, request_id: str) -> list:
        return sorted((e for e in self.store.values() if e.request_id == request_id),
                      key=lambda e: (e.answered_at, e.id))

    def forget_about(self, request_id: str) -> None:
        for evaluation in self.of_request(request_id):
            del self.store[evaluation.id]
        matches = self.store_of_matches() if hasattr(self, "store_of_matches") else {}
        for supervision in self.supervision_store.values():
            if supervision.match_id in matches and matches[supervision.match_id].request_id == request_id:
                supervision.closing_words = None


class FakeDuplicates(FakeRepository):
    kind, name = "duplicates", "possible duplicate"

    def naming(self, person_type: str, person_id: str) -> list:
        return sorted((d for d in self.store.values() if d.person_type == person_type
                       and person_id in (d.person_id, d.other_id)), key=lambda d: d.created_at)

    def forget(self, duplicate) -> None:
        self.store.pop(duplicate.id, None)


class FakeShortLinks:
    def __init__(self, state: State):
        self.state = state

    def add(self, link) -> None:
        self.state.short_links[link.code_hash] = link

    def find(self, code_hash: str):
        return self.state.short_links.get(code_hash)

    def drop_for(self, person_type: str, person_id: str) -> None:
        for code_hash, link in list(self.state.short_links.items()):
            if (link.person_type, link.person_id) == (person_type, person_id):
                del self.state.short_links[code_hash]


class FakeNetworks(FakeRepository):
    kind, name = "networks", "network"

    def find(self, slug: str):
        return next((n for n in self.store.values() if n.slug == slug), None)

    @property
    def _members(self) -> dict:
        return self.state.aggregates["network_members"]

    def join(self, member) -> None:
        self._members[(member.network_id, member.organization_id)] = member

    def is_member(self, network_id: str, organization_id: str) -> bool:
        return (network_id, organization_id) in self._members

    def of(self, organization_id: str) -> list:
        ids = {n for n, o in self._members if o == organization_id}
        return sorted((n for n in self.store.values() if n.id in ids), key=lambda n: n.name)

    def members(self, network_ids: list[str]) -> list:
        ids = {o for n, o in self._members if n in network_ids}
        orgs = self.state.aggregates["organizations"]
        return sorted((orgs[i] for i in ids), key=lambda org: (org.name, org.id))

    def partners(self, organization_id: str) -> list:
        return [org for org in self.members([n.id for n in self.of(organization_id)]) if org.id != organization_id]


class FakeReferrals(FakeRepository):
    kind, name = "referrals", "referral"

    def by_token(self, token_hash: str):
        found = next((r for r in self.store.values() if r.token_hash == token_hash), None)
        if found is None:
            raise NotFound("referral not found")
        return found

    def of_request(self, request_id: str) -> list:
        return [r for r in self.store.values() if r.request_id == request_id]


class FakeTransfers(FakeRepository):
    kind, name = "transfers", "transfer"

    def move_records(self, request_id: str, to_organization_id: str) -> None:
        for kind, who in (("notes", ("person_type", "person_id")), ("consents", ("subject_type", "subject_id")),
                          ("messages", ("recipient_type", "recipient_id"))):
            for obj in self.state.of(kind):
                if (getattr(obj, who[0]), getattr(obj, who[1])) == ("request", request_id):
                    obj.organization_id = to_organization_id
        for referral in self.state.of("referrals"):
            if referral.request_id == request_id:
                referral.organization_id = to_organization_id


class FakeEvents:
    def __init__(self, state: State):
        self.state = state

    def get(self, event_id: str) -> dict | None:
        return next((dict(row) for row in self.state.outbox if row["id"] == event_id), None)

    def unpublished(self, now: datetime, older_than: timedelta) -> list[str]:
        return [row["id"] for row in self.state.outbox
                if row["published_at"] is None and row["created_at"] <= now - older_than]

    def mark_published(self, event_ids: list[str], now: datetime) -> None:
        for row in self.state.outbox:
            if row["id"] in event_ids:
                row["published_at"] = now

    def claim(self, event_id: str, handler: str, now: datetime) -> bool:
        if (event_id, handler) in self.state.claims:
            return False
        self.state.claims.add((event_id, handler))
        return True


class FakeAudit:
    def __init__(self, state: State):
        self.state = state

    def record(self, organization_id: str, user_id: str | None, action: str, subject_type: str, subject_id: str,
               now: datetime) -> None:
        self.state.audit.append({"id": len(self.state.audit) + 1, "at": now, "organization_id": organization_id,
                                 "user_id": user_id, "action": action, "subject_type": subject_type,
                                 "subject_id": subject_id})

    def record_views(self, organization_id: str, user_id: str | None, action: str,
                     subjects: list[tuple[str, str]], now: datetime) -> None:
        shown = list(dict.fromkeys(subjects))
        if shown:
            self.state.audit_views.append({
                "id": len(self.state.audit_views) + 1, "at": now, "organization_id": organization_id,
                "user_id": user_id, "action": action, "subject_types": ",".join(dict.fromkeys(t for t, _ in shown)),
                "people": len(shown), "subject_ids": [f"{t}:{i}" for t, i in shown]})


def _assigned(person, assigned: str | None) -> bool:
    """The read model's `assigned`: a coordinator's id, "none", or None for everyone."""
    if not assigned:
        return True
    return person.assigned_to is None if assigned == "none" else person.assigned_to == assigned


class FakeReadModel:
    """The read side computed from the aggregates in memory, as the SQL read model shapes it."""

    def __init__(self, state: State):
        self.state = state

    def _mine(self, kind: str, org: str) -> list:
        return [o for o in self.state.of(kind) if o.organization_id == org]

    def requests(self, org: str, status: str | None, now: datetime, limit: int = 500,
                 assigned: str | None = None) -> list[dict]:
        found = sorted((r for r in self._mine("requests", org) if (not status or r.status == status)
                        and _assigned(r, assigned)),
                       key=lambda r: (r.created_at, r.id))[:limit]
        return [{"id": r.id, "kind": r.kind, "first_name": r.first_name, "postcode": r.postcode, "status": r.status,
                 "created_at": r.created_at, "paused_at": r.paused_at,
                 "suggestions": len(self.state.suggestions.get(r.id, [])),
                 "waiting_days": (now - r.created_at).days} for r in found]

    def volunteers(self, org: str, status: str | None, limit: int = 1000, assigned: str | None = None) -> list[dict]:
        found = sorted((v for v in self._mine("volunteers", org) if (not status or v.status == status)
                        and _assigned(v, assigned)),
                       key=lambda v: (v.created_at, v.id))[:limit]
        names = ("id", "first_name", "last_name", "email", "phone", "postcode", "status", "capacity", "kinds",
                 "vog_checked_at", "created_at", "request_id")
        active = Counter(m.offer_id for m in self.state.of("matches") if m.offer_type == "volunteer"
                         and m.status == "active")
        return [{**{n: getattr(v, n) for n in names}, "active_matches": active[v.id]} for v in found]

    def placements(self, org: str) -> list[dict]:
        return [_fields(p) for p in sorted(self._mine("placements", org), key=lambda p: (p.created_at, p.id))]

    def matches(self, org: str, status: str | None, health: str | None = None) -> list[dict]:
        found = [m for m in self._mine("matches", org) if (not status or m.status == status)
                 and (not health or (m.status == "active" and m.health == health))]
        found.sort(key=lambda m: m.id)
        return [_fields(m) for m in sorted(found, key=lambda m: m.proposed_at, reverse=True)]

    def messages(self, org: str) -> list[dict]:
        found = sorted(self._mine("messages", org), key=lambda m: m.id)
        return [_fields(m) for m in sorted(found, key=lambda m: m.created_at, reverse=True)]

    def stats(self, org: str, now: datetime) -> dict:
        days = [(now - r.created_at).days for r in self._mine("requests", org) if r.status == "waiting"]
        by_status = Counter(m.status for m in self._mine("matches", org))
        per_month = Counter(m.confirmed_at.strftime("%Y-%m") for m in self._mine("matches", org) if m.confirmed_at)
        return {"waiting": len(days), "median_waiting_days": float(median(days)) if days else 0,
                "active_matches": by_status["active"], "ended_matches": by_status["ended"],
                "matches_per_month": [{"month": k, "count": n} for k, n in sorted(per_month.items())]}

    def ping(self) -> None:
        return None

    def quarter_figures(self, org: str, start: datetime, end: datetime) -> dict:
        within = lambda at: at is not None and start <= at < end  # noqa: E731
        requests, matches = self._mine("requests", org), self._mine("matches", org)
        created = {r.id: r.created_at for r in requests}
        started = [m for m in matches if within(m.confirmed_at)]
        ended = Counter(m.end_reason for m in matches if within(m.ended_at))
        waits = [(m.confirmed_at - created[m.request_id]).days for m in started]
        return {
            "aanmeldingen_maatje": sum(r.kind == "maatje" and within(r.created_at) for r in requests),
            "aanmeldingen_werkervaringsplaats": sum(r.kind == "werkervaringsplaats" and within(r.created_at)
                                                    for r in requests),
            "nieuwe_vrijwilligers": sum(within(v.created_at) for v in self._mine("volunteers", org)),
            "koppelingen_gestart": len(started), "mediane_wachttijd_dagen": median(waits) if waits else "",
            "koppelingen_beeindigd": sum(ended.values()),
            **{f"beeindigd_{reason}": ended.get(reason, 0) for reason in
               ("goal_reached", "moved", "no_click", "stopped", "other")},
            "actieve_koppelingen_einde": sum(m.confirmed_at is not None and m.confirmed_at < end and (
                m.ended_at is None or m.ended_at >= end) and m.status in ("active", "ended") for m in matches),
            "wachtenden_nu": sum(r.status == "waiting" for r in requests),
        }

    def open_reminders(self, org: str, limit: int | None = None) -> list[dict]:
        return [_fields(r) for r in sorted((r for r in self._mine("reminders", org) if r.done_at is None),
                                           key=lambda r: (r.due_on, r.id))][:limit]

    def open_reminder_count(self, org: str) -> int:
        return len(self.open_reminders(org))

    def blocked_counts(self, org: str) -> list[dict]:
        return [r.blocked_by for r in self._mine("requests", org) if r.status == "waiting" and r.blocked_by is not None]

    def history(self, org: str, now: datetime, months: int = 12) -> list[dict]:
        placed: dict[str, datetime] = {}
        for m in self._mine("matches", org):
            if m.status != "declined":
                placed[m.request_id] = min(placed.get(m.request_id, m.proposed_at), m.proposed_at)
        out = []
        for back in range(months - 1, -1, -1):
            year, month = divmod(now.year * 12 + now.month - 1 - back, 12)
            start = now.replace(year=year, month=month + 1, day=1, hour=0, minute=0, second=0, microsecond=0)
            end = min(now, start.replace(year=year + (month == 11), month=1 if month == 11 else month + 2))
            waiting = [(end - r.created_at).days for r in self._mine("requests", org) if r.created_at <= end and min(
                r.withdrawn_at or datetime.max.replace(tzinfo=timezone.utc),
                placed.get(r.id, datetime.max.replace(tzinfo=timezone.utc))) > end]
            out.append({"month": start.strftime("%Y-%m"), "waiting": len(waiting),
                        "median_waiting_days": float(median(waiting)) if waiting else 0,
                        "matches": sum(at.strftime("%Y-%m") == start.strftime("%Y-%m")
                                       for at in (m.confirmed_at for m in self._mine("matches", org)) if at)})
        return out

    def end_reasons(self, org: str) -> dict[str, int]:
        return dict(Counter(m.end_reason for m in self._mine("matches", org) if m.status == "ended"))

    def match_spells(self, org: str, confirmed_before: datetime | None = None) -> list[dict]:
        found = [m for m in self._mine("matches", org) if m.confirmed_at and m.status in ("active", "ended")
                 and (confirmed_before is None or m.confirmed_at < confirmed_before)]
        return [{k: getattr(m, k) for k in ("confirmed_at", "ended_at", "end_reason", "initiated_by")}
                for m in sorted(found, key=lambda m: (m.confirmed_at, m.id))]

    def health_counts(self, org: str) -> dict[str, int]:
        return dict(Counter(m.health for m in self._mine("matches", org) if m.status == "active"))

    def _email(self, user_id: str | None) -> str | None:
        user = self.state.aggregates["users"].get(user_id)
        return user.email if user else None

    def audit_log(self, org: str, limit: int = 500) -> list[dict]:
        groups: dict[tuple, list[dict]] = {}
        for row in self.state.audit:
            if row["organization_id"] == org:
                groups.setdefault((row["at"], row["action"], row["subject_type"], row["user_id"]), []).append(row)
        out = [{"at": at, "action": action, "subject_type": subject_type, "people": len(rows),
                "subject_id": min(r["subject_id"] for r in rows), "user_email": self._email(user_id)}
               for (at, action, subject_type, user_id), rows in groups.items()]
        out += [{"at": v["at"], "action": v["action"], "subject_type": v["subject_types"], "people": v["people"],
                 "subject_id": v["subject_ids"][0].split(":", 1)[1] if v["people"] == 1 else None,
                 "user_email": self._email(v["user_id"])}
                for v in self.state.audit_views if v["organization_id"] == org]
        by_action = sorted(out, key=lambda r: r["action"])
        return sorted(by_action, key=lambda r: r["at"], reverse=True)[:limit]  # newest first, stable

    def access_log_about(self, subject_type: str, subject_id: str, newest: int | None = None,
                         since: datetime | None = None) -> list[dict]:
        key = f"{subject_type}:{subject_id}"
        rows = [(r["at"], 0, r["id"], r) for r in self.state.audit
                if (r["subject_type"], r["subject_id"]) == (subject_type, subject_id)]
        rows += [(v["at"], 1, v["id"], v) for v in self.state.audit_views if key in v["subject_ids"]]
        rows = [r for *_, r in sorted(rows, key=lambda row: row[:3]) if since is None or r["at"] >= since]
        users, orgs = self.state.aggregates["users"], self.state.aggregates["organizations"]
        out = [{"at": r["at"], "action": r["action"], "user_id": r["user_id"], "user_email": self._email(r["user_id"]),
                "user_role": users[r["user_id"]].role if r["user_id"] in users else None,
                "organization": orgs[r["organization_id"]].name} for r in rows]
        return out if newest is None else out[::-1][:newest]

    def access_count(self, subject_type: str, subject_id: str) -> int:
        return len(self.access_log_about(subject_type, subject_id))

    def messages_to(self, recipient_type: str, recipient_id: str) -> list[dict]:
        found = [m for m in self.state.of("messages") if (m.recipient_type, m.recipient_id) == (recipient_type,
                                                                                              recipient_id)]
        return [{k: getattr(m, k) for k in ("subject", "body", "sms_body", "status", "created_at", "sent_at")}
                for m in sorted(found, key=lambda m: m.created_at)]

    def matches_of(self, person_type: str, person_id: str) -> list[dict]:
        found = [m for m in self.state.of("matches") if _theirs(m, person_type, person_id)]
        return [{k: getattr(m, k) for k in ("status", "proposed_at", "confirmed_at", "ended_at", "end_reason",
                                            "ends_on")} for m in sorted(found, key=lambda m: m.proposed_at)]

    def open_calls(self, org: str, page: int, per_page: int) -> tuple[list[dict], int]:
        """Messages to people without email, not sent, with no `call` note on them written since."""
        tasks = []
        for message in self._mine("messages", org):
            person = self.state.aggregates.get(message.recipient_type + "s", {}).get(message.recipient_id)
            called = any(n.kind == "call" and n.created_at > message.created_at for n in self.state.of("notes")
                         if (n.person_type, n.person_id) == (message.recipient_type, message.recipient_id))
            if (person is None or message.to_address is not None or message.status not in ("queued", "stored")
                    or person.email is not None or person.erased_at is not None or called
                    or message.subject == "[verwijderd]"):
                continue
            tasks.append({"id": message.id, "subject": message.subject, "body": message.body,
                          "raised_at": message.created_at, "match_id": message.match_id, "status": message.status,
                          "person_type": message.recipient_type, "person_id": person.id,
                          "first_name": person.first_name, "phone": person.phone, "kind": getattr(person, "kind", None)})
        tasks.sort(key=lambda t: t["id"])
        tasks.sort(key=lambda t: t["raised_at"], reverse=True)
        return tasks[(page - 1) * per_page: page * per_page], len(tasks)

    def coordinators(self, org: str) -> list[dict]:
        return sorted(({"id": u.id, "email": u.email, "role": u.role} for u in self.state.of("users")
                       if u.organization_id == org and u.active), key=lambda u: u["email"])

    def assigned_people(self, org: str, assigned: str, limit: int = 500) -> list[dict]:
        people = [(p, kind[:-1]) for kind in ("requests", "volunteers") for p in self._mine(kind, org)
                  if p.erased_at is None and _assigned(p, assigned)]
        return [{"id": p.id, "person_type": t, "first_name": p.first_name, "last_name": getattr(p, "last_name", None),
                 "status": str(p.status), "kind": getattr(p, "kind", None), "phone": p.phone, "email": p.email,
                 "created_at": p.created_at} for p, t in sorted(people, key=lambda pair: pair[0].created_at)][:limit]

    def notes_about(self, person_type: str, person_id: str) -> list[dict]:
        found = sorted((n for n in self.state.of("notes") if (n.person_type, n.person_id) == (person_type, person_id)),
                       key=lambda n: (n.created_at, n.id))
        return [{"kind": n.kind, "text": n.text, "created_at": n.created_at, "by": self._email(n.author_id)}
                for n in found]

    def organization_rows(self, organization_id: str) -> dict[str, list[dict]]:
        def rows(kind: str) -> list[dict]:
            return [{k: v for k, v in _fields(o).items() if k not in SECRETS} for o in self._mine(kind, organization_id)]
        requests = {r["id"] for r in rows("requests")}
        return {"users": rows("users"), "requests": rows("requests"), "volunteers": rows("volunteers"),
                "placements": rows("placements"), "matches": rows("matches"),
                "suggestions": [r for rid in requests for r in self.state.suggestions.get(rid, [])],
                "messages": rows("messages"), "reminders": rows("reminders"), "consents": rows("consents"),
                "audit_log": [r for r in self.state.audit if r["organization_id"] == organization_id],
                "audit_views": [v for v in self.state.audit_views if v["organization_id"] == organization_id],
                "notes": rows("notes")}


class FakeUnitOfWork:
    """A transaction on a copy of `db.state`; `commit()` writes events to the outbox and the copy back."""

    def __init__(self, db: FakeDatabase, clock: Any = None):
        self.db, self.clock = db, clock
        self.new_events: list[dict] = []
        self.commits = 0

    def __enter__(self) -> FakeUnitOfWork:
        self._begin()
        return self

    def __exit__(self, *exc) -> None:
        pass  # what was not committed stays in the copy, which the next `with` replaces

    def _begin(self) -> None:
        self.state = state = copy.deepcopy(self.db.state)
        self.organizations, self.users = FakeOrganizations(state), FakeUsers(state)
        self.requests, self.volunteers = FakeRequests(state), FakeVolunteers(state)
        self.placements, self.matches = FakePlacements(state), FakeMatches(state)
        self.offers = FakeOffers(state, self.volunteers, self.placements)
        self.suggestions, self.consents = FakeSuggestions(state), FakeConsents(state)
        self.messages, self.reminders, self.imports = FakeMessages(state), FakeReminders(state), FakeImports(state)
        self.notes, self.short_links = FakeNotes(state), FakeShortLinks(state)
        self.pulses, self.evaluations = FakePulses(state), FakeEvaluations(state)
        self.duplicates = FakeDuplicates(state)
        self.networks, self.referrals, self.transfers = FakeNetworks(state), FakeReferrals(state), FakeTransfers(state)
        self.activities, self.waiting = FakeActivities(state), FakeWaiting(state)
        self.events, self.audit, self.read_model = FakeEvents(state), FakeAudit(state), FakeReadModel(state)

    def commit(self) -> None:
        now = self.clock.now() if self.clock else datetime.now(timezone.utc)
        rows = [{"id": str(uuid.uuid4()), "organization_id": event.organization_id, "name": event.name,
                 "payload": event.payload(), "created_at": now, "published_at": None}
                for store in self.state.aggregates.values() for obj in store.values() for event in obj.pop_events()]
        self.state.outbox.extend(rows)
        self.db.state = copy.deepcopy(self.state)
        self.new_events.extend({k: row[k] for k in ("id", "organization_id", "name", "payload")} for row in rows)
        self.commits += 1

    def rollback(self) -> None:
        self._begin()


class FixedClock:
    """A clock that stands still until a test moves it."""

    def __init__(self, now: datetime = datetime(2026, 11, 25, 10, 0, tzinfo=timezone.utc)):
        self.moment = now

    def now(self) -> datetime:
        return self.moment

    def advance(self, **delta: float) -> None:
        self.moment += timedelta(**delta)


class FakeMail:
    def __init__(self):
        self.sent: list[tuple[str | None, str, str]] = []

    def send(self, to_address: str | None, subject: str, body: str) -> None:
        self.sent.append((to_address, subject, body))


class FakeHasher:
    def hash(self, password: str) -> str:
        return "hashed:" + password

    def verify(self, password_hash: str, password: str) -> bool:
        return password_hash == "hashed:" + password

    def dummy_hash(self) -> str:
        return "hashed:\0"


class FakeTotp:
    """Codes are a plain function of the secret and the 30-second step, so a test can type the right one."""

    def new_secret(self) -> str:
        return "SECRET" + uuid.uuid4().hex[:10].upper()

    @staticmethod
    def code(secret: str, step: int) -> str:
        return f"{(sum(map(ord, secret)) * 7919 + step) % 1_000_000:06d}"

    def code_at(self, secret: str, moment: datetime) -> str:
        return self.code(secret, int(moment.timestamp() // 30))

    def matching_step(self, secret: str, code: str, now: float | None = None) -> int | None:
        step = int((now or 0) // 30)
        return next((s for s in (step - 1, step, step + 1) if self.code(secret, s) == code), None)

    def setup(self, secret: str, account: str) -> dict[str, str]:
        return {"secret": secret, "qr": f"qr:{account}"}


class FakeLinkSealer:
    def seal(self, purpose: str, bound_to: str, plain: str, code: str | None = None) -> str:
        return f"sealed|{purpose}|{bound_to}|{code}|{plain}"

    def unseal(self, purpose: str, bound_to: str, sealed: str, code: str | None = None) -> str | None:
        kind, sealed_purpose, sealed_to, sealed_code, plain = sealed.split("|", 4)
        return plain if (kind, sealed_purpose, sealed_to, sealed_code) == ("sealed", purpose, bound_to,
                                                                           str(code)) else None

    def code_hash(self, code: str) -> str:
        return "hash:" + code


class FakeSms:
    """Texts kept in a list; numbers in `refused` are refused for good, as a landline would be."""

    def __init__(self, refused: tuple[str, ...] = ()):
        self.sent: list[tuple[str, str]] = []
        self.refused = refused

    def deliver(self, to: str, text: str) -> str | None:
        if to in self.refused:
            return "refused"
        self.sent.append((to, text))
        return None


class FakeLetters:
    def __init__(self):
        self.printed: list = []

    def render(self, letter) -> bytes:
        self.printed.append(letter)
        return b"%PDF fake"


def fake_deps(**overrides: Any) -> Dependencies:
    """Dependencies on fakes; no mail server unless `mail=FakeMail()` is given, no SMS unless `sms=FakeSms()`."""
    values: dict[str, Any] = {"clock": FixedClock(), "passwords": FakeHasher(), "totp": FakeTotp(),
                              "links": FakeLinkSealer(), "mail": None, "public_url": "https://koppel.test",
                              "sms": None, "letters": FakeLetters(), "certificates": FakeLetters()}
    return Dependencies(**{**values, **overrides})


def fake_bus(db: FakeDatabase | None = None, **deps: Any):
    """The real MessageBus, handlers and event handlers, on a FakeDatabase and fake dependencies."""
    from matching.services.handlers import HANDLERS
    from matching.services.messagebus import MessageBus
    from matching.services.event_handlers import EVENT_HANDLERS

    database, dependencies = db or FakeDatabase(), fake_deps(**deps)
    bus = MessageBus(lambda: FakeUnitOfWork(database, dependencies.clock), HANDLERS, EVENT_HANDLERS, None, dependencies)
    bus.db = database
    return bus


def run_events(bus) -> list[str]:
    """Play the worker: hand every unhandled outbox event to its handlers, oldest first, until none is left.
    Returns the names of the events handled."""
    handled: list[str] = []
    while True:
        fresh = [row for row in bus.db.state.outbox if row["published_at"] is None]
        if not fresh:
            return handled
        for row in fresh:
            for stored in bus.db.state.outbox:
                if stored["id"] == row["id"]:
                    stored["published_at"] = bus.deps.clock.now()
            bus.handle_event(row["id"], {k: row[k] for k in ("name", "organization_id", "payload")})
            handled.append(row["name"])
