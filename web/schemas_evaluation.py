"""Schemas of a werkervaringsplaats's evaluations (CONTRACT section 13)."""
from __future__ import annotations

from marshmallow import Schema, fields, validate

from matching.domain.evaluation import MAX_TEXT, PROGRESS, Moment
from matching.schemas import Strict
from web.schemas_pulse import Choice


class EvaluationIn(Strict):
    moment = fields.String(required=True, validate=validate.OneOf([str(m) for m in Moment]),
                           metadata={"description": "six_weeks, three_months or end"})
    goals_progress = fields.Integer(required=True, strict=True, validate=validate.OneOf(PROGRESS),
                                    metadata={"description": "progress on the person's goals, 1 (not yet) to 4 (reached)"})
    went_well = fields.String(load_default=None, allow_none=True, validate=validate.Length(max=MAX_TEXT))
    next_step = fields.String(load_default=None, allow_none=True, validate=validate.Length(max=MAX_TEXT))
    closing_words = fields.String(load_default=None, allow_none=True, validate=validate.Length(max=MAX_TEXT),
                                  metadata={"description": "the supervisor's words for the certificate (at the end)"})


class Answers(Schema):
    goals_progress = fields.Integer()
    went_well = fields.String(allow_none=True)
    next_step = fields.String(allow_none=True)
    answered_at = fields.DateTime()


class MomentOut(Schema):
    moment = fields.String()
    label = fields.String()
    due_on = fields.Date(allow_none=True, metadata={"description": "null for the end while the placement runs"})
    open = fields.Boolean(metadata={"description": "whether this side can answer it now"})
    answered = fields.Boolean()
    answers = fields.Nested(Answers, allow_none=True, metadata={"description": "this side's own answers"})


class EvaluationView(Schema):
    side = fields.String(metadata={"description": "supervisor or participant: whose link this is"})
    person = fields.Dict(metadata={"description": "first_name, goals and work_support: nothing else of the person"})
    placement = fields.Dict()
    start_on = fields.Date()
    ended_on = fields.Date(allow_none=True)
    status = fields.String()
    open_moment = fields.String(allow_none=True)
    moments = fields.List(fields.Nested(MomentOut))
    choices = fields.List(fields.Nested(Choice))
    closing_words = fields.String(allow_none=True)


class EvaluationAnswered(Schema):
    answered = fields.Boolean()
    moment = fields.String()
    side = fields.String()
