"""Commands: what a user or a worker asks Koppel to do. Frozen, JSON-friendly, ids not objects."""
from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from matching.domain.consent import Channel
from matching.domain.organization import Role


@dataclass(frozen=True)
class Command:
    pass


@dataclass(frozen=True)
class SubmitRequest(Command):
    organization_slug: str
    fields: dict[str, Any]
    via: Channel = Channel.FORM  # where consent was given: a form or the API


@dataclass(frozen=True)
class ChangeRequest(Command):
    manage_token: str
    fields: dict[str, Any]


@dataclass(frozen=True)
class WithdrawRequest(Command):
    manage_token: str
    via: Channel = Channel.LINK  # where consent was withdrawn: the private page or the API


@dataclass(frozen=True)
class PauseOwnRequest(Command):
    """A waiting person takes a break through their private link."""
    manage_token: str


@dataclass(frozen=True)
class ResumeOwnRequest(Command):
    manage_token: str


@dataclass(frozen=True)
class ChangeOwnContact(Command):
    """A requester or volunteer corrects their email address and/or phone number (None clears one)."""
    manage_token: str
    changes: dict[str, str | None]


@dataclass(frozen=True)
class ChangeOwnVolunteer(Command):
    manage_token: str
    fields: dict[str, Any]


@dataclass(frozen=True)
class PauseOwnVolunteer(Command):
    manage_token: str


@dataclass(frozen=True)
class ResumeOwnVolunteer(Command):
    manage_token: str


@dataclass(frozen=True)
class EraseOwnVolunteer(Command):
    manage_token: str
    via: Channel = Channel.LINK


@dataclass(frozen=True)
class ApplyAsVolunteer(Command):
    organization_slug: str
    fields: dict[str, Any]
    via: Channel = Channel.FORM


@dataclass(frozen=True)
class ActivateVolunteer(Command):
    organization_id: str
    volunteer_id: str
    vog_checked: bool
    by_user: str | None = None


@dataclass(frozen=True)
class PauseVolunteer(Command):
    organization_id: str
    volunteer_id: str
    by_user: str | None = None


@dataclass(frozen=True)
class StopVolunteer(Command):
    organization_id: str
    volunteer_id: str
    by_user: str | None = None


@dataclass(frozen=True)
class CreatePlacement(Command):
    organization_id: str
    fields: dict[str, Any]
    by_user: str | None = None


@dataclass(frozen=True)
class ProposeMatch(Command):
    organization_id: str
    request_id: str
    offer_type: str
    offer_id: str
    by_user: str | None = None


@dataclass(frozen=True)
class ConfirmMatch(Command):
    organization_id: str
    match_id: str
    by_user: str | None = None


@dataclass(frozen=True)
class DeclineMatch(Command):
    organization_id: str
    match_id: str
    reason: str = ""
    by_user: str | None = None


@dataclass(frozen=True)
class EndMatch(Command):
    organization_id: str
    match_id: str
    reason: str = "other"
    by_user: str | None = None
    initiated_by: str | None = None  # participant | volunteer | coordinator | both
    note: str | None = None
    goodbye_meeting: bool | None = None


@dataclass(frozen=True)
class UndoMatchStep(Command):
    """Take back an ending or a decline of the last day."""

    organization_id: str
    match_id: str
    by_user: str | None = None


@dataclass(frozen=True)
class RunBatchProposals(Command):
    organization_id: str
    by_user: str | None = None


@dataclass(frozen=True)
class CreateOrganization(Command):
    slug: str
    name: str
    contact: dict = field(default_factory=dict)  # phone, email, address, opening_hours


@dataclass(frozen=True)
class ChangeOrganizationContact(Command):
    organization_id: str
    by_user: str
    contact: dict


@dataclass(frozen=True)
class CreateUser(Command):
    organization_slug: str
    email: str
    password: str = field(repr=False)
    role: Role = Role.COORDINATOR


@dataclass(frozen=True)
class ChangePassword(Command):
    user_id: str
    current_password: str = field(repr=False)
    new_password: str = field(repr=False)


@dataclass(frozen=True)
class ResetAccount(Command):
    email: str
    password: str = field(repr=False)


@dataclass(frozen=True)
class EndSessions(Command):
    user_id: str


@dataclass(frozen=True)
class EnableTwoFactor(Command):
    user_id: str
    secret: str = field(repr=False)
    code: str = field(repr=False)


@dataclass(frozen=True)
class DisableTwoFactor(Command):
    user_id: str
    password: str = field(repr=False)


@dataclass(frozen=True)
class CheckLoginCode(Command):
    user_id: str
    code: str = field(repr=False)


@dataclass(frozen=True)
class AnswerFirstMeeting(Command):
    manage_token: str
    go_on: bool


@dataclass(frozen=True)
class RenewMatch(Command):
    organization_id: str
    match_id: str
    by_user: str | None = None


@dataclass(frozen=True)
class RaiseDueReminders(Command):
    today: str  # ISO date


@dataclass(frozen=True)
class CompleteReminder(Command):
    organization_id: str
    reminder_id: str
    by_user: str | None = None


@dataclass(frozen=True)
class ChangePlacement(Command):
    organization_id: str
    placement_id: str
    fields: dict[str, Any]
    by_user: str | None = None


@dataclass(frozen=True)
class ClosePlacement(Command):
    organization_id: str
    placement_id: str
    by_user: str | None = None


