"""Activities: what someone can join this week while they wait for a maatje, or besides one (an inloop,
a group, a course, a walk, a meal). Many people join one activity: it is not matched one-to-one, and a
sign-up is the person's own step, never a coordinator's proposal (CONTRACT section 10)."""
from __future__ import annotations

from datetime import datetime
from enum import StrEnum
from typing import Any, Mapping

from matching.domain import events as ev
from matching.domain.base import Aggregate, new_id, utcnow
from matching.domain.errors import Conflict, Invalid
from matching.domain.shapes import Given, assign, given


class ActivityCategory(StrEnum):
    INLOOP = "inloop"
    GROEP = "groep"
    CURSUS = "cursus"
    WANDELEN = "wandelen"
    ETEN = "eten"
    CREATIEF = "creatief"
    SPORT = "sport"
    ANDERS = "anders"


class ActivityStatus(StrEnum):
    OPEN = "open"
    CLOSED = "closed"


class Activity(Aggregate):
    """`capacity` None: no limit (an inloop). The host is who a newcomer asks for on the spot."""

    id: str
    organization_id: str
    title: Given[str]
    description: Given[str | None]
    category: Given[ActivityCategory]
    postcode: Given[str]
    address: Given[str]
    slots: Given[list[str]]
    interests: Given[list[str]]
    walk_in: Given[bool]
    capacity: Given[int | None]
    host_name: Given[str]
    host_phone: Given[str | None]
    host_email: Given[str | None]
    status: ActivityStatus
    created_at: datetime
    updated_at: datetime

    @classmethod
    def create(cls, organization_id: str, fields: Mapping[str, Any], now=None) -> "Activity":
        activity = cls()
        allowed = given(cls)
        assign(activity, {**dict.fromkeys(allowed), **fields}, allowed)
        activity._check_host()
        activity.id = new_id()
        activity.organization_id = organization_id
        activity.status = ActivityStatus.OPEN
        activity.created_at = activity.updated_at = now or utcnow()
        activity.record(ev.ActivityCreated(organization_id, activity.id))
        return activity

    def change(self, fields: Mapping[str, Any], now=None) -> None:
        """Edit any given field; the people near it see the new version on their next look."""
        if self.status == ActivityStatus.CLOSED:
            raise Conflict("this activity is closed")
        assign(self, fields, given(type(self)))
        self._check_host()
        self.updated_at = now or utcnow()
        self.record(ev.ActivityChanged(self.organization_id, self.id))

    def close(self, now=None) -> None:
        if self.status == ActivityStatus.CLOSED:
            raise Conflict("this activity is already closed")
        self.status, self.updated_at = ActivityStatus.CLOSED, now or utcnow()
        self.record(ev.ActivityChanged(self.organization_id, self.id))

    def _check_host(self) -> None:
        if not (self.host_phone or self.host_email):
            raise Invalid("host", "give the host's phone number or email address")

    @property
    def is_open(self) -> bool:
        return self.status == ActivityStatus.OPEN

    def has_room(self, taken: int) -> bool:
        """Whether one more person fits, `taken` places being signed up for already."""
        return self.capacity is None or taken < self.capacity


class ActivitySignup(Aggregate):
    """A person joins an activity from their private link. With their say-so the host learns a first
    name and one way to reach them (`contact`); nothing else of the request ever reaches the host."""

    id: str
    organization_id: str
    activity_id: str
    request_id: str
    first_name: str
    contact: str
    created_at: datetime

    @classmethod
    def join(cls, activity: Activity, request_id: str, first_name: str, contact: str, taken: int,
             say_so: bool, now=None) -> "ActivitySignup":
        """Refuse without the person's say-so (Invalid), for a closed or full activity (Conflict)."""
        if not say_so:
            raise Invalid("share_contact", "the person must agree that the host may contact them")
        if not activity.is_open:
            raise Conflict("this activity is closed")
        if not activity.has_room(taken):
            raise Conflict("this activity is full")
        signup = cls()
        signup.id = new_id()
        signup.organization_id, signup.activity_id, signup.request_id = activity.organization_id, activity.id, request_id
        signup.first_name, signup.contact = first_name, contact
        signup.created_at = now or utcnow()
        signup.record(ev.ActivityJoined(activity.organization_id, activity.id, signup.id))
        return signup

    def leave(self) -> None:
        self.record(ev.ActivityLeft(self.organization_id, self.activity_id, self.id))
