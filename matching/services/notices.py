"""Confirmation messages after a sign-up: what happens next, and the private link.

The stored message holds the link masked; the live link travels only in the mail itself (sealed
in the message until it is sent), so nobody reads a person's link in Berichten, the API or an export."""
from __future__ import annotations

import logging

from matching.adapters import seal
from matching.domain.message import Message, masked_link
from matching.domain.organization import Organization
from matching.domain.people import Request, Volunteer

log = logging.getLogger(__name__)
KIND_WORDS = {"maatje": "een maatje", "werkervaringsplaats": "een werkervaringsplaats"}
SEAL_PURPOSE = "private link in a queued message"


def request_received(org: Organization, request: Request, settings) -> Message | None:
    """Only by email: a phone number is for the coordinator's call, not for automatic texts."""
    if not request.email:
        return None
    message = Message.queue(
        org.id, request.email, f"Je aanmelding bij {org.name}",
        f"Beste {request.first_name},\n\nFijn dat je je hebt aangemeld voor {KIND_WORDS[request.kind]}. "
        f"De coördinator van {org.name} neemt contact met je op voor een kennismaking. "
        "Meestal hoor je binnen een week van ons.\n\n"
        f"Met deze persoonlijke link kun je zien hoe het staat, je gegevens aanpassen of alles laten "
        f"verwijderen:\n{masked_link(settings.public_url)}\n\n"
        "Deel deze link met niemand.\n\nHartelijke groet,\n" + org.name,
        "request", request.id)
    return _with_link(message, request.manage_token, settings)


def volunteer_received(org: Organization, volunteer: Volunteer, settings) -> Message:
    message = Message.queue(
        org.id, volunteer.email, f"Je aanmelding als vrijwilliger bij {org.name}",
        f"Beste {volunteer.first_name},\n\nBedankt voor je aanmelding als vrijwilliger. "
        f"De coördinator van {org.name} nodigt je uit voor een kennismakingsgesprek. "
        "Daarna vragen we een VOG (Verklaring Omtrent het Gedrag) aan.\n\n"
        f"Met deze persoonlijke link pas je je beschikbaarheid aan, las je een pauze in of laat je je "
        f"gegevens verwijderen:\n{masked_link(settings.public_url)}\n\n"
        "Hartelijke groet,\n" + org.name,
        "volunteer", volunteer.id)
    return _with_link(message, volunteer.manage_token, settings)


def _with_link(message: Message, token: str | None, settings) -> Message:
    """Seal the token into the message only when a mail will go out; stored messages never hold it."""
    if token and settings.mail_url:
        message.link_seal = seal.seal(settings.secret_key, SEAL_PURPOSE, message.id, token)
    return message


def mail_body(message: Message, settings) -> str:
    """The body as it goes out by mail: the live private link, opened from its seal at this moment."""
    if not message.link_seal:
        return message.body
    token = seal.unseal(settings.secret_key, SEAL_PURPOSE, message.id, message.link_seal)
    if token is None:  # SECRET_KEY changed while the mail waited: send it with the link masked
        log.warning("message %s: its private link could not be opened; sent masked", message.id)
    return message.body_with_link(token)
