"""The search and filter parameters every coordinator list takes, in the pages and the API alike
(CONTRACT section 9): one schema per list, so a bad value is a 422 naming the field, never a 500."""
from __future__ import annotations

import uuid

from marshmallow import Schema, ValidationError, fields, validate

from matching import vocabulary as vocab
from matching.domain.match import MatchStatus
from matching.domain.match_health import Health
from matching.domain.message import MessageStatus
from matching.domain.people import RequestStatus, VolunteerStatus
from matching.domain.search import MAX_QUERY, SORTS, ListQuery
from web.schemas_out import MatchOut

MAX_PAGE = 10_000


def _assigned(value: str) -> None:
    """me, none or a coordinator's id."""
    if value in ("me", "none"):
        return
    try:
        uuid.UUID(value)
    except ValueError:
        raise ValidationError("must be me, none or a coordinator's id") from None


class ListArgs(Schema):
    q = fields.String(validate=validate.Length(max=MAX_QUERY),
                      metadata={"description": "first name, last name, email, phone or postcode; case and accents ignored"})
    kind = fields.String(validate=validate.OneOf(list(vocab.KINDS)))
    min_days = fields.Integer(validate=validate.Range(0, 3650),
                              metadata={"description": "waiting (or signed up, or proposed) at least this many days"})
    sort = fields.String(load_default="waiting", validate=validate.OneOf(SORTS))
    assigned = fields.String(validate=[validate.Length(max=36), _assigned],
                             metadata={"description": "me, none or a coordinator's id"})
    page = fields.Integer(load_default=1, validate=validate.Range(1, MAX_PAGE))
    per_page = fields.Integer(load_default=50, validate=validate.Range(1, 200))


def _statuses(*enums) -> list[str]:
    return list(dict.fromkeys(str(s) for enum in enums for s in enum))


class RequestListArgs(ListArgs):
    status = fields.String(validate=validate.OneOf(_statuses(RequestStatus)))


class VolunteerListArgs(ListArgs):
    status = fields.String(validate=validate.OneOf(_statuses(VolunteerStatus)))


class MatchListArgs(ListArgs):
    status = fields.String(validate=validate.OneOf(_statuses(MatchStatus)))
    health = fields.String(validate=validate.OneOf(_statuses(Health)))


class MessageListArgs(ListArgs):
    status = fields.String(validate=validate.OneOf(_statuses(MessageStatus)))


def list_query(args: dict, user_id: str | None) -> ListQuery:
    """The loaded parameters as the service layer's ListQuery (empty strings mean "no filter")."""
    return ListQuery(**{key: value for key, value in args.items() if value not in ("", None)}, user_id=user_id)


def paged(item: type[Schema]) -> type[Schema]:
    """`{"items": [...], "total", "page", "per_page"}` around a schema: a list page and where it is."""
    return type(f"{item.__name__}Page", (Schema,), {
        "items": fields.List(fields.Nested(item)), "total": fields.Integer(), "page": fields.Integer(),
        "per_page": fields.Integer()})


class MatchListItem(MatchOut):
    """A row of the matches list: both sides named (CONTRACT section 9)."""

    request = fields.Dict(metadata={"description": "{id, first_name}"})
    offer = fields.Dict(metadata={"description": "{type, id, name}: a volunteer's name or a placement's title"})
    kind = fields.String(metadata={"description": "the request's kind: maatje or werkervaringsplaats"})
    can_undo = fields.Boolean(metadata={"description": "an ending or decline of the last day: POST .../undo"})
    undo_until = fields.DateTime(allow_none=True, metadata={"description": "until when the undo is open"})
