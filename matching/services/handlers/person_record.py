"""The coordinator's side of a person record: entering a request for someone (a phone call, a walk-in,
a referral), correcting what a person gave, and giving a person to a colleague. Each step is logged
(ids only) and committed with its event."""
from __future__ import annotations

from typing import Any

from matching.domain import commands, consent
from matching.domain.errors import Conflict, Invalid, NotFound
from matching.domain.organization import Organization
from matching.domain.people import Request
from matching.services import identity, person_edits, sign_up_messages
from matching.services.calls import person
from matching.services.handlers.audited import audited
from matching.services.ports import Dependencies, UnitOfWork


def enter_request(cmd: commands.EnterRequest, uow: UnitOfWork, deps: Dependencies) -> dict[str, Any]:
    """A request entered on someone's behalf: as a sign-up, with the channel kept on the consent record."""
    if cmd.via not in consent.ON_BEHALF:
        raise Invalid("channel", f"one of {', '.join(consent.ON_BEHALF)}")
    with uow:
        org: Organization = uow.organizations.get(cmd.organization_id)
        request = Request.submit(org.id, dict(cmd.fields), consent.CURRENT_VERSION, now=deps.clock.now())
        request.assign(cmd.by_user)  # who took the call looks after them, until handed on
        uow.requests.add(request)
        uow.consents.add(consent.Consent.for_person("request", request, consent.CURRENT_VERSION, cmd.via))
        identity.flag_sign_up(uow, "request", request, deps.clock.now(), new=True)
        notice = sign_up_messages.request_received(org, request, deps)
        if notice:
            uow.messages.add(notice)
        audited(uow, deps, cmd, "request.enter", "request", request.id)
        return {"id": request.id, "status": request.status, "manage_token": request.manage_token}


def correct_person(cmd: commands.CorrectPerson, uow: UnitOfWork, deps: Dependencies) -> dict[str, Any]:
    """Change a request's or volunteer's fields, checked as at sign-up; what matters for matching is
    rescored through the usual change event. Returns the status, the changed fields and whether it is rescored."""
    with uow:
        someone = person(uow, cmd.organization_id, cmd.person_type, cmd.person_id, lock=True)
        if someone.erased_at is not None:
            raise Conflict("this person's data was erased")
        changed = person_edits.checked_changes(someone, dict(cmd.changes))
        rescored = someone.correct(changed, now=deps.clock.now()) if changed else False
        audited(uow, deps, cmd, f"{cmd.person_type}.edit", cmd.person_type, someone.id)
        return {"id": someone.id, "status": someone.status, "changed": sorted(changed), "rescored": rescored}


def assign_person(cmd: commands.AssignPerson, uow: UnitOfWork, deps: Dependencies) -> dict[str, Any]:
    """Give a person to a coordinator of the same organisation (None: to nobody). A user of another
    organisation, or none at all, is an invalid `coordinator_id` (never revealed which)."""
    with uow:
        someone = person(uow, cmd.organization_id, cmd.person_type, cmd.person_id, lock=True)
        if cmd.coordinator_id is not None:
            _colleague(uow, cmd.organization_id, cmd.coordinator_id)
        someone.assign(cmd.coordinator_id)
        audited(uow, deps, cmd, f"{cmd.person_type}.assign", cmd.person_type, someone.id)
        return {"id": someone.id, "assigned_to": someone.assigned_to}


def _colleague(uow: UnitOfWork, organization_id: str, user_id: str) -> None:
    try:
        user = uow.users.get(user_id)
    except NotFound:
        user = None
    if user is None or user.organization_id != organization_id or not user.active:
        raise Invalid("coordinator_id", "not a coordinator of this organisation")
