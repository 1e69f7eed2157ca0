"""Response schemas: what the API dumps, and what the OpenAPI document promises."""
from __future__ import annotations

from marshmallow import Schema, fields


class EmptyList(fields.List):
    """A list that is [] rather than null when there is nothing (a match not running has no reasons)."""

    def _serialize(self, value, attr, obj, **kwargs):
        return super()._serialize(value or [], attr, obj, **kwargs)


class RequestSummary(Schema):
    id = fields.String()
    kind = fields.String()
    first_name = fields.String(allow_none=True)
    postcode = fields.String()
    status = fields.String()
    waiting_days = fields.Integer()
    suggestions = fields.Integer()
    created_at = fields.DateTime()
    paused_at = fields.DateTime(allow_none=True)


class RequestDetail(Schema):
    id = fields.String()
    kind = fields.String()
    status = fields.String()
    first_name = fields.String(allow_none=True)
    email = fields.String(allow_none=True)
    phone = fields.String(allow_none=True)
    postcode = fields.String()
    interests = fields.List(fields.String())
    availability = fields.List(fields.String())
    languages = fields.List(fields.String())
    gender = fields.String(allow_none=True)
    birth_year = fields.Integer(allow_none=True)
    about = fields.String(allow_none=True)
    preferences = fields.Dict()
    waiting_days = fields.Integer()
    created_at = fields.DateTime()
    scored_at = fields.DateTime(allow_none=True)
    paused_at = fields.DateTime(allow_none=True, metadata={
        "description": "set while the person takes a break: not suggested, not proposed, still on the list"})
    work_areas = fields.List(fields.String(), allow_none=True, metadata={"description": "werkervaringsplaats only"})
    hours_per_week = fields.Integer(allow_none=True, metadata={"description": "werkervaringsplaats only"})
    goals = fields.String(allow_none=True, metadata={"description": "what the person wants to learn (werkervaringsplaats)"})
    work_support = fields.String(allow_none=True, metadata={"description": "what helps them at work (werkervaringsplaats)"})
    volunteer_id = fields.String(allow_none=True, metadata={"description": "the same person's volunteer record, if any"})


class ConsentOut(Schema):
    purpose = fields.String()
    purpose_text = fields.String()
    text_version = fields.String()
    text = fields.String(allow_none=True)
    given_at = fields.DateTime()
    given_via = fields.String()
    withdrawn_at = fields.DateTime(allow_none=True)
    withdrawn_via = fields.String(allow_none=True)


class AccessOut(Schema):
    at = fields.DateTime()
    who = fields.String()
    role = fields.String()
    on_behalf_of = fields.String()
    action = fields.String()
    description = fields.String()


class OwnMatchOut(Schema):
    status = fields.String()
    proposed_at = fields.DateTime()
    confirmed_at = fields.DateTime(allow_none=True)
    ended_at = fields.DateTime(allow_none=True)
    end_reason = fields.String(allow_none=True)
    ends_on = fields.Date(allow_none=True)


class OwnMessageOut(Schema):
    subject = fields.String()
    body = fields.String()
    status = fields.String()
    created_at = fields.DateTime()
    sent_at = fields.DateTime(allow_none=True)
    sms_body = fields.String(allow_none=True)


class OwnNoteOut(Schema):
    kind = fields.String()
    text = fields.String()
    created_at = fields.DateTime()
    by = fields.String(allow_none=True)


class RequestExport(RequestDetail):
    """Everything held about the person: the request, consents, matches, messages, notes, and who viewed it."""

    consents = fields.List(fields.Nested(ConsentOut))
    matches = fields.List(fields.Nested(OwnMatchOut))
    messages = fields.List(fields.Nested(OwnMessageOut))
    access_log = fields.List(fields.Nested(AccessOut))
    notes = fields.List(fields.Nested(OwnNoteOut))
    pulses = fields.List(fields.Nested("PulseRound"), metadata={"description": "the person's check-in rounds and own answers"})
    activities = fields.List(fields.Nested("ActivitySignupOut"), metadata={
        "description": "activities the person joined, with what the host was told"})


class ActivitySignupOut(Schema):
    activity = fields.String()
    first_name = fields.String()
    contact = fields.String()
    created_at = fields.DateTime()


class OfferRefOut(Schema):
    type = fields.String()
    id = fields.String()


class Candidate(Schema):
    offer = fields.Nested(OfferRefOut)
    score = fields.Float()
    distance_km = fields.Float()
    shared_interests = fields.List(fields.String())
    shared_availability = fields.List(fields.String())
    breakdown = fields.Dict()


