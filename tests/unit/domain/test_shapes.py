"""What a request, a volunteer and a placement hold is declared once, on the aggregate
(matching.domain.shapes). The tables, the intake schemas, the output schemas and the person's
export are checked against those declarations here, so a field added in one place and forgotten
in another fails a test instead of silently going missing."""
from __future__ import annotations

import types
import typing
from datetime import datetime, timezone
from enum import StrEnum

import pytest

from matching.adapters import orm
from matching.domain.match import Match
from matching.domain.message import Message
from matching.domain.note import Note
from matching.domain.people import Request, Volunteer
from matching.domain.placement import Placement
from matching.domain.shapes import declared, given, stored
from matching.schemas import PlacementIn, RequestIn, VolunteerIn
from web import schemas_contact, schemas_out

pytestmark = pytest.mark.unit

FULL_REQUEST = {"kind": "maatje", "first_name": "Anna", "email": "anna@example.org", "phone": "0612345678",
                "postcode": "3511 AB", "interests": ["wandelen"], "availability": ["tue_afternoon"],
                "languages": ["nl"], "gender": "vrouw", "birth_year": 1980, "about": "graag buiten",
                "preferences": {"volunteer_gender": "vrouw", "max_distance_km": 5}, "consent": True}
FULL_VOLUNTEER = {"first_name": "Bram", "last_name": "de Vries", "email": "bram@example.org", "phone": "0612345678",
                  "postcode": "3512", "interests": ["film"], "availability": ["tue_afternoon"], "languages": ["nl"],
                  "gender": "man", "birth_year": 1970, "kinds": ["maatje"], "capacity": 2, "max_distance_km": 10,
                  "motivation": "graag", "preferences": {"participant_gender": "man"}, "consent": True}
FULL_PLACEMENT = {"title": "Keukenhulp", "description": "Helpen", "postcode": "3513", "interests": ["koken"],
                  "availability": ["tue_morning"], "languages": ["nl"], "hours_per_week": 12, "capacity": 2,
                  "work_areas": ["horeca"], "host": {"name": "De Linde", "address": "Lindelaan 4", "postcode": "3513"},
                  "supervisor": {"name": "Sanne", "email": "sanne@example.org", "phone": "0612345678"}}
# Nested parts of a body that the schema flattens into given fields of another name.
FLATTENED = {"host": {"host_name", "host_address", "postcode"},
             "supervisor": {"supervisor_name", "supervisor_email", "supervisor_phone"}}

NOW = datetime(2026, 12, 1, tzinfo=timezone.utc)

# What a person's own export leaves out of their record, and why; everything else declared is in it.
NOT_IN_OWN_EXPORT = {
    "organization_id": "the organisation is named by name beside the record",
    "manage_token_hash": "a secret: the hash of their private link",
    "consent_at": "in the export's consent records",
    "consent_version": "in the export's consent records",
    "updated_at": "bookkeeping, not data about the person",
    "assigned_to": "which colleague of the organisation looks after them: bookkeeping (a user id), shown on their page",
    "erased_at": "an erased person has no private link left to export with",
    "withdrawn_at": "a withdrawn request is erased at once",
    "blocked_by": "counts of offers, nothing about the person",
    "search_text": "the exported name, email, phone and postcode, folded for the coordinator's search",
    "email_key": "the exported email, folded for finding look-alikes",
    "name_key": "the exported first name, folded for finding look-alikes",
    "phone_tail": "the exported phone's last nine digits, for finding look-alikes",
    "last_contact_at": "the newest of the exported messages and call notes, kept for the 28-day count",
}


@pytest.mark.parametrize("cls", list(orm._MAPPED), ids=lambda cls: cls.__name__)
def test_every_declared_field_has_a_column_and_every_column_is_declared(cls):
    columns = set(orm._MAPPED[cls].c.keys())
    assert stored(cls) - columns == set(), "declared but no column"
    assert columns - stored(cls) == set(), "a column the aggregate does not declare"


def _enum_of(hint) -> type[StrEnum] | None:
    options = typing.get_args(hint) if isinstance(hint, types.UnionType) else (hint,)
    return next((o for o in options if isinstance(o, type) and issubclass(o, StrEnum)), None)


@pytest.mark.parametrize("cls", list(orm._MAPPED), ids=lambda cls: cls.__name__)
def test_a_field_declared_as_an_enum_is_stored_as_that_enum(cls):
    table = orm._MAPPED[cls]
    for name, hint in declared(cls).items():
        enum = _enum_of(hint)
        if enum is not None:
            column_type = table.c[name].type
            assert isinstance(column_type, orm.Choice) and column_type.enum is enum, name
            assert column_type.impl.length >= max(len(member) for member in enum), name


