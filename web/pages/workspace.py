"""The coordinator's workspace: waiting list, suggestions with reasons, decisions, follow-up.

Routing only: every change is a command on the bus, every page a query; all scoped to the
logged-in coordinator's organisation.
"""
from __future__ import annotations

from datetime import date

from flask import Blueprint, Response, abort, flash, redirect, render_template, request, url_for
from flask_login import current_user, login_required
from werkzeug.datastructures import MultiDict

from matching import vocabulary as vocab
from matching.domain import commands
from matching.domain.errors import Conflict, Invalid, NotFound
from matching.domain.match import END_CHOICES, EndReason, Initiator, MatchStatus
from matching.domain.message import MessageStatus
from matching.domain.organization import Role
from matching.domain.people import RequestStatus, VolunteerStatus
from matching.domain.placement import PlacementStatus
from matching.domain.referral import ROLE_LABELS
from matching.domain.reminder import ReminderKind
from matching.services.queries import (access_log, dashboard_page, elsewhere, match_detail, match_list, person_page,
                                       placement_list, request_detail)
from matching.services.queries.person_records import display_name
from marshmallow import ValidationError

from web import schemas
from web.pages import list_views, match_views, person_views
from web.errors import flatten
from web.context import bus, org_id, user_id

blp = Blueprint("workspace", __name__, url_prefix="/werkplek")

END_LABELS = {EndReason.GOAL_REACHED: "Doel bereikt", EndReason.MOVED: "Verhuisd", EndReason.NO_CLICK: "Geen klik",
              EndReason.LIFE_CHANGE: "Leven veranderd", EndReason.VOLUNTEER_STOPPED: "Vrijwilliger gestopt",
              EndReason.PARTICIPANT_STOPPED: "Deelnemer gestopt", EndReason.DRIFTED_APART: "Uit elkaar gegroeid",
              EndReason.OTHER: "Anders", EndReason.STOPPED: "Gestopt (oud)"}
REMINDER_LABELS = {ReminderKind.CHECK_IN: "Tijd voor een check-in",
                   ReminderKind.RENEWAL: "Looptijd bijna om: verlengen of afronden?",
                   ReminderKind.VOG: "VOG wordt drie jaar oud: vraag een nieuwe aan",
                   ReminderKind.CONTACT: "Bel even: vier weken geen contact met deze wachtende",
                   ReminderKind.EVALUATION: "Evaluatie werkervaringsplaats is te laat: bel de werkbegeleider"}
# One label per word: "active" reads "actief" for a volunteer, a placement and a match alike.
STATUS_LABELS = {RequestStatus.WAITING: "wacht", RequestStatus.PROPOSED: "voorgesteld", RequestStatus.MATCHED: "gekoppeld",
                 RequestStatus.WITHDRAWN: "gestopt", VolunteerStatus.APPLIED: "aangemeld", VolunteerStatus.ACTIVE: "actief",
                 VolunteerStatus.PAUSED: "pauze", VolunteerStatus.STOPPED: "gestopt", MatchStatus.DECLINED: "afgewezen",
                 MatchStatus.ENDED: "beëindigd", MessageStatus.STORED: "bewaard", MessageStatus.SENT: "verstuurd",
                 MessageStatus.QUEUED: "in de wachtrij", PlacementStatus.CLOSED: "gesloten"}


MESSAGES_SHOWN = 50  # the Berichten page: the newest ones (the organisation export holds them all)


@blp.before_request
@login_required
def require_login():
    """Every page here needs a logged-in coordinator (Flask-Login redirects to /login)."""


@blp.app_context_processor
def labels():
    return {"status_label": lambda s: STATUS_LABELS.get(s, s), "end_labels": END_LABELS,
            "reminder_labels": REMINDER_LABELS, "person_name": display_name}


@blp.app_template_filter("interest_label")
def interest_label(key: str) -> str:
    return vocab.label(vocab.INTERESTS, key)


