"""One spreadsheet row -> the API body the intake schemas check, with notes on what was guessed."""
from __future__ import annotations

from typing import Any

from marshmallow import ValidationError

from matching.domain.import_job import ImportKind
from matching.schemas import RequestIn, VolunteerIn, flatten_errors
from matching.services.importing import values

REASONS = {
    "first_name": "voornaam ontbreekt", "last_name": "achternaam ontbreekt", "email": "e-mailadres ontbreekt of klopt niet",
    "phone": "telefoonnummer klopt niet", "postcode": "postcode onbekend", "interests": "geen interesses herkend",
    "work_areas": "geen soort werk herkend",
    "availability": "geen beschikbaarheid herkend", "kind": "soort hulp onbekend", "capacity": "aantal klopt niet",
    "birth_year": "geboortejaar klopt niet", "max_distance_km": "afstand klopt niet", "about": "opmerking te lang",
    "motivation": "motivatie te lang", "languages": "taal onbekend", "gender": "geslacht onbekend",
}


class RowProblem(ValueError):
    """The row cannot be imported; `reason` says why in plain Dutch."""

    def __init__(self, reason: str):
        super().__init__(reason)
        self.reason = reason


def _cell(raw: dict, mapping: dict[str, str | None], field: str) -> Any:
    for header, target in mapping.items():
        if target == field and raw.get(header) not in (None, ""):
            return raw[header]
    return None


def _text(value: Any) -> str | None:
    return str(value).strip() if value not in (None, "") else None


# The work-like interests of older lists, as the work area a werkervaringsplaats request names.
WORK_OF_TASK = {"keuken": "horeca", "koken": "horeca", "administratie": "administratie", "receptie": "receptie",
                "kringloop": "winkel", "winkelen": "winkel", "techniek": "techniek", "klussen": "techniek",
                "groen": "groen", "tuinieren": "groen", "computer": "ict", "creatief": "creatief"}


def person_body(raw: dict, mapping: dict[str, str | None], kind: str) -> tuple[dict[str, Any], list[str], dict]:
    """The body, the notes (guesses, words not understood) and extras (status, VOG date, sign-up date)."""
    notes: list[str] = []
    first = _text(_cell(raw, mapping, "first_name")) or ""
    last = _text(_cell(raw, mapping, "last_name"))
    if kind == ImportKind.VOLUNTEERS and not last and " " in first:  # one "naam" column with the full name
        first, last = first.split(" ", 1)
        notes.append("naam gesplitst in voor- en achternaam")
    interests, unknown = values.interests(_cell(raw, mapping, "interests"))
    if unknown:
        notes.append("niet herkend als interesse: " + ", ".join(unknown))
    slots, slot_notes = values.availability(_cell(raw, mapping, "availability"))
    notes.extend(slot_notes)
    body: dict[str, Any] = {"first_name": first, "postcode": _text(_cell(raw, mapping, "postcode")) or "",
                            "interests": interests, "availability": slots, "consent": True}
    phone = _text(_cell(raw, mapping, "phone"))
    email = _text(_cell(raw, mapping, "email"))
    for name, value in (("email", email), ("phone", phone), ("gender", values.gender(_cell(raw, mapping, "gender")))):
        if value:
            body[name] = value
    spoken = values.languages(_cell(raw, mapping, "languages"))
    if spoken:
        body["languages"] = spoken
    extras: dict[str, Any] = {}
    try:
        if _cell(raw, mapping, "birth_year"):
            body["birth_year"] = values.whole_number(_cell(raw, mapping, "birth_year"))
        distance = values.whole_number(_cell(raw, mapping, "max_distance_km"))
        if kind == ImportKind.VOLUNTEERS:
            body["last_name"] = last or ""
            body["capacity"] = values.whole_number(_cell(raw, mapping, "capacity")) or 1
            if distance:
                body["max_distance_km"] = distance
            if _text(_cell(raw, mapping, "motivation")):
                body["motivation"] = _text(_cell(raw, mapping, "motivation"))
            extras["status"] = values.normalise_status(_cell(raw, mapping, "status"))
            extras["vog_date"] = values.day(_cell(raw, mapping, "vog_date"))
        else:
            body["kind"] = values.kind(_cell(raw, mapping, "kind")) or "onbekend"
            if body["kind"] == "werkervaringsplaats":  # old lists name the work among the interests
                body["work_areas"] = sorted({WORK_OF_TASK[i] for i in body["interests"] if i in WORK_OF_TASK})
            if distance:
                body["preferences"] = {"max_distance_km": distance}
            if _text(_cell(raw, mapping, "about")):
                body["about"] = _text(_cell(raw, mapping, "about"))
            extras["signed_up"] = values.day(_cell(raw, mapping, "signed_up"))
    except ValueError as error:
        raise RowProblem(f"datum of getal niet te lezen: {error}") from None
    return body, notes, extras


def validated(body: dict[str, Any], kind: str) -> dict[str, Any]:
    """The same checks as the forms and the API; a RowProblem names every field in Dutch."""
    try:
        return (VolunteerIn() if kind == ImportKind.VOLUNTEERS else RequestIn()).load(body)
    except ValidationError as error:
        fields = [f.split(".")[-1] for f in flatten_errors(error.messages)]
        raise RowProblem(", ".join(dict.fromkeys(REASONS.get(f, f"{f} klopt niet") for f in fields))) from None
