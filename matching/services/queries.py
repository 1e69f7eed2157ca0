"""Read-side use cases: what coordinators and people see. Views of personal data are audited."""
from __future__ import annotations

from collections import Counter
from datetime import datetime
from typing import Any

from matching.domain.base import token_hash
from matching.domain.errors import NotFound
from matching.domain.people import Request, Volunteer
from matching.services import organizations, private_links, why
from matching.services.ports import UnitOfWork
from matching.services.profiles import search_distance_km


def _viewed(uow: UnitOfWork, now: datetime, org: str, user_id: str | None, action: str,
            subjects: list[tuple[str, str]]) -> None:
    """Log which people a coordinator was shown, in the same transaction as the read."""
    uow.audit.record_views(org, user_id, action, subjects, now)
    uow.commit()


def waiting_list(bus, org: str, status: str | None, user_id: str | None, limit: int = 500) -> list[dict]:
    """The requests with first names and postcodes: every person shown is in the access log."""
    with bus.uow() as uow:
        now = bus.deps.clock.now()
        rows = uow.read_model.requests(org, status, now, limit)
        _viewed(uow, now, org, user_id, "request.list", [("request", row["id"]) for row in rows])
        return rows


def request_detail(bus, org: str, request_id: str, user_id: str | None) -> dict[str, Any]:
    with bus.uow() as uow:
        request = uow.requests.get(request_id, org)
        now = bus.deps.clock.now()
        uow.audit.record(org, user_id, "request.view", "request", request.id, now)
        uow.commit()
        return _request_dict(request, now)


def own_request(bus, token: str) -> dict[str, Any]:
    """What a person sees through their private link."""
    with bus.uow() as uow:
        return _request_dict(uow.requests.by_token(token_hash(token)), bus.deps.clock.now())


def organization(bus, slug: str) -> dict[str, str]:
    """The public face of an organisation (NotFound when unknown)."""
    with bus.uow() as uow:
        org = organizations.by_slug(uow, slug)
        return {"id": org.id, "slug": org.slug, "name": org.name, "contact": org.contact}


def organization_id(bus, slug: str) -> str | None:
    """The id of the organisation at this slug, or None (the CLI creates the demo one when missing)."""
    with bus.uow() as uow:
        found = uow.organizations.find(slug)
        return found.id if found else None


def own_organization(bus, org: str) -> dict[str, Any]:
    """The coordinator's own organisation with its contact details (the admin page edits them)."""
    with bus.uow() as uow:
        found = uow.organizations.get(org)
        return {"id": found.id, "slug": found.slug, "name": found.name, "contact": found.contact}


def public_organizations(bus) -> list[dict[str, Any]]:
    """Every organisation's public face, for the front page: names, slugs and contact details only."""
    with bus.uow() as uow:
        return [{"slug": org.slug, "name": org.name, "contact": org.contact}
                for org in uow.organizations.all()]


def own_record(bus, token: str) -> tuple[str, dict[str, Any]]:
    """Whoever the private link belongs to: ("request", {...}) or ("volunteer", {...}), with the organisation."""
    with bus.uow() as uow:
        kind, person = private_links.person_behind(uow, token)
        data = _request_dict(person, bus.deps.clock.now()) if kind == "request" else _volunteer_dict(person)
        org = uow.organizations.get(person.organization_id)
        data["organization"] = org.name
        data["organization_contact"] = org.contact
        return kind, data


def candidates(bus, org: str, request_id: str, limit: int) -> dict[str, Any]:
    """The stored suggestions, best first; `pending` while the workers have not scored the request."""
    with bus.uow() as uow:
        request = uow.requests.get(request_id, org)
        items = [
            {"offer": {"type": s["offer_type"], "id": s["offer_id"]}, "score": s["score"],
             "distance_km": s["distance_km"], "shared_interests": s["breakdown"]["interests"].get("shared", []),
             "shared_availability": s["breakdown"]["availability"].get("shared", []), "breakdown": s["breakdown"]}
            for s in uow.suggestions.of(request.id, limit)
        ]
        return {"pending": request.pending, "computed_at": request.scored_at, "items": items}


def volunteers(bus, org: str, status: str | None, user_id: str | None) -> list[dict]:
    """The volunteer list, with contact details: every volunteer shown is in the access log."""
    with bus.uow() as uow:
        rows = uow.read_model.volunteers(org, status)
        _viewed(uow, bus.deps.clock.now(), org, user_id, "volunteer.list", [("volunteer", row["id"]) for row in rows])
        return rows


def placements(bus, org: str) -> list[dict]:
    with bus.uow() as uow:
        return uow.read_model.placements(org)


def matches(bus, org: str, status: str | None) -> list[dict]:
    with bus.uow() as uow:
        return uow.read_model.matches(org, status)


def messages(bus, org: str, user_id: str | None) -> list[dict]:
    """Messages hold names and addresses: every recipient shown is in the access log."""
    with bus.uow() as uow:
        rows = uow.read_model.messages(org)
        shown = [(row["recipient_type"], row["recipient_id"]) for row in rows
                 if row["recipient_type"] in ("request", "volunteer")]
        _viewed(uow, bus.deps.clock.now(), org, user_id, "message.list", shown)
        return rows


def audit_log(bus, org: str) -> list[dict]:
    with bus.uow() as uow:
        return uow.read_model.audit_log(org)