@blp.app_template_filter("work_label")
def work_label(key: str) -> str:
    return vocab.label(vocab.WORK_AREAS, key)


@blp.app_template_filter("slot_label")
def slot_label(key: str) -> str:
    return vocab.label(vocab.AVAILABILITY, key)


WEEK_ORDER = {key: place for place, key in enumerate(vocab.AVAILABILITY)}


@blp.app_template_filter("in_week")
def in_week(keys: list[str]) -> list[str]:
    """Times as a week runs (maandagochtend before woensdagavond), whatever order they were ticked or stored in."""
    return sorted(keys or [], key=lambda key: WEEK_ORDER.get(key, len(WEEK_ORDER)))


def _decide(command, success: str, back: str):
    """Run a coordinator's decision; a conflict or bad value comes back as a message, never a 500."""
    try:
        bus().handle(command)
        flash(success, "ok")
    except (Conflict, Invalid) as error:
        flash(f"Dat lukte niet: {error}", "error")
    return redirect(back, code=303)


@blp.get("/")
def dashboard():
    """The waiting list with a few headline figures; the charts are on the Cijfers page (web/pages/figures.py)."""
    waiting, status = list_views.waiting(labels()["status_label"])
    stats = dashboard_page.headline(bus(), org_id())
    return render_template("workspace/dashboard.html", **waiting, stats=stats, contacted=stats["contacted"],
                           why=dashboard_page.why_summary(bus(), org_id()),
                           reminders=dashboard_page.reminders(bus(), org_id(), user_id())), status


@blp.post("/herinneringen/<reminder_id>")
def reminder_done(reminder_id: str):
    return _decide(commands.CompleteReminder(org_id(), reminder_id, user_id()), "Afgehandeld.",
                   url_for("workspace.dashboard"))


@blp.get("/aanvragen/<request_id>")
def request_page(request_id: str):
    """The person page of a request (one access-log line); a withdrawn or erased one shows what is left."""
    try:
        person = person_page.page(bus(), org_id(), "request", request_id, user_id())
    except NotFound:
        person = None
    detail = person["record"] if person else request_detail.request(bus(), org_id(), request_id, user_id())
    found = request_detail.candidates(bus(), org_id(), request_id, 10)
    names = match_list.offer_names(bus(), org_id(), [(i["offer"]["type"], i["offer"]["id"]) for i in found["items"]], user_id())
    why = request_detail.why_nobody_fits(bus(), org_id(), request_id) if not found["items"] else None
    partners = elsewhere.counts(bus(), org_id(), request_id) if detail["status"] == RequestStatus.WAITING else None
    return render_template("workspace/request.html", r=detail, found=found, names=names, why=why, p=person,
                           elsewhere=partners, referral=request_detail.referred_by(bus(), org_id(), request_id),
                           role_labels=ROLE_LABELS, **person_views.page_context())


@blp.post("/aanvragen/<request_id>/voorstellen")
def propose(request_id: str):
    command = commands.ProposeMatch(org_id(), request_id, request.form.get("offer_type", ""),
                                    request.form.get("offer_id", ""), user_id())
    return _decide(command, "Voorgesteld. Bevestig de koppeling als beide kanten ja zeggen.",
                   url_for("workspace.matches"))


@blp.post("/voorstellen")
def batch():
    made = bus().handle(commands.RunBatchProposals(org_id(), user_id()))
    flash(f"{made} koppeling(en) voorgesteld. Bekijk ze hieronder.", "ok")
    return redirect(url_for("workspace.matches"), code=303)


@blp.get("/koppelingen")
def matches():
    """The matches as a compact table, searched and filtered (the page keeps its place after an action)."""
    return list_views.matches(labels()["status_label"], match_views.HEALTH_LABELS)


CONFIRMED_STEPS = ("afwijzen", "beeindigen")  # asked again, with a reason, on a page of their own


