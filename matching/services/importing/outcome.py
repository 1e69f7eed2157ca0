"""What happened to one row of an import, and how a row says who it is."""
from __future__ import annotations

import re
from dataclasses import asdict, dataclass, field


@dataclass
class RowOutcome:
    row: int
    outcome: str  # imported | updated | unchanged | skipped
    reason: str = ""
    notes: list[str] = field(default_factory=list)

    def as_dict(self) -> dict:
        return asdict(self)


def key_of(email: str | None, phone: str | None) -> set[str]:
    """Who a row is: its email and its phone digits (either one finds the person again)."""
    keys = set()
    if email:
        keys.add("e:" + email.strip().lower())
    if phone:
        digits = re.sub(r"\D", "", phone)
        keys.add("p:" + ("0" + digits[2:] if digits.startswith("31") else digits))
    return keys


def known_people(people, organization_id: str) -> dict[str, str]:
    """Every key (email, phone) of the organisation's requests or volunteers (`people`: their
    repository) -> their id, in one query."""
    return {key: person_id for person_id, email, phone in people.contact_keys(organization_id)
            for key in key_of(email, phone)}
