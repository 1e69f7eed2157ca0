"""Bodies and answers of the coordinator's contact API: notes, the call list and a new private link."""
from __future__ import annotations

from marshmallow import Schema, fields, validate

from matching.domain.note import MAX_TEXT, NoteKind
from matching.schemas import Strict


class NoteIn(Strict):
    kind = fields.String(required=True, validate=validate.OneOf([str(kind) for kind in NoteKind]))
    text = fields.String(load_default="", validate=validate.Length(max=MAX_TEXT),
                         metadata={"description": "may be empty for a `call` note"})


class PageQuery(Schema):
    page = fields.Integer(load_default=1, validate=validate.Range(min=1, max=100_000))
    per_page = fields.Integer(load_default=50, validate=validate.Range(min=1, max=200))


class PersonRef(Schema):
    type = fields.String()
    id = fields.String()


class NoteOut(Schema):
    id = fields.String()
    kind = fields.String()
    text = fields.String()
    created_at = fields.DateTime()
    person = fields.Nested(PersonRef)


class CallPerson(PersonRef):
    first_name = fields.String(allow_none=True)
    phone = fields.String(allow_none=True)
    kind = fields.String(allow_none=True, metadata={"description": "what a request asks for; null for a volunteer"})


class CallTaskOut(Schema):
    id = fields.String(metadata={"description": "the message to pass on"})
    raised_at = fields.DateTime()
    subject = fields.String()
    text = fields.String(metadata={"description": "what to tell them (the message without the organisation's "
                                                  "contact lines); a private link in it is masked"})
    has_link = fields.Boolean(metadata={"description": "the text holds a private link: print a letter for it"})
    match_id = fields.String(allow_none=True)
    person = fields.Nested(CallPerson)


class CallsOut(Schema):
    items = fields.List(fields.Nested(CallTaskOut))
    total = fields.Integer()
    page = fields.Integer()


class NewLinkOut(Schema):
    manage_token = fields.String()
