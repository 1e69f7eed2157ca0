"""The werkbegeleider's page (/begeleider/<token>) and the evaluation form, for the supervisor and, through
their own private link (/mijn/<token>/evaluatie/...), the participant. Phone first; routing only."""
from __future__ import annotations

from flask import Blueprint, Response, abort, redirect, render_template, request, url_for
from flask_babel import gettext as _

from matching.domain import commands
from matching.domain.errors import Conflict, Invalid
from matching.domain.evaluation import MAX_TEXT, Moment
from matching.services import certificates
from matching.services.queries import evaluation_page
from web.context import bus
from web.i18n import current_lang
from web.security import public_posts

blp = Blueprint("evaluation_page", __name__)


def _view(token: str, side: str) -> dict:
    view = evaluation_page.evaluations(bus(), token, current_lang())
    if view["side"] != side:
        abort(404)
    return view


@blp.get("/begeleider/<token>")
def supervisor(token: str):
    """Who starts when, what they want to learn, and the evaluation moments."""
    view = _view(token, "supervisor")
    return render_template("public/supervisor.html", token=token, v=view, org=view["organization"],
                           thanks=request.args.get("klaar") == "1")


@blp.get("/begeleider/<token>/evaluatie/<moment>")
def supervisor_form(token: str, moment: str):
    return _form(token, "supervisor", moment)


@blp.post("/begeleider/<token>/evaluatie/<moment>")
@public_posts()
def supervisor_answer(token: str, moment: str):
    return _answer(token, "supervisor", moment)


@blp.get("/mijn/<token>/evaluatie/<moment>")
def participant_form(token: str, moment: str):
    return _form(token, "participant", moment)


@blp.post("/mijn/<token>/evaluatie/<moment>")
@public_posts()
def participant_answer(token: str, moment: str):
    return _answer(token, "participant", moment)


def _form(token: str, side: str, moment: str, errors: dict | None = None, values: dict | None = None,
          status: int = 200):
    view = _view(token, side)
    chosen = next((m for m in view["moments"] if m["moment"] == moment), None)
    if chosen is None:
        abort(404)
    back = (url_for("evaluation_page.supervisor", token=token) if side == "supervisor"
            else url_for("own.show", token=token))
    return render_template("public/evaluation.html", token=token, v=view, m=chosen, side=side, back=back,
                           org=view["organization"], errors=errors or {}, values=values or {}, max_text=MAX_TEXT,
                           closing=side == "supervisor" and moment == Moment.END), status


def _answer(token: str, side: str, moment: str):
    """One moment answered once; the progress question is the one that must be answered."""
    _view(token, side)
    form = request.form
    values = {key: (form.get(key) or "").strip() for key in ("went_well", "next_step", "closing_words")}
    progress = form.get("goals_progress")
    values["goals_progress"] = int(progress) if progress in ("1", "2", "3", "4") else None
    if values["goals_progress"] is None:
        return _form(token, side, moment, {"goals_progress": _("Kies hoe het gaat met de doelen.")}, values, 422)
    try:
        bus().handle(commands.AnswerEvaluation(token, moment, values["goals_progress"], values["went_well"] or None,
                                               values["next_step"] or None, values["closing_words"] or None))
    except Invalid as error:
        message = _("Dit is te lang: hooguit %(n)s tekens.", n=MAX_TEXT)
        return _form(token, side, moment, {error.field: message}, values, 422)
    except Conflict:
        return _form(token, side, moment, {"goals_progress": _("Deze evaluatie is al ingevuld of nog niet open.")},
                     values, 409)
    if side == "supervisor":
        return redirect(url_for("evaluation_page.supervisor", token=token, klaar="1"), code=303)
    return redirect(url_for("own.show", token=token, klaar="evaluatie"), code=303)


@blp.get("/mijn/<token>/bewijs.pdf")
def participant_certificate(token: str):
    """The participant's own bewijs van werkervaring, while the placement runs or after it ended."""
    pdf = certificates.for_participant(bus(), token)
    return Response(pdf, mimetype="application/pdf", headers={
        "Content-Disposition": 'attachment; filename="bewijs-van-werkervaring.pdf"'})
