"""Intake schemas: what a request, volunteer or placement may hold. Forms, the API, the CLI and the
spreadsheet import all validate with these, so a rule is written once."""
from __future__ import annotations

from datetime import date

from marshmallow import RAISE, Schema, ValidationError, fields, post_load, pre_load, validate, validates, validates_schema

from matching import vocabulary as vocab
from matching.scoring.postcodes import UnknownPostcode, area_code

PHONE = validate.Regexp(r"^\+?[0-9][0-9 \-()]{8,18}[0-9]$", error="Not a valid phone number.")


def _choice(table) -> validate.OneOf:
    return validate.OneOf(list(table))


def _key_list(table, minimum: int = 1) -> fields.List:
    return fields.List(fields.String(validate=_choice(table)), required=minimum > 0,
                       validate=validate.Length(min=minimum, max=len(table)))


def _unstorable(value) -> bool:
    """NUL characters and lone surrogates: no database stores them, so they are invalid input."""
    if not isinstance(value, str):
        return False
    if "\x00" in value:
        return True
    try:
        value.encode("utf-8")
    except UnicodeEncodeError:
        return True
    return False


class Strict(Schema):
    class Meta:
        unknown = RAISE

    @pre_load
    def _refuse_unstorable_text(self, data, **_):
        """Name every field whose text holds characters no database can store (found by fuzzing)."""
        if isinstance(data, dict):
            bad = {key: ["Contains characters that are not allowed."] for key, value in data.items()
                   if _unstorable(value) or _unstorable(key)
                   or (isinstance(value, list) and any(_unstorable(item) for item in value))}
            if bad:
                raise ValidationError({str(k).encode("utf-8", "replace").decode(): v for k, v in bad.items()})
        return data


class Person(Strict):
    """Fields both sides share; the postcode is reduced to its four digits."""

    first_name = fields.String(required=True, validate=validate.Length(min=1, max=100))
    email = fields.Email(validate=validate.Length(max=254))
    phone = fields.String(validate=PHONE)
    postcode = fields.String(required=True)
    interests = _key_list(vocab.INTERESTS)
    availability = _key_list(vocab.AVAILABILITY)
    languages = _key_list(vocab.LANGUAGES, minimum=0)
    gender = fields.String(validate=_choice(vocab.GENDERS), allow_none=True)
    birth_year = fields.Integer(validate=validate.Range(1900, date.today().year - 12), allow_none=True)
    consent = fields.Boolean(required=True, validate=validate.Equal(True, error="Consent is required."))

    @validates("postcode")
    def _known_postcode(self, value: str, **_) -> None:
        try:
            area_code(value)
        except UnknownPostcode:
            raise ValidationError("Unknown Dutch postcode (use 1234 AB or 1234).") from None

    def _common(self, data: dict) -> dict:
        data.pop("consent")
        data["first_name"] = data["first_name"].strip()
        data["postcode"] = area_code(data["postcode"])
        data["email"] = data["email"].strip().lower() if data.get("email") else None
        data["interests"] = sorted(set(data["interests"]))
        data["availability"] = sorted(set(data["availability"]))
        data["languages"] = list(dict.fromkeys(data.get("languages") or ["nl"]))
        return data


class RequestPreferences(Strict):
    volunteer_gender = fields.String(validate=_choice(vocab.GENDERS), allow_none=True)
    max_distance_km = fields.Float(validate=validate.Range(1, 100), allow_none=True)


HOURS = validate.Range(*vocab.HOURS_PER_WEEK, error="Between {min} and {max} hours a week.")


