"""The two sides a person can be on: a request for a maatje or placement, and a volunteer.

Both keep only what matching needs, and both can be erased: `erase` blanks every personal field
and keeps the bare facts the organisation reports on (kind, dates, status).
"""
from __future__ import annotations

from datetime import datetime
from enum import StrEnum
from typing import Any, ClassVar, Mapping

from matching.domain import events as ev
from matching.domain.base import Aggregate, new_id, new_token, utcnow
from matching.domain.errors import Conflict, Invalid
from matching.domain.shapes import Given, Unsaved, assign, declared, given


class RequestStatus(StrEnum):
    WAITING = "waiting"
    PROPOSED = "proposed"
    MATCHED = "matched"
    WITHDRAWN = "withdrawn"


class VolunteerStatus(StrEnum):
    APPLIED = "applied"
    ACTIVE = "active"
    PAUSED = "paused"
    STOPPED = "stopped"


class PausedBy(StrEnum):
    """Who set a volunteer's pause, and so who may lift it."""

    SELF = "self"
    COORDINATOR = "coordinator"


PERSONAL_FIELDS = ("first_name", "last_name", "email", "phone", "birth_year", "gender", "about", "motivation",
                   "goals", "work_support")
# What a coordinator may correct without the scoring noticing: names, contact details, free text.
NOT_SCORED = frozenset({"first_name", "last_name", "email", "phone", "birth_year", "about", "motivation", "goals",
                        "work_support"})


class Person(Aggregate):
    """What requests and volunteers share: contact, place, interests, consent and a private link."""

    subject_type: ClassVar[str] = "person"  # how consent records and the access log name this side

    id: str
    organization_id: str
    first_name: Given[str | None]
    email: Given[str | None]
    phone: Given[str | None]
    postcode: Given[str]  # the four digits only
    interests: Given[list[str]]
    availability: Given[list[str]]
    languages: Given[list[str]]
    gender: Given[str | None]
    birth_year: Given[int | None]
    max_distance_km: Given[float | None]
    manage_token_hash: str | None  # the private link's hash; the token itself is never stored
    manage_token: Unsaved[str | None] = None  # only on the instance that created it
    consent_at: datetime | None
    consent_version: str | None
    created_at: datetime
    updated_at: datetime
    erased_at: datetime | None
    assigned_to: str | None  # the coordinator (a user id of the organisation) who looks after this person
    search_text: str | None  # folded name, email, phone and postcode for the coordinator's search; the adapter keeps it
    # who a sign-up may be (matching.domain.duplicate.lookup_keys), indexed; the adapter keeps them
    email_key: str | None
    name_key: str | None
    phone_tail: str | None

    def _fill(self, organization_id: str, fields: Mapping[str, Any], consent_version: str,
              now: datetime | None) -> None:
        """A new person from what they gave; every given field they left out is None."""
        allowed = given(type(self))
        assign(self, {**dict.fromkeys(allowed), **fields}, allowed)
        self.id = new_id()
        self.organization_id = organization_id
        self.created_at = self.updated_at = now or utcnow()
        self.consent_at, self.consent_version = self.created_at, consent_version
        self.manage_token, self.manage_token_hash = new_token()
        self.erased_at = None
        self.assigned_to = None

    def _change(self, fields: Mapping[str, Any], now: datetime | None) -> None:
        """Take new values of given fields only; anything else is refused, naming the field."""
        assign(self, fields, given(type(self)))
        self.updated_at = now or utcnow()

    def erase(self, now: datetime | None = None) -> None:
        """Blank every personal field; what stays cannot identify the person. `now` is the service
        layer's clock (erasure at a moment of its choosing: the retention run, a test, the demo's year)."""
        held = declared(type(self))
        for name in PERSONAL_FIELDS:
            if name in held:
                setattr(self, name, None)
        self.postcode = ""
        self.interests, self.availability, self.languages = [], [], []
        if "work_areas" in held:
            self.work_areas = []
        self.manage_token_hash = None
        self.erased_at = now or utcnow()

    def replace_link(self, via: str) -> str:
        """A new private link (only its hash is kept); the old one stops working at once. Not a change
        of what matching reads, so `updated_at` stays (it would mark the request for rescoring)."""
        if self.erased_at is not None:
            raise Conflict("this person's data was erased")
        token, self.manage_token_hash = new_token()
        self.record(ev.PrivateLinkReplaced(self.organization_id, self.subject_type, self.id, via))
        return token

    def expire(self, now: datetime | None = None) -> None:
        """The retention period after the last match or after stopping ran out: erase, and say so."""
        self.erase(now)
        self.record(ev.PersonErased(self.organization_id, self.subject_type, self.id))

    def change_contact(self, changes: dict[str, str | None], now=None) -> None:
        """New email address and/or phone number (None clears one) from the person's own link; how to
        reach them is theirs to keep right, as long as they stay reachable."""
        if self.erased_at is not None:
            raise Conflict("this person's data was erased")
        unknown = sorted(set(changes) - {"email", "phone"})
        if unknown:
            raise Invalid(unknown[0], "only the email address and the phone number can be changed here")
        email, phone = changes.get("email", self.email), changes.get("phone", self.phone)
        self._check_reachable(email, phone)
        self.email, self.phone = email, phone
        self.updated_at = now or utcnow()
        self.record(ev.ContactChanged(self.organization_id, self.subject_type, self.id))

    def assign(self, coordinator_id: str | None) -> bool:
        """Give this person to a coordinator (None: to nobody); False when nothing changed."""
        if self.erased_at is not None:
            raise Conflict("this person's data was erased")
        if coordinator_id == self.assigned_to:
            return False
        self.assigned_to = coordinator_id
        self.record(ev.PersonAssigned(self.organization_id, self.subject_type, self.id, coordinator_id))
        return True

    def correct(self, changes: Mapping[str, Any], now=None) -> bool:
        """A coordinator's correction of given fields (checked as at sign-up by the caller). A change
        that matters for matching goes through `change()` (rescored); names, contact details and
        texts only are a correction that leaves the suggestions as they are. True when rescored."""
        if self.erased_at is not None:
            raise Conflict("this person's data was erased")
        self._check_reachable(changes.get("email", self.email), changes.get("phone", self.phone))
        if set(changes) - NOT_SCORED:
            self.change(changes, now=now)
            return True
        assign(self, changes, given(type(self)))
        self.record(ev.PersonCorrected(self.organization_id, self.subject_type, self.id))
        return False

    def change(self, fields: Mapping[str, Any], now=None) -> None:
        raise NotImplementedError

    def _check_reachable(self, email: str | None, phone: str | None) -> None:
        """A request needs an email address or a phone number; a volunteer an email address."""
        raise NotImplementedError


