"""A match between a request and an offer (a volunteer or a placement): a human decides each step.

proposed -> active (confirmed) -> ended, or proposed -> declined. A proposal does not hold the
offer's place; confirming does, so the capacity check happens (again) at confirmation.
"""
from __future__ import annotations

from datetime import date, datetime, timedelta
from enum import StrEnum

from matching.domain import events as ev
from matching.domain.base import Aggregate, new_id, utcnow
from matching.domain.errors import Conflict, Invalid
from matching.domain.match_health import Health
from matching.domain.people import Request, RequestStatus


class OfferType(StrEnum):
    VOLUNTEER = "volunteer"
    PLACEMENT = "placement"


class MatchStatus(StrEnum):
    PROPOSED = "proposed"
    ACTIVE = "active"
    DECLINED = "declined"
    ENDED = "ended"


class EndReason(StrEnum):
    """Designed endings: why it ended. "other" needs a note that says what."""

    GOAL_REACHED = "goal_reached"
    MOVED = "moved"
    NO_CLICK = "no_click"
    LIFE_CHANGE = "life_change"
    VOLUNTEER_STOPPED = "volunteer_stopped"
    PARTICIPANT_STOPPED = "participant_stopped"
    DRIFTED_APART = "drifted_apart"
    OTHER = "other"
    STOPPED = "stopped"  # endings recorded before the two kinds of stopping were told apart: read, never chosen


END_CHOICES = tuple(reason for reason in EndReason if reason is not EndReason.STOPPED)


class Initiator(StrEnum):
    """Who started the ending."""

    PARTICIPANT = "participant"
    VOLUNTEER = "volunteer"
    COORDINATOR = "coordinator"
    BOTH = "both"


class Side(StrEnum):
    """The two sides of a match, each asked after the first meeting whether to go on."""

    REQUEST = "request"
    OFFER = "offer"


class Answer(StrEnum):
    YES = "ja"
    NO = "nee"


# Ended for these reasons, the person waits again for someone else (they did not choose to stop),
# and this pair is never suggested again.
BACK_TO_WAITING = (EndReason.NO_CLICK, EndReason.VOLUNTEER_STOPPED)
TERM = timedelta(days=365)  # a confirmed match runs for a year, then the coordinator renews or ends it
# There is no first-meeting date to go by: the "go on?" question opens a week after confirmation,
# time enough for the first contact and a first meeting (the introduction asks for one within a week).
GO_ON_QUESTION_AFTER = timedelta(days=7)
# Who takes the first step after confirmation: the volunteer calls or mails the person (so people
# with only a phone are reached too, and nobody who hesitates has to make the first call); for a
# placement the coordinator arranges the first visit.
# An ending or a decline clicked by mistake can be taken back for a day, as long as nothing happened since.
UNDO_WITHIN = timedelta(days=1)
FIRST_CONTACT_BY = {OfferType.VOLUNTEER: "offer", OfferType.PLACEMENT: "coordinator"}


def undo_open(status: str, updated_at: datetime, now: datetime) -> bool:
    """Whether a match's last step (ended, declined) may still be undone: within a day of it. (Whether
    something happened since is for `Match.undo` to say, with the request at hand.)"""
    return status in (MatchStatus.ENDED, MatchStatus.DECLINED) and now - updated_at <= UNDO_WITHIN


def serves(offer_type: str, offer, kind: str) -> bool:
    """Whether an offer serves a request's kind: volunteers by their kinds, placements one kind."""
    return kind == "werkervaringsplaats" if offer_type == OfferType.PLACEMENT else kind in (offer.kinds or [])


def _one_of(enum: type[StrEnum], field: str, value: str):
    """The enum member for `value`, or Invalid naming the field and the choices."""
    try:
        return enum(value)
    except ValueError:
        raise Invalid(field, f"must be one of {', '.join(enum)}") from None


