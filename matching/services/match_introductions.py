"""The introduction both sides get once a coordinator confirms a match: only now contact details travel."""
from __future__ import annotations

from datetime import datetime

from matching.domain.match import Match, OfferType
from matching.domain.message import Message
from matching.domain.organization import Organization, contact_footer
from matching.domain.people import Request


def _contact(email: str | None, phone: str | None) -> str:
    parts = [f"e-mail: {email}" if email else "", f"telefoon: {phone}" if phone else ""]
    return ", ".join(p for p in parts if p) or "via de coördinator"


def _own_link_hint(email: str | None) -> str:
    """Where the person finds their private link: in our first mail; without email they saw it once on
    screen (or got a letter or SMS), so say how to get a new one."""
    return "(uit onze eerste mail)" if email else "(kwijt? Bel ons, dan krijg je een brief met een nieuwe link)"


def _short(organization: Organization, request: Request, offer_name: str, offer_contact: str) -> str | None:
    """The SMS version for a person without email; None for someone who gets the mail."""
    if request.email:
        return None
    call = f" Vragen? Bel {organization.contact['phone']}." if organization.contact.get("phone") else ""
    return (f"{organization.name}: goed nieuws, {request.first_name}! We hebben een koppeling voor je: "
            f"{offer_name}. Zo bereik je elkaar: {offer_contact}.{call}")


def for_match(match: Match, request: Request, offer, organization: Organization,
              now: datetime | None = None) -> list[Message]:
    """Two messages: to the person, about the volunteer or placement; and to the volunteer, about the person."""
    org = match.organization_id
    footer = contact_footer(organization.name, organization.contact)
    if match.offer_type == OfferType.VOLUNTEER:
        offer_name, offer_contact = offer.first_name, _contact(offer.email, offer.phone)
        first_step = (f"{offer_name} neemt binnen een week contact met je op om een eerste afspraak te maken. "
                      f"Je kunt {offer_name} ook zelf bereiken: {offer_contact}.")
        to_offer = Message.queue(
            org, offer.email, f"Kennismaken met {request.first_name}",
            f"Beste {offer.first_name},\n\nJe bent gekoppeld aan {request.first_name}. "
            f"Zo bereik je {request.first_name}: {_contact(request.email, request.phone)}.\n"
            f"Wil jij {request.first_name} binnen een week bellen of mailen? Spreek dan samen een eerste keer af, "
            "op een plek die voor jullie allebei prettig is.\n"
            f"Na jullie eerste ontmoeting vragen we via je persoonlijke link {_own_link_hint(offer.email)} of "
            "jullie door willen gaan.\n\n"
            f"Hartelijke groet,\nde coördinator van {organization.name}{footer}", "volunteer", offer.id, match.id, now)
    else:
        offer_name, offer_contact, to_offer = offer.title, "via de coördinator", None
        first_step = "De coördinator neemt contact met je op om een eerste bezoek af te spreken."
    to_request = Message.queue(
        org, request.email, f"Kennismaken met {offer_name}",
        f"Beste {request.first_name},\n\nGoed nieuws: we hebben een koppeling voor je gevonden: {offer_name}. "
        f"{first_step}\n"
        f"Na jullie eerste ontmoeting vragen we via je persoonlijke link {_own_link_hint(request.email)} of "
        "jullie door willen gaan. Je kunt altijd zeggen als het niet klikt. Dat is helemaal goed.\n\n"
        f"Hartelijke groet,\nde coördinator van {organization.name}{footer}", "request", request.id, match.id, now,
        sms_body=_short(organization, request, offer_name, offer_contact))
    return [m for m in (to_request, to_offer) if m is not None]