class RequestIn(Person):
    """A maatje request names interests; a werkervaringsplaats request names work areas, hours and goals
    instead (CONTRACT section 13), so each form asks what its matching reads. The hours may be left out
    through the API and the import (an older list rarely has them: then any placement's hours do);
    the form asks for them."""

    kind = fields.String(required=True, validate=_choice(vocab.KINDS))
    interests = _key_list(vocab.INTERESTS, minimum=0)
    about = fields.String(validate=validate.Length(max=1000), allow_none=True)
    preferences = fields.Nested(RequestPreferences)
    work_areas = _key_list(vocab.WORK_AREAS, minimum=0)
    hours_per_week = fields.Integer(validate=HOURS, allow_none=True)
    goals = fields.String(validate=validate.Length(max=1000), allow_none=True)
    work_support = fields.String(validate=validate.Length(max=1000), allow_none=True)

    @validates_schema(skip_on_field_errors=False)
    def _reachable(self, data: dict, **_) -> None:
        if not data.get("email") and not data.get("phone"):
            raise ValidationError("Give an email address or a phone number.", "email")

    @validates_schema(skip_on_field_errors=False)
    def _asks_what_its_kind_needs(self, data: dict, **_) -> None:
        """Work areas and hours for a werkervaringsplaats, interests for a maatje; every missing one named."""
        missing = {}
        if data.get("kind") == "werkervaringsplaats":
            if "work_areas" not in data or not data.get("work_areas"):
                missing["work_areas"] = ["Choose at least one kind of work."]
        elif not data.get("interests"):  # a maatje, or a kind not (validly) given
            missing["interests"] = ["Missing data for required field."]
        if missing:
            raise ValidationError(missing)

    @post_load
    def to_fields(self, data: dict, **_) -> dict:
        prefs = data.pop("preferences", None) or {}
        data["volunteer_gender"] = prefs.get("volunteer_gender")
        # No distance given ("Maakt me niet uit" on the form): no preference of their own is stored,
        # and the default of the kind applies when scoring (matching.services.profiles.search_distance_km).
        data["max_distance_km"] = prefs.get("max_distance_km") or None
        data["interests"] = data.get("interests") or []
        work = data["kind"] == "werkervaringsplaats"
        data["work_areas"] = sorted(set(data.get("work_areas") or ())) if work else None
        data["hours_per_week"] = data.get("hours_per_week") if work else None
        for text in ("goals", "work_support"):
            data[text] = ((data.get(text) or "").strip() or None) if work else None
        return self._common(data)


class VolunteerPreferences(Strict):
    participant_gender = fields.String(validate=_choice(vocab.GENDERS), allow_none=True)


class VolunteerIn(Person):
    last_name = fields.String(required=True, validate=validate.Length(min=1, max=100))
    email = fields.Email(required=True, validate=validate.Length(max=254))
    kinds = _key_list(vocab.KINDS, minimum=0)
    capacity = fields.Integer(load_default=1, validate=validate.Range(1, 5))
    max_distance_km = fields.Float(load_default=10.0, validate=validate.Range(1, 100))
    motivation = fields.String(validate=validate.Length(max=2000), allow_none=True)
    preferences = fields.Nested(VolunteerPreferences)

    @post_load
    def to_fields(self, data: dict, **_) -> dict:
        prefs = data.pop("preferences", None) or {}
        data["participant_gender"] = prefs.get("participant_gender")
        data["kinds"] = list(dict.fromkeys(data.get("kinds") or ["maatje"]))
        data["last_name"] = data["last_name"].strip()
        return self._common(data)


class Host(Strict):
    """Where the work is: the host organisation's name, street address and postcode."""

    name = fields.String(required=True, validate=validate.Length(min=1, max=200))
    address = fields.String(required=True, validate=validate.Length(min=1, max=200))
    postcode = fields.String(required=True)

    _known_postcode = Person._known_postcode


class Supervisor(Strict):
    """The werkbegeleider: gets a private link once a match is confirmed, so an email address is needed."""

    name = fields.String(required=True, validate=validate.Length(min=1, max=100))
    email = fields.Email(required=True, validate=validate.Length(max=254))
    phone = fields.String(validate=PHONE, allow_none=True)


class PlacementIn(Strict):
    """A werkervaringsplaats: the work (areas, tasks, hours, days), where it is and who supervises.
    `postcode` may be left out when the host's is given (they are the same place)."""

    title = fields.String(required=True, validate=validate.Length(min=1, max=200))
    description = fields.String(validate=validate.Length(max=4000), allow_none=True)
    postcode = fields.String()
    interests = _key_list(vocab.INTERESTS, minimum=0)
    availability = _key_list(vocab.AVAILABILITY)
    languages = _key_list(vocab.LANGUAGES, minimum=0)
    hours_per_week = fields.Integer(required=True, validate=validate.Range(1, 40))
    capacity = fields.Integer(load_default=1, validate=validate.Range(1, 50))
    work_areas = _key_list(vocab.WORK_AREAS)
    host = fields.Nested(Host, required=True)
    supervisor = fields.Nested(Supervisor, required=True)

    @validates("postcode")
    def _known_postcode(self, value: str, **_) -> None:
        Person._known_postcode(self, value)

    @post_load
    def to_fields(self, data: dict, **_) -> dict:
        data = placement_fields(data)
        data.setdefault("interests", [])
        data["languages"] = list(dict.fromkeys(data.get("languages") or ["nl"]))
        if "postcode" not in data:
            raise ValidationError("Missing data for required field.", "postcode")
        return data


