"""The pulse through its private link (public, no account): see the questions, answer them once.
Routing only; the token is the whole key, so an unknown one is a 404 like any link."""
from __future__ import annotations

from flask import request

from matching.domain import commands
from matching.services.queries import pulse_page
from web import schemas_pulse as s
from web.api.blueprint import Blueprint
from web.context import bus
from web.security import public_posts

blp = Blueprint("pulse_api", __name__, url_prefix="/api/v1", description="Public: a match's check-in questions")


def _lang() -> str:
    return "en" if request.accept_languages.best_match(["nl", "en"]) == "en" else "nl"


@blp.route("/pulse/<string:token>", methods=["GET"])
@blp.response(200, s.PulseView)
def show(token):
    """The questions (Dutch, or English with Accept-Language: en), whether they were answered, and the answers."""
    return pulse_page.questionnaire(bus(), token, _lang())


@blp.route("/pulse/<string:token>", methods=["POST"])
@public_posts()
@blp.arguments(s.PulseIn)
@blp.response(201, s.PulseAnswered)
def answer(body, token):
    """Answer once: `{"answers": {key: 1..4}, "comment"}`; a second time is 409."""
    return bus().handle(commands.AnswerPulse(token, body["answers"], body.get("comment")))