@blp.get("/koppelingen/<match_id>/<step>")
def confirm_step(match_id: str, step: str):
    """"Weet je het zeker?": the reasons to choose from (none chosen yet) and the words for "anders"."""
    if step not in CONFIRMED_STEPS:
        abort(404)
    return _confirm_page(match_id, step, {}, request.args.get("terug", ""))


def _confirm_page(match_id: str, step: str, errors: dict, back: str):
    detail = match_detail.detail(bus(), org_id(), match_id, user_id())
    name = match_list.offer_names(bus(), org_id(), [(detail["offer_type"], detail["offer_id"])], user_id())
    return render_template("workspace/match_step.html", m=detail, step=step, errors=errors, back=back,
                           name=name.get((detail["offer_type"], detail["offer_id"]), "?"), values=request.form,
                           reasons=END_CHOICES, initiators=list(Initiator), decline_reasons=list_views.DECLINE_REASONS,
                           cancel=list_views.back_to_matches({"terug": back}, match_id)), 422 if errors else 200


@blp.post("/koppelingen/<match_id>/<step>")
def decide(match_id: str, step: str):
    org, by, form = org_id(), user_id(), request.form
    reason, errors = list_views.decline_reason(form) if step == "afwijzen" else (None, {})
    errors = list_views.end_errors(form) if step == "beeindigen" else errors
    if errors:
        return _confirm_page(match_id, step, errors, form.get("terug", ""))
    steps = {"bevestigen": (commands.ConfirmMatch(org, match_id, by), "Bevestigd. Beide kanten krijgen een bericht."),
             "afwijzen": (commands.DeclineMatch(org, match_id, reason or "", by),
                          "Afgewezen. De aanvraag wacht weer. Per ongeluk? Je kunt het een dag lang ongedaan maken."),
             "beeindigen": (match_views.end_command(org, match_id, form, by),
                            "De koppeling is beëindigd. Beide kanten krijgen een bericht, met drie korte vragen over hoe "
                            "het ging. Per ongeluk? Je kunt het een dag lang ongedaan maken."),
             "verlengen": (commands.RenewMatch(org, match_id, by), "De koppeling is met een jaar verlengd."),
             "ongedaan-maken": (commands.UndoMatchStep(org, match_id, by), "Ongedaan gemaakt.")}
    if step not in steps:
        abort(404)
    return _decide(*steps[step], list_views.back_to_matches(form, match_id))


@blp.get("/vrijwilligers")
def volunteers():
    return list_views.volunteers(labels()["status_label"])


@blp.post("/vrijwilligers/<volunteer_id>/<step>")
def volunteer_step(volunteer_id: str, step: str):
    org, by = org_id(), user_id()
    steps = {"activeren": commands.ActivateVolunteer(org, volunteer_id, request.form.get("vog_checked") == "ja", by),
             "pauzeren": commands.PauseVolunteer(org, volunteer_id, by),
             "stoppen": commands.StopVolunteer(org, volunteer_id, by)}
    if step not in steps:
        abort(404)
    return _decide(steps[step], "Opgeslagen.", url_for("workspace.volunteers"))


@blp.route("/plaatsen", methods=["GET", "POST"])
def placements():
    """Werkervaringsplaatsen: the list, and a form to add one (the same schema as the API)."""
    errors, values = {}, {}
    if request.method == "POST":
        values = request.form
        fields, errors = _placement_fields(request.form)
        if fields is not None:
            bus().handle(commands.CreatePlacement(org_id(), fields, user_id()))
            flash("De plaats is toegevoegd. Wachtende deelnemers krijgen hem als kandidaat.", "ok")
            return redirect(url_for("workspace.placements"), code=303)
    return render_template("workspace/placements.html", items=placement_list.rows(bus(), org_id()),
                           errors=errors, values=values, **_placement_choices()), 422 if errors else 200


