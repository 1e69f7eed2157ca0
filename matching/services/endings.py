"""The message both sides get when a match ends: that it ended, and what happens next for them.

Someone who hears nothing after a match stops does not know whether they still wait, or whom to
call; so each side is told plainly, with the organisation's contact details underneath. People
without an email address get the same message stored for the coordinator, who passes it on by phone.
"""
from __future__ import annotations

from datetime import datetime

from matching.domain.match import Match, OfferType
from matching.domain.message import Message
from matching.domain.organization import Organization, contact_footer
from matching.domain.people import Request, RequestStatus, VolunteerStatus


def _link_hint(email: str | None) -> str:
    return "je persoonlijke link (uit onze eerste mail)" if email else "je persoonlijke link (die je van ons kreeg)"


def _next_for_request(request: Request, organization: Organization, retention_months: int) -> str:
    if request.status == RequestStatus.WAITING:
        return ("Je staat weer op de wachtlijst. We zoeken iemand anders voor je; daarvoor hoef je niets te doen. "
                f"Met {_link_hint(request.email)} zie je hoe het staat, las je een pauze in of stop je.")
    return ("Je staat nu niet op de wachtlijst. Wil je later weer iemand? Neem dan contact met ons op, dan kijken "
            f"we samen wat er kan. We bewaren je gegevens nog {retention_months} maanden en verwijderen ze daarna "
            f"vanzelf. Met {_link_hint(request.email)} kun je ze ook nu al laten verwijderen.")


def _next_for_volunteer(volunteer) -> str:
    if volunteer.status == VolunteerStatus.ACTIVE:
        return ("Je plek is weer vrij. Past er iemand bij je, dan stelt de coördinator je opnieuw voor. Wil je even "
                f"niet? Las dan een pauze in met {_link_hint(volunteer.email)}.")
    if volunteer.status == VolunteerStatus.PAUSED:
        return "Je hebt een pauze. We koppelen je niet aan iemand nieuw tot je pauze voorbij is."
    return "Je bent gestopt als vrijwilliger. Dank je wel voor alles wat je hebt gedaan."


def for_ended_match(match: Match, request: Request, offer, organization: Organization,
                    retention_months: int, now: datetime | None = None,
                    asking: dict[str, str] | None = None) -> list[Message]:
    """One message to the person, and one to the volunteer (a placement has no one to write to);
    none to whoever was erased in the meantime. `asking`: per side ("request", "offer") a paragraph
    with the questions about how it went (matching/services/pulses.py)."""
    asking = asking or {}
    if request.erased_at is not None:
        return []
    footer = contact_footer(organization.name, organization.contact)
    sign_off = f"\n\nHartelijke groet,\nde coördinator van {organization.name}{footer}"
    partner = offer.first_name if match.offer_type == OfferType.VOLUNTEER else offer.title
    messages = [Message.queue(
        match.organization_id, request.email, f"Je koppeling met {partner} is gestopt",
        f"Beste {request.first_name},\n\nJe koppeling met {partner} is gestopt. Dank je wel dat je meedeed.\n\n"
        f"{asking.get('request', '')}Hoe nu verder? {_next_for_request(request, organization, retention_months)}{sign_off}",
        "request", request.id, match.id, now)]
    if match.offer_type == OfferType.VOLUNTEER and offer.erased_at is None:
        messages.append(Message.queue(
            match.organization_id, offer.email, f"Je koppeling met {request.first_name} is gestopt",
            f"Beste {offer.first_name},\n\nJe koppeling met {request.first_name} is gestopt. Dank je wel voor je "
            f"tijd en je inzet.\n\n{asking.get('offer', '')}Hoe nu verder? {_next_for_volunteer(offer)}{sign_off}",
            "volunteer", offer.id, match.id, now))
    return messages