def stats(bus, org: str) -> dict:
    with bus.uow() as uow:
        return uow.read_model.stats(org, bus.deps.clock.now())


def database_ok(bus) -> bool:
    try:
        with bus.uow() as uow:
            uow.read_model.ping()
        return True
    except Exception:
        return False


def _request_dict(request: Request, now: datetime) -> dict[str, Any]:
    fields = ("id", "kind", "status", "first_name", "email", "phone", "postcode", "interests", "availability",
              "languages", "gender", "birth_year", "about", "created_at", "scored_at", "paused_at")
    out = {name: getattr(request, name) for name in fields}
    out["preferences"] = {"volunteer_gender": request.volunteer_gender,
                          "max_distance_km": search_distance_km(request),
                          "max_distance_is_default": request.max_distance_km is None}
    out["waiting_days"] = (now - request.created_at).days
    return out


def _volunteer_dict(volunteer: Volunteer) -> dict[str, Any]:
    fields = ("id", "status", "first_name", "last_name", "email", "phone", "postcode", "interests", "availability",
              "languages", "gender", "birth_year", "kinds", "capacity", "max_distance_km", "motivation",
              "vog_checked_at", "created_at", "paused_by")
    out = {name: getattr(volunteer, name) for name in fields}
    out["preferences"] = {"participant_gender": volunteer.participant_gender}
    return out


def why_nobody_fits(bus, org: str, request_id: str) -> dict[str, Any]:
    """Counts of the blocking rule per offer, and the Dutch sentence for the coordinator."""
    with bus.uow() as uow:
        request = uow.requests.get(request_id, org)
        counts = why.blocking_rules(uow, org, request)
        return {"counts": dict(counts), "sentence": why.sentence(counts, request.languages)}


def why_summary(bus, org: str) -> dict[str, Any]:
    """The same, summed over every waiting request without a candidate (the workers stored the counts)."""
    total: Counter = Counter()
    with bus.uow() as uow:
        blocked = uow.read_model.blocked_counts(org)
    for counts in blocked:
        total.update({k: v for k, v in counts.items() if k != "fits"})
    return {"stuck": len(blocked), "counts": dict(total), "sentence": why.sentence(total) if blocked else ""}


def offer_names(bus, org: str, refs: list[tuple[str, str]], user_id: str | None) -> dict[tuple[str, str], str]:
    """Display names for offers: a volunteer's first name and initial (logged), a placement's title."""
    out = {}
    with bus.uow() as uow:
        _viewed(uow, bus.deps.clock.now(), org, user_id, "volunteer.name",
                [ref for ref in refs if ref[0] == "volunteer"])
        for offer_type, offer_id in refs:
            try:
                offer = uow.offers.get(offer_type, offer_id, org)
            except NotFound:
                continue
            out[(offer_type, offer_id)] = offer.title if offer_type == "placement" else \
                f"{offer.first_name or ''} {(offer.last_name or ' ')[0]}.".strip()
    return out


def quarter_csv(bus, org: str, year: int, quarter: int) -> str:
    """One quarter's figures as CSV (semicolons, as Dutch spreadsheets expect)."""
    import csv
    import io
    from datetime import datetime, timezone

    start = datetime(year, 3 * quarter - 2, 1, tzinfo=timezone.utc)
    end = datetime(year + (quarter == 4), 1 if quarter == 4 else 3 * quarter + 1, 1, tzinfo=timezone.utc)
    with bus.uow() as uow:
        figures = uow.read_model.quarter_figures(org, start, end)
    out = io.StringIO()
    writer = csv.writer(out, delimiter=";")
    writer.writerow(["kwartaal", *figures])
    writer.writerow([f"{year}-K{quarter}", *figures.values()])
    return out.getvalue()


def reminders(bus, org: str) -> list[dict]:
    with bus.uow() as uow:
        return uow.read_model.open_reminders(org)


def own_match(bus, token: str) -> dict[str, Any] | None:
    """The running match behind a private link, for the first-meeting question (no details of the other side)."""
    with bus.uow() as uow:
        try:
            person_type, person = private_links.person_behind(uow, token)
        except NotFound:
            return None
        match = uow.matches.running_for(person_type, person.id)
        if match is None:
            return None
        side = "request" if person_type == "request" else "offer"
        return {"id": match.id, "answer": getattr(match, f"{side}_answer"), "ends_on": match.ends_on}


def charts(bus, org: str) -> dict[str, Any]:
    """The dashboard's pictures: waiting list and median waiting days over time, matches per month, end reasons."""
    with bus.uow() as uow:
        return {"history": uow.read_model.history(org, bus.deps.clock.now()),
                "end_reasons": uow.read_model.end_reasons(org)}


def import_job(bus, org: str, import_id: str, preview: bool = True) -> dict[str, Any]:
    """An import's state for its page: mapping, a preview while mapping (a dry run: only when the page
    shows it), progress, the report when done."""
    from matching.services.importing import jobs

    with bus.uow() as uow:
        job = uow.imports.get(import_id, org)
        data = {name: getattr(job, name) for name in ("id", "kind", "filename", "status", "headers", "mapping",
                                                      "total", "done", "report", "created_at", "finished_at")}
    data["samples"] = jobs.samples(bus.uow, job) if preview and job.status == "mapping" else {}
    data["preview"] = [o.as_dict() for o in jobs.preview(bus.uow, job)] if preview and job.status == "mapping" else []
    return data
