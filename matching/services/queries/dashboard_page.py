"""The dashboard: figures, why requests are stuck, open reminders, charts, and the quarter's CSV."""
from __future__ import annotations

import csv
import io
from collections import Counter
from datetime import datetime, timedelta, timezone
from typing import Any

from matching.domain.match import OfferType
from matching.domain.reminder import CONTACT_EVERY_DAYS
from matching.services import blocking_rules, match_figures
from matching.services.messagebus import MessageBus
from matching.services.ports import UnitOfWork
from matching.services.queries.person_records import ERASED, display_name, viewed


def stats(bus: MessageBus, org: str) -> dict:
    """The figures a municipality asks for (also GET /stats)."""
    now = bus.deps.clock.now()
    with bus.uow() as uow:
        return {**uow.read_model.stats(org, now), **match_figures.headline(uow, org, now)}


def headline(bus: MessageBus, org: str) -> dict:
    """The waiting list's few figures: how many wait and how long (median), how many of them heard from us
    in four weeks (`contacted`, as `contacted()` says it), running matches, how many need a check-in and how
    many reminders are open. Cheap on purpose (the charts are on their own page): one transaction."""
    now = bus.deps.clock.now()
    with bus.uow() as uow:
        waiting, reached = uow.waiting.contacted_count(org, now - timedelta(days=CONTACT_EVERY_DAYS))
        out = uow.read_model.headline(org, now, count=waiting)
        out["contacted"] = {"waiting": waiting, "contacted": reached}
        out["needs_check_in"] = uow.read_model.health_counts(org).get("needs_check_in", 0)
        out["open_reminders"] = uow.read_model.open_reminder_count(org)
        return out


def why_summary(bus: MessageBus, org: str) -> dict[str, Any]:
    """Why nobody fits, summed over every waiting request without a candidate (the workers stored the counts)."""
    total: Counter = Counter()
    with bus.uow() as uow:
        blocked = uow.read_model.blocked_counts(org)
    for counts in blocked:
        total.update({k: v for k, v in counts.items() if k != "fits"})
    return {"stuck": len(blocked), "counts": dict(total), "sentence": blocking_rules.sentence(total) if blocked else ""}


def contacted(bus: MessageBus, org: str) -> dict[str, int]:
    """How many waiting people heard from us (a call note or a message) in the last 28 days, of how many."""
    since = bus.deps.clock.now() - timedelta(days=CONTACT_EVERY_DAYS)
    with bus.uow() as uow:
        waiting, contacted = uow.waiting.contacted_count(org, since)
    return {"waiting": waiting, "contacted": contacted}


SHOWN_REMINDERS = 10  # the dashboard lists the oldest due; "bel even" for a long waiting list runs to thousands


def reminders(bus: MessageBus, org: str, user_id: str | None = None, limit: int | None = SHOWN_REMINDERS) -> list[dict]:
    """The oldest `limit` reminders not yet handled, oldest due first, each with `names`: whom it is about
    ("Anna en Bram d." for a match, the volunteer's name, the waiting person's first name), so the link
    says more than "koppeling". Names shown are logged. The count of all open ones is in `headline`."""
    with bus.uow() as uow:
        rows = uow.read_model.open_reminders(org, limit)
        shown = _name(uow, org, rows)
        viewed(uow, bus.deps.clock.now(), org, user_id, "reminder.list", shown)
        return rows


def _name(uow: UnitOfWork, org: str, rows: list[dict]) -> list[tuple[str, str]]:
    """Set each reminder's `names` (ERASED when its subject is gone), reading every subject in one query a
    kind; returns the people named, as (person type, id) for the access log."""
    of = {kind: [row["subject_id"] for row in rows if row["subject_type"] == kind] for kind in ("match", "request", "volunteer")}
    matches = uow.matches.get_many(of["match"], org)
    offers = {OfferType.PLACEMENT: [m.offer_id for m in matches.values() if m.offer_type == OfferType.PLACEMENT],
              OfferType.VOLUNTEER: [m.offer_id for m in matches.values() if m.offer_type != OfferType.PLACEMENT]}
    requests = uow.requests.get_many([*of["request"], *(m.request_id for m in matches.values())], org)
    volunteers = uow.volunteers.get_many([*of["volunteer"], *offers[OfferType.VOLUNTEER]], org)
    placements = uow.placements.get_many(offers[OfferType.PLACEMENT], org)
    shown: list[tuple[str, str]] = []
    for row in rows:
        row["names"], people = _about(row["subject_type"], row["subject_id"], matches, requests, volunteers, placements)
        shown += people
    return shown


