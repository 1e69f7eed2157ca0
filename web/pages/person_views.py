"""How the person pages read: Dutch labels, the edit form <-> the API's patch body, messages."""
from __future__ import annotations

from datetime import datetime
from typing import Any

from flask import url_for
from werkzeug.datastructures import MultiDict

from matching import vocabulary as vocab
from web import forms
from web.formatting import nl_date, nl_datetime

NOTE_KINDS = {"note": "Notitie", "call": "Gebeld", "intake": "Intake", "kennismaking": "Kennismakingsgesprek"}
TIMELINE = {"submitted": "Aangemeld", "applied": "Aangemeld als vrijwilliger", "proposed": "Voorgesteld",
            "confirmed": "Koppeling bevestigd", "declined": "Voorstel afgewezen", "ended": "Koppeling beëindigd",
            "message": "Bericht", "note": "Notitie"}
CHANNELS = {"phone": "Aan de telefoon", "in_person": "Aan de balie of bij een bezoek",
            "referral": "Via een verwijzer, met eigen toestemming", "form": "Via het formulier", "api": "Via de API (een ander systeem)",
            "import": "Bij het importeren", "link": "Via de persoonlijke link", "retention": "Bewaartermijn voorbij"}
LIKENESS = {"email": "zelfde e-mailadres", "name_phone": "zelfde voornaam en telefoonnummer",
            "phone": "zelfde telefoonnummer, andere naam", "name_postcode": "zelfde naam en postcode"}
CHANNEL_MISSING = "Kies hoe je deze aanmelding kreeg."
FIELD_LABELS = {"first_name": "voornaam", "last_name": "achternaam", "email": "e-mailadres", "phone": "telefoonnummer",
                "postcode": "postcode", "interests": "interesses", "availability": "beschikbaarheid",
                "about": "vertelt", "motivation": "motivatie", "capacity": "aantal mensen",
                "max_distance_km": "afstand", "kind": "soort", "languages": "talen"}
TEXTS = {"request": ("first_name", "email", "phone", "postcode", "about"),
         "volunteer": ("first_name", "last_name", "email", "phone", "postcode", "capacity", "max_distance_km", "motivation")}


def moment(when: datetime | None, with_time: bool = True) -> str:
    """"3 mrt 2026, 14:05" in Amsterdam time, as every page writes it (web/formatting.py)."""
    if when is None:
        return ""
    return nl_datetime(when) if with_time else nl_date(when)


def page_url(person_type: str, person_id: str) -> str:
    if person_type == "request":
        return url_for("workspace.request_page", request_id=person_id)
    return url_for("person.volunteer_page", volunteer_id=person_id)


def page_context() -> dict[str, Any]:
    return {"note_kinds": NOTE_KINDS, "timeline_labels": TIMELINE, "channels": CHANNELS, "likeness": LIKENESS,
            "page_url": page_url, "moment": moment}


def form_values(record: dict) -> MultiDict:
    """The edit form filled with the person as they are."""
    pairs = [(name, "" if record.get(name) is None else str(record[name])) for name in
             ("first_name", "last_name", "email", "phone", "postcode", "about", "motivation", "capacity")]
    distance = record.get("max_distance_km") if "kinds" in record else (
        None if record["preferences"].get("max_distance_is_default") else record["preferences"].get("max_distance_km"))
    pairs.append(("max_distance_km", "" if distance is None else f"{distance:g}"))
    pairs += [("interests", key) for key in record.get("interests", [])]
    pairs += [("availability", key) for key in record.get("availability", [])]
    return MultiDict(pairs)


def patch_from(form: MultiDict, person_type: str) -> dict[str, Any]:
    """The form as a PATCH body: every shown field, an empty one clearing it."""
    patch: dict[str, Any] = {name: (form.get(name) or "").strip() or None for name in TEXTS[person_type]}
    if person_type == "request":
        patch["preferences"] = {"max_distance_km": (form.get("max_distance_km") or "").strip() or None}
    patch["interests"], patch["availability"] = form.getlist("interests"), form.getlist("availability")
    return patch


def dutch(errors: dict[str, list[str]], patch: dict[str, Any]) -> dict[str, str]:
    """The sign-up form's own Dutch message per field."""
    out = {}
    for field in errors:
        name = field.split(".")[-1]
        if name == "email" and not patch.get("email") and not patch.get("phone"):
            out[name] = "Vul een e-mailadres of een telefoonnummer in."
        else:
            out[name] = str(forms.MESSAGES.get(name, forms.GENERAL))
    return out


def saved_message(result: dict) -> str:
    if not result["changed"]:
        return "Er was niets veranderd."
    changed = ", ".join(FIELD_LABELS.get(name, name) for name in result["changed"])
    return f"Opgeslagen: {changed}." + (" Koppel zoekt de kandidaten opnieuw." if result["rescored"] else "")


def plain(error: Exception) -> str:
    return {"not a coordinator of this organisation": "kies een coördinator van deze organisatie"}.get(str(error), str(error))


def form_choices() -> dict[str, Any]:
    return {"interest_options": [(k, vocab.label(vocab.INTERESTS, k)) for k in vocab.INTERESTS],
            "days": [(k, v[0]) for k, v in vocab.DAYS.items()], "parts": [(k, v[0]) for k, v in vocab.PARTS.items()],
            "channel_options": [(k, CHANNELS[k]) for k in ("phone", "in_person", "referral")],
            "kind_options": [("maatje", "Een maatje"), ("werkervaringsplaats", "Een werkervaringsplaats")]}