@dataclass(frozen=True)
class UploadImport(Command):
    organization_id: str
    kind: str
    filename: str
    content: bytes = field(repr=False)
    by_user: str | None = None


@dataclass(frozen=True)
class StartImport(Command):
    organization_id: str
    import_id: str
    mapping: dict[str, Any]
    by_user: str | None = None


@dataclass(frozen=True)
class RunImport(Command):
    """Import an uploaded file now, in this process (`koppel import`), instead of by a worker."""
    organization_id: str
    import_id: str
    mapping: dict[str, Any]
    by_user: str | None = None


@dataclass(frozen=True)
class SetImportMapping(Command):
    organization_id: str
    import_id: str
    mapping: dict[str, Any]
    by_user: str | None = None


@dataclass(frozen=True)
class ApplyRetention(Command):
    """Erase whoever's retention period ran out; `now` (ISO) only for tests and catching up."""
    now: str | None = None


@dataclass(frozen=True)
class WriteNote(Command):
    organization_id: str
    person_type: str  # "request" or "volunteer"
    person_id: str
    kind: str
    text: str
    by_user: str | None = None


@dataclass(frozen=True)
class IssueNewLink(Command):
    """A new private link for someone without email (the old one stops working); `via` "letter" also
    makes a short code for the printed letter."""
    organization_id: str
    person_type: str
    person_id: str
    via: str = "api"
    by_user: str | None = None


@dataclass(frozen=True)
class RaiseDuePulses(Command):
    """Send each active match's due check-in questions to both sides, once; `now` (ISO) for `koppel tick`."""
    now: str | None = None


@dataclass(frozen=True)
class AnswerPulse(Command):
    token: str
    answers: dict[str, Any]
    comment: str | None = None


@dataclass(frozen=True)
class ReassessHealth(Command):
    """Recompute the health of running matches (all, or one organisation's) as at `now` (ISO)."""
    now: str | None = None
    match_ids: tuple[str, ...] | None = None


@dataclass(frozen=True)
class ReferPerson(Command):
    """A professional signs someone up, stating that the person agreed (`fields` as in SubmitRequest)."""
    organization_slug: str
    fields: dict[str, Any]
    referrer: dict[str, Any]
    share_status: bool
    via: Channel = Channel.REFERRAL


@dataclass(frozen=True)
class CreateNetwork(Command):
    slug: str
    name: str
    organization_slugs: tuple[str, ...] = ()


@dataclass(frozen=True)
class JoinNetwork(Command):
    network_slug: str
    organization_slug: str


@dataclass(frozen=True)
class TransferRequest(Command):
    """Hand a waiting request to a partner organisation of the network, with the person's consent."""
    organization_id: str
    request_id: str
    to: str  # the partner's slug
    person_consent: bool
    by_user: str | None = None


@dataclass(frozen=True)
class CreateActivity(Command):
    organization_id: str
    fields: dict[str, Any]
    by_user: str | None = None


@dataclass(frozen=True)
class ChangeActivity(Command):
    organization_id: str
    activity_id: str
    fields: dict[str, Any]
    by_user: str | None = None


@dataclass(frozen=True)
class CloseActivity(Command):
    organization_id: str
    activity_id: str
    by_user: str | None = None


@dataclass(frozen=True)
class JoinActivity(Command):
    """From the private link: `share_contact` is the person's say-so that the host may reach them."""
    token: str
    activity_id: str
    share_contact: bool


@dataclass(frozen=True)
class LeaveActivity(Command):
    token: str
    activity_id: str


@dataclass(frozen=True)
class AnswerEvaluation(Command):
    """The supervisor (their private link) or the participant (theirs) answers one evaluation moment."""
    token: str
    moment: str
    goals_progress: int
    went_well: str | None = None
    next_step: str | None = None
    closing_words: str | None = None  # the supervisor's, for the certificate


@dataclass(frozen=True)
class SignUpAsVolunteerToo(Command):
    """A participant also signs up as a volunteer from their private link (fluid roles)."""
    manage_token: str
    fields: dict[str, Any]


@dataclass(frozen=True)
class AskForMatchToo(Command):
    """A volunteer also asks for a maatje or a werkervaringsplaats from their private link (fluid roles)."""
    manage_token: str
    fields: dict[str, Any]


@dataclass(frozen=True)
class EnterRequest(Command):
    """A coordinator enters a request for someone (a phone call, a walk-in, a referral); `via` is
    how the person gave consent, kept on the consent record."""
    organization_id: str
    fields: dict[str, Any]
    via: Channel
    by_user: str | None = None


@dataclass(frozen=True)
class CorrectPerson(Command):
    """A coordinator changes a request's or volunteer's fields (already checked as at sign-up)."""
    organization_id: str
    person_type: str
    person_id: str
    changes: dict[str, Any]
    by_user: str | None = None


@dataclass(frozen=True)
class AssignPerson(Command):
    """Give a person to a coordinator of the organisation; `coordinator_id` None gives them to nobody."""
    organization_id: str
    person_type: str
    person_id: str
    coordinator_id: str | None
    by_user: str | None = None


@dataclass(frozen=True)
class ResolveDuplicate(Command):
    """`resolution` "merge" (the newer record goes into the older) or "apart" (two different people)."""
    organization_id: str
    duplicate_id: str
    resolution: str
    by_user: str | None = None
