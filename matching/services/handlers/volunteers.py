"""Volunteers: sign-up and their private link (change, pause, leave), and the coordinator's steps
(activate after the kennismakingsgesprek, pause, stop), each of those logged."""
from __future__ import annotations

from typing import Any

from matching.domain import commands as c, consent
from matching.domain.base import token_hash
from matching.domain.people import Volunteer
from matching.services import erasure, notices, organizations
from matching.services.handlers.audited import audited
from matching.services.ports import Dependencies, UnitOfWork


def apply_as_volunteer(cmd: c.ApplyAsVolunteer, uow: UnitOfWork, deps: Dependencies) -> dict[str, Any]:
    with uow:
        org = organizations.by_slug(uow, cmd.organization_slug)
        volunteer = Volunteer.apply(org.id, dict(cmd.fields), consent.CURRENT_VERSION, now=deps.clock.now())
        uow.volunteers.add(volunteer)
        uow.consents.add(consent.Consent.for_person("volunteer", volunteer, consent.CURRENT_VERSION, cmd.via))
        uow.messages.add(notices.volunteer_received(org, volunteer, deps))
        uow.commit()
        return {"id": volunteer.id, "status": volunteer.status, "manage_token": volunteer.manage_token}


def change_own_volunteer(cmd: c.ChangeOwnVolunteer, uow: UnitOfWork, deps: Dependencies) -> str:
    with uow:
        volunteer = uow.volunteers.by_token(token_hash(cmd.manage_token))
        volunteer.change(dict(cmd.fields), now=deps.clock.now())
        uow.commit()
        return volunteer.status


def pause_own_volunteer(cmd: c.PauseOwnVolunteer, uow: UnitOfWork, deps: Dependencies) -> str:
    with uow:
        volunteer = uow.volunteers.by_token(token_hash(cmd.manage_token))
        volunteer.pause(now=deps.clock.now(), by_self=True)
        uow.commit()
        return volunteer.status


def erase_own_volunteer(cmd: c.EraseOwnVolunteer, uow: UnitOfWork, deps: Dependencies) -> None:
    """Stop and erase at once; refused while a match runs."""
    with uow:
        volunteer = uow.volunteers.by_token(token_hash(cmd.manage_token), lock=True)
        now = deps.clock.now()
        volunteer.leave(uow.matches.active_load("volunteer", volunteer.id), now=now)
        erasure.forget(uow, "volunteer", volunteer.id)
        for record in uow.consents.of("volunteer", volunteer.id):
            record.withdraw(cmd.via, now)
        uow.commit()


def activate_volunteer(cmd: c.ActivateVolunteer, uow: UnitOfWork, deps: Dependencies) -> str:
    """After the kennismakingsgesprek and a checked VOG the volunteer can be matched."""
    with uow:
        volunteer = uow.volunteers.get(cmd.volunteer_id, cmd.organization_id)
        volunteer.activate(cmd.vog_checked, now=deps.clock.now())
        audited(uow, deps, cmd, "volunteer.activate", "volunteer", volunteer.id)
        return volunteer.status


def pause_volunteer(cmd: c.PauseVolunteer, uow: UnitOfWork, deps: Dependencies) -> str:
    with uow:
        volunteer = uow.volunteers.get(cmd.volunteer_id, cmd.organization_id)
        volunteer.pause(now=deps.clock.now())
        audited(uow, deps, cmd, "volunteer.pause", "volunteer", volunteer.id)
        return volunteer.status


def stop_volunteer(cmd: c.StopVolunteer, uow: UnitOfWork, deps: Dependencies) -> str:
    with uow:
        volunteer = uow.volunteers.get(cmd.volunteer_id, cmd.organization_id)
        volunteer.stop(now=deps.clock.now())
        audited(uow, deps, cmd, "volunteer.stop", "volunteer", volunteer.id)
        return volunteer.status