class Request(Person):
    """Someone who would like a maatje or a werkervaringsplaats; waits until a match is confirmed."""

    subject_type: ClassVar[str] = "request"

    kind: Given[str]
    status: RequestStatus
    about: Given[str | None]
    volunteer_gender: Given[str | None]  # the volunteer's gender this person prefers, if any
    scored_at: datetime | None
    withdrawn_at: datetime | None
    blocked_by: dict[str, int] | None  # per hard rule, how many offers it rules out ("why nobody fits")
    paused_at: datetime | None  # on a break: kept on the list, not suggested
    # A werkervaringsplaats asks about work, not leisure (CONTRACT section 13); empty/None for a maatje.
    work_areas: Given[list[str] | None]
    hours_per_week: Given[int | None]
    goals: Given[str | None]  # what the person wants to learn: shown to their supervisor
    work_support: Given[str | None]  # what helps them at work (optional): shown to their supervisor
    volunteer_id: str | None  # the same person's volunteer record (fluid roles), when they signed up as one too
    last_contact_at: datetime | None  # the newest call or message that reached them (the 28-day rule)

    @classmethod
    def submit(cls, organization_id: str, fields: Mapping[str, Any], consent_version: str,
               now=None) -> "Request":
        request = cls()
        request._fill(organization_id, fields, consent_version, now)
        request.status = RequestStatus.WAITING
        request.scored_at = request.withdrawn_at = request.blocked_by = request.paused_at = None
        request.volunteer_id = request.last_contact_at = None
        request.record(ev.RequestSubmitted(organization_id, request.id))
        return request

    def heard_from_us(self, at: datetime) -> None:
        """A call or a message reached them at `at`: the newest such moment is kept."""
        if self.last_contact_at is None or at > self.last_contact_at:
            self.last_contact_at = at

    def change(self, fields: Mapping[str, Any], now=None) -> None:
        """Update what the person gave (availability, preferences, contact); suggestions are computed anew."""
        if self.status == RequestStatus.WITHDRAWN:
            raise Conflict("this request was withdrawn")
        self._change(fields, now)
        self.record(ev.RequestChanged(self.organization_id, self.id))

    def withdraw(self, now=None, match_running: bool | None = None) -> None:
        """Withdraw and erase at once: as easy to leave as to sign up. Refused while a match runs
        (`match_running`, known to the caller; without it a "matched" status counts as running):
        once the match ended, the person may leave as anyone else."""
        if match_running or (match_running is None and self.status == RequestStatus.MATCHED):
            raise Conflict("end the match first")
        self.status = RequestStatus.WITHDRAWN
        self.withdrawn_at = self.updated_at = now or utcnow()
        self.erase(self.withdrawn_at)
        self.record(ev.RequestWithdrawn(self.organization_id, self.id))

    def mark(self, status: RequestStatus, now=None) -> None:
        """Move along the waiting -> proposed -> matched path (the match aggregate decides when)."""
        self.status = RequestStatus(status)
        self.updated_at = now or utcnow()

    def pause(self, now=None) -> None:
        """A waiting person takes a break: nobody is suggested or proposed, but the place on the list stays."""
        if self.status != RequestStatus.WAITING:
            raise Conflict(f"a request that is {self.status} cannot pause")
        if self.paused_at is not None:
            raise Conflict("this request is paused already")
        self.paused_at = self.updated_at = now or utcnow()
        self.record(ev.RequestPaused(self.organization_id, self.id))

    def resume(self, now=None) -> None:
        """Back from a break: the request is scored anew (it changed since its last scoring)."""
        if self.paused_at is None:
            raise Conflict("this request is not paused")
        self.paused_at = None
        self.updated_at = now or utcnow()
        self.record(ev.RequestResumed(self.organization_id, self.id))

    def hand_over(self, to_organization_id: str, now=None) -> None:
        """Move to a partner organisation of the network: the same request, still waiting, with its own
        sign-up date (so its waiting time) kept; scored anew there. Only a waiting request moves:
        a proposal or a match belongs to the organisation that made it."""
        if self.status != RequestStatus.WAITING:
            raise Conflict(f"a request that is {self.status} cannot be handed over")
        if self.erased_at is not None:
            raise Conflict("this person's data was erased")
        if to_organization_id == self.organization_id:
            raise Invalid("to", "this request is already here")
        sender = self.organization_id
        self.organization_id = to_organization_id
        self.scored_at, self.blocked_by = None, None
        self.updated_at = now or utcnow()
        self.record(ev.RequestTransferredOut(sender, self.id, to_organization_id))
        self.record(ev.RequestTransferredIn(to_organization_id, self.id, sender))

    @property
    def paused(self) -> bool:
        return self.paused_at is not None

    @property
    def pending(self) -> bool:
        """True while the workers have not scored the request since it last changed (never while paused)."""
        return self.status == RequestStatus.WAITING and not self.paused and (
            self.scored_at is None or self.scored_at < self.updated_at)

    def _check_reachable(self, email: str | None, phone: str | None) -> None:
        if not email and not phone:
            raise Invalid("email", "Give an email address or a phone number.")


