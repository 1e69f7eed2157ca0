"""The private link (/mijn/<token>): see status, change availability, pause, download, erase."""
from __future__ import annotations

import json

from flask import Blueprint, Response, redirect, render_template, request, url_for
from flask_babel import gettext as _, lazy_gettext as _l

from matching import vocabulary as vocab
from matching.domain import commands as c
from matching.domain.errors import Conflict
from matching.services import exports, queries
from web.context import bus
from web.i18n import current_lang

blp = Blueprint("own", __name__, url_prefix="/mijn")

REQUEST_STATUS = {
    "waiting": _l("Je staat op de wachtlijst. De coördinator zoekt iemand die bij je past."),
    "proposed": _l("De coördinator heeft iemand voor je op het oog en neemt contact met je op."),
    "matched": _l("Je bent gekoppeld. Fijn!"),
}
VOLUNTEER_STATUS = {
    "applied": _l("Je aanmelding is binnen. De coördinator nodigt je uit voor een kennismakingsgesprek."),
    "active": _l("Je bent actief als vrijwilliger. We kunnen je koppelen."),
    "paused": _l("Je hebt een pauze ingelast. We koppelen je nu niet aan iemand nieuw."),
}


def _page(token: str, errors: dict | None = None, done: str | None = None, status: int = 200):
    role, person = queries.own_record(bus(), token)
    text = (REQUEST_STATUS if role == "request" else VOLUNTEER_STATUS).get(person["status"], "")
    return render_template(
        "public/own.html", token=token, role=role, person=person, status_text=text, errors=errors or {}, done=done,
        days=[(k, vocab.label(vocab.DAYS, k, current_lang())) for k in vocab.DAYS],
        parts=[(k, vocab.label(vocab.PARTS, k, current_lang())) for k in vocab.PARTS],
        interest_labels=[vocab.label(vocab.INTERESTS, k, current_lang()) for k in person["interests"]],
        org={"name": person["organization"], "contact": person["organization_contact"]}, match=queries.own_match(bus(), token),
        access=exports.own_access(bus(), token)), status


@blp.get("/<token>")
def show(token: str):
    return _page(token, done=request.args.get("klaar"))


@blp.post("/<token>/beschikbaarheid")
def availability(token: str):
    slots = [s for s in request.form.getlist("availability") if s in vocab.AVAILABILITY]
    if not slots:
        return _page(token, {"availability": _("Kies minstens één moment waarop je tijd hebt.")}, status=422)
    role, _person = queries.own_record(bus(), token)
    command = c.ChangeRequest if role == "request" else c.ChangeOwnVolunteer
    try:
        bus().handle(command(token, {"availability": sorted(set(slots))}))
    except Conflict:
        return _page(token, {"availability": _("Dit kan nu niet meer worden aangepast.")}, status=409)
    return redirect(url_for("own.show", token=token, klaar="beschikbaarheid"), code=303)


@blp.post("/<token>/aantal")
def capacity(token: str):
    """A volunteer takes on fewer (or more) people at a time."""
    wanted = request.form.get("capacity", type=int)
    if wanted is None or not 1 <= wanted <= 5:
        return _page(token, {"capacity": _("Kies een aantal van 1 tot 5.")}, status=422)
    try:
        bus().handle(c.ChangeOwnVolunteer(token, {"capacity": wanted}))
    except Conflict:
        return _page(token, {"capacity": _("Dit kan nu niet meer worden aangepast.")}, status=409)
    return redirect(url_for("own.show", token=token, klaar="aantal"), code=303)


@blp.post("/<token>/pauze")
def pause(token: str):
    try:
        bus().handle(c.PauseOwnVolunteer(token))
    except Conflict:
        return _page(token, {"pause": _("Je kunt nu geen pauze inlassen.")}, status=409)
    return redirect(url_for("own.show", token=token, klaar="pauze"), code=303)


@blp.post("/<token>/doorgaan")
def go_on(token: str):
    """After the first meeting: "ja" keeps the match, "nee" ends it and puts the person back on the list."""
    answer = request.form.get("doorgaan")
    if answer not in ("ja", "nee"):
        return _page(token, {"doorgaan": _("Kies ja of nee.")}, status=422)
    try:
        bus().handle(c.AnswerFirstMeeting(token, answer == "ja"))
    except Conflict:
        return _page(token, {"doorgaan": _("Er loopt nu geen koppeling.")}, status=409)
    return redirect(url_for("own.show", token=token, klaar="antwoord"), code=303)


@blp.get("/<token>/gegevens.json")
def export(token: str):
    body = json.dumps(exports.own_export(bus(), token), default=str, ensure_ascii=False, indent=2)
    return Response(body, mimetype="application/json",
                    headers={"Content-Disposition": 'attachment; filename="mijn-gegevens.json"'})


@blp.post("/<token>/verwijderen")
def erase(token: str):
    if request.form.get("confirm") != "ja":
        return _page(token, {"confirm": _("Vink aan dat je echt alles wilt laten verwijderen.")}, status=422)
    role, _person = queries.own_record(bus(), token)
    try:
        bus().handle(c.WithdrawRequest(token) if role == "request" else c.EraseOwnVolunteer(token))
    except Conflict:
        message = _("Je bent nu gekoppeld. Vraag de coördinator om de koppeling eerst af te ronden.")
        return _page(token, {"confirm": message}, status=409)
    return render_template("public/erased.html", org=None)
