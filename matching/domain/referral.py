"""A referral: a professional (wijkteam, POH-GGZ, huisarts, F-ACT team) signs someone up, with that
person's agreement. The referrer may follow a status, and only a status: never a name, a contact
detail or a note of either side. Only the hash of the referrer's link is stored."""
from __future__ import annotations

from datetime import datetime
from enum import StrEnum
from typing import Iterable

from matching.domain import events as ev
from matching.domain.base import Aggregate, new_id, new_token, utcnow
from matching.domain.note import NoteKind
from matching.domain.shapes import Unsaved


class ReferrerRole(StrEnum):
    WIJKTEAM = "wijkteam"
    POH_GGZ = "poh-ggz"
    HUISARTS = "huisarts"
    FACT = "f-act"
    GGZ = "ggz"
    ANDERS = "anders"


ROLE_LABELS = {ReferrerRole.WIJKTEAM: "Sociaal wijkteam", ReferrerRole.POH_GGZ: "POH-GGZ",
               ReferrerRole.HUISARTS: "Huisarts (Welzijn op Recept)", ReferrerRole.FACT: "F-ACT-team",
               ReferrerRole.GGZ: "Andere GGZ-hulpverlener", ReferrerRole.ANDERS: "Anders"}


class ReferralStatus(StrEnum):
    RECEIVED = "received"
    IN_CONTACT = "in_contact"
    MATCHED = "matched"
    CLOSED = "closed"


CONTACT_NOTES = (NoteKind.CALL, NoteKind.INTAKE, NoteKind.KENNISMAKING)  # a coordinator spoke with the person
REFERRER_FIELDS = ("referrer_name", "referrer_email", "referrer_phone")  # the referrer's own personal data


def status_of(request_status: str, erased: bool, note_kinds: Iterable[str]) -> ReferralStatus:
    """What the referrer may see: received until the coordinator is in touch (a call, intake or
    kennismaking note, or a proposal), matched once a match runs, closed when the person left."""
    if erased or request_status == "withdrawn":
        return ReferralStatus.CLOSED
    if request_status == "matched":
        return ReferralStatus.MATCHED
    if request_status == "proposed" or any(kind in CONTACT_NOTES for kind in note_kinds):
        return ReferralStatus.IN_CONTACT
    return ReferralStatus.RECEIVED


class Referral(Aggregate):
    id: str
    organization_id: str
    request_id: str
    referrer_name: str | None
    referrer_organization: str
    referrer_role: ReferrerRole
    referrer_email: str | None
    referrer_phone: str | None
    share_status: bool
    token_hash: str | None
    created_at: datetime
    token: Unsaved[str | None] = None  # only on the instance that created it

    @classmethod
    def make(cls, organization_id: str, request_id: str, referrer: dict, share_status: bool,
             now: datetime | None = None) -> "Referral":
        referral = cls()
        referral.id, referral.organization_id, referral.request_id = new_id(), organization_id, request_id
        referral.referrer_name = referrer["name"]
        referral.referrer_organization = referrer["organization"]
        referral.referrer_role = ReferrerRole(referrer["role"])
        referral.referrer_email, referral.referrer_phone = referrer.get("email"), referrer.get("phone")
        referral.share_status = bool(share_status)
        referral.token, referral.token_hash = new_token()
        referral.created_at = now or utcnow()
        referral.record(ev.ReferralReceived(organization_id, referral.id, request_id, str(referral.referrer_role)))
        return referral

    def forget_referrer(self) -> None:
        """The person left (withdrawn, erased): the referrer's own details go too; the role and
        organisation stay for the regional figures, and the link now says "afgesloten"."""
        for name in REFERRER_FIELDS:
            setattr(self, name, None)
