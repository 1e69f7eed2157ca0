"""The private link (/mijn/<token>): see where you stand and what we know, change your times and
contact details, pause and come back, answer "go on?", download, erase."""
from __future__ import annotations

import json

from flask import Blueprint, Response, current_app, redirect, render_template, request, url_for
from flask_babel import gettext as _, lazy_gettext as _l
from marshmallow import ValidationError
from werkzeug.datastructures import MultiDict

from matching import vocabulary as vocab
from matching.domain import commands
from matching.domain.errors import Conflict, Invalid
from matching.domain.match import Answer
from matching.services import exports
from matching.services.queries import own_link
from web import forms, schemas
from web.context import bus
from web.i18n import current_lang
from web.pages import own_facts
from web.pages.public import HOURS

blp = Blueprint("own", __name__, url_prefix="/mijn")

DONE = {
    "pauze": _l("Je pauze is ingelast."),
    "verder": _l("Welkom terug! Je pauze is voorbij."),
    "antwoord": _l("Dank je wel voor je antwoord."),
    "aantal": _l("Het aantal is opgeslagen."),
    "bereikbaar": _l("Je nieuwe gegevens zijn opgeslagen."),
    "beschikbaarheid": _l("Je nieuwe tijden zijn opgeslagen."),
    "meedoen": _l("Je doet mee! De begeleider neemt contact met je op."),
    "afgemeld": _l("Je bent afgemeld voor deze activiteit."),
    "evaluatie": _l("Dank je wel! Je evaluatie is opgeslagen."),
    "rol": _l("Dank je wel! Je aanmelding is binnen. De coördinator neemt contact met je op."),
}
NEED_EMAIL = _l("Vul je e-mailadres in. Als vrijwilliger hebben we dat nodig.")


def _page(token: str, errors: dict | None = None, done: str | None = None, status: int = 200,
          typed: MultiDict | None = None):
    page = own_link.page(bus(), token)
    person, lang = page["person"], current_lang()
    return render_template(
        "public/own.html", token=token, page=page, role=page["role"], person=person, errors=errors or {},
        status_text=own_facts.status_text(page["role"], page["state"]), done=DONE.get(done or ""),
        contact=typed or MultiDict({"email": person["email"] or "", "phone": person["phone"] or ""}),
        days=[(k, vocab.label(vocab.DAYS, k, lang)) for k in vocab.DAYS],
        parts=[(k, vocab.label(vocab.PARTS, k, lang)) for k in vocab.PARTS],
        interest_options=[(k, vocab.label(vocab.INTERESTS, k, lang)) for k in vocab.INTERESTS],
        work_options=[(k, vocab.label(vocab.WORK_AREAS, k, lang)) for k in vocab.WORK_AREAS], hours_options=HOURS,
        facts=own_facts.facts(page, lang), org=page["organization"], access=page["access"],
        retention_months=current_app.extensions["koppel.settings"].retention_months), status


def _done(token: str, what: str):
    return redirect(url_for("own.show", token=token, klaar=what), code=303)


@blp.get("/<token>")
def show(token: str):
    return _page(token, done=request.args.get("klaar"))


@blp.post("/<token>/beschikbaarheid")
def availability(token: str):
    slots = [s for s in request.form.getlist("availability") if s in vocab.AVAILABILITY]
    if not slots:
        return _page(token, {"availability": _("Kies minstens één moment waarop je tijd hebt.")}, status=422)
    role = own_link.role_of(bus(), token)
    command = commands.ChangeRequest if role == "request" else commands.ChangeOwnVolunteer
    try:
        bus().handle(command(token, {"availability": sorted(set(slots))}))
    except Conflict:
        return _page(token, {"availability": _("Dit kan nu niet meer worden aangepast.")}, status=409)
    return _done(token, "beschikbaarheid")


@blp.post("/<token>/bereikbaar")
def contact(token: str):
    """New email address or phone number, checked as at sign-up, with the same Dutch messages."""
    body = {name: (request.form.get(name) or "").strip() for name in ("email", "phone")}
    try:
        bus().handle(commands.ChangeOwnContact(token, schemas.ContactIn().load(body)))
    except ValidationError as error:
        return _page(token, forms.dutch_errors(error, body), status=422, typed=request.form)
    except Invalid:  # nothing left to reach the person by
        role = own_link.role_of(bus(), token)
        message = forms.MISSING["email"] if role == "request" else NEED_EMAIL
        return _page(token, {"email": str(message)}, status=422, typed=request.form)
    return _done(token, "bereikbaar")


@blp.post("/<token>/aantal")
def capacity(token: str):
    """A volunteer takes on fewer (or more) people at a time."""
    wanted = request.form.get("capacity", type=int)
    if wanted is None or not 1 <= wanted <= 5:
        return _page(token, {"capacity": _("Kies een aantal van 1 tot 5.")}, status=422)
    try:
        bus().handle(commands.ChangeOwnVolunteer(token, {"capacity": wanted}))
    except Conflict:
        return _page(token, {"capacity": _("Dit kan nu niet meer worden aangepast.")}, status=409)
    return _done(token, "aantal")


@blp.post("/<token>/pauze")
def pause(token: str):
    """A break: a waiting person is not searched for (and keeps their place), a volunteer not matched."""
    role = own_link.role_of(bus(), token)
    try:
        bus().handle(commands.PauseOwnRequest(token) if role == "request" else commands.PauseOwnVolunteer(token))
    except Conflict:
        return _page(token, {"pause": _("Je kunt nu geen pauze inlassen.")}, status=409)
    return _done(token, "pauze")


@blp.post("/<token>/verder")
def resume(token: str):
    """The break is over: the request is scored again, the volunteer can be matched again."""
    role = own_link.role_of(bus(), token)
    try:
        bus().handle(commands.ResumeOwnRequest(token) if role == "request" else commands.ResumeOwnVolunteer(token))
    except Conflict:
        return _page(token, {"pause": _("Je pauze kun je nu niet zelf stoppen. Neem contact met ons op.")}, status=409)
    return _done(token, "verder")


@blp.post("/<token>/doorgaan")
def go_on(token: str):
    """After the first meeting: "ja" keeps the match, "nee" ends it and puts the person back on the list."""
    answer = request.form.get("doorgaan")
    if answer not in (Answer.YES, Answer.NO):
        return _page(token, {"doorgaan": _("Kies ja of nee.")}, status=422)
    try:
        bus().handle(commands.AnswerFirstMeeting(token, answer == Answer.YES))
    except Conflict:
        return _page(token, {"doorgaan": _("Deze vraag kun je nu niet beantwoorden.")}, status=409)
    return _done(token, "antwoord")


@blp.get("/<token>/gegevens.json")
def export(token: str):
    body = json.dumps(exports.own_export(bus(), token), default=str, ensure_ascii=False, indent=2)
    return Response(body, mimetype="application/json",
                    headers={"Content-Disposition": 'attachment; filename="mijn-gegevens.json"'})


@blp.post("/<token>/verwijderen")
def erase(token: str):
    if request.form.get("confirm") != "ja":
        return _page(token, {"confirm": _("Vink aan dat je echt alles wilt laten verwijderen.")}, status=422)
    role = own_link.role_of(bus(), token)
    try:
        bus().handle(commands.WithdrawRequest(token) if role == "request" else commands.EraseOwnVolunteer(token))
    except Conflict:
        message = _("Je bent nu gekoppeld. Vraag de coördinator om de koppeling eerst af te ronden.")
        return _page(token, {"confirm": message}, status=409)
    return render_template("public/erased.html", org=None)
