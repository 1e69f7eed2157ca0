"""Public pages: ask for a maatje or a werkervaringsplaats, sign up as a volunteer. No account needed."""
from __future__ import annotations

from flask import Blueprint, redirect, render_template, request, session, url_for
from flask_babel import gettext as _, lazy_gettext as _l
from flask_limiter.errors import RateLimitExceeded
from marshmallow import ValidationError
from werkzeug.datastructures import MultiDict

from matching import vocabulary as vocab
from matching.domain import commands
from matching.services.queries import activity_pages, organization_pages
from web import forms, handover, schemas
from web.context import bus
from web.i18n import current_lang
from web.security import public_posts

blp = Blueprint("public", __name__)

HEADINGS = {
    "maatje": (_l("Ik zoek een maatje"), _l("Een maatje is een vrijwilliger die regelmatig iets met je onderneemt, "
               "bijvoorbeeld samen wandelen, koffie drinken of naar de film."), _l("Wat doe je graag?")),
    "werkervaringsplaats": (_l("Ik zoek een werkervaringsplaats"), _l("Op een werkervaringsplaats doe je stap voor "
                            "stap werkervaring op, met begeleiding, in je eigen tempo."), _l("Wat voor werk lijkt je leuk?")),
}
TASKS = ("keuken", "administratie", "receptie", "kringloop", "techniek", "groen", "computer", "tuinieren")
DISTANCES = [("", _l("Maakt me niet uit"))] + [(str(km), _l("Tot %(km)s km", km=km)) for km in (2, 5, 10, 15, 25, 50)]
GENDERS = [("", _l("Zeg ik liever niet")), ("vrouw", _l("Vrouw")), ("man", _l("Man")), ("anders", _l("Anders"))]
CAPACITY = [(str(n), _l("1 persoon") if n == 1 else _l("%(n)s personen", n=n)) for n in range(1, 6)]
COMMON_LANGUAGES = ("nl", "en", "ar", "tr", "pl", "fr", "de", "es", "uk", "so", "ti", "fa")
HOURS = [("", _l("Kies")), *[(str(n), _l("%(n)s uur", n=n)) for n in (4, 8, 12, 16, 20, 24, 28, 32, 36, 40)]]


def _options(table, keys=None) -> list[tuple[str, str]]:
    lang = current_lang()
    return [(key, vocab.label(table, key, lang)) for key in (keys or table)]


def _context(org: dict, kind: str | None, values: MultiDict, errors: dict, notice: str | None = None) -> dict:
    interests = list(vocab.INTERESTS)
    if kind == "werkervaringsplaats":  # tasks first: what work would you like
        interests = list(TASKS) + [k for k in interests if k not in TASKS]
    elif kind == "maatje":
        interests = [k for k in interests if k not in TASKS[:6]]
    heading, intro, question = HEADINGS.get(kind or "maatje")
    return {
        "org": org, "kind": kind, "values": values, "errors": errors, "notice": notice,
        "heading": heading, "intro": intro, "interests_question": question,
        "interest_options": _options(vocab.INTERESTS, interests),
        "language_options": _options(vocab.LANGUAGES, COMMON_LANGUAGES),
        "kind_options": [("maatje", _("Maatje zijn")), ("werkervaringsplaats", _("Iemand begeleiden op een werkervaringsplaats"))],
        "days": _options(vocab.DAYS), "parts": _options(vocab.PARTS),
        "distance_options": DISTANCES, "gender_options": GENDERS, "capacity_options": CAPACITY,
        "default_km": f"{vocab.DEFAULT_MAX_DISTANCE_KM.get(kind or 'maatje', 10.0):g}",  # "Maakt me niet uit"
        "work_options": _options(vocab.WORK_AREAS), "hours_options": HOURS,
    }


def _thank(org_slug: str, role: str, result: dict, values: MultiDict, kind: str | None):
    """The cookie carries only an opaque id; the name and the private link wait on the server."""
    session["thanks"] = handover.put({
        "token": result["manage_token"], "name": (values.get("first_name") or "").strip(),
        "role": role, "kind": kind, "emailed": bool((values.get("email") or "").strip())})
    return redirect(url_for("public.thanks", org=org_slug), code=303)


TEMPLATES = {"request": "public/seeker_form.html", "volunteer": "public/volunteer_form.html",
             "work": "public/work_form.html"}


def _template(role: str, kind: str | None) -> str:
    """A werkervaringsplaats has its own form: it asks about work, not leisure."""
    return TEMPLATES["work" if kind == "werkervaringsplaats" else role]


def _sign_up(org: str, role: str, kind: str | None):
    """One flow for every form: show it, thank bots without storing, check with the API's schema, store, thank."""
    organization = organization_pages.public_face(bus(), org)
    template = _template(role, kind)
    if request.method == "GET":
        return render_template(template, **_context(organization, kind, MultiDict(), {}))
    if forms.is_bot(request.form):  # answer as if it worked, store nothing
        return _thank(org, role, {"manage_token": ""}, MultiDict(), kind)
    seeker = role == "request"
    body = forms.request_body(request.form, kind) if seeker else forms.volunteer_body(request.form)
    try:
        fields = (schemas.RequestIn() if seeker else schemas.VolunteerIn()).load(body)
    except ValidationError as error:
        context = _context(organization, kind, request.form, forms.dutch_errors(error, body))
        return render_template(template, **context), 422
    command = commands.SubmitRequest(org, fields) if seeker else commands.ApplyAsVolunteer(org, fields)
    return _thank(org, role, bus().handle(command), request.form, kind)


@blp.route("/<org>/maatje", methods=["GET", "POST"])
@public_posts()
def maatje(org: str):
    return _sign_up(org, "request", "maatje")


@blp.route("/<org>/werkervaringsplaats", methods=["GET", "POST"])
@public_posts()
def werkervaringsplaats(org: str):
    return _sign_up(org, "request", "werkervaringsplaats")


@blp.route("/<org>/vrijwilliger", methods=["GET", "POST"])
@public_posts()
def vrijwilliger(org: str):
    return _sign_up(org, "volunteer", None)


@blp.route("/<org>/bedankt")
def thanks(org: str):
    organization = organization_pages.public_face(bus(), org)
    thanks_data = handover.take(session.pop("thanks", None))
    if not thanks_data or not thanks_data.get("token"):
        thanks_data = None
    activities = None
    if thanks_data and thanks_data.get("role") == "request":
        activities = activity_pages.for_link(bus(), thanks_data["token"])["items"]
    return render_template("public/thanks.html", org=organization, thanks=thanks_data or {"role": "request"},
                           activities=activities)


@blp.errorhandler(RateLimitExceeded)
def too_many(error):
    """Keep what was typed: show the form again with a calm message."""
    org = request.view_args.get("org", "")
    organization = organization_pages.public_face(bus(), org)
    kind = {"public.maatje": "maatje", "public.werkervaringsplaats": "werkervaringsplaats"}.get(request.endpoint)
    template = _template("volunteer" if request.endpoint == "public.vrijwilliger" else "request", kind)
    notice = _("Er kwamen veel aanmeldingen tegelijk binnen vanaf dit adres. Wacht een paar minuten en verstuur "
               "het formulier dan opnieuw. Wat je invulde staat er nog.")
    return render_template(template, **_context(organization, kind, request.form, {}, notice)), 429
