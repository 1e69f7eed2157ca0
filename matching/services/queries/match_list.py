"""The matches (API: GET /matches; the workspace's Koppelingen page), with the offers' display names."""
from __future__ import annotations

from matching.domain.errors import NotFound
from matching.domain.match import OfferType
from matching.services.messagebus import MessageBus
from matching.services.queries.person_records import display_name, viewed


def rows(bus: MessageBus, org: str, status: str | None, health: str | None = None) -> list[dict]:
    """The matches, newest proposal first (ids only: the names come from `offer_names`); `health`
    (too_early, on_track, needs_check_in) keeps the running ones with that health."""
    with bus.uow() as uow:
        return uow.read_model.matches(org, status, health)


def offer_names(bus: MessageBus, org: str, refs: list[tuple[str, str]],
                user_id: str | None) -> dict[tuple[str, str], str]:
    """Display names for offers: a volunteer's first name and initial (logged), a placement's title."""
    out = {}
    with bus.uow() as uow:
        viewed(uow, bus.deps.clock.now(), org, user_id, "volunteer.name",
               [ref for ref in refs if ref[0] == OfferType.VOLUNTEER])
        for offer_type, offer_id in refs:
            try:
                offer = uow.offers.get(offer_type, offer_id, org)
            except NotFound:
                continue
            out[(offer_type, offer_id)] = offer.title if offer_type == OfferType.PLACEMENT else \
                display_name(offer.first_name, offer.last_name, initial=True)
    return out


def request_names(bus: MessageBus, org: str, ids: list[str], user_id: str | None) -> dict[str, str]:
    """First names of requests (logged as shown), so a match reads "Anna met Bram d.", not "Aanvraag met…"."""
    out = {}
    with bus.uow() as uow:
        viewed(uow, bus.deps.clock.now(), org, user_id, "request.name", [("request", i) for i in dict.fromkeys(ids)])
        for request_id in dict.fromkeys(ids):
            try:
                out[request_id] = display_name(uow.requests.get(request_id, org).first_name)
            except NotFound:
                continue
    return out
