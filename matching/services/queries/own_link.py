"""What a person sees through their private link: the page (/mijn/<token>) in one read, and the
request behind the link for the API (GET /requests/self)."""
from __future__ import annotations

from datetime import datetime
from typing import Any

from matching.domain.base import token_hash
from matching.domain.evaluation import MOMENT_NL, open_moment
from matching.domain.match import FIRST_CONTACT_BY, Match, MatchStatus, OfferType
from matching.domain.people import PausedBy, Request, RequestStatus, Volunteer, VolunteerStatus
from matching.services import activity_ranking, exports, private_links, wait_estimate
from matching.services.messagebus import MessageBus
from matching.services.ports import UnitOfWork
from matching.services.profiles import search_distance_km
from matching.services.queries.person_records import request_record, volunteer_record


def request(bus: MessageBus, token: str) -> dict[str, Any]:
    """The request behind the link (NotFound for a volunteer's link or an unknown one)."""
    now = bus.deps.clock.now()
    with bus.uow() as uow:
        found = uow.requests.by_token(token_hash(token))
        return {**request_record(found, now), "wait_estimate": wait_estimate.for_request(uow, found, now)}


def page(bus: MessageBus, token: str, now: datetime | None = None) -> dict[str, Any]:
    """Everything the private link's page shows: the person, where they stand, their match (or how it
    ended), how far we search for them, and who looked at their data. NotFound for a dead link."""
    now = now or bus.deps.clock.now()
    with bus.uow() as uow:
        role, person = private_links.person_behind(uow, token)
        org = uow.organizations.get(person.organization_id)
        running = uow.matches.for_person(role, person.id, (MatchStatus.ACTIVE,))
        ended = [] if running else uow.matches.for_person(role, person.id, (MatchStatus.ENDED,))[:1]
        side = "request" if role == "request" else "offer"
        page = {
            "role": role, "state": _state(person, running),
            "person": {**(request_record(person, now) if role == "request" else volunteer_record(person)),
                       "consent_at": person.consent_at},
            "organization": {"name": org.name, "contact": org.contact},
            "matches": [_running(uow, m, side, now) for m in running],
            "ended": _ended(uow, ended[0], side) if ended else None,
            "access": exports.access_summary(uow, role, person.id, now),
        }
        if role == "request":
            page["distance"] = {"km": search_distance_km(person), "is_default": person.max_distance_km is None}
            page["wait_estimate"] = wait_estimate.for_request(uow, person, now)
            if person.erased_at is None and person.status != RequestStatus.WITHDRAWN:
                page["activities"] = activity_ranking.for_request(uow, person)
                shown = {item["activity"]["id"] for item in page["activities"]}
                page["joined"] = [activity_ranking.card(uow.activities.get(s.activity_id, None))
                                  for s in uow.activities.signups_of_request(person.id) if s.activity_id not in shown]
            page["work"] = _work(uow, running + ended, now)
        page["other_role"] = person.volunteer_id if role == "request" else person.request_id
        return page


def role_of(bus: MessageBus, token: str) -> str:
    """"request" or "volunteer": which side the link's person is on (NotFound for a dead link)."""
    with bus.uow() as uow:
        return private_links.person_behind(uow, token)[0]


def _state(person: Request | Volunteer, running: list[Match]) -> str:
    """One word for where the person stands, richer than the stored status (a paused request still
    "waits"; a request stays "matched" after its match ended, for the reports)."""
    if isinstance(person, Request):
        if person.status == RequestStatus.WAITING and person.paused:
            return "paused"
        if person.status == RequestStatus.MATCHED and not running:
            return "ended"
        return person.status
    if person.status == VolunteerStatus.PAUSED and person.paused_by != PausedBy.SELF:
        return "paused_by_coordinator"
    return person.status


def _partner(uow: UnitOfWork, match: Match, side: str) -> str:
    """The other side's first name (a placement's title): what a confirmed match lets each side know."""
    if side == "offer":
        return uow.requests.get(match.request_id, match.organization_id).first_name or ""
    offer = uow.offers.get(match.offer_type, match.offer_id, match.organization_id)
    return (offer.first_name if match.offer_type == OfferType.VOLUNTEER else offer.title) or ""


def _running(uow: UnitOfWork, match: Match, side: str, now: datetime) -> dict[str, Any]:
    return {"partner": _partner(uow, match, side), "offer_type": match.offer_type,
            "first_contact_by": FIRST_CONTACT_BY[match.offer_type], "confirmed_at": match.confirmed_at,
            "question_from": match.go_on_question_from, "asks": match.asks_go_on(side, now),
            "answer": match.request_answer if side == "request" else match.offer_answer}


def _work(uow: UnitOfWork, matches: list[Match], now: datetime) -> dict[str, Any] | None:
    """A werkervaringsplaats's evaluation the person can answer now, and whether a certificate can be
    downloaded (an active or ended placement match)."""
    placement = next((m for m in matches if m.offer_type == OfferType.PLACEMENT), None)
    if placement is None:
        return None
    supervision = uow.evaluations.supervision_of(placement.id)
    moment = None
    if supervision is not None:
        answered = {str(e.moment) for e in uow.evaluations.of_match(placement.id) if e.side == "participant"}
        ended = placement.ended_at.date() if placement.ended_at else None
        moment = open_moment(supervision.start_on, ended, now.date(), answered)
    return {"open_moment": str(moment) if moment else None, "label": MOMENT_NL[moment] if moment else None,
            "certificate": True}


def _ended(uow: UnitOfWork, match: Match, side: str) -> dict[str, Any]:
    return {"partner": _partner(uow, match, side), "offer_type": match.offer_type, "ended_at": match.ended_at}
