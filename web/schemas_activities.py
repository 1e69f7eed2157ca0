"""The activities' API bodies and answers (CONTRACT section 10)."""
from __future__ import annotations

from marshmallow import Schema, fields, validate

from matching import vocabulary as vocab
from matching.schemas import Strict
from web.schemas_contact import PageQuery
from web.schemas_out import RequestDetail


class JoinIn(Strict):
    share_contact = fields.Boolean(required=True, metadata={
        "description": "the person's say-so: the host may learn their first name and email (or phone)"})


class PublicActivitiesQuery(PageQuery):
    postcode = fields.String(validate=validate.Length(max=10))
    interests = fields.List(fields.String(validate=validate.OneOf(list(vocab.INTERESTS))))


class LinkActivitiesQuery(Schema):
    limit = fields.Integer(load_default=5, validate=validate.Range(1, 50))


class HostOut(Schema):
    name = fields.String()
    phone = fields.String(allow_none=True)
    email = fields.String(allow_none=True)


class ActivityOut(Schema):
    id = fields.String()
    title = fields.String()
    description = fields.String(allow_none=True)
    category = fields.String()
    postcode = fields.String()
    address = fields.String()
    slots = fields.List(fields.String())
    interests = fields.List(fields.String())
    walk_in = fields.Boolean()
    capacity = fields.Integer(allow_none=True)
    host = fields.Nested(HostOut)
    organization = fields.String(allow_none=True)
    places_left = fields.Integer(allow_none=True)


class CoordinatorActivityOut(ActivityOut):
    status = fields.String()
    joined = fields.Integer()


class SignupOut(Schema):
    first_name = fields.String()
    contact = fields.String()
    created_at = fields.DateTime()
    request_id = fields.String()


class ActivityDetailOut(CoordinatorActivityOut):
    signups = fields.List(fields.Nested(SignupOut))


class CoordinatorActivities(Schema):
    items = fields.List(fields.Nested(CoordinatorActivityOut))
    total = fields.Integer()
    page = fields.Integer()


class RankedActivity(Schema):
    activity = fields.Nested(ActivityOut)
    distance_km = fields.Float()
    score = fields.Float()
    signed_up = fields.Boolean()
    shared_interests = fields.List(fields.String())
    shared_availability = fields.List(fields.String())


class OwnActivities(Schema):
    items = fields.List(fields.Nested(RankedActivity))
    joined = fields.List(fields.Nested(ActivityOut), metadata={"description": "joined, but not among the items"})


class PublicActivity(Schema):
    activity = fields.Nested(ActivityOut)
    distance_km = fields.Float(allow_none=True)


class PublicActivities(Schema):
    items = fields.List(fields.Nested(PublicActivity))
    total = fields.Integer()
    page = fields.Integer()


class Joined(Schema):
    id = fields.String()
    activity_id = fields.String()


class WaitEstimate(Schema):
    low_days = fields.Integer()
    high_days = fields.Integer()
    based_on = fields.Integer(metadata={"description": "comparable requests of the last 12 months"})


class OwnRequestDetail(RequestDetail):
    wait_estimate = fields.Nested(WaitEstimate, allow_none=True, metadata={
        "description": "how long comparable requests waited (10th to 90th percentile, whole weeks); null when "
                       "fewer than 10 comparable ones exist or the request is not waiting"})
