"""Volunteers: sign-up and their private link (change, pause, leave), and the coordinator's steps
(activate after the kennismakingsgesprek, pause, stop), each of those logged."""
from __future__ import annotations

from typing import Any

from matching.domain import commands, consent
from matching.domain.base import token_hash
from matching.domain.people import Volunteer
from matching.services import erasure, identity, organization_cache, sign_up_messages
from matching.services.handlers.audited import audited
from matching.services.ports import Dependencies, UnitOfWork


def apply_as_volunteer(cmd: commands.ApplyAsVolunteer, uow: UnitOfWork, deps: Dependencies) -> dict[str, Any]:
    """Someone signs up as a volunteer: stored as applied, with their consent and a welcome message."""
    with uow:
        org = organization_cache.by_slug(uow, cmd.organization_slug)
        volunteer = Volunteer.apply(org.id, dict(cmd.fields), consent.CURRENT_VERSION, now=deps.clock.now())
        identity.flag_sign_up(uow, "volunteer", volunteer, deps.clock.now(), new=True)  # before add: no autoflush
        uow.volunteers.add(volunteer)
        uow.consents.add(consent.Consent.for_person("volunteer", volunteer, consent.CURRENT_VERSION, cmd.via))
        uow.messages.add(sign_up_messages.volunteer_received(org, volunteer, deps))
        uow.commit()
        return {"id": volunteer.id, "status": volunteer.status, "manage_token": volunteer.manage_token}


def change_own_volunteer(cmd: commands.ChangeOwnVolunteer, uow: UnitOfWork, deps: Dependencies) -> str:
    """The volunteer changes availability or capacity through their private link."""
    with uow:
        volunteer = uow.volunteers.by_token(token_hash(cmd.manage_token))
        volunteer.change(dict(cmd.fields), now=deps.clock.now())
        uow.commit()
        return volunteer.status


def pause_own_volunteer(cmd: commands.PauseOwnVolunteer, uow: UnitOfWork, deps: Dependencies) -> str:
    """The volunteer takes a break through their private link (and may end it themselves)."""
    with uow:
        volunteer = uow.volunteers.by_token(token_hash(cmd.manage_token))
        volunteer.pause(now=deps.clock.now(), by_self=True)
        uow.commit()
        return volunteer.status


def erase_own_volunteer(cmd: commands.EraseOwnVolunteer, uow: UnitOfWork, deps: Dependencies) -> None:
    """Stop and erase at once; refused while a match runs."""
    with uow:
        volunteer = uow.volunteers.by_token(token_hash(cmd.manage_token), lock=True)
        now = deps.clock.now()
        volunteer.leave(uow.matches.active_load("volunteer", volunteer.id), now=now)
        erasure.forget(uow, "volunteer", volunteer.id)
        for record in uow.consents.of("volunteer", volunteer.id):
            record.withdraw(cmd.via, now)
        uow.commit()


def activate_volunteer(cmd: commands.ActivateVolunteer, uow: UnitOfWork, deps: Dependencies) -> str:
    """After the kennismakingsgesprek and a checked VOG the volunteer can be matched."""
    with uow:
        volunteer = uow.volunteers.get(cmd.volunteer_id, cmd.organization_id)
        volunteer.activate(cmd.vog_checked, now=deps.clock.now())
        audited(uow, deps, cmd, "volunteer.activate", "volunteer", volunteer.id)
        return volunteer.status


def pause_volunteer(cmd: commands.PauseVolunteer, uow: UnitOfWork, deps: Dependencies) -> str:
    """The coordinator pauses a volunteer (only the coordinator ends that pause)."""
    with uow:
        volunteer = uow.volunteers.get(cmd.volunteer_id, cmd.organization_id)
        volunteer.pause(now=deps.clock.now())
        audited(uow, deps, cmd, "volunteer.pause", "volunteer", volunteer.id)
        return volunteer.status


def stop_volunteer(cmd: commands.StopVolunteer, uow: UnitOfWork, deps: Dependencies) -> str:
    """The coordinator records that a volunteer stopped; their retention period starts."""
    with uow:
        volunteer = uow.volunteers.get(cmd.volunteer_id, cmd.organization_id)
        volunteer.stop(now=deps.clock.now())
        audited(uow, deps, cmd, "volunteer.stop", "volunteer", volunteer.id)
        return volunteer.status
