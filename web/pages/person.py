"""The person record in the workspace: a volunteer's page (a request's page is workspace.request_page),
correcting someone's details, notes, giving someone to a colleague, "Mijn mensen", possible duplicates,
and entering a request for someone who phoned or walked in. Routing only: commands and queries."""
from __future__ import annotations

from flask import Blueprint, abort, flash, redirect, render_template, request, url_for
from flask_login import login_required
from marshmallow import ValidationError
from werkzeug.datastructures import MultiDict

from matching import vocabulary as vocab
from matching.domain import commands
from matching.domain.consent import ON_BEHALF
from matching.domain.errors import Conflict, Invalid, InvalidFields
from matching.services.queries import assignment, organization_pages, person_page
from web import forms, schemas
from web.context import bus, org_id, user_id
from web.pages import person_views as views

blp = Blueprint("person", __name__, url_prefix="/werkplek")
SIDES = {"aanvragen": "request", "vrijwilligers": "volunteer"}


@blp.before_request
@login_required
def require_login():
    """Every page here needs a logged-in coordinator (Flask-Login redirects to /login)."""


@blp.app_template_filter("likeness_label")
def likeness_label(key: str) -> str:
    return views.LIKENESS.get(key, key)


def _side(soort: str) -> str:
    if soort not in SIDES:
        abort(404)
    return SIDES[soort]


def _back(person_type: str, person_id: str) -> str:
    return views.page_url(person_type, person_id)


@blp.get("/vrijwilligers/<volunteer_id>")
def volunteer_page(volunteer_id: str):
    """A volunteer's page: profile, contact, status, matches, consent, notes and timeline."""
    found = person_page.page(bus(), org_id(), "volunteer", volunteer_id, user_id())
    return render_template("workspace/volunteer.html", p=found, v=found["record"], **views.page_context())


@blp.route("/mensen/<soort>/<person_id>/gegevens", methods=["GET", "POST"])
def edit(soort: str, person_id: str):
    """Correct what a person gave: the same checks as the sign-up form, a message per wrong field."""
    person_type = _side(soort)
    found = person_page.page(bus(), org_id(), person_type, person_id, user_id())
    errors: dict[str, str] = {}
    values = views.form_values(found["record"]) if request.method == "GET" else request.form
    if request.method == "POST":
        patch = views.patch_from(request.form, person_type)
        try:
            result = bus().handle(commands.CorrectPerson(org_id(), person_type, person_id, patch, user_id()))
        except InvalidFields as error:
            errors = views.dutch(error.errors, patch)
        except Conflict as error:
            flash(f"Dat lukte niet: {error}", "error")
            return redirect(_back(person_type, person_id), code=303)
        else:
            flash(views.saved_message(result), "ok")
            return redirect(_back(person_type, person_id), code=303)
    return render_template("workspace/person_edit.html", p=found, values=values, errors=errors,
                           **views.form_choices()), 422 if errors else 200


@blp.post("/mensen/<soort>/<person_id>/notitie")
def note(soort: str, person_id: str):
    person_type = _side(soort)
    command = commands.WriteNote(org_id(), person_type, person_id, request.form.get("kind", ""),
                                 request.form.get("text", ""), user_id())
    return _do(command, "De notitie staat in de tijdlijn.", _back(person_type, person_id) + "#tijdlijn")


@blp.post("/mensen/<soort>/<person_id>/toewijzen")
def assign(soort: str, person_id: str):
    person_type = _side(soort)
    chosen = request.form.get("coordinator_id") or None
    command = commands.AssignPerson(org_id(), person_type, person_id, chosen, user_id())
    return _do(command, "Toegewezen." if chosen else "Niemand meer toegewezen.", _back(person_type, person_id))


def _do(command, success: str, back: str):
    try:
        bus().handle(command)
        flash(success, "ok")
    except (Conflict, Invalid) as error:
        flash(f"Dat lukte niet: {views.plain(error)}", "error")
    return redirect(back, code=303)


@blp.get("/mijn-mensen")
def my_people():
    """The people given to me (or to a colleague, or to nobody), and who the coordinators are."""
    who = request.args.get("wie", "me")
    try:
        people = assignment.my_people(bus(), org_id(), user_id(), who)
    except Invalid:
        abort(404)
    return render_template("workspace/my_people.html", people=people, who=who,
                           coordinators=assignment.coordinators(bus(), org_id()))


@blp.get("/dubbel")
def duplicates():
    return render_template("workspace/duplicates.html", items=person_page.duplicates(bus(), org_id(), user_id()),
                           **views.page_context())


@blp.post("/dubbel/<duplicate_id>")
def resolve(duplicate_id: str):
    resolution = request.form.get("resolution", "")
    done = "Samengevoegd." if resolution == "merge" else "Apart gehouden: dit zijn twee mensen."
    return _do(commands.ResolveDuplicate(org_id(), duplicate_id, resolution, user_id()), done,
               url_for("person.duplicates"))


@blp.route("/aanmelden-voor", methods=["GET", "POST"])
def enter_request():
    """A coordinator enters a request for someone on the phone or at the desk; how they agreed is kept."""
    errors: dict[str, str] = {}
    values = request.form if request.method == "POST" else MultiDict({"kind": "maatje", "channel": "phone"})
    if request.method == "POST":
        kind = request.form.get("kind") if request.form.get("kind") in vocab.KINDS else "maatje"
        body = forms.request_body(request.form, kind)
        try:
            fields = schemas.RequestIn().load(body)
            if request.form.get("channel") not in ON_BEHALF:
                raise ValidationError({"channel": ["one of phone, in_person, referral"]})
        except ValidationError as error:
            errors = forms.dutch_errors(error, body)
            errors.update({"channel": views.CHANNEL_MISSING} if "channel" in error.messages else {})
        else:
            made = bus().handle(commands.EnterRequest(org_id(), fields, request.form["channel"], user_id()))
            flash(f"{fields['first_name']} staat op de wachtlijst.", "ok")
            return redirect(url_for("workspace.request_page", request_id=made["id"]), code=303)
    return render_template("workspace/enter_request.html", values=values, errors=errors,
                           org=organization_pages.own(bus(), org_id()), **views.form_choices()), 422 if errors else 200