@blp.route("/plaatsen/<placement_id>", methods=["GET", "POST"])
def edit_placement(placement_id: str):
    """Change a placement: the same fields and checks as adding one."""
    current = next((p for p in placement_list.rows(bus(), org_id()) if p["id"] == placement_id), None)
    if current is None:
        abort(404)
    errors = {}
    if request.method == "POST":
        fields, errors = _placement_fields(request.form)
        if fields is not None:
            bus().handle(commands.ChangePlacement(org_id(), placement_id, fields, user_id()))
            flash("De plaats is aangepast.", "ok")
            return redirect(url_for("workspace.placements"), code=303)
    values = request.form if errors else MultiDict(
        [(k, str(current[k] or "")) for k in ("title", "description", "hours_per_week", "capacity", "host_name",
                                              "host_address", "supervisor_name", "supervisor_email", "supervisor_phone")]
        + [("host_postcode", current["postcode"])] + [("work_areas", k) for k in current["work_areas"] or ()]
        + [("availability", k) for k in current["availability"]])
    return render_template("workspace/placement_edit.html", placement=current, errors=errors, values=values,
                           **_placement_choices()), 422 if errors else 200


def _placement_fields(form) -> tuple[dict | None, dict[str, str]]:
    """The placement form checked by the API's schema: (fields, {}) or (None, a message per field)."""
    try:
        return schemas.PlacementIn().load(placement_form_body(form)), {}
    except ValidationError as error:
        return None, {field.replace(".", "_"): "Dit klopt nog niet." for field in flatten(error.messages)}


def _placement_choices() -> dict:
    return {"tasks": [(k, vocab.label(vocab.WORK_AREAS, k)) for k in vocab.WORK_AREAS],
            "days": [(k, v[0]) for k, v in vocab.DAYS.items()], "parts": [(k, v[0]) for k, v in vocab.PARTS.items()]}


@blp.post("/plaatsen/<placement_id>/sluiten")
def close_placement(placement_id: str):
    return _decide(commands.ClosePlacement(org_id(), placement_id, user_id()), "De plaats is gesloten.",
                   url_for("workspace.placements"))


def placement_form_body(form) -> dict:
    """The API body of the placement form: the work, where it is (host) and who supervises."""
    text = {name: (form.get(name) or "").strip() for name in form}
    body = {"title": text.get("title", ""), "work_areas": form.getlist("work_areas"),
            "availability": form.getlist("availability"), "capacity": form.get("capacity") or "1",
            "hours_per_week": text.get("hours_per_week", ""),
            "host": {"name": text.get("host_name", ""), "address": text.get("host_address", ""),
                     "postcode": text.get("host_postcode", "")},
            "supervisor": {"name": text.get("supervisor_name", ""), "email": text.get("supervisor_email", "")}}
    if text.get("supervisor_phone"):
        body["supervisor"]["phone"] = text["supervisor_phone"]
    if text.get("description"):
        body["description"] = text["description"]
    return body


@blp.get("/berichten")
def messages():
    return list_views.messages(labels()["status_label"])


@blp.get("/logboek")
def audit_log():
    """Who viewed or changed whose personal data: for admins only (others get 404, as for anything not theirs)."""
    if current_user.role != Role.ADMIN:
        abort(404)
    return render_template("workspace/audit.html", items=access_log.rows(bus(), org_id()))


@blp.get("/cijfers.csv")
def quarter_csv():
    today = date.today()
    year = request.args.get("jaar", type=int) or today.year
    quarter = request.args.get("kwartaal", type=int) or (today.month - 1) // 3 + 1
    if not 1 <= quarter <= 4 or not 2000 <= year <= 2100:
        return redirect(url_for("workspace.dashboard"), code=303)
    body = dashboard_page.quarter_csv(bus(), org_id(), year, quarter)
    return Response(body, mimetype="text/csv", headers={
        "Content-Disposition": f'attachment; filename="koppel-{current_user.organization_id[:8]}-{year}-K{quarter}.csv"'})
