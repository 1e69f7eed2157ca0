"""A werkervaringsplaats's evaluations through a private link (public, no account): the supervisor's
link or the participant's own. Routing only; the token is the whole key, so an unknown one is a 404."""
from __future__ import annotations


from matching.domain import commands
from matching.services.queries import evaluation_page
from web import schemas_evaluation as s
from web.api.blueprint import Blueprint
from web.api.pulse import _lang
from web.context import bus
from web.security import public_posts

blp = Blueprint("evaluation_api", __name__, url_prefix="/api/v1",
                description="Public: a werkervaringsplaats's evaluations")


@blp.route("/evaluations/<string:token>", methods=["GET"])
@blp.response(200, s.EvaluationView)
def show(token):
    """The start, the person's goals and each moment (6 weeks, 3 months, the end) with this side's answers."""
    return evaluation_page.evaluations(bus(), token, _lang())


@blp.route("/evaluations/<string:token>", methods=["POST"])
@public_posts()
@blp.arguments(s.EvaluationIn)
@blp.response(201, s.EvaluationAnswered)
def answer(body, token):
    """Answer one open moment once: `{"moment", "goals_progress": 1..4, "went_well", "next_step"}`; again is 409."""
    return bus().handle(commands.AnswerEvaluation(token, body["moment"], body["goals_progress"], body.get("went_well"),
                                                  body.get("next_step"), body.get("closing_words")))
