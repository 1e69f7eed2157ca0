"""The private link's page in one read: the person, where they stand, their match (or how it
ended), how far we search for them, and who looked at their data."""
from __future__ import annotations

from datetime import datetime
from typing import Any

from matching.domain.base import token_hash, utcnow
from matching.domain.match import FIRST_CONTACT_BY, Match
from matching.domain.organization import Organization
from matching.domain.people import Request, Volunteer
from matching.services import exports
from matching.services.profiles import search_distance_km
from matching.services.queries import _request_dict, _volunteer_dict


def own_page(bus, token: str, now: datetime | None = None) -> dict[str, Any]:
    """Everything the page shows; NotFound for a link that does not (or no longer) work."""
    now = now or utcnow()
    with bus.uow() as uow:
        role, person = uow.repo.person_by_token(token_hash(token))
        org = uow.repo.get(Organization, person.organization_id, None)
        running = uow.repo.matches_of_person(role, person.id, ("active",))
        ended = [] if running else uow.repo.matches_of_person(role, person.id, ("ended",))[:1]
        side = "request" if role == "request" else "offer"
        page = {
            "role": role, "state": _state(person, running),
            "person": {**(_request_dict(person) if role == "request" else _volunteer_dict(person)),
                       "consent_at": person.consent_at},
            "organization": {"name": org.name, "contact": org.contact},
            "matches": [_running(uow, m, side, now) for m in running],
            "ended": _ended(uow, ended[0], side) if ended else None,
            "access": exports.access_summary(uow.session, role, person.id, now),
        }
        if role == "request":
            page["distance"] = {"km": search_distance_km(person), "is_default": person.max_distance_km is None}
        return page


def role_of(bus, token: str) -> str:
    """"request" or "volunteer": which side the link's person is on (NotFound for a dead link)."""
    with bus.uow() as uow:
        return uow.repo.person_by_token(token_hash(token))[0]


def _state(person: Request | Volunteer, running: list[Match]) -> str:
    """One word for where the person stands, richer than the stored status (a paused request still
    "waits"; a request stays "matched" after its match ended, for the reports)."""
    if isinstance(person, Request):
        if person.status == "waiting" and person.paused:
            return "paused"
        if person.status == "matched" and not running:
            return "ended"
        return person.status
    if person.status == "paused" and person.paused_by != "self":
        return "paused_by_coordinator"
    return person.status


def _partner(uow, match: Match, side: str) -> str:
    """The other side's first name (a placement's title): what a confirmed match lets each side know."""
    if side == "offer":
        return uow.repo.get(Request, match.request_id, match.organization_id).first_name or ""
    offer = uow.repo.offer(match.offer_type, match.offer_id, match.organization_id)
    return (offer.first_name if match.offer_type == "volunteer" else offer.title) or ""


def _running(uow, match: Match, side: str, now: datetime) -> dict[str, Any]:
    return {"partner": _partner(uow, match, side), "offer_type": match.offer_type,
            "first_contact_by": FIRST_CONTACT_BY[match.offer_type], "confirmed_at": match.confirmed_at,
            "question_from": match.go_on_question_from, "asks": match.asks_go_on(side, now),
            "answer": getattr(match, f"{side}_answer")}


def _ended(uow, match: Match, side: str) -> dict[str, Any]:
    return {"partner": _partner(uow, match, side), "offer_type": match.offer_type, "ended_at": match.ended_at}
