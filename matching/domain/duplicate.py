"""A possible duplicate ("mogelijk dubbel"): two records of one organisation that look alike but are
not surely one person. Koppel never merges two people by itself: a record is the same person only on
the same email address, or the same first name and phone number (`same_person`); anything else that
looks alike (a shared phone, the same name and postcode) is flagged here for a coordinator to merge
or keep apart, by hand."""
from __future__ import annotations

import re
import unicodedata
from datetime import datetime
from enum import StrEnum

from matching.domain import events as ev
from matching.domain.base import Aggregate, new_id, utcnow
from matching.domain.errors import Conflict, Invalid


class Resolution(StrEnum):
    MERGE = "merge"  # the newer record goes into the older one
    APART = "apart"  # two different people: never flagged again as a pair


class Likeness(StrEnum):
    """Why two records look alike (shown in Dutch on the page)."""

    EMAIL = "email"  # same email address on a sign-up: probably them, but a form cannot prove it
    NAME_PHONE = "name_phone"  # same first name and phone on a sign-up
    PHONE = "phone"  # same phone number, another first name (a shared family phone)
    NAME_POSTCODE = "name_postcode"  # same full name in the same postcode area


def folded(text: str | None) -> str:
    """Lower case without accents or spaces around: "Vriës " and "vries" are the same word."""
    plain = unicodedata.normalize("NFKD", (text or "").strip().lower())
    return "".join(ch for ch in plain if not unicodedata.combining(ch))


def phone_key(phone: str | None) -> str:
    """Digits only, +31 and 0031 read as a leading 0."""
    digits = re.sub(r"\D", "", phone or "")
    if digits.startswith("0031"):
        digits = digits[4:]
    elif digits.startswith("31") and len(digits) == 11:
        digits = digits[2:]
    return ("0" + digits if digits and not digits.startswith("0") else digits)


def lookup_keys(first_name: str | None, email: str | None, phone: str | None) -> tuple[str | None, ...]:
    """The folded email, the folded first name and the phone's last nine digits: what a sign-up is
    looked up by among everyone there (an indexed equality each, issue 19), before `same_person` and
    `looks_alike` decide."""
    tail = phone_key(phone)[-9:]
    return folded(email) or None, folded(first_name) or None, tail if len(tail) == 9 else None


def same_person(a: dict, b: dict) -> bool:
    """The only two ways two records are one person: the same email, or the same first name and phone."""
    if a.get("email") and b.get("email") and folded(a["email"]) == folded(b["email"]):
        return True
    return bool(a.get("phone") and b.get("phone") and phone_key(a["phone"]) == phone_key(b["phone"])
                and folded(a.get("first_name")) == folded(b.get("first_name")))


def looks_alike(a: dict, b: dict) -> Likeness | None:
    """Why `a` might be `b` without surely being them, or None."""
    if a.get("phone") and b.get("phone") and phone_key(a["phone"]) == phone_key(b["phone"]):
        return Likeness.PHONE
    full = (folded(a.get("first_name")), folded(a.get("last_name")))
    if full[0] and full == (folded(b.get("first_name")), folded(b.get("last_name"))) \
            and a.get("postcode") and a.get("postcode") == b.get("postcode"):
        return Likeness.NAME_POSTCODE
    return None


class PossibleDuplicate(Aggregate):
    id: str
    organization_id: str
    person_type: str  # "request" or "volunteer": both records are of this side
    person_id: str  # the record that was there first
    other_id: str  # the newer record that looks like it
    likeness: Likeness
    created_at: datetime
    resolved_at: datetime | None
    resolution: Resolution | None
    resolved_by: str | None

    @classmethod
    def flag(cls, organization_id: str, person_type: str, person_id: str, other_id: str, likeness: str,
             now: datetime | None = None) -> "PossibleDuplicate":
        if person_id == other_id:
            raise Invalid("other_id", "a record cannot be a duplicate of itself")
        found = cls()
        found.id, found.organization_id, found.person_type = new_id(), organization_id, person_type
        found.person_id, found.other_id, found.likeness = person_id, other_id, Likeness(likeness)
        found.created_at = now or utcnow()
        found.resolved_at = found.resolution = found.resolved_by = None
        found.record(ev.PossibleDuplicateFlagged(organization_id, found.id, person_type))
        return found

    def resolve(self, resolution: str, by_user: str | None, now: datetime | None = None) -> None:
        """Decided once: merge the two or keep them apart."""
        if resolution not in Resolution.__members__.values():
            raise Invalid("resolution", f"one of {', '.join(Resolution)}")
        if self.resolved_at is not None:
            raise Conflict("this possible duplicate was decided already")
        self.resolution, self.resolved_by = Resolution(resolution), by_user
        self.resolved_at = now or utcnow()
        self.record(ev.PossibleDuplicateResolved(self.organization_id, self.id, self.person_type, str(self.resolution)))
