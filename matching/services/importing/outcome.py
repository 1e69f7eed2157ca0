"""What happened to one row of an import, and what changed, in Dutch."""
from __future__ import annotations

from dataclasses import asdict, dataclass, field


@dataclass
class RowOutcome:
    row: int
    outcome: str  # imported | updated | unchanged | skipped
    reason: str = ""
    notes: list[str] = field(default_factory=list)

    def as_dict(self) -> dict:
        return asdict(self)


FIELD_NAMES = {"first_name": "voornaam", "last_name": "achternaam", "email": "e-mailadres", "phone": "telefoonnummer",
               "postcode": "postcode", "interests": "interesses", "availability": "beschikbaarheid",
               "languages": "talen", "capacity": "aantal mensen", "kinds": "soort hulp", "kind": "soort hulp",
               "gender": "geslacht"}
SHOWN_IN_FULL = ("first_name", "last_name", "email", "phone")  # never changed without showing old and new


def described_changes(existing, changed: dict, with_values: bool) -> str:
    """The changed fields in Dutch; with values, a name, email or phone as "oud → nieuw"."""
    parts = []
    for name, value in changed.items():
        label = FIELD_NAMES.get(name, name)
        if with_values and name in SHOWN_IN_FULL:
            parts.append(f"{label} {getattr(existing, name, None) or '(leeg)'} → {value or '(leeg)'}")
        else:
            parts.append(label)
    return ", ".join(parts)