class Candidates(Schema):
    pending = fields.Boolean()
    computed_at = fields.DateTime(allow_none=True)
    items = fields.List(fields.Nested(Candidate))


class VolunteerSummary(Schema):
    id = fields.String()
    first_name = fields.String(allow_none=True)
    last_name = fields.String(allow_none=True)
    email = fields.String(allow_none=True)
    phone = fields.String(allow_none=True)
    postcode = fields.String()
    status = fields.String()
    capacity = fields.Integer()
    active_matches = fields.Integer()
    kinds = fields.List(fields.String())
    vog_checked_at = fields.DateTime(allow_none=True)
    created_at = fields.DateTime()
    request_id = fields.String(allow_none=True, metadata={"description": "the same person's request, if any"})


class PlacementOut(Schema):
    id = fields.String()
    title = fields.String()
    description = fields.String(allow_none=True)
    postcode = fields.String()
    interests = fields.List(fields.String())
    availability = fields.List(fields.String())
    languages = fields.List(fields.String())
    hours_per_week = fields.Integer(allow_none=True)
    capacity = fields.Integer()
    status = fields.String()
    created_at = fields.DateTime()
    work_areas = fields.List(fields.String(), allow_none=True)
    host_name = fields.String(allow_none=True)
    host_address = fields.String(allow_none=True)
    supervisor_name = fields.String(allow_none=True)
    supervisor_email = fields.String(allow_none=True)
    supervisor_phone = fields.String(allow_none=True)
    host = fields.Function(lambda p: {"name": p.get("host_name"), "address": p.get("host_address"),
                                      "postcode": p.get("postcode")})
    supervisor = fields.Function(lambda p: {"name": p.get("supervisor_name"), "email": p.get("supervisor_email"),
                                            "phone": p.get("supervisor_phone")})


class MatchOut(Schema):
    id = fields.String()
    request_id = fields.String()
    offer = fields.Function(lambda m: {"type": m["offer_type"], "id": m["offer_id"]})
    status = fields.String()
    score = fields.Float(allow_none=True)
    proposed_at = fields.DateTime()
    confirmed_at = fields.DateTime(allow_none=True)
    ended_at = fields.DateTime(allow_none=True)
    end_reason = fields.String(allow_none=True)
    decline_reason = fields.String(allow_none=True)
    ends_on = fields.Date(allow_none=True)
    request_answer = fields.String(allow_none=True)
    offer_answer = fields.String(allow_none=True)
    health = fields.String(allow_none=True, metadata={"description": "too_early, on_track or needs_check_in"})
    health_reasons = EmptyList(fields.String(), metadata={"description": "why it needs a check-in, in Dutch"})


class MessageOut(Schema):
    id = fields.String()
    match_id = fields.String(allow_none=True)
    recipient_type = fields.String()
    to_address = fields.String(allow_none=True)
    subject = fields.String()
    body = fields.String()
    status = fields.String()
    created_at = fields.DateTime()
    sent_at = fields.DateTime(allow_none=True)


class MonthCount(Schema):
    month = fields.String()
    count = fields.Integer()


class SurvivalPoint(Schema):
    month = fields.Integer()
    share_active = fields.Float()


class Stats(Schema):
    waiting = fields.Integer()
    median_waiting_days = fields.Float()
    active_matches = fields.Integer()
    ended_matches = fields.Integer()
    matches_per_month = fields.List(fields.Nested(MonthCount))
    early_closure_rate = fields.Float(metadata={"description": "share of ended matches that ended within 6 months"})
    median_match_days = fields.Float(metadata={"description": "median length of the ended matches, in days"})
    survival = fields.List(fields.Nested(SurvivalPoint), metadata={
        "description": "Kaplan-Meier: [{month, share_active}], the share of matches still running after so many months"})


def items_of(schema: type[Schema]) -> type[Schema]:
    """`{"items": [...]}` around a schema, as every list endpoint answers."""
    return type(f"{schema.__name__}List", (Schema,), {"items": fields.List(fields.Nested(schema))})


class VocabularyItem(Schema):
    key = fields.String()
    label = fields.String()


class Vocabulary(Schema):
    kinds = fields.List(fields.Nested(VocabularyItem))
    interests = fields.List(fields.Nested(VocabularyItem))
    availability = fields.List(fields.Nested(VocabularyItem))
    languages = fields.List(fields.Nested(VocabularyItem))
    genders = fields.List(fields.Nested(VocabularyItem))
    work_areas = fields.List(fields.Nested(VocabularyItem), metadata={
        "description": "what kind of work a werkervaringsplaats offers or a person looks for"})


class SessionOut(Schema):
    id = fields.String()
    organization_id = fields.String()
    role = fields.String()
