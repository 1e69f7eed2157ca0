"""A coordinator's correction of a person, checked exactly as at sign-up: the record as it stands plus
the changes goes through the same intake schema (RequestIn / VolunteerIn), and only what differs is kept."""
from __future__ import annotations

from typing import Any

from marshmallow import ValidationError

from matching.domain.errors import InvalidFields
from matching.domain.people import Request, Volunteer
from matching.schemas import RequestIn, VolunteerIn, flatten_errors

REQUEST_BODY = ("kind", "first_name", "email", "phone", "postcode", "interests", "availability", "languages",
                "gender", "birth_year", "about")
VOLUNTEER_BODY = ("first_name", "last_name", "email", "phone", "postcode", "interests", "availability", "languages",
                  "gender", "birth_year", "kinds", "capacity", "max_distance_km", "motivation")


def body_of(person: Request | Volunteer) -> dict[str, Any]:
    """The person as a sign-up body (what the form would send for them today)."""
    if isinstance(person, Request):
        body = {name: getattr(person, name) for name in REQUEST_BODY}
        body["preferences"] = {"volunteer_gender": person.volunteer_gender, "max_distance_km": person.max_distance_km}
    else:
        body = {name: getattr(person, name) for name in VOLUNTEER_BODY}
        body["preferences"] = {"participant_gender": person.participant_gender}
    return _without_empty(body)


def checked_changes(person: Request | Volunteer, patch: dict[str, Any]) -> dict[str, Any]:
    """The fields `patch` changes, loaded by the sign-up schema; InvalidFields names every wrong field.
    An empty value ("" or null) clears a field; `preferences` is merged key by key."""
    body = body_of(person)
    for name, value in patch.items():
        if name == "preferences" and isinstance(value, dict) and isinstance(body.get(name), dict):
            body[name] = _without_empty({**body[name], **value})
        elif value is None or value == "":
            body.pop(name, None)
        else:
            body[name] = value
    schema = RequestIn() if isinstance(person, Request) else VolunteerIn()
    try:
        fields = schema.load({**body, "consent": True})
    except ValidationError as error:
        raise InvalidFields({name: list(messages) for name, messages in flatten_errors(error.messages).items()}) from None
    return {name: value for name, value in fields.items() if getattr(person, name, None) != value}


def _without_empty(body: dict[str, Any]) -> dict[str, Any]:
    return {name: value for name, value in body.items() if value is not None}
