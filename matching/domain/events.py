"""Domain events: what happened, past tense, ids only. Written to the outbox in the same commit."""
from __future__ import annotations

from dataclasses import asdict, dataclass
from typing import Any, ClassVar


@dataclass(frozen=True)
class Event:
    name: ClassVar[str]
    organization_id: str

    def payload(self) -> dict[str, Any]:
        """The JSON-friendly fields of the event."""
        return asdict(self)


@dataclass(frozen=True)
class RequestSubmitted(Event):
    name = "request.submitted"
    request_id: str


@dataclass(frozen=True)
class RequestChanged(Event):
    name = "request.changed"
    request_id: str


@dataclass(frozen=True)
class RequestWithdrawn(Event):
    name = "request.withdrawn"
    request_id: str


@dataclass(frozen=True)
class RequestPaused(Event):
    """The person takes a break from the waiting list (not suggested, not proposed; still on the list)."""
    name = "request.paused"
    request_id: str


@dataclass(frozen=True)
class RequestResumed(Event):
    name = "request.resumed"
    request_id: str


@dataclass(frozen=True)
class ContactChanged(Event):
    """A person changed their email address or phone number through their private link."""
    name = "person.contact_changed"
    subject_type: str
    subject_id: str


@dataclass(frozen=True)
class VolunteerApplied(Event):
    name = "volunteer.applied"
    volunteer_id: str


@dataclass(frozen=True)
class VolunteerActivated(Event):
    name = "volunteer.activated"
    volunteer_id: str


@dataclass(frozen=True)
class VolunteerPaused(Event):
    name = "volunteer.paused"
    volunteer_id: str


@dataclass(frozen=True)
class VolunteerResumed(Event):
    """The volunteer ended their own break."""
    name = "volunteer.resumed"
    volunteer_id: str


@dataclass(frozen=True)
class VolunteerChanged(Event):
    name = "volunteer.changed"
    volunteer_id: str


@dataclass(frozen=True)
class VolunteerStopped(Event):
    name = "volunteer.stopped"
    volunteer_id: str


@dataclass(frozen=True)
class PlacementCreated(Event):
    name = "placement.created"
    placement_id: str


@dataclass(frozen=True)
class PlacementChanged(Event):
    name = "placement.changed"
    placement_id: str


@dataclass(frozen=True)
class MatchProposed(Event):
    name = "match.proposed"
    match_id: str
    request_id: str


@dataclass(frozen=True)
class MatchConfirmed(Event):
    name = "match.confirmed"
    match_id: str
    request_id: str


@dataclass(frozen=True)
class MatchDeclined(Event):
    name = "match.declined"
    match_id: str
    request_id: str


@dataclass(frozen=True)
class MatchEnded(Event):
    name = "match.ended"
    match_id: str
    request_id: str


@dataclass(frozen=True)
class MatchStepUndone(Event):
    """An ending or a decline was taken back within a day: the match runs, or is proposed, again."""

    name = "match.undone"
    match_id: str
    request_id: str
    undone: str  # ended | declined


@dataclass(frozen=True)
class MatchAnswered(Event):
    name = "match.answered"
    match_id: str
    side: str
    go_on: bool


@dataclass(frozen=True)
class MatchRenewed(Event):
    name = "match.renewed"
    match_id: str


@dataclass(frozen=True)
class ReminderRaised(Event):
    name = "reminder.raised"
    reminder_id: str
    kind: str


@dataclass(frozen=True)
class ImportQueued(Event):
    name = "import.queued"
    import_id: str


@dataclass(frozen=True)
class ImportExpired(Event):
    name = "import.expired"
    import_id: str


@dataclass(frozen=True)
class MessageQueued(Event):
    name = "message.queued"
    message_id: str


@dataclass(frozen=True)
class PersonErased(Event):
    """Erased because the retention period ran out (a person's own erasure is RequestWithdrawn or
    VolunteerStopped)."""
    name = "person.erased"
    subject_type: str
    subject_id: str


