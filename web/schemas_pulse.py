"""Schemas of the pulse, a match's health and its designed ending (CONTRACT section 12)."""
from __future__ import annotations

from marshmallow import Schema, fields, validate

from matching.domain.match import END_CHOICES, Initiator
from matching.domain.match_health import Health
from matching.domain.pulse import MAX_COMMENT, SCALE
from matching.schemas import Strict
from web.schemas_out import MatchOut


class PulseIn(Strict):
    answers = fields.Dict(keys=fields.String(validate=validate.Length(max=40)),
                          values=fields.Integer(strict=True, validate=validate.OneOf(SCALE)), required=True,
                          metadata={"description": "question key to 1..4 (4 is good); at least one"})
    comment = fields.String(load_default=None, allow_none=True, validate=validate.Length(max=MAX_COMMENT))


class Choice(Schema):
    value = fields.Integer()
    label = fields.String()


class Question(Schema):
    key = fields.String()
    text = fields.String()
    choices = fields.List(fields.Nested(Choice))


class PulseRound(Schema):
    """One round of questions and, once given, the answers."""

    round = fields.Integer(metadata={"description": "1, 2, ... for check-ins; 0 for the question when a match ended"})
    kind = fields.String(metadata={"description": "check_in or exit"})
    due_on = fields.Date()
    asked_at = fields.DateTime()
    answered = fields.Boolean()
    answered_at = fields.DateTime(allow_none=True)
    questions = fields.List(fields.Nested(Question))
    answers = fields.Dict(keys=fields.String(), values=fields.Integer())
    comment = fields.String(allow_none=True)


class PulseView(PulseRound):
    open = fields.Boolean(metadata={"description": "whether it can still be answered"})
    partner = fields.String(allow_none=True, metadata={"description": "the other side's first name, or the place"})


class PulseAnswered(Schema):
    answered = fields.Boolean()
    answered_at = fields.DateTime()


class MatchRound(PulseRound):
    side = fields.String(metadata={"description": "request (the participant) or offer (the volunteer)"})


class MatchDetail(MatchOut):
    request = fields.Dict(metadata={"description": "{id, first_name}"})
    initiated_by = fields.String(allow_none=True)
    end_note = fields.String(allow_none=True)
    goodbye_meeting = fields.Boolean(allow_none=True)
    health_summary = fields.String(allow_none=True, metadata={"description": "one Dutch sentence"})
    health_at = fields.DateTime(allow_none=True)
    pulses = fields.List(fields.Nested(MatchRound))
    notes = fields.List(fields.Dict(), metadata={"description": "the newest notes about either side: side, kind, text"})
    evaluations = fields.List(fields.Dict(), metadata={
        "description": "a werkervaringsplaats's evaluations by side (supervisor, participant) and moment"})


class MatchQuery(Schema):
    status = fields.String(validate=validate.OneOf(["proposed", "active", "declined", "ended"]))
    health = fields.String(validate=validate.OneOf([str(h) for h in Health]))


class EndIn(Strict):
    reason = fields.String(required=True, validate=validate.OneOf(list(END_CHOICES)))
    initiated_by = fields.String(load_default=None, allow_none=True, validate=validate.OneOf(list(Initiator)))
    note = fields.String(load_default=None, allow_none=True, validate=validate.Length(max=500),
                         metadata={"description": "what happened; required with reason 'other'"})
    goodbye_meeting = fields.Boolean(load_default=None, allow_none=True,
                                     metadata={"description": "whether there was a goodbye meeting"})
