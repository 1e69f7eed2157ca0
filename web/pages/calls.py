"""The coordinator's "Te bellen" page, the "Gebeld" button and the printed letter with a new private link.
Routing only: the call list is a query, a call note and a new link are commands."""
from __future__ import annotations

from flask import Blueprint, Response, flash, redirect, render_template, request, url_for
from flask_login import login_required

from matching.domain import commands
from matching.domain.errors import Conflict
from matching.domain.note import NoteKind
from matching.services import calls, letters
from web.context import bus, org_id, user_id

blp = Blueprint("calls", __name__, url_prefix="/werkplek")
PER_PAGE = 50


@blp.before_request
@login_required
def require_login():
    """Every page here needs a logged-in coordinator."""


@blp.get("/bellen")
def call_list():
    page = max(request.args.get("pagina", 1, type=int), 1)
    found = calls.open_calls(bus(), org_id(), user_id(), page, PER_PAGE)
    return render_template("workspace/calls.html", people=calls.by_person(found["items"]), total=found["total"],
                           page=page, pages=max((found["total"] + PER_PAGE - 1) // PER_PAGE, 1))


@blp.post("/bellen/aanvraag/<request_id>/gebeld")
def request_called(request_id: str):
    return _called("request", request_id)


@blp.post("/bellen/vrijwilliger/<volunteer_id>/gebeld")
def volunteer_called(volunteer_id: str):
    return _called("volunteer", volunteer_id)


def _called(person_type: str, person_id: str):
    """A `call` note on the person: everything the list asked to tell them before now is done."""
    try:
        bus().handle(commands.WriteNote(org_id(), person_type, person_id, NoteKind.CALL, request.form.get("text", "")[:2000],
                                 user_id()))
        flash("Genoteerd: gebeld. Deze taak staat niet meer op de lijst.", "ok")
    except Conflict as error:
        flash(f"Dat lukte niet: {error}", "error")
    return redirect(url_for("calls.call_list"), code=303)


@blp.post("/brief/aanvraag/<request_id>")
def request_letter(request_id: str):
    return _letter("request", request_id)


@blp.post("/brief/vrijwilliger/<volunteer_id>")
def volunteer_letter(volunteer_id: str):
    return _letter("volunteer", volunteer_id)


def _letter(person_type: str, person_id: str):
    """The letter as a PDF download; printing it made a new private link (the old one stopped working)."""
    try:
        pdf = letters.print_letter(bus(), org_id(), person_type, person_id, user_id())
    except Conflict as error:
        flash(f"Dat lukte niet: {error}", "error")
        return redirect(request.referrer or url_for("calls.call_list"), code=303)
    return Response(pdf, mimetype="application/pdf", headers={
        "Content-Disposition": 'attachment; filename="brief-persoonlijke-link.pdf"'})