@dataclass(frozen=True)
class NoteWritten(Event):
    """A coordinator wrote a note about a person (a `call` note clears their call tasks)."""
    name = "note.written"
    note_id: str
    person_type: str
    person_id: str
    kind: str


@dataclass(frozen=True)
class PrivateLinkReplaced(Event):
    """A person got a new private link (by API, or printed in a letter); the old one stopped working."""
    name = "link.replaced"
    person_type: str
    person_id: str
    via: str  # "api" or "letter"


@dataclass(frozen=True)
class PulseRaised(Event):
    """A round of questions went to one side of a match (round 0: the question when it ended)."""
    name = "pulse.raised"
    pulse_id: str
    match_id: str
    side: str
    round: int


@dataclass(frozen=True)
class PulseAnswered(Event):
    name = "pulse.answered"
    pulse_id: str
    match_id: str
    side: str
    round: int


@dataclass(frozen=True)
class MatchHealthChanged(Event):
    """A running match's health moved (too_early, on_track, needs_check_in): raised once per change."""
    name = "match.health_changed"
    match_id: str
    health: str


@dataclass(frozen=True)
class ReferralReceived(Event):
    """A professional referred someone; the request itself is `request.submitted` as for anyone."""
    name = "referral.received"
    referral_id: str
    request_id: str
    role: str


@dataclass(frozen=True)
class RequestTransferredOut(Event):
    """The sender's side of a handover: only that it left, when and to whom."""
    name = "request.transferred_out"
    request_id: str
    to_organization_id: str


@dataclass(frozen=True)
class RequestTransferredIn(Event):
    """The partner's side of a handover: the request waits there now (and is scored there)."""
    name = "request.transferred_in"
    request_id: str
    from_organization_id: str


@dataclass(frozen=True)
class NetworkJoined(Event):
    name = "network.joined"
    network_id: str


@dataclass(frozen=True)
class ActivityCreated(Event):
    name = "activity.created"
    activity_id: str


@dataclass(frozen=True)
class ActivityChanged(Event):
    name = "activity.changed"
    activity_id: str


@dataclass(frozen=True)
class ActivityJoined(Event):
    """A waiting person signed up for an activity from their private link."""
    name = "activity.joined"
    activity_id: str
    signup_id: str


@dataclass(frozen=True)
class ActivityLeft(Event):
    name = "activity.left"
    activity_id: str
    signup_id: str


@dataclass(frozen=True)
class SupervisionStarted(Event):
    """A placement match was confirmed: its supervisor got a private link."""
    name = "supervision.started"
    supervision_id: str
    match_id: str


@dataclass(frozen=True)
class EvaluationAnswered(Event):
    """The supervisor or the participant answered one evaluation moment of a werkervaringsplaats."""
    name = "evaluation.answered"
    evaluation_id: str
    match_id: str
    side: str
    moment: str


@dataclass(frozen=True)
class RolesLinked(Event):
    """One person holds both roles: a request and a volunteer record, linked (fluid roles)."""
    name = "person.roles_linked"
    request_id: str
    volunteer_id: str


@dataclass(frozen=True)
class PersonAssigned(Event):
    """A request or volunteer was given to a coordinator (`coordinator_id` None: to nobody)."""
    name = "person.assigned"
    subject_type: str
    subject_id: str
    coordinator_id: str | None


@dataclass(frozen=True)
class PersonCorrected(Event):
    """A coordinator corrected what does not change matching (a name, contact details, a text)."""
    name = "person.corrected"
    subject_type: str
    subject_id: str


@dataclass(frozen=True)
class PossibleDuplicateFlagged(Event):
    """A sign-up or an imported row looks like someone already there; a coordinator decides."""
    name = "duplicate.flagged"
    duplicate_id: str
    person_type: str


@dataclass(frozen=True)
class PossibleDuplicateResolved(Event):
    """A coordinator merged the two records or kept them apart."""
    name = "duplicate.resolved"
    duplicate_id: str
    person_type: str
    resolution: str
