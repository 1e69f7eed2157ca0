"""Who is already there: telling a sign-up or a spreadsheet row apart from everyone the organisation holds.

Two different people are never merged. A row is the same person only on the same email address, or the
same first name and phone number (`matching.domain.duplicate.same_person`); a shared phone, or the same
name and postcode, only makes a possible duplicate for a coordinator (`flag_alike`)."""
from __future__ import annotations

from collections import defaultdict
from typing import Any, Iterable

from matching.domain.duplicate import Likeness, PossibleDuplicate, folded, looks_alike, phone_key, same_person
from matching.services.ports import UnitOfWork

Record = dict[str, Any]  # id, first_name, last_name, email, phone, postcode
MAX_ALIKE = 3  # look-alikes flagged per sign-up or row: a common first name in a busy postcode area would
# otherwise flag dozens of pairs (and write as many events) for one person, which no coordinator reads


class Directory:
    """The organisation's people of one side, indexed by email, phone and name, read in one query."""

    def __init__(self, records: Iterable[Record] = ()):
        self.records: dict[str, Record] = {}
        self.by_email: dict[str, str] = {}
        self.by_phone: dict[str, list[str]] = defaultdict(list)
        self.by_name: dict[tuple[str, str, str], list[str]] = defaultdict(list)
        for record in records:
            self.add(record)

    def add(self, record: Record) -> None:
        """Know one more person (created or updated earlier in the same file)."""
        self.records[record["id"]] = record
        if record.get("email"):
            self.by_email.setdefault(folded(record["email"]), record["id"])
        if record.get("phone"):
            ids = self.by_phone[phone_key(record["phone"])]
            if record["id"] not in ids:
                ids.append(record["id"])
        name = (folded(record.get("first_name")), folded(record.get("last_name")), record.get("postcode") or "")
        if name[0] and record["id"] not in self.by_name[name]:
            self.by_name[name].append(record["id"])

    def same(self, fields: Record) -> str | None:
        """The id of the person these fields surely are (same email, or same first name and phone)."""
        if fields.get("email") and folded(fields["email"]) in self.by_email:
            return self.by_email[folded(fields["email"])]
        for candidate in self.by_phone.get(phone_key(fields.get("phone")), []) if fields.get("phone") else []:
            if same_person(fields, {**self.records[candidate], "email": None}):
                return candidate
        return None

    def alike(self, fields: Record, besides: str | None = None) -> list[tuple[str, Likeness]]:
        """Everyone these fields look like without surely being them, each once, oldest record first: a
        shared phone before a shared name, at most MAX_ALIKE."""
        near = list(self.by_phone.get(phone_key(fields.get("phone")), [])) if fields.get("phone") else []
        near += self.by_name.get((folded(fields.get("first_name")), folded(fields.get("last_name")),
                                  fields.get("postcode") or ""), [])
        out: dict[str, Likeness] = {}
        for candidate in near:
            if candidate == besides or candidate in out:
                continue
            likeness = looks_alike(fields, self.records[candidate])
            if likeness and not same_person(fields, self.records[candidate]):
                out[candidate] = likeness
                if len(out) == MAX_ALIKE:
                    break
        return list(out.items())

    def by_contact(self, text: str | None) -> str | None:
        """One person by an email address or a phone number; None when nobody, or when a phone is shared
        (then only the email tells who is meant)."""
        if not text:
            return None
        if "@" in text:
            return self.by_email.get(folded(text))
        ids = self.by_phone.get(phone_key(text), [])
        return ids[0] if len(ids) == 1 else None

    def name_of(self, person_id: str) -> str:
        record = self.records.get(person_id) or {}
        return " ".join(part for part in (record.get("first_name"), record.get("last_name")) if part)


def directory(uow: UnitOfWork, person_type: str, organization_id: str, near: Record | None = None) -> Directory:
    """Everyone of one side of the organisation who is not erased (or only those `near` a sign-up)."""
    people = uow.requests if person_type == "request" else uow.volunteers
    return Directory(people.identities(organization_id, near))


def flag_sign_up(uow: UnitOfWork, person_type: str, person, now=None, new: bool = False) -> list[PossibleDuplicate]:
    """A new sign-up that looks like someone already there (even the same email) is flagged, never merged.
    `new`: created in this transaction, so no pair with it was decided before."""
    near = {name: getattr(person, name, None) for name in ("first_name", "email", "phone", "postcode")}
    people = uow.requests if person_type == "request" else uow.volunteers
    others = Directory(r for r in people.identities(person.organization_id, near) if r["id"] != person.id)
    return flag_alike(uow, person_type, person, others, now, also_same=True, new=new)


def flag_alike(uow: UnitOfWork, person_type: str, person, known: Directory, now=None,
               also_same: bool = False, new: bool = False) -> list[PossibleDuplicate]:
    """Flag every record `person` looks like (never a pair decided before). `also_same`: on a public
    sign-up, the same email or first name and phone is flagged too instead of merged: a form
    proves nothing about who fills it in, so nobody's record is changed from outside. `new`: the
    person was created just now, so no pair with them was decided before (nothing to look up)."""
    fields = {name: getattr(person, name, None) for name in ("first_name", "last_name", "email", "phone", "postcode")}
    found = known.alike(fields, besides=person.id)
    if also_same:
        surely = known.same(fields)
        if surely and surely != person.id:
            email = fields.get("email") and folded(fields["email"]) == folded(known.records[surely].get("email"))
            found.insert(0, (surely, Likeness.EMAIL if email else Likeness.NAME_PHONE))
    if not found:
        return []
    # one query for the pairs decided before, not one per look-alike (a common name in a busy area)
    named = set() if new else {d.other_id if d.person_id == person.id else d.person_id
                               for d in uow.duplicates.naming(person_type, person.id)}
    flags = []
    for other, likeness in found:
        if other not in named:
            flag = PossibleDuplicate.flag(person.organization_id, person_type, other, person.id, likeness, now)
            uow.duplicates.add(flag)
            flags.append(flag)
    return flags
