"""The bewijs van werkervaring of a placement match: for the coordinator (an active or ended placement
match of their organisation) and for the participant through their private link. Read-only; the
coordinator's download is logged as a view of the person's data."""
from __future__ import annotations

from matching import vocabulary as vocab
from matching.domain.base import token_hash
from matching.domain.certificate import Certificate
from matching.domain.errors import Conflict, NotFound
from matching.domain.match import Match, OfferType
from matching.services.messagebus import MessageBus
from matching.services.ports import UnitOfWork
from matching.services.supervision_messages import dutch_date


def for_coordinator(bus: MessageBus, org: str, match_id: str, user_id: str | None) -> bytes:
    """404 for another organisation's match or a maatje match; 409 while only proposed (or declined)."""
    with bus.uow() as uow:
        match = uow.matches.get(match_id, org)
        certificate = _certificate(uow, bus, match)
        uow.audit.record_views(org, user_id, "certificate.download", [("request", match.request_id)],
                               bus.deps.clock.now())
        uow.commit()
    return bus.deps.certificates.render(certificate)


def for_participant(bus: MessageBus, token: str) -> bytes:
    """The participant's own certificate: their latest active or ended placement match."""
    with bus.uow() as uow:
        request = uow.requests.by_token(token_hash(token))
        matches = [m for m in uow.matches.for_person("request", request.id, ("active", "ended"))
                   if m.offer_type == OfferType.PLACEMENT]
        if not matches:
            raise NotFound("no werkervaringsplaats yet")
        certificate = _certificate(uow, bus, matches[0])
    return bus.deps.certificates.render(certificate)


def _certificate(uow: UnitOfWork, bus: MessageBus, match: Match) -> Certificate:
    if match.offer_type != OfferType.PLACEMENT:
        raise NotFound("a certificate is for a werkervaringsplaats")
    if match.status not in ("active", "ended"):
        raise Conflict("a certificate is for an active or ended placement")
    request = uow.requests.get(match.request_id, match.organization_id)
    if request.erased_at is not None:
        raise Conflict("this person's data was erased")
    placement = uow.placements.get(match.offer_id, match.organization_id)
    supervision = uow.evaluations.supervision_of(match.id)
    org = uow.organizations.get(match.organization_id)
    start = supervision.start_on if supervision else match.confirmed_at.date()
    period = (f"{dutch_date(start)} tot {dutch_date(match.ended_at.date())}" if match.ended_at
              else f"sinds {dutch_date(start)}")
    host = ", ".join(part for part in (placement.host_name, placement.host_address) if part) or None
    return Certificate(
        organization=org.name, person=request.first_name or "", place=placement.title, host=host, period=period,
        hours_per_week=request.hours_per_week or placement.hours_per_week, running=match.ended_at is None,
        work_areas=tuple(vocab.label(vocab.WORK_AREAS, key) for key in placement.work_areas or ()),
        tasks=placement.description, supervisor=placement.supervisor_name,
        closing_words=supervision.closing_words if supervision else None,
        issued_on=dutch_date(bus.deps.clock.now().astimezone().date()))
