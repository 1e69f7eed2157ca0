"""Fluid roles: a participant also signs up as a volunteer, or a volunteer also asks for a maatje or a
werkervaringsplaats, from their private link, without filling everything in again. The new record
is a sign-up like any other (consent, welcome message, the coordinator's steps) and the two records
are linked, so the coordinator sees both roles of one person."""
from __future__ import annotations

from typing import Any

from matching.domain import commands, consent
from matching.domain.base import token_hash
from matching.domain.consent import Channel
from matching.domain.errors import Conflict
from matching.domain.people import Request, Volunteer, link_roles
from matching.services import sign_up_messages
from matching.services.ports import Dependencies, UnitOfWork


def sign_up_as_volunteer_too(cmd: commands.SignUpAsVolunteerToo, uow: UnitOfWork, deps: Dependencies) -> dict[str, Any]:
    """A participant becomes a volunteer as well: applied, as after the volunteer form."""
    with uow:
        request = uow.requests.by_token(token_hash(cmd.manage_token), lock=True)
        if request.volunteer_id:
            raise Conflict("this person already signed up as a volunteer")
        org = uow.organizations.get(request.organization_id)
        volunteer = Volunteer.apply(org.id, dict(cmd.fields), consent.CURRENT_VERSION, now=deps.clock.now())
        link_roles(request, volunteer)
        uow.volunteers.add(volunteer)
        uow.consents.add(consent.Consent.for_person("volunteer", volunteer, consent.CURRENT_VERSION, Channel.LINK))
        uow.messages.add(sign_up_messages.volunteer_received(org, volunteer, deps))
        uow.commit()
        return {"id": volunteer.id, "status": volunteer.status, "manage_token": volunteer.manage_token}


def ask_for_match_too(cmd: commands.AskForMatchToo, uow: UnitOfWork, deps: Dependencies) -> dict[str, Any]:
    """A volunteer asks for a maatje or a werkervaringsplaats as well: waiting, as after the seeker form."""
    with uow:
        volunteer = uow.volunteers.by_token(token_hash(cmd.manage_token), lock=True)
        if volunteer.request_id:
            raise Conflict("this person already asked for a match")
        org = uow.organizations.get(volunteer.organization_id)
        request = Request.submit(org.id, dict(cmd.fields), consent.CURRENT_VERSION, now=deps.clock.now())
        link_roles(request, volunteer)
        uow.requests.add(request)
        uow.consents.add(consent.Consent.for_person("request", request, consent.CURRENT_VERSION, Channel.LINK))
        notice = sign_up_messages.request_received(org, request, deps)
        if notice:
            uow.messages.add(notice)
        uow.commit()
        return {"id": request.id, "status": request.status, "manage_token": request.manage_token}
