"""HTML forms <-> the API's schemas: the same validation, with plain Dutch (B1) messages per field."""
from __future__ import annotations

from typing import Any

from marshmallow import ValidationError
from flask_babel import lazy_gettext as _l
from werkzeug.datastructures import MultiDict

from web.errors import flatten

HONEYPOT = "website"  # invisible to people; bots fill it in

MESSAGES = {
    "first_name": _l("Vul je voornaam in."),
    "last_name": _l("Vul je achternaam in."),
    "email": _l("Dit e-mailadres klopt niet. Kijk of er een @ en een punt in staan."),
    "phone": _l("Dit telefoonnummer klopt niet. Gebruik cijfers, bijvoorbeeld 06 12345678."),
    "postcode": _l("Deze postcode kennen we niet. Vul je postcode in zoals 1234 AB."),
    "interests": _l("Kies minstens één ding dat je graag doet."),
    "availability": _l("Kies minstens één moment waarop je tijd hebt."),
    "consent": _l("Geef toestemming. Anders kunnen we niet voor je zoeken."),
    "about": _l("Schrijf hier maximaal 1000 tekens."),
    "motivation": _l("Schrijf hier maximaal 2000 tekens."),
    "capacity": _l("Kies hoeveel mensen je wilt helpen: 1 tot 5."),
    "kinds": _l("Kies wat je wilt doen."),
    "work_areas": _l("Kies minstens één soort werk."),
    "hours_per_week": _l("Kies hoeveel uur per week je wilt werken: 4 tot 40."),
    "goals": _l("Schrijf hier maximaal 1000 tekens."),
    "work_support": _l("Schrijf hier maximaal 1000 tekens."),
}
MISSING = {
    "email": _l("Vul je e-mailadres of je telefoonnummer in. Dan kunnen we je bereiken."),
    "postcode": _l("Vul je postcode in, bijvoorbeeld 1234 AB."),
}
GENERAL = _l("Kies een van de mogelijkheden.")
ORDER = ["first_name", "last_name", "email", "phone", "postcode", "kinds", "interests", "work_areas", "hours_per_week",
         "availability", "capacity", "goals", "work_support",
         "volunteer_gender", "max_distance_km", "languages", "gender", "participant_gender", "about", "motivation",
         "consent"]


def _text(form: MultiDict, name: str) -> str | None:
    value = (form.get(name) or "").strip()
    return value or None


def request_body(form: MultiDict, kind: str) -> dict[str, Any]:
    """The API body a seeker's form stands for (empty fields left out, as an API client would)."""
    body: dict[str, Any] = {
        "kind": kind, "first_name": _text(form, "first_name") or "", "postcode": _text(form, "postcode") or "",
        "interests": form.getlist("interests"), "availability": form.getlist("availability"),
        "consent": form.get("consent") == "ja",
    }
    for name in ("email", "phone", "gender", "about"):
        if _text(form, name):
            body[name] = _text(form, name)
    if kind == "werkervaringsplaats":  # work, not leisure: what kind, how many hours, what to learn
        body.pop("interests")
        body["work_areas"] = form.getlist("work_areas")
        hours = _text(form, "hours_per_week")
        body["hours_per_week"] = int(hours) if hours and hours.isdigit() else (hours or "")  # the form asks for them
        for name in ("goals", "work_support"):
            if _text(form, name):
                body[name] = _text(form, name)
    if form.getlist("languages"):
        body["languages"] = form.getlist("languages")
    preferences = {}
    if _text(form, "volunteer_gender"):
        preferences["volunteer_gender"] = _text(form, "volunteer_gender")
    if _text(form, "max_distance_km"):
        preferences["max_distance_km"] = _text(form, "max_distance_km")
    if preferences:
        body["preferences"] = preferences
    return body


def volunteer_body(form: MultiDict) -> dict[str, Any]:
    body: dict[str, Any] = {
        "first_name": _text(form, "first_name") or "", "last_name": _text(form, "last_name") or "",
        "email": _text(form, "email") or "", "postcode": _text(form, "postcode") or "",
        "interests": form.getlist("interests"), "availability": form.getlist("availability"),
        "kinds": form.getlist("kinds"), "consent": form.get("consent") == "ja",
    }
    for name in ("phone", "gender", "motivation", "capacity", "max_distance_km"):
        if _text(form, name):
            body[name] = _text(form, name)
    if form.getlist("languages"):
        body["languages"] = form.getlist("languages")
    if _text(form, "participant_gender"):
        body["preferences"] = {"participant_gender": _text(form, "participant_gender")}
    return body


def dutch_errors(error: ValidationError, body: dict[str, Any]) -> dict[str, str]:
    """One plain Dutch sentence per invalid field, keyed by the form field's name."""
    out = {}
    for field in flatten(error.messages):
        name = field.split(".")[-1]
        if name == "email" and not body.get("email") and not body.get("phone"):
            out[name] = str(MISSING["email"])
        elif name in MISSING and not body.get(name):
            out[name] = str(MISSING[name])
        else:
            out[name] = str(MESSAGES.get(name, GENERAL))
    rank = {name: i for i, name in enumerate(ORDER)}
    return dict(sorted(out.items(), key=lambda item: rank.get(item[0], len(ORDER))))  # as the form asks them


def is_bot(form: MultiDict) -> bool:
    return bool((form.get(HONEYPOT) or "").strip())
