"""The messages after a sign-up: what happens next, and the private link (masked in what is stored; the
live link is sealed into the message until it is sent, see queued_links)."""
from __future__ import annotations

from matching.domain.message import Message, masked_link
from matching.domain.organization import Organization, contact_footer
from matching.domain.people import Request, Volunteer
from matching.services.ports import Dependencies
from matching.services.queued_links import seal_into

KIND_WORDS = {"maatje": "een maatje", "werkervaringsplaats": "een werkervaringsplaats"}


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
    return seal_into(message, request.manage_token, deps)


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
    return seal_into(message, volunteer.manage_token, deps)