def _about(subject_type: str, subject_id: str, matches: dict, requests: dict, volunteers: dict,
           placements: dict) -> tuple[str, list[tuple[str, str]]]:
    """Whom a reminder is about, as words and as (person type, id) for the access log."""
    if subject_type == "volunteer":
        volunteer = volunteers.get(subject_id)
        if volunteer is None:
            return ERASED, []
        return display_name(volunteer.first_name, volunteer.last_name, initial=True), [("volunteer", subject_id)]
    if subject_type == "request":  # "bel even": a waiting person not contacted in four weeks
        request = requests.get(subject_id)
        return (display_name(request.first_name), [("request", subject_id)]) if request else (ERASED, [])
    match = matches.get(subject_id)
    request = requests.get(match.request_id) if match else None
    offer = (placements if match.offer_type == OfferType.PLACEMENT else volunteers).get(match.offer_id) if match else None
    if request is None or offer is None:
        return ERASED, []
    if match.offer_type == OfferType.PLACEMENT:
        return f"{display_name(request.first_name)} bij {offer.title}", [("request", request.id)]
    return (f"{display_name(request.first_name)} en {display_name(offer.first_name, offer.last_name, initial=True)}",
            [("request", request.id), ("volunteer", offer.id)])


def charts(bus: MessageBus, org: str) -> dict[str, Any]:
    """The pictures: waiting list and median waiting days over time, matches per month, end reasons,
    and how long matches last (survival per start quarter, endings by who started them, health counts)."""
    with bus.uow() as uow:
        return {"history": uow.read_model.history(org, bus.deps.clock.now()),
                "end_reasons": uow.read_model.end_reasons(org),
                "matches": match_figures.dashboard(uow, org, bus.deps.clock.now())}


def quarter_csv(bus: MessageBus, org: str, year: int, quarter: int) -> str:
    """One quarter's figures as CSV (semicolons, as Dutch spreadsheets expect), without personal data."""
    start = datetime(year, 3 * quarter - 2, 1, tzinfo=timezone.utc)
    end = datetime(year + (quarter == 4), 1 if quarter == 4 else 3 * quarter + 1, 1, tzinfo=timezone.utc)
    with bus.uow() as uow:
        figures = {**uow.read_model.quarter_figures(org, start, end), **match_figures.quarter(uow, org, start, end)}
    out = io.StringIO()
    writer = csv.writer(out, delimiter=";")
    writer.writerow(["kwartaal", *map(_dutch_header, figures)])
    writer.writerow([f"{year}-K{quarter}", *map(_dutch_value, figures.values())])
    return out.getvalue()


CSV_WORDS = {"goal_reached": "doel_bereikt", "moved": "verhuisd", "no_click": "geen_klik",
             "life_change": "leven_veranderd", "volunteer_stopped": "vrijwilliger_gestopt",
             "participant_stopped": "deelnemer_gestopt", "drifted_apart": "uit_elkaar_gegroeid", "other": "anders",
             "stopped": "gestopt_oud", "participant": "deelnemer", "volunteer": "vrijwilliger",
             "coordinator": "coordinator", "both": "allebei"}


def _dutch_header(key: str) -> str:
    """Column names in Dutch: "beeindigd_moved" reads "beeindigd_verhuisd", "beeindigd_door_both" "…_allebei"."""
    for prefix in ("beeindigd_door_", "beeindigd_"):
        if key.startswith(prefix):
            return prefix + CSV_WORDS.get(key[len(prefix):], key[len(prefix):])
    return key


def _dutch_value(value: Any) -> Any:
    """A decimal comma, as a Dutch spreadsheet reads a number in a semicolon-separated file."""
    return str(value).replace(".", ",") if isinstance(value, float) else value
