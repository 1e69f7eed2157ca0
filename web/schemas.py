"""The intake schemas live in matching.schemas (forms, API, CLI and import share them); the
coordinator API's small request bodies are here."""
from __future__ import annotations

from marshmallow import Schema, fields, validate

from matching.domain.match import MatchStatus, OfferType
from matching.domain.people import RequestStatus, VolunteerStatus
from matching.schemas import (ContactIn, PlacementIn, PlacementPatch, RequestIn, Strict, VolunteerIn,  # noqa: F401
                              flatten_errors)


class Created(Schema):
    id = fields.String()
    status = fields.String()


class RequestCreated(Created):
    manage_token = fields.String()


class SessionIn(Strict):
    email = fields.String(required=True, validate=validate.Length(min=3, max=254))
    password = fields.String(required=True, load_only=True, validate=validate.Length(min=1, max=1000))
    code = fields.String(load_default=None, load_only=True, validate=validate.Length(max=12),
                         metadata={"description": "the authenticator app's 6 digits, for two-factor accounts"})


class NoBody(Strict):
    """Calls that need no fields still take JSON (`{}` or nothing, with Content-Type: application/json):
    that is what keeps a cross-site form from making them (web/api/guard.py)."""


class ActivateIn(Strict):
    vog_checked = fields.Boolean(required=True)


class ReasonIn(Strict):
    reason = fields.String(load_default="", validate=validate.Length(max=500))


class OfferRef(Strict):
    type = fields.String(required=True, validate=validate.OneOf([t.value for t in OfferType]))
    id = fields.String(required=True, validate=validate.Length(min=1, max=36))


class MatchIn(Strict):
    request_id = fields.String(required=True, validate=validate.Length(min=1, max=36))
    offer = fields.Nested(OfferRef, required=True)


class StatusQuery(Schema):
    status = fields.String(validate=validate.OneOf(list(dict.fromkeys(
        s.value for s in (*RequestStatus, *VolunteerStatus, *MatchStatus)))))


class LimitQuery(Schema):
    limit = fields.Integer(load_default=10, validate=validate.Range(1, 50))
