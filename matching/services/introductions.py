"""The introduction both sides get once a coordinator confirms a match: only now contact details travel."""
from __future__ import annotations

from matching.domain.match import Match
from matching.domain.message import Message
from matching.domain.organization import Organization, contact_footer
from matching.domain.people import Request


def _contact(email: str | None, phone: str | None) -> str:
    parts = [f"e-mail: {email}" if email else "", f"telefoon: {phone}" if phone else ""]
    return ", ".join(p for p in parts if p) or "via de coördinator"


def _own_link_hint(email: str | None) -> str:
    """Where the person finds their private link: in our first mail, or from the coordinator (no email)."""
    return "(uit onze eerste mail)" if email else "(die je van de coördinator kreeg)"


def for_match(match: Match, request: Request, offer, organization: Organization) -> list[Message]:
    """Two messages: to the person, about the volunteer or placement; and to the volunteer, about the person."""
    org = match.organization_id
    footer = contact_footer(organization.name, organization.contact)
    if match.offer_type == "volunteer":
        offer_name = offer.first_name
        first_step = (f"{offer_name} neemt binnen een week contact met je op om een eerste afspraak te maken. "
                      f"Je kunt {offer_name} ook zelf bereiken: {_contact(offer.email, offer.phone)}.")
        to_offer = Message.queue(
            org, offer.email, f"Kennismaken met {request.first_name}",
            f"Beste {offer.first_name},\n\nJe bent gekoppeld aan {request.first_name}. "
            f"Zo bereik je {request.first_name}: {_contact(request.email, request.phone)}.\n"
            f"Wil jij {request.first_name} binnen een week bellen of mailen? Spreek dan samen een eerste keer af, "
            "op een plek die voor jullie allebei prettig is.\n"
            f"Na jullie eerste ontmoeting vragen we via je persoonlijke link {_own_link_hint(offer.email)} of "
            "jullie door willen gaan.\n\n"
            f"Hartelijke groet,\nde coördinator van {organization.name}{footer}", "volunteer", offer.id, match.id)
    else:
        offer_name, to_offer = offer.title, None
        first_step = "De coördinator neemt contact met je op om een eerste bezoek af te spreken."
    to_request = Message.queue(
        org, request.email, f"Kennismaken met {offer_name}",
        f"Beste {request.first_name},\n\nGoed nieuws: we hebben een koppeling voor je gevonden: {offer_name}. "
        f"{first_step}\n"
        f"Na jullie eerste ontmoeting vragen we via je persoonlijke link {_own_link_hint(request.email)} of "
        "jullie door willen gaan. Je kunt altijd zeggen als het niet klikt. Dat is helemaal goed.\n\n"
        f"Hartelijke groet,\nde coördinator van {organization.name}{footer}", "request", request.id, match.id)
    return [m for m in (to_request, to_offer) if m is not None]