@pytest.mark.parametrize("schema, body, cls", [(RequestIn, FULL_REQUEST, Request),
                                               (VolunteerIn, FULL_VOLUNTEER, Volunteer),
                                               (PlacementIn, FULL_PLACEMENT, Placement)],
                         ids=["request", "volunteer", "placement"])
def test_a_full_public_body_loads_into_exactly_the_given_fields(schema, body, cls):
    assert set(schema().load(body)) == given(cls)


@pytest.mark.parametrize("schema, cls", [(RequestIn, Request), (VolunteerIn, Volunteer), (PlacementIn, Placement)],
                         ids=["request", "volunteer", "placement"])
def test_every_field_of_a_public_body_names_a_given_field(schema, cls):
    names = set()
    for name, field in schema().fields.items():
        if name == "consent":
            continue  # recorded as a consent record, not on the aggregate
        nested = getattr(field, "nested", None)
        if name in FLATTENED:
            names |= FLATTENED[name]
            continue
        names |= set(nested().fields) if nested else {name}
    assert names - given(cls) == set()


def _flat(record: dict) -> set[str]:
    return set(record) - {"preferences"} | set(record.get("preferences") or {})


@pytest.mark.parametrize("cls, body, make", [
    (Request, FULL_REQUEST, lambda f: Request.submit("org", f, "v1")),
    (Volunteer, FULL_VOLUNTEER, lambda f: Volunteer.apply("org", f, "v1")),
], ids=["request", "volunteer"])
def test_nothing_declared_is_missing_from_the_persons_own_export(cls, body, make):
    from matching.services.queries.person_records import request_record, volunteer_record

    schema = RequestIn if cls is Request else VolunteerIn
    person = make(schema().load(body))
    exported = _flat(request_record(person, NOW) if cls is Request else volunteer_record(person))
    missing = stored(cls) - exported - set(NOT_IN_OWN_EXPORT)
    assert missing == set(), "declared, but neither exported nor named as left out"
    assert given(cls) <= exported


def test_the_api_dumps_every_key_of_the_request_record():
    from matching.services.queries.person_records import request_record

    record = request_record(Request.submit("org", RequestIn().load(FULL_REQUEST), "v1"), NOW)
    assert set(record) == set(schemas_out.RequestDetail().fields)
    assert set(schemas_out.RequestDetail().fields) <= set(schemas_out.RequestExport().fields)


@pytest.mark.parametrize("schema, cls, computed", [
    (schemas_out.RequestSummary, Request, {"waiting_days", "suggestions"}),
    (schemas_out.RequestDetail, Request, {"waiting_days", "preferences"}),
    (schemas_out.VolunteerSummary, Volunteer, {"active_matches"}),
    (schemas_out.PlacementOut, Placement, {"host", "supervisor"}),
    (schemas_out.MatchOut, Match, {"offer"}),
    (schemas_out.MessageOut, Message, set()),
    (schemas_contact.NoteOut, Note, {"person"}),
], ids=lambda value: getattr(value, "__name__", ""))
def test_every_output_field_is_a_declared_field_or_named_as_computed(schema, cls, computed):
    assert set(schema().fields) - set(declared(cls)) - computed == set()


def test_a_placement_is_listed_with_every_field_it_was_given():
    assert given(Placement) <= set(schemas_out.PlacementOut().fields)


def test_unsaved_fields_are_not_stored():
    request = Request.submit("org", RequestIn().load(FULL_REQUEST), "v1", now=datetime(2026, 1, 1, tzinfo=timezone.utc))
    assert request.manage_token and "manage_token" not in stored(Request) and "events" not in stored(Request)


def test_an_organisations_contact_fields_are_what_an_admin_gives():
    from matching.domain.organization import CONTACT_FIELDS, Organization

    assert set(CONTACT_FIELDS) == given(Organization)


def test_every_status_end_reason_and_reminder_kind_has_a_dutch_label():
    from matching.domain.match import EndReason, MatchStatus
    from matching.domain.message import MessageStatus
    from matching.domain.people import RequestStatus, VolunteerStatus
    from matching.domain.placement import PlacementStatus
    from matching.domain.reminder import ReminderKind
    from web.pages.workspace import END_LABELS, REMINDER_LABELS, STATUS_LABELS

    statuses = {*RequestStatus, *VolunteerStatus, *MatchStatus, *MessageStatus, *PlacementStatus}
    assert statuses - set(STATUS_LABELS) == set()
    assert set(END_LABELS) == set(EndReason) and set(REMINDER_LABELS) == set(ReminderKind)