class Match(Aggregate):
    id: str
    organization_id: str
    request_id: str
    offer_type: OfferType
    offer_id: str
    status: MatchStatus
    score: float | None  # the soft score when the workers proposed it
    proposed_by: str | None  # the coordinator's user id; None for a batch run
    proposed_at: datetime
    confirmed_at: datetime | None
    ended_at: datetime | None
    end_reason: EndReason | None
    decline_reason: str | None  # the coordinator's free text, blanked when either side is erased
    updated_at: datetime
    ends_on: date | None  # the end of the current term
    request_answer: Answer | None
    offer_answer: Answer | None
    initiated_by: Initiator | None  # who started the ending
    end_note: str | None  # the coordinator's words on the ending
    goodbye_meeting: bool | None  # whether there was a goodbye meeting (afscheidsgesprek)
    health: Health | None  # kept while the match runs (matching/services/match_health.py)
    health_reasons: list[str] | None  # why it needs a check-in, in Dutch
    health_at: datetime | None  # when the health or its reasons last changed

    @classmethod
    def propose(cls, request: Request, offer_type: str, offer, active_load: int, by_user: str | None,
                score: float | None = None, now=None) -> "Match":
        """Propose a pairing; 409 when the request is not waiting or the offer is not free."""
        offer_type = _one_of(OfferType, "offer.type", offer_type)
        if request.status != RequestStatus.WAITING:
            raise Conflict(f"the request is {request.status}, not waiting")
        if request.paused:
            raise Conflict("the request is paused")
        if not serves(offer_type, offer, request.kind):
            raise Conflict(f"this {offer_type} does not offer a {request.kind}")
        _check_free(offer, active_load)
        now = now or utcnow()
        match = cls()
        match.id = new_id()
        match.organization_id = request.organization_id
        match.request_id, match.offer_type, match.offer_id = request.id, offer_type, offer.id
        match.status, match.score, match.proposed_by = MatchStatus.PROPOSED, score, by_user
        match.proposed_at = match.updated_at = now
        match.confirmed_at = match.ended_at = match.end_reason = match.decline_reason = None
        match.ends_on = match.request_answer = match.offer_answer = None
        match.initiated_by = match.end_note = match.goodbye_meeting = None
        match.health = match.health_reasons = match.health_at = None
        request.mark(RequestStatus.PROPOSED, now)
        match.record(ev.MatchProposed(match.organization_id, match.id, request.id))
        return match

    def confirm(self, request: Request, offer, active_load: int, now=None) -> None:
        """Confirm: the offer's place is taken now, so the capacity is checked under a row lock."""
        self._require(MatchStatus.PROPOSED)
        _check_free(offer, active_load)
        self.status = MatchStatus.ACTIVE
        self.confirmed_at = self.updated_at = now or utcnow()
        self.ends_on = (self.confirmed_at + TERM).date()
        self.health, self.health_reasons, self.health_at = Health.TOO_EARLY, [], self.confirmed_at  # judged by the ticks
        request.mark(RequestStatus.MATCHED, self.confirmed_at)
        self.record(ev.MatchConfirmed(self.organization_id, self.id, self.request_id))

    def decline(self, request: Request, reason: str, now=None) -> None:
        """Decline a proposal: the request waits again and this pair is never suggested again."""
        self._require(MatchStatus.PROPOSED)
        self.status, self.decline_reason = MatchStatus.DECLINED, (reason or "").strip()[:500] or None
        self.updated_at = now or utcnow()
        request.mark(RequestStatus.WAITING, self.updated_at)
        self.record(ev.MatchDeclined(self.organization_id, self.id, self.request_id))

    def end(self, request: Request, reason: str, now=None, initiated_by: str | None = None, note: str | None = None,
            goodbye_meeting: bool | None = None) -> None:
        """End an active match with an EndReason (not the old "stopped"), who started the ending, a note
        ("other" needs one) and whether there was a goodbye meeting; the offer's place is free again."""
        self._require(MatchStatus.ACTIVE)
        if reason not in END_CHOICES:
            raise Invalid("reason", f"must be one of {', '.join(END_CHOICES)}")
        initiated_by = _one_of(Initiator, "initiated_by", initiated_by) if initiated_by is not None else None
        note = (note or "").strip()[:500] or None
        if reason == EndReason.OTHER and note is None:
            raise Invalid("note", "say what the reason was")
        self.status, self.end_reason = MatchStatus.ENDED, EndReason(reason)
        self.initiated_by, self.end_note, self.goodbye_meeting = initiated_by, note, goodbye_meeting
        self.health = self.health_reasons = None
        self.ended_at = self.updated_at = now or utcnow()
        if self.end_reason in BACK_TO_WAITING:
            request.mark(RequestStatus.WAITING, self.ended_at)
        self.record(ev.MatchEnded(self.organization_id, self.id, self.request_id))

    def undo(self, request: Request, offer, active_load: int, now=None) -> None:
        """Take back an ending or a decline made in the last day: the match runs (or is proposed) again.
        409 after a day, or when something happened since: the request moved on (proposed or matched
        elsewhere, withdrawn, paused) or the offer's place was taken."""
        now = now or utcnow()
        if not undo_open(self.status, self.updated_at, now):
            raise Conflict(f"only an ending or a decline of the last day can be undone; this match is {self.status}"
                           if self.status not in (MatchStatus.ENDED, MatchStatus.DECLINED)
                           else "the step was more than a day ago")
        left = RequestStatus.WAITING if self.status == MatchStatus.DECLINED or self.end_reason in BACK_TO_WAITING \
            else RequestStatus.MATCHED
        if request.status != left or request.paused or request.updated_at > self.updated_at:
            raise Conflict("something happened to the request since")
        undone = self.status
        if undone == MatchStatus.ENDED:
            _check_free(offer, active_load)
            self.status, self.ended_at, self.end_reason = MatchStatus.ACTIVE, None, None
            self.initiated_by = self.end_note = self.goodbye_meeting = None
            self.health, self.health_reasons, self.health_at = Health.TOO_EARLY, [], now  # judged again by the ticks
            request.mark(RequestStatus.MATCHED, now)
        else:
            if not offer.is_available:
                raise Conflict(f"the offer is {offer.status}")
            self.status, self.decline_reason = MatchStatus.PROPOSED, None
            request.mark(RequestStatus.PROPOSED, now)
        self.updated_at = now
        self.record(ev.MatchStepUndone(self.organization_id, self.id, self.request_id, str(undone)))

    def answer(self, request: Request, side: str, go_on: bool, now=None) -> None:
        """After the first meeting each side says whether to go on; a "no" ends it and the person waits again."""
        self._require(MatchStatus.ACTIVE)
        side = _one_of(Side, "side", side)
        now = now or utcnow()
        if now < self.go_on_question_from:
            raise Conflict("the question comes after the first meeting, a week after confirmation")
        answer = Answer.YES if go_on else Answer.NO
        if side == Side.REQUEST:
            self.request_answer = answer
        else:
            self.offer_answer = answer
        self.updated_at = now
        self.record(ev.MatchAnswered(self.organization_id, self.id, str(side), go_on))
        if not go_on:
            self.end(request, EndReason.NO_CLICK, self.updated_at,
                     initiated_by=Initiator.PARTICIPANT if side == Side.REQUEST else Initiator.VOLUNTEER)

    def renew(self, now=None) -> None:
        """Another term: the coordinator checked in and both want to go on."""
        self._require(MatchStatus.ACTIVE)
        self.ends_on = max(self.ends_on, (now or utcnow()).date()) + TERM
        self.record(ev.MatchRenewed(self.organization_id, self.id))

    def set_health(self, health: str, reasons: list[str], now=None) -> bool:
        """Keep the latest health of a running match (written only when it or its reasons change);
        a change of health is an event, once. True when the health itself changed."""
        health = _one_of(Health, "health", health)
        if (health, list(reasons)) == (self.health, list(self.health_reasons or [])):
            return False
        changed = self.health != health
        self.health, self.health_reasons, self.health_at = health, list(reasons), now or utcnow()
        if changed:
            self.record(ev.MatchHealthChanged(self.organization_id, self.id, health))
        return changed

    @property
    def go_on_question_from(self):
        """When each side is asked whether to go on (after the first meeting)."""
        return self.confirmed_at + GO_ON_QUESTION_AFTER

    def asks_go_on(self, side: str, now=None) -> bool:
        """Whether this side's private link should ask "go on?" now: active, a week in, not yet answered."""
        return (self.status == MatchStatus.ACTIVE and getattr(self, f"{side}_answer") is None
                and (now or utcnow()) >= self.go_on_question_from)

    @property
    def excludes_pair(self) -> bool:
        """A declined pair, or one that did not click, is never suggested again."""
        return self.status == MatchStatus.DECLINED or (
            self.status == MatchStatus.ENDED and self.end_reason in BACK_TO_WAITING)

    def _require(self, status: MatchStatus) -> None:
        if self.status != status:
            raise Conflict(f"the match is {self.status}, not {status}")


def _check_free(offer, active_load: int) -> None:
    if not offer.is_available:
        raise Conflict(f"the offer is {offer.status}")
    if active_load >= offer.capacity:
        raise Conflict("the offer has no free place")