class Volunteer(Person):
    """A volunteer: applied -> (kennismakingsgesprek) -> active <-> paused -> stopped."""

    subject_type: ClassVar[str] = "volunteer"

    status: VolunteerStatus
    last_name: Given[str | None]
    kinds: Given[list[str]]  # maatje and/or werkervaringsplaats
    capacity: Given[int]  # how many people at a time
    participant_gender: Given[str | None]  # the participant's gender this volunteer prefers, if any
    motivation: Given[str | None]
    vog_checked_at: datetime | None
    paused_by: PausedBy | None
    request_id: str | None  # the same person's request (fluid roles), when they asked for a maatje or place too

    @classmethod
    def apply(cls, organization_id: str, fields: Mapping[str, Any], consent_version: str,
              now=None) -> "Volunteer":
        volunteer = cls()
        volunteer._fill(organization_id, fields, consent_version, now)
        volunteer.status = VolunteerStatus.APPLIED
        volunteer.vog_checked_at = volunteer.paused_by = volunteer.request_id = None
        volunteer.record(ev.VolunteerApplied(organization_id, volunteer.id))
        return volunteer

    def activate(self, vog_checked: bool, now=None) -> None:
        """Make the volunteer matchable; a VOG must have been checked first."""
        if self.status not in (VolunteerStatus.APPLIED, VolunteerStatus.PAUSED):
            raise Conflict(f"a volunteer who is {self.status} cannot be activated")
        if not vog_checked and self.vog_checked_at is None:
            raise Conflict("check the VOG before activating")
        now = now or utcnow()
        self.vog_checked_at = self.vog_checked_at or now
        self.paused_by = None
        self._move(VolunteerStatus.ACTIVE, now)
        self.record(ev.VolunteerActivated(self.organization_id, self.id))

    def pause(self, now=None, by_self: bool = False) -> None:
        """A break, taken by the volunteer (who may end it) or set by the coordinator (who then decides)."""
        if self.status != VolunteerStatus.ACTIVE:
            raise Conflict(f"a volunteer who is {self.status} cannot be paused")
        self.paused_by = PausedBy.SELF if by_self else PausedBy.COORDINATOR
        self._move(VolunteerStatus.PAUSED, now)
        self.record(ev.VolunteerPaused(self.organization_id, self.id))

    def resume(self, now=None) -> None:
        """The volunteer ends their own break; a pause the coordinator set stays until the coordinator lifts it."""
        if self.status != VolunteerStatus.PAUSED:
            raise Conflict(f"a volunteer who is {self.status} cannot resume")
        if self.paused_by != PausedBy.SELF:
            raise Conflict("the coordinator set this pause; ask the coordinator")
        self.paused_by = None
        self._move(VolunteerStatus.ACTIVE, now)
        self.record(ev.VolunteerResumed(self.organization_id, self.id))

    def change(self, fields: Mapping[str, Any], now=None) -> None:
        """The volunteer updates availability or lowers capacity through their private link."""
        if self.status == VolunteerStatus.STOPPED:
            raise Conflict("this volunteer has stopped")
        self._change(fields, now)
        self.record(ev.VolunteerChanged(self.organization_id, self.id))

    def leave(self, active_matches: int, now=None) -> None:
        """Stop and erase at once; a running match must be ended with the coordinator first."""
        if active_matches:
            raise Conflict("end the running match with the coordinator first")
        if self.status != VolunteerStatus.STOPPED:
            self.stop(now)
        self.erase(now)

    def stop(self, now=None) -> None:
        if self.status == VolunteerStatus.STOPPED:
            raise Conflict("this volunteer has already stopped")
        self._move(VolunteerStatus.STOPPED, now)
        self.record(ev.VolunteerStopped(self.organization_id, self.id))

    def _move(self, status: VolunteerStatus, now) -> None:
        self.status = status
        self.updated_at = now or utcnow()

    @property
    def is_available(self) -> bool:
        return self.status == VolunteerStatus.ACTIVE

    def _check_reachable(self, email: str | None, phone: str | None) -> None:
        if not email:
            raise Invalid("email", "A volunteer needs an email address.")


def link_roles(request: Request, volunteer: Volunteer) -> None:
    """The same person as a participant and as a volunteer (fluid roles): each record names the other,
    so the coordinator sees both; neither is changed otherwise (nothing to score anew)."""
    if request.erased_at is not None or volunteer.erased_at is not None:
        raise Conflict("this person's data was erased")
    if request.volunteer_id or volunteer.request_id:
        raise Conflict("this person already has both roles")
    if request.organization_id != volunteer.organization_id:
        raise Conflict("both roles belong to one organisation")
    request.volunteer_id, volunteer.request_id = volunteer.id, request.id
    request.record(ev.RolesLinked(request.organization_id, request.id, volunteer.id))
