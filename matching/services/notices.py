"""Confirmation messages after a sign-up: what happens next, and the private link.

The stored message holds the link masked; the live link travels only in the mail itself (sealed
in the message until it is sent), so nobody reads a person's link in Berichten, the API or an export."""
from __future__ import annotations

import logging

from matching.domain.message import Message, masked_link, with_link
from matching.domain.organization import Organization, contact_footer
from matching.domain.people import Request, Volunteer
from matching.services.ports import Dependencies

log = logging.getLogger(__name__)
KIND_WORDS = {"maatje": "een maatje", "werkervaringsplaats": "een werkervaringsplaats"}
SEAL_PURPOSE = "private link in a queued message"


def request_received(org: Organization, request: Request, deps: Dependencies) -> Message:
    """By email; without one the message waits on the coordinator's call list (or goes by SMS, short,
    when SMS_URL is set), so a person who gave only a phone number is told what happens too."""
    message = Message.queue(
        org.id, request.email, f"Je aanmelding bij {org.name}",
        f"Beste {request.first_name},\n\nFijn dat je je hebt aangemeld voor {KIND_WORDS[request.kind]}. "
        f"De coördinator van {org.name} neemt contact met je op voor een kennismaking. "
        "Meestal hoor je binnen een week van ons.\n\n"
        f"Met deze persoonlijke link kun je zien hoe het staat, je gegevens aanpassen of alles laten "
        f"verwijderen:\n{masked_link(deps.public_url)}\n\n"
        "Deel deze link met niemand.\n\nHartelijke groet,\n" + org.name + contact_footer(org.name, org.contact),
        "request", request.id, now=request.created_at,
        sms_body=None if request.email else _received_sms(org, request, deps))
    return _with_link(message, request.manage_token, deps)


def _received_sms(org: Organization, request: Request, deps: Dependencies) -> str:
    """Short, and in characters every phone sends as plain SMS: what happens next, the link, who to call."""
    call = f" Vragen? Bel {org.contact['phone']}." if org.contact.get("phone") else ""
    return (f"{org.name}: fijn dat je je hebt aangemeld voor {KIND_WORDS[request.kind]}. We bellen je voor een "
            f"kennismaking. Je persoonlijke link (deel hem met niemand): {masked_link(deps.public_url)}{call}")


def volunteer_received(org: Organization, volunteer: Volunteer, deps: Dependencies) -> Message:
    message = Message.queue(
        org.id, volunteer.email, f"Je aanmelding als vrijwilliger bij {org.name}",
        f"Beste {volunteer.first_name},\n\nBedankt voor je aanmelding als vrijwilliger. "
        f"De coördinator van {org.name} nodigt je uit voor een kennismakingsgesprek. "
        "Daarna vragen we een VOG (Verklaring Omtrent het Gedrag) aan.\n\n"
        f"Met deze persoonlijke link pas je je beschikbaarheid aan, las je een pauze in of laat je je "
        f"gegevens verwijderen:\n{masked_link(deps.public_url)}\n\n"
        "Hartelijke groet,\n" + org.name + contact_footer(org.name, org.contact),
        "volunteer", volunteer.id, now=volunteer.created_at)
    return _with_link(message, volunteer.manage_token, deps)


def _with_link(message: Message, token: str | None, deps: Dependencies) -> Message:
    """Seal the token into the message only when a mail (or, without an address, an SMS) will go out;
    stored messages never hold it."""
    if token and (deps.mail if message.to_address else deps.sms) is not None:
        message.link_seal = deps.links.seal(SEAL_PURPOSE, message.id, token)
    return message


def _token(message: Message, deps: Dependencies) -> str | None:
    if not message.link_seal:
        return None
    token = deps.links.unseal(SEAL_PURPOSE, message.id, message.link_seal)
    if token is None:  # SECRET_KEY changed while the message waited: send it with the link masked
        log.warning("message %s: its private link could not be opened; sent masked", message.id)
    return token


def mail_body(message: Message, deps: Dependencies) -> str:
    """The body as it goes out by mail: the live private link, opened from its seal at this moment."""
    return message.body_with_link(_token(message, deps))


def sms_body(message: Message, deps: Dependencies) -> str:
    """The text as it goes out by SMS: the short version when there is one, with the live link."""
    return with_link(message.sms_body or message.body, _token(message, deps))
