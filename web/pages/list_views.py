"""The workspace's four lists (waiting list, matches, volunteers, messages) with search, filters and pages,
and the confirm step before a match is declined or ended. The routes are in web/pages/workspace.py;
this module reads the parameters, calls the query and renders."""
from __future__ import annotations

from dataclasses import replace
from urllib.parse import parse_qsl, urlencode

from flask import render_template, url_for

from matching.domain.match import END_CHOICES, MatchStatus
from matching.domain.message import MessageStatus
from matching.domain.people import RequestStatus, VolunteerStatus
from matching.services.queries import match_list, message_list, volunteer_list, waiting_list
from web import schemas_lists
from web.context import bus, org_id, user_id
from web.pages import list_tools
from web.pages.list_tools import MIN_DAYS, SORT_LABELS, kind_labels

# Why a proposal is declined: a choice (none preselected), or "anders" with the coordinator's own words.
DECLINE_REASONS = {"past_niet": "Past niet bij elkaar", "deelnemer_wil_niet": "Deelnemer wil niet",
                   "vrijwilliger_wil_niet": "Vrijwilliger of plaats wil niet", "geen_tijd": "Geen tijd of ruimte nu",
                   "anders": "Anders"}
OTHER = "anders"


def _labels(statuses, status_label) -> dict[str, dict[str, str]]:
    return {"kind": kind_labels(), "status": {str(s): status_label(s) for s in statuses},
            "min_days": {str(k): v for k, v in MIN_DAYS.items()}, "sort": SORT_LABELS,
            "health": {"too_early": "Nog te vroeg", "on_track": "Loopt goed", "needs_check_in": "Check-in nodig"}}


def _selects(labels: dict, names: tuple[str, ...], titles: dict[str, str]) -> list:
    return [(name, titles[name], labels[name]) for name in names]


TITLES = {"kind": "Soort", "status": "Status", "min_days": "Wacht", "sort": "Volgorde", "health": "Gezondheid"}


def waiting(status_label) -> tuple[dict, int]:
    """The dashboard's table: the waiting list by default, any request status when chosen."""
    labels = _labels(RequestStatus, status_label)
    listing = list_tools.read(schemas_lists.RequestListArgs, labels, user_id())
    spec = listing.query if listing.query.status else replace(listing.query, status=RequestStatus.WAITING)
    found = waiting_list.page(bus(), org_id(), spec)
    selects = _selects(labels, ("kind", "status", "min_days", "sort"), TITLES)
    return {"listing": listing, "selects": selects, "waiting": found["items"],
            "pages": listing.pages(found["total"])}, 422 if listing.error else 200


def matches(status_label, health_labels) -> tuple[str, int]:
    labels = _labels(MatchStatus, status_label)
    listing = list_tools.read(schemas_lists.MatchListArgs, labels, user_id())
    found = match_list.page(bus(), org_id(), listing.query)
    selects = _selects(labels, ("kind", "status", "health", "sort"), {**TITLES, "sort": "Volgorde"})
    selects[-1] = ("sort", "Volgorde", {"waiting": "nieuwste eerst", "name": "op naam", "postcode": "op postcode"})
    return render_template("workspace/matches.html", items=found["items"], listing=listing, selects=selects,
                           pages=listing.pages(found["total"]), back=urlencode(listing.values | {"page": listing.query.page}),
                           health=listing.query.health), 422 if listing.error else 200


def volunteers(status_label) -> tuple[str, int]:
    labels = _labels(VolunteerStatus, status_label)
    labels["min_days"] = {str(k): v.replace("langer dan", "aangemeld langer dan") for k, v in MIN_DAYS.items()}
    listing = list_tools.read(schemas_lists.VolunteerListArgs, labels, user_id())
    found = volunteer_list.page(bus(), org_id(), listing.query)
    selects = _selects(labels, ("kind", "status", "sort"), TITLES)
    selects[-1] = ("sort", "Volgorde", {"waiting": "wie zich het eerst aanmeldde", "name": "op naam", "postcode": "op postcode"})
    return render_template("workspace/volunteers.html", items=found["items"], listing=listing, selects=selects,
                           pages=listing.pages(found["total"])), 422 if listing.error else 200


def messages(status_label) -> tuple[str, int]:
    labels = _labels(MessageStatus, status_label)
    listing = list_tools.read(schemas_lists.MessageListArgs, labels, user_id())
    found = message_list.page(bus(), org_id(), listing.query)
    selects = [("status", "Status", labels["status"])]
    return render_template("workspace/messages.html", items=found["items"], listing=listing, selects=selects,
                           pages=listing.pages(found["total"]),
                           search_label="Zoek op naam, e-mail, telefoon, postcode of onderwerp"), \
        422 if listing.error else 200


def back_to_matches(form, match_id: str) -> str:
    """Where a decision on the matches page returns: the same filters and page, at the same row. Only the
    list's own parameters are carried over (the value comes from a form)."""
    allowed = set(schemas_lists.MatchListArgs().fields)
    kept = {k: v for k, v in parse_qsl(form.get("terug", ""))[:12] if k in allowed and len(v) <= 100}
    return url_for("workspace.matches", **kept) + f"#m-{match_id}"


def decline_reason(form) -> tuple[str | None, dict[str, str]]:
    """The reason from the confirm step: a choice, or "anders" with words (then required)."""
    choice, text = form.get("reason", ""), (form.get("reason_text") or "").strip()[:500]
    if choice not in DECLINE_REASONS:
        return None, {"reason": "Kies een reden."}
    if choice == OTHER:
        return (text, {}) if text else (None, {"reason_text": "Schrijf op wat de reden is."})
    return DECLINE_REASONS[choice] + (f": {text}" if text else ""), {}


def end_errors(form) -> dict[str, str]:
    """The ending form's own checks, in Dutch, before the domain's (which names the field in English)."""
    if form.get("reason", "") not in END_CHOICES:
        return {"reason": "Kies een reden."}
    if form.get("reason") == "other" and not (form.get("note") or "").strip():
        return {"note": "Schrijf op wat de reden is."}
    return {}
