"""Bodies and answers of the person record API: corrections, assignment, entering a request for someone,
the timeline and possible duplicates."""
from __future__ import annotations

from marshmallow import INCLUDE, Schema, fields, validate

from matching.domain.consent import ON_BEHALF
from matching.domain.duplicate import Resolution
from matching.schemas import RequestIn, Strict


class PatchIn(Schema):
    """Any of the sign-up fields; checked by the service layer with the sign-up schema itself, on the
    record as it stands plus these changes (so every wrong field is named, as at sign-up)."""

    class Meta:
        unknown = INCLUDE


class PatchOut(Schema):
    id = fields.String()
    status = fields.String()
    changed = fields.List(fields.String())
    rescored = fields.Boolean(metadata={"description": "a change that matters for matching: new suggestions follow"})


class AssignIn(Strict):
    coordinator_id = fields.String(required=True, allow_none=True, validate=validate.Length(max=36),
                                   metadata={"description": "a coordinator of the organisation; null: nobody"})


class AssignOut(Schema):
    id = fields.String()
    assigned_to = fields.String(allow_none=True)


class EnterRequestIn(RequestIn):
    """The public request body plus how the person gave consent to the coordinator."""

    channel = fields.String(required=True, validate=validate.OneOf([str(c) for c in ON_BEHALF]))


class EnteredOut(Schema):
    id = fields.String()
    status = fields.String()
    manage_token = fields.String()


class TimelineEntry(Schema):
    at = fields.DateTime()
    what = fields.String(metadata={"description": "submitted|applied|proposed|confirmed|declined|ended|message|note"})
    ref = fields.String()
    kind = fields.String(allow_none=True, metadata={"description": "a note's kind, or a message's status"})
    text = fields.String(allow_none=True)
    by = fields.String(allow_none=True)


class TimelineOut(Schema):
    items = fields.List(fields.Nested(TimelineEntry))
    total = fields.Integer(allow_none=True, metadata={"description": "null while there are more pages"})
    page = fields.Integer()


class CoordinatorOut(Schema):
    id = fields.String()
    email = fields.String()
    role = fields.String()


class CoordinatorsOut(Schema):
    items = fields.List(fields.Nested(CoordinatorOut))


class DuplicatePerson(Schema):
    id = fields.String()
    first_name = fields.String(allow_none=True)
    last_name = fields.String(allow_none=True)
    email = fields.String(allow_none=True)
    phone = fields.String(allow_none=True)
    postcode = fields.String(allow_none=True)


class DuplicateOut(Schema):
    id = fields.String()
    person_type = fields.String()
    likeness = fields.String()
    created_at = fields.DateTime()
    person = fields.Nested(DuplicatePerson, metadata={"description": "the record that was there first"})
    other = fields.Nested(DuplicatePerson, metadata={"description": "the newer record that looks like it"})


class DuplicatesOut(Schema):
    items = fields.List(fields.Nested(DuplicateOut))


class ResolveIn(Strict):
    resolution = fields.String(required=True, validate=validate.OneOf([str(r) for r in Resolution]))