def placement_fields(data: dict) -> dict:
    """A loaded placement body as the aggregate's fields: host and supervisor flattened, postcode
    reduced to its four digits (the host's when no other is given)."""
    host, boss = data.pop("host", None), data.pop("supervisor", None)
    if host is not None:
        data.update(host_name=host["name"].strip(), host_address=host["address"].strip())
        data.setdefault("postcode", host["postcode"])
    if boss is not None:
        data.update(supervisor_name=boss["name"].strip(), supervisor_email=boss["email"].strip().lower(),
                    supervisor_phone=(boss.get("phone") or "").strip() or None)
    if "postcode" in data:
        data["postcode"] = area_code(data["postcode"])
    for key in ("interests", "work_areas"):
        if key in data:
            data[key] = sorted(set(data[key] or ()))
    if "languages" in data:
        data["languages"] = list(dict.fromkeys(data["languages"] or ["nl"]))
    return data


class PlacementPatch(PlacementIn):
    """Any subset of a placement's fields."""

    capacity = fields.Integer(validate=validate.Range(1, 50))

    @post_load
    def to_fields(self, data: dict, **_) -> dict:
        return placement_fields(data)

    def load(self, data, **kwargs):
        return super().load(data, partial=True, **kwargs)


class HostIn(Strict):
    name = fields.String(required=True, validate=validate.Length(min=1, max=100))
    phone = fields.String(allow_none=True, validate=PHONE)
    email = fields.Email(allow_none=True, validate=validate.Length(max=254))

    @validates_schema(skip_on_field_errors=False)
    def _reachable(self, data: dict, **_) -> None:
        if not data.get("email") and not data.get("phone"):
            raise ValidationError("Give the host's phone number or email address.", "phone")


class ActivityIn(Strict):
    """An activity (CONTRACT section 10); `capacity` null means no limit (an inloop)."""

    title = fields.String(required=True, validate=validate.Length(min=1, max=200))
    description = fields.String(validate=validate.Length(max=2000), allow_none=True)
    category = fields.String(required=True, validate=_choice(vocab.ACTIVITY_CATEGORIES))
    postcode = fields.String(required=True)
    address = fields.String(required=True, validate=validate.Length(min=1, max=200))
    slots = _key_list(vocab.AVAILABILITY)
    interests = _key_list(vocab.INTERESTS)
    walk_in = fields.Boolean(required=True)
    capacity = fields.Integer(allow_none=True, load_default=None, validate=validate.Range(1, 1000))
    host = fields.Nested(HostIn, required=True)

    _known_postcode = Person._known_postcode

    @post_load
    def to_fields(self, data: dict, **_) -> dict:
        if "postcode" in data:
            data["postcode"] = area_code(data["postcode"])
        for name in ("slots", "interests"):
            if name in data:
                data[name] = sorted(set(data[name]))
        for name in ("title", "address"):
            if name in data:
                data[name] = data[name].strip()
        if "host" in data:
            host = data.pop("host")
            data["host_name"] = host["name"].strip()
            data["host_phone"] = (host.get("phone") or "").strip() or None
            data["host_email"] = (host.get("email") or "").strip().lower() or None
        return data


class ActivityPatch(ActivityIn):
    """Any subset of an activity's fields (`host` as a whole)."""

    capacity = fields.Integer(allow_none=True, validate=validate.Range(1, 1000))

    def load(self, data, **kwargs):
        return super().load(data, partial=True, **kwargs)


class ContactIn(Strict):
    """New contact details through a private link, checked as at sign-up; a field left out stays as it
    is, an empty one is cleared (the domain keeps the person reachable)."""

    email = fields.Email(allow_none=True, validate=validate.Length(max=254))
    phone = fields.String(allow_none=True, validate=PHONE)

    @pre_load
    def _empty_is_none(self, data, **_):
        if isinstance(data, dict):
            return {key: (None if isinstance(value, str) and not value.strip() else value)
                    for key, value in data.items()}
        return data

    @post_load
    def to_fields(self, data: dict, **_) -> dict:
        if data.get("email"):
            data["email"] = data["email"].strip().lower()
        if data.get("phone"):
            data["phone"] = data["phone"].strip()
        return data


def flatten_errors(messages, prefix: str = "") -> dict[str, list[str]]:
    """marshmallow's nested messages -> {"field.sub": ["..."]}; list positions fold into the field."""
    out: dict[str, list[str]] = {}
    if isinstance(messages, list):
        out.setdefault(prefix or "_schema", []).extend(str(m) for m in messages)
        return out
    for key, value in messages.items():
        name = prefix if isinstance(key, int) else (f"{prefix}.{key}" if prefix else str(key))
        for field, errors in flatten_errors(value, name).items():
            out.setdefault(field, []).extend(e for e in errors if e not in out.get(field, []))
    return out
