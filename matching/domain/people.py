"""The two sides a person can be on: a request for a maatje or placement, and a volunteer.

Both keep only what matching needs, and both can be erased: `erase` blanks every personal field
and keeps the bare facts the organisation reports on (kind, dates, status).
"""
from __future__ import annotations

from datetime import datetime
from typing import Any

from matching.domain import events as ev
from matching.domain.base import Aggregate, new_id, new_token, utcnow
from matching.domain.errors import Conflict, Invalid

REQUEST_STATUSES = ("waiting", "proposed", "matched", "withdrawn")
VOLUNTEER_STATUSES = ("applied", "active", "paused", "stopped")
PERSONAL_FIELDS = ("first_name", "last_name", "email", "phone", "birth_year", "gender", "about", "motivation")


class Person(Aggregate):
    """What requests and volunteers share: contact, place, interests, consent and a private link."""

    subject_type = "person"  # how consent records and the access log name this side

    def _fill(self, organization_id: str, fields: dict[str, Any], now: datetime | None) -> str:
        self.id = new_id()
        self.organization_id = organization_id
        for name, value in fields.items():
            setattr(self, name, value)
        self.created_at = self.updated_at = now or utcnow()
        self.consent_at = self.created_at
        token, self.manage_token_hash = new_token()
        return token

    def erase(self) -> None:
        """Blank every personal field; what stays cannot identify the person."""
        for name in PERSONAL_FIELDS:
            if hasattr(self, name):
                setattr(self, name, None)
        self.postcode = ""
        self.interests, self.availability, self.languages = [], [], []
        self.manage_token_hash = None
        self.erased_at = utcnow()

    def replace_link(self, via: str) -> str:
        """A new private link (only its hash is kept); the old one stops working at once. Not a change
        of what matching reads, so `updated_at` stays (it would mark the request for rescoring)."""
        if self.erased_at is not None:
            raise Conflict("this person's data was erased")
        token, self.manage_token_hash = new_token()
        self.record(ev.PrivateLinkReplaced(self.organization_id, self.subject_type, self.id, via))
        return token

    def expire(self) -> None:
        """The retention period after the last match or after stopping ran out: erase, and say so."""
        self.erase()
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

    def _check_reachable(self, email: str | None, phone: str | None) -> None:
        """A request needs an email address or a phone number; a volunteer an email address."""
        raise NotImplementedError


class Request(Person):
    """Someone who would like a maatje or a werkervaringsplaats; waits until a match is confirmed."""

    manage_token: str | None = None  # only on the instance that created it, never stored
    subject_type = "request"

    @classmethod
    def submit(cls, organization_id: str, fields: dict[str, Any], consent_version: str, now=None) -> "Request":
        request = cls()
        request.manage_token = request._fill(organization_id, fields, now)
        request.status = "waiting"
        request.consent_version = consent_version
        request.scored_at = request.withdrawn_at = request.erased_at = request.blocked_by = None
        request.paused_at = None
        request.record(ev.RequestSubmitted(organization_id, request.id))
        return request

    def change(self, fields: dict[str, Any], now=None) -> None:
        """Update what matching uses (availability, preferences); suggestions are computed anew."""
        if self.status == "withdrawn":
            raise Conflict("this request was withdrawn")
        for name, value in fields.items():
            setattr(self, name, value)
        self.updated_at = now or utcnow()
        self.record(ev.RequestChanged(self.organization_id, self.id))

    def withdraw(self, now=None, match_running: bool | None = None) -> None:
        """Withdraw and erase at once: as easy to leave as to sign up. Refused while a match runs
        (`match_running`, known to the caller; without it a "matched" status counts as running):
        once the match ended, the person may leave as anyone else."""
        if match_running or (match_running is None and self.status == "matched"):
            raise Conflict("end the match first")
        self.status = "withdrawn"
        self.withdrawn_at = self.updated_at = now or utcnow()
        self.erase()
        self.record(ev.RequestWithdrawn(self.organization_id, self.id))

    def mark(self, status: str, now=None) -> None:
        """Move along the waiting -> proposed -> matched path (the match aggregate decides when)."""
        self.status = status
        self.updated_at = now or utcnow()

    def pause(self, now=None) -> None:
        """A waiting person takes a break: nobody is suggested or proposed, but the place on the list stays."""
        if self.status != "waiting":
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

    @property
    def paused(self) -> bool:
        return self.paused_at is not None

    @property
    def pending(self) -> bool:
        """True while the workers have not scored the request since it last changed (never while paused)."""
        return self.status == "waiting" and not self.paused and (
            self.scored_at is None or self.scored_at < self.updated_at)

    def _check_reachable(self, email: str | None, phone: str | None) -> None:
        if not email and not phone:
            raise Invalid("email", "Give an email address or a phone number.")


