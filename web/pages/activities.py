"""Activity pages: the coordinator's list and activity page, the public sociale kaart, and joining or
leaving from the private link. Views only parse, call the bus or a query, and render."""
from __future__ import annotations

from flask import Blueprint, abort, flash, redirect, render_template, request, url_for
from flask_babel import gettext as _
from flask_login import login_required
from marshmallow import ValidationError
from werkzeug.datastructures import MultiDict

from matching import vocabulary as vocab
from matching.domain import commands
from matching.domain.errors import Conflict, Invalid, NotFound
from matching.schemas import ActivityIn
from matching.scoring.postcodes import UnknownPostcode
from matching.services.queries import activity_pages
from web.context import bus, org_id, user_id
from web.errors import flatten
from web.i18n import current_lang
from web.pages.own import _done, _page

work = Blueprint("activities", __name__, url_prefix="/werkplek/activiteiten")
public = Blueprint("activity_pages", __name__)


@work.before_request
@login_required
def require_login():
    """Every page here needs a logged-in coordinator."""


@public.app_context_processor
def activity_words():
    return {"category_label": lambda key: vocab.label(vocab.ACTIVITY_CATEGORIES, key, current_lang())}


@public.app_template_filter("slot_words")
def slot_words(key: str) -> str:
    """A week slot in the page's language: "dinsdagmiddag"."""
    return vocab.label(vocab.AVAILABILITY, key, current_lang()).lower()


@public.app_template_filter("interest_words")
def interest_words(key: str) -> str:
    return vocab.label(vocab.INTERESTS, key, current_lang()).lower()


# the coordinator's pages

@work.route("", methods=["GET", "POST"])
def list_page():
    """Every activity, and a form to add one (the API's schema)."""
    errors, values = {}, MultiDict()
    if request.method == "POST":
        values = request.form
        fields, errors = _fields(request.form)
        if fields is not None:
            created = bus().handle(commands.CreateActivity(org_id(), fields, user_id()))
            flash("De activiteit is toegevoegd. Wachtenden in de buurt zien hem meteen.", "ok")
            return redirect(url_for("activities.show", activity_id=created["id"]), code=303)
    return render_template("workspace/activities.html", items=activity_pages.rows(bus(), org_id()), errors=errors,
                           values=values, **_choices()), 422 if errors else 200


@work.route("/<activity_id>", methods=["GET", "POST"])
def show(activity_id: str):
    """One activity: who joined (first name, how to reach them), and its form to change it."""
    current = activity_pages.detail(bus(), org_id(), activity_id, user_id())
    errors = {}
    if request.method == "POST":
        fields, errors = _fields(request.form)
        if fields is not None:
            try:
                bus().handle(commands.ChangeActivity(org_id(), activity_id, fields, user_id()))
                flash("De activiteit is aangepast.", "ok")
            except Conflict as error:
                flash(f"Dat lukte niet: {error}", "error")
            return redirect(url_for("activities.show", activity_id=activity_id), code=303)
    values = request.form if errors else _values(current)
    return render_template("workspace/activity.html", activity=current, errors=errors, values=values,
                           **_choices()), 422 if errors else 200


@work.post("/<activity_id>/sluiten")
def close(activity_id: str):
    try:
        bus().handle(commands.CloseActivity(org_id(), activity_id, user_id()))
        flash("De activiteit is gesloten.", "ok")
    except Conflict as error:
        flash(f"Dat lukte niet: {error}", "error")
    return redirect(url_for("activities.list_page"), code=303)


def form_body(form) -> dict:
    """The form's fields as the API's body."""
    capacity = (form.get("capacity") or "").strip()
    host = {"name": (form.get("host_name") or "").strip()}
    for name in ("phone", "email"):
        if (form.get(f"host_{name}") or "").strip():
            host[name] = form.get(f"host_{name}").strip()
    body = {"title": (form.get("title") or "").strip(), "category": form.get("category") or "",
            "postcode": (form.get("postcode") or "").strip(), "address": (form.get("address") or "").strip(),
            "slots": form.getlist("availability"), "interests": form.getlist("interests"),
            "walk_in": form.get("walk_in") == "ja", "capacity": int(capacity) if capacity.isdigit() else None,
            "host": host}
    if (form.get("description") or "").strip():
        body["description"] = form.get("description").strip()
    if capacity and not capacity.isdigit():
        body["capacity"] = capacity  # the schema names it
    return body


def _fields(form) -> tuple[dict | None, dict[str, str]]:
    try:
        return ActivityIn().load(form_body(form)), {}
    except ValidationError as error:
        names = {"slots": "availability", "host.name": "host_name", "host.phone": "host_phone",
                 "host.email": "host_email"}
        return None, {names.get(f, f.split(".")[0]): "Dit klopt nog niet." for f in flatten(error.messages)}


def _values(current: dict) -> MultiDict:
    host = current["host"]
    pairs = [(k, str(current[k] or "")) for k in ("title", "description", "category", "postcode", "address", "capacity")]
    pairs += [("host_name", host["name"]), ("host_phone", host["phone"] or ""), ("host_email", host["email"] or ""),
              ("walk_in", "ja" if current["walk_in"] else "nee")]
    return MultiDict(pairs + [("interests", k) for k in current["interests"]]
                     + [("availability", k) for k in current["slots"]])


def _choices() -> dict:
    return {"interest_options": [(k, vocab.label(vocab.INTERESTS, k)) for k in vocab.INTERESTS],
            "category_options": [(k, v[0]) for k, v in vocab.ACTIVITY_CATEGORIES.items()],
            "days": [(k, v[0]) for k, v in vocab.DAYS.items()], "parts": [(k, v[0]) for k, v in vocab.PARTS.items()]}


# the public sociale kaart

@public.get("/<org>/activiteiten")
def map_page(org: str):
    """The organisation's open activities, nearest first for a postcode, filtered on interests."""
    typed = (request.args.get("postcode") or "").strip()
    interests = [k for k in request.args.getlist("interesse") if k in vocab.INTERESTS]
    errors = {}
    try:
        postcode = activity_pages.valid_postcode(typed)
    except UnknownPostcode:
        postcode, errors = None, {"postcode": _("Deze postcode kennen we niet. Schrijf hem zo: 1234 AB.")}
    found = activity_pages.public_list(bus(), org, postcode, interests)
    lang = current_lang()
    return render_template("public/activities.html", org=found["organization"], items=found["items"], typed=typed,
                           chosen=interests, errors=errors, postcode=postcode,
                           interest_options=[(k, vocab.label(vocab.INTERESTS, k, lang)) for k in vocab.INTERESTS]), \
        422 if errors else 200


# joining from the private link

@public.post("/mijn/<token>/activiteiten/<activity_id>")
def join(token: str, activity_id: str):
    """Join with the person's say-so; without the tick, or when full, the page says why."""
    if request.form.get("share_contact") != "ja":
        return _page(token, {f"activity-{activity_id}": _("Vink aan dat de begeleider je mag bellen of mailen. "
                                                          "Anders kan die je niet laten weten hoe het werkt.")},
                     status=422)
    try:
        bus().handle(commands.JoinActivity(token, activity_id, True))
    except Conflict:
        return _page(token, {f"activity-{activity_id}": _("Deze activiteit zit helaas vol.")}, status=409)
    except (Invalid, NotFound):
        abort(404)
    return _done(token, "meedoen")


@public.post("/mijn/<token>/activiteiten/<activity_id>/afmelden")
def leave(token: str, activity_id: str):
    try:
        bus().handle(commands.LeaveActivity(token, activity_id))
    except NotFound:
        abort(404)
    return _done(token, "afgemeld")
