"""Event handlers run by the workers: each claims the event id in the same transaction as its effect,
so a message delivered twice (Dramatiq delivers at least once) changes nothing the second time."""
from __future__ import annotations

import logging
from typing import Callable

from matching.domain.errors import NotFound
from matching.domain.match import OfferType
from matching.domain.message import MessageStatus
from matching.services import (evaluations, match_health, match_introductions, pulses, queued_links, suggest,
                               texting)
from matching.services.importing import jobs as import_jobs
from matching.services.ports import Dependencies, UnitOfWork
from matching.services.profiles import offer_profile

log = logging.getLogger(__name__)


def once(name: str):
    """Wrap an effect so it runs in one transaction with the claim of (event id, handler).

    What the event is about may be gone (erased, or the message outlived its database): retrying
    cannot bring it back, so the claim is kept and the effect skipped, instead of a retry storm."""
    def wrap(effect: Callable) -> Callable:
        def handler(event: dict, uow: UnitOfWork, deps: Dependencies) -> None:
            with uow:
                if not uow.events.claim(event["id"], name, deps.clock.now()):
                    log.info("%s already handled %s", name, event["id"])
                    return
                try:
                    effect(event["payload"], uow, deps)
                except NotFound:
                    uow.rollback()
                    _claim_only(uow, deps, event["id"], name)
                    log.info("%s skipped %s: what it is about is gone", name, event["id"])
                    return
                uow.commit()
        handler.__name__ = name
        handler.__doc__ = effect.__doc__
        return handler
    return wrap


def _claim_only(uow: UnitOfWork, deps: Dependencies, event_id: str, name: str) -> None:
    uow.events.claim(event_id, name, deps.clock.now())
    uow.commit()


@once("score_request")
def score_request(payload: dict, uow: UnitOfWork, deps: Dependencies) -> None:
    """A request changed (or came back to the waiting list): store its best candidates."""
    suggest.rescore(uow, payload["organization_id"], [payload["request_id"]], deps.suggestions_per_request,
                    deps.clock.now())


@once("score_new_request")
def score_new_request(payload: dict, uow: UnitOfWork, deps: Dependencies) -> None:
    """A request came in: store its best candidates, with those of other new ones in the same batch."""
    suggest.score_new(uow, payload["organization_id"], payload["request_id"], deps.suggestions_per_request,
                      deps.clock.now())


@once("offer_freed")
def offer_freed(payload: dict, uow: UnitOfWork, deps: Dependencies) -> None:
    """An offer became available (or has room again): rescore the waiting requests within its reach."""
    org = payload["organization_id"]
    offer_type, offer_id = _offer_of(payload, uow)
    offer = uow.offers.get(offer_type, offer_id, org)
    if not offer.is_available:
        return
    within = suggest.requests_within_reach(uow, org, offer_profile(offer_type, offer, offer.capacity))
    if payload.get("request_id"):
        within.append(payload["request_id"])
    suggest.rescore(uow, org, within, deps.suggestions_per_request, deps.clock.now())


@once("offer_taken")
def offer_taken(payload: dict, uow: UnitOfWork, deps: Dependencies) -> None:
    """An offer left or filled up: refresh the requests whose suggestions name it."""
    offer_type, offer_id = _offer_of(payload, uow)
    suggest.rescore(uow, payload["organization_id"], uow.suggestions.requests_naming(offer_type, offer_id),
                    deps.suggestions_per_request, deps.clock.now())


@once("introduce")
def introduce(payload: dict, uow: UnitOfWork, deps: Dependencies) -> None:
    """A match was confirmed: queue an introduction to each side, with the other's contact details."""
    match = uow.matches.get(payload["match_id"], payload["organization_id"])
    request = uow.requests.get(match.request_id, payload["organization_id"])
    offer = uow.offers.get(match.offer_type, match.offer_id, payload["organization_id"])
    organization = uow.organizations.get(payload["organization_id"])
    for message in match_introductions.for_match(match, request, offer, organization, deps.clock.now()):
        uow.messages.add(message)


@once("supervise")
def supervise(payload: dict, uow: UnitOfWork, deps: Dependencies) -> None:
    """A placement match was confirmed: its werkbegeleider gets a private link for the evaluations."""
    evaluations.start(uow, deps, uow.matches.get(payload["match_id"], payload["organization_id"]))


@once("tell_match_ended")
def tell_match_ended(payload: dict, uow: UnitOfWork, deps: Dependencies) -> None:
    """A match ended: queue a message to each side saying so, what happens next for them, and how it went.

    Both people are locked first, as their erasure locks them: an erasure either waits for these
    messages and blanks them, or finishes first and no message is written."""
    match = uow.matches.get(payload["match_id"], payload["organization_id"])
    request = uow.requests.get(match.request_id, payload["organization_id"], lock=True)
    offer = uow.offers.get(match.offer_type, match.offer_id, payload["organization_id"], lock=True)
    organization = uow.organizations.get(payload["organization_id"])
    for message in pulses.ending_messages(uow, deps, match, request, offer, organization):  # with the questions
        uow.messages.add(message)


@once("deliver")
def deliver(payload: dict, uow: UnitOfWork, deps: Dependencies) -> None:
    """Send a queued message by SMTP, or store it for the coordinator when no mail server is set. One
    without an address goes by SMS when SMS_URL is set, else waits on the call list (never "sent")."""
    message = uow.messages.get(payload["message_id"], payload["organization_id"])
    if message.status != MessageStatus.QUEUED:
        return
    if not message.to_address:  # a phone-only person: by SMS when SMS_URL is set, else the call list
        texting.deliver(message, uow, deps)
        return
    if deps.mail is None:
        message.mark_stored()
        return
    message.attempts += 1
    deps.mail.send(message.to_address, message.subject, queued_links.mail_body(message, deps))
    message.mark_sent(now=deps.clock.now())


@once("health_after_note")
def health_after_note(payload: dict, uow: UnitOfWork, deps: Dependencies) -> None:
    """A note about someone (a call, say): the health of their running matches is judged again."""
    match_health.after_note(uow, deps, payload["person_type"], payload["person_id"])


def _offer_of(payload: dict, uow: UnitOfWork) -> tuple[str, str]:
    if "volunteer_id" in payload:
        return OfferType.VOLUNTEER, payload["volunteer_id"]
    if "placement_id" in payload:
        return OfferType.PLACEMENT, payload["placement_id"]
    match = uow.matches.get(payload["match_id"], payload["organization_id"])
    return match.offer_type, match.offer_id


EVENT_HANDLERS = {
    "request.submitted": [score_new_request],
    "request.changed": [score_request],
    "request.resumed": [score_request],
    "request.transferred_in": [score_request],  # the partner scores it against its own offers
    "volunteer.activated": [offer_freed],
    "volunteer.resumed": [offer_freed],
    "placement.created": [offer_freed],
    "volunteer.paused": [offer_taken],
    "volunteer.stopped": [offer_taken],
    "volunteer.changed": [offer_taken, offer_freed],
    "placement.changed": [offer_taken, offer_freed],
    "match.proposed": [offer_taken],
    "match.confirmed": [introduce, supervise],
    "match.declined": [offer_freed],
    "match.ended": [offer_freed, tell_match_ended],
    "match.undone": [offer_taken],
    "message.queued": [deliver],
    "note.written": [health_after_note],
    "import.queued": [import_jobs.run],
}
