"""The check-in page (/pulse/<token>), phone first: a few questions with four worded answers each,
an optional comment, answered once; afterwards the person sees what they answered. Routing only."""
from __future__ import annotations

from flask import Blueprint, redirect, render_template, request, url_for
from flask_babel import gettext as _

from matching.domain import commands
from matching.domain.errors import Conflict, Invalid
from matching.domain.pulse import MAX_COMMENT
from matching.services.queries import pulse_page
from web.context import bus
from web.i18n import current_lang
from web.security import public_posts

blp = Blueprint("pulse_page", __name__, url_prefix="/pulse")


def _page(token: str, errors: dict | None = None, values: dict | None = None, status: int = 200):
    round_ = pulse_page.questionnaire(bus(), token, current_lang())
    return render_template("public/pulse.html", token=token, p=round_, org=round_["organization"],
                           errors=errors or {}, values=values or {}, thanks=request.args.get("klaar") == "1",
                           max_comment=MAX_COMMENT), status


@blp.get("/<token>")
def show(token: str):
    return _page(token)


@blp.post("/<token>")
@public_posts()
def answer(token: str):
    """Only the questions answered count (one is enough); a second answer is refused, kindly."""
    answers = {key[2:]: int(value) for key, value in request.form.items()
               if key.startswith("q-") and value in ("1", "2", "3", "4")}
    comment = (request.form.get("comment") or "").strip()
    values = {"answers": answers, "comment": comment}
    if not answers:
        return _page(token, {"vragen": _("Kies bij minstens één vraag een antwoord.")}, values, 422)
    try:
        bus().handle(commands.AnswerPulse(token, answers, comment or None))
    except Invalid as error:
        if error.field == "comment":
            return _page(token, {"comment": _("Je opmerking is te lang: hooguit %(n)s tekens.", n=MAX_COMMENT)},
                         values, 422)
        return _page(token, {"vragen": _("Kies bij minstens één vraag een antwoord.")}, values, 422)
    except Conflict:
        return _page(token, {"vragen": _("Deze vragen zijn al beantwoord of gesloten.")}, values, 409)
    return redirect(url_for("pulse_page.show", token=token, klaar="1"), code=303)
