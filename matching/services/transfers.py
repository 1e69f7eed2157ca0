"""Handing a waiting request to a partner organisation of the network, with the person's consent.

The request keeps its row, so its sign-up date (its waiting time) and id stay; it, its notes, its
consent records, the messages to the person and its referral now belong to the partner. The sender
keeps one Transfer record ("overgedragen aan X op <datum>") and declined or ended proposals by ids
only (their free-text reasons are cleared). Suggestions and printed short codes go: the
partner scores the request against its own offers."""
from __future__ import annotations

from typing import Any

from matching.domain import commands, consent
from matching.domain.errors import Invalid, NotFound
from matching.domain.message import Message
from matching.domain.network import Transfer
from matching.domain.organization import Organization, contact_footer
from matching.domain.people import Request
from matching.services.ports import Dependencies, UnitOfWork
from matching.services.sign_up_messages import KIND_WORDS


def partner(uow: UnitOfWork, organization_id: str, slug: str) -> Organization:
    """The partner at that slug; NotFound for an unknown one and for one outside the network alike."""
    found = next((org for org in uow.networks.partners(organization_id) if org.slug == slug), None)
    if found is None:
        raise NotFound("organisation not found")
    return found


def transfer_request(cmd: commands.TransferRequest, uow: UnitOfWork, deps: Dependencies) -> dict[str, Any]:
    """Move the request to the partner; events on both sides; the person is told who contacts them now."""
    with uow:
        request = uow.requests.get(cmd.request_id, cmd.organization_id, lock=True)
        to = partner(uow, cmd.organization_id, cmd.to)
        if cmd.person_consent is not True:
            raise Invalid("person_consent", "ask the person first: a handover needs their consent")
        now = deps.clock.now()
        sender = uow.organizations.get(cmd.organization_id)
        request.hand_over(to.id, now=now)
        uow.transfers.move_records(request.id, to.id)
        uow.consents.add(consent.Consent(to.id, "request", request.id, consent.CURRENT_VERSION,
                                         consent.Channel.TRANSFER, now))
        uow.matches.clear_reasons("request", request.id)
        uow.suggestions.drop(request.id)
        uow.short_links.drop_for("request", request.id)
        uow.transfers.add(Transfer.record_of(request.id, sender.id, to.id, cmd.by_user, now))
        uow.audit.record(sender.id, cmd.by_user, "request.transfer", "request", request.id, now)
        uow.messages.add(_tell_person(sender, to, request, deps))
        uow.messages.add(_tell_partner(sender, to, request, deps))
        uow.commit()
        return {"id": request.id, "status": request.status, "organization": {"slug": to.slug, "name": to.name}}


def _tell_person(sender: Organization, to: Organization, request: Request, deps: Dependencies) -> Message:
    """Who contacts them now, and that nothing else changes (a call task when there is no email)."""
    body = (f"Beste {request.first_name},\n\nZoals we met je bespraken, zoekt nu {to.name} {KIND_WORDS[request.kind]} "
            f"voor je. {sender.name} heeft je aanvraag met jouw toestemming doorgegeven. De coördinator van "
            f"{to.name} neemt contact met je op. Je plek op de wachtlijst blijft hetzelfde: je hoeft niets "
            f"opnieuw in te vullen.\n\nHartelijke groet,\n{sender.name}" + contact_footer(to.name, to.contact))
    sms = None if request.email else (f"{sender.name}: {to.name} zoekt nu {KIND_WORDS[request.kind]} voor je en "
                                      "neemt contact met je op. Je hoeft niets te doen.")
    return Message.queue(to.id, request.email, f"{to.name} neemt nu contact met je op", body, "request", request.id,
                         now=deps.clock.now(), sms_body=sms)


def _tell_partner(sender: Organization, to: Organization, request: Request, deps: Dependencies) -> Message:
    """A notice for the partner's coordinators (no name in it: they open the request in Koppel)."""
    body = (f"{sender.name} heeft een aanvraag voor {KIND_WORDS[request.kind]} aan {to.name} overgedragen, met "
            f"toestemming van de persoon. De aanvraag staat op jullie wachtlijst, met de wachttijd die er al was. "
            f"Bekijk hem hier:\n{deps.public_url}/werkplek/aanvragen/{request.id}")
    notice = Message.queue(to.id, to.email, f"Overgedragen door {sender.name}", body, "organization", to.id,
                           now=deps.clock.now())
    if not to.email:
        notice.mark_stored()  # the Berichten page shows it
    return notice
