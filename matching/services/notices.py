"""Confirmation messages after a sign-up: what happens next, and the private link."""
from __future__ import annotations

from matching.domain.message import Message
from matching.domain.organization import Organization
from matching.domain.people import Request, Volunteer

KIND_WORDS = {"maatje": "een maatje", "werkervaringsplaats": "een werkervaringsplaats"}


def own_link(public_url: str, token: str) -> str:
    return f"{public_url}/mijn/{token}"


def request_received(org: Organization, request: Request, public_url: str) -> Message | None:
    """Only by email: a phone number is for the coordinator's call, not for automatic texts."""
    if not request.email:
        return None
    return Message.queue(
        org.id, request.email, f"Je aanmelding bij {org.name}",
        f"Beste {request.first_name},\n\nFijn dat je je hebt aangemeld voor {KIND_WORDS[request.kind]}. "
        f"De coördinator van {org.name} neemt contact met je op voor een kennismaking. "
        "Meestal hoor je binnen een week van ons.\n\n"
        f"Met deze persoonlijke link kun je zien hoe het staat, je gegevens aanpassen of alles laten "
        f"verwijderen:\n{own_link(public_url, request.manage_token)}\n\n"
        "Deel deze link met niemand.\n\nHartelijke groet,\n" + org.name,
        "request", request.id)


def volunteer_received(org: Organization, volunteer: Volunteer, public_url: str) -> Message:
    return Message.queue(
        org.id, volunteer.email, f"Je aanmelding als vrijwilliger bij {org.name}",
        f"Beste {volunteer.first_name},\n\nBedankt voor je aanmelding als vrijwilliger. "
        f"De coördinator van {org.name} nodigt je uit voor een kennismakingsgesprek. "
        "Daarna vragen we een VOG (Verklaring Omtrent het Gedrag) aan.\n\n"
        f"Met deze persoonlijke link pas je je beschikbaarheid aan, las je een pauze in of laat je je "
        f"gegevens verwijderen:\n{own_link(public_url, volunteer.manage_token)}\n\n"
        "Hartelijke groet,\n" + org.name,
        "volunteer", volunteer.id)