class Volunteer(Person):
    """A volunteer: applied -> (kennismakingsgesprek) -> active <-> paused -> stopped."""

    manage_token: str | None = None
    subject_type = "volunteer"

    @classmethod
    def apply(cls, organization_id: str, fields: dict[str, Any], consent_version: str, now=None) -> "Volunteer":
        volunteer = cls()
        volunteer.manage_token = volunteer._fill(organization_id, fields, now)
        volunteer.status = "applied"
        volunteer.consent_version = consent_version
        volunteer.vog_checked_at = volunteer.erased_at = volunteer.paused_by = None
        volunteer.record(ev.VolunteerApplied(organization_id, volunteer.id))
        return volunteer

    def activate(self, vog_checked: bool, now=None) -> None:
        """Make the volunteer matchable; a VOG must have been checked first."""
        if self.status not in ("applied", "paused"):
            raise Conflict(f"a volunteer who is {self.status} cannot be activated")
        if not vog_checked and self.vog_checked_at is None:
            raise Conflict("check the VOG before activating")
        now = now or utcnow()
        self.vog_checked_at = self.vog_checked_at or now
        self.paused_by = None
        self._move("active", now)
        self.record(ev.VolunteerActivated(self.organization_id, self.id))

    def pause(self, now=None, by_self: bool = False) -> None:
        """A break, taken by the volunteer (who may end it) or set by the coordinator (who then decides)."""
        if self.status != "active":
            raise Conflict(f"a volunteer who is {self.status} cannot be paused")
        self.paused_by = "self" if by_self else "coordinator"
        self._move("paused", now)
        self.record(ev.VolunteerPaused(self.organization_id, self.id))

    def resume(self, now=None) -> None:
        """The volunteer ends their own break; a pause the coordinator set stays until the coordinator lifts it."""
        if self.status != "paused":
            raise Conflict(f"a volunteer who is {self.status} cannot resume")
        if self.paused_by != "self":
            raise Conflict("the coordinator set this pause; ask the coordinator")
        self.paused_by = None
        self._move("active", now)
        self.record(ev.VolunteerResumed(self.organization_id, self.id))

    def change(self, fields: dict[str, Any], now=None) -> None:
        """The volunteer updates availability or lowers capacity through their private link."""
        if self.status == "stopped":
            raise Conflict("this volunteer has stopped")
        for name, value in fields.items():
            setattr(self, name, value)
        self.updated_at = now or utcnow()
        self.record(ev.VolunteerChanged(self.organization_id, self.id))

    def leave(self, active_matches: int, now=None) -> None:
        """Stop and erase at once; a running match must be ended with the coordinator first."""
        if active_matches:
            raise Conflict("end the running match with the coordinator first")
        if self.status != "stopped":
            self.stop(now)
        self.erase()

    def stop(self, now=None) -> None:
        if self.status == "stopped":
            raise Conflict("this volunteer has already stopped")
        self._move("stopped", now)
        self.record(ev.VolunteerStopped(self.organization_id, self.id))

    def _move(self, status: str, now) -> None:
        self.status = status
        self.updated_at = now or utcnow()

    @property
    def is_available(self) -> bool:
        return self.status == "active"

    def _check_reachable(self, email: str | None, phone: str | None) -> None:
        if not email:
            raise Invalid("email", "A volunteer needs an email address.")
