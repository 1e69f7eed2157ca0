"""A match as the coordinator follows it: its health and why, both sides' check-ins, a call noted in
one click, and a designed ending. Routing and small presenters only; the service layer does the work."""
from __future__ import annotations

from flask import Blueprint, flash, redirect, render_template, request, url_for
from flask_login import login_required

from matching.domain import commands
from matching.domain.errors import Conflict, Invalid, NotFound
from matching.domain.match import END_CHOICES, Initiator
from matching.services.queries import match_detail, match_list
from web.context import bus, org_id, user_id
from web.pages import survival_chart

blp = Blueprint("match_page", __name__, url_prefix="/werkplek")

HEALTH_LABELS = {"needs_check_in": "Check-in nodig", "on_track": "Loopt goed", "too_early": "Nog te vroeg"}
INITIATOR_LABELS = {"participant": "Deelnemer", "volunteer": "Vrijwilliger", "coordinator": "Coördinator",
                    "both": "Allebei", "unknown": "Niet bekend"}
SIDE_LABELS = {"request": "Deelnemer", "offer": "Vrijwilliger"}
NOTE_LABELS = {"call": "gebeld", "note": "notitie", "intake": "intake", "kennismaking": "kennismaking"}
PEOPLE = {"request": "request", "offer": "volunteer"}


@blp.before_request
@login_required
def require_login():
    """Every page here needs a logged-in coordinator."""


@blp.app_context_processor
def labels():
    return {"health_labels": HEALTH_LABELS, "initiator_labels": INITIATOR_LABELS, "side_labels": SIDE_LABELS,
            "note_labels": NOTE_LABELS}


def dashboard_parts(figures: dict) -> dict:
    """The survival chart and the table of endings by reason and initiator, shaped for the dashboard."""
    table: dict[str, dict[str, int]] = {}
    for row in figures["ended"]:
        table.setdefault(row["reason"] or "other", {})[row["initiated_by"]] = row["count"]
    return {"survival_chart": survival_chart.chart(figures["survival"], figures["by_quarter"]),
            "ended_table": sorted(table.items(), key=lambda item: -sum(item[1].values()))}


def end_command(org: str, match_id: str, form, by_user: str) -> commands.EndMatch:
    """The ending form: a reason, who started it, a note, and whether there was a goodbye meeting."""
    goodbye = {"ja": True, "nee": False}.get(form.get("goodbye_meeting", ""))
    return commands.EndMatch(org, match_id, form.get("reason", ""), by_user, form.get("initiated_by") or None,
                      (form.get("note") or "").strip()[:500] or None, goodbye)


@blp.get("/koppelingen/<match_id>")
def show(match_id: str):
    detail = match_detail.detail(bus(), org_id(), match_id, user_id())
    refs = [(detail["offer_type"], detail["offer_id"])]
    names = match_list.offer_names(bus(), org_id(), refs, user_id())
    rounds: dict[int, dict[str, dict]] = {}
    for pulse in detail["pulses"]:
        rounds.setdefault(pulse["round"], {})[pulse["side"]] = pulse
    return render_template("workspace/match.html", m=detail, name=names.get(refs[0], "?"),
                           rounds=sorted(rounds.items(), reverse=True), reasons=END_CHOICES, initiators=list(Initiator))


@blp.post("/koppelingen/<match_id>/gebeld/<side>")
def called(match_id: str, side: str):
    """A call with one side, noted: it counts as contact for the match's health (and clears the call list)."""
    if side not in PEOPLE:
        return redirect(url_for("match_page.show", match_id=match_id), code=303)
    detail = match_detail.detail(bus(), org_id(), match_id, user_id())
    person_id = detail["request_id"] if side == "request" else detail["offer_id"]
    if side == "offer" and detail["offer_type"] != "volunteer":
        raise NotFound("no person on this side")
    try:
        bus().handle(commands.WriteNote(org_id(), PEOPLE[side], person_id, "call", request.form.get("text", "")[:2000],
                                 user_id()))
        flash("Genoteerd: gebeld.", "ok")
    except (Conflict, Invalid) as error:
        flash(f"Dat lukte niet: {error}", "error")
    return redirect(url_for("match_page.show", match_id=match_id), code=303)
