"""Command handlers: one function per use case, each one transaction (`with uow:` ... `uow.commit()`)."""
from __future__ import annotations

from typing import Any

from matching.domain import commands as c, consent
from matching.domain.base import token_hash, utcnow
from matching.domain.errors import Conflict, Invalid, NotFound
from matching.domain.match import Match
from matching.domain.organization import Organization, User
from matching.domain.people import Request, Volunteer
from matching.domain.placement import Placement
from matching.services import (accounts, batch, calls, links, notices, organizations, own_link, reminders,
                               retention)
from matching.services.importing import jobs as import_jobs
from matching.domain.reminder import Reminder

RESERVED_SLUGS = {"werkplek", "mijn", "login", "logout", "api", "static", "healthz", "l"}  # l: short links


def submit_request(cmd: c.SubmitRequest, uow, settings) -> dict[str, Any]:
    """A person asks for a maatje or a werkervaringsplaats: stored, then scored by the workers."""
    with uow:
        org = organizations.by_slug(uow, cmd.organization_slug)
        request = Request.submit(org.id, dict(cmd.fields), consent.CURRENT_VERSION)
        uow.repo.add(request)
        uow.repo.add(consent.Consent.for_person("request", request, consent.CURRENT_VERSION, cmd.via))
        notice = notices.request_received(org, request, settings)
        if notice:
            uow.repo.add(notice)
        uow.commit()
        return {"id": request.id, "status": request.status, "manage_token": request.manage_token}


def change_request(cmd: c.ChangeRequest, uow, settings) -> str:
    with uow:
        request = uow.repo.by_token(Request, token_hash(cmd.manage_token))
        request.change(dict(cmd.fields))
        uow.commit()
        return request.id


def withdraw_request(cmd: c.WithdrawRequest, uow, settings) -> None:
    """Withdraw and erase at once; suggestions go too."""
    with uow:
        request = uow.repo.by_token(Request, token_hash(cmd.manage_token), lock=True)
        request.withdraw(match_running=uow.repo.match_of_person("request", request.id) is not None)
        uow.repo.forget("request", request.id, utcnow())
        for record in uow.repo.consents("request", request.id):
            record.withdraw(cmd.via)
        uow.commit()


def apply_as_volunteer(cmd: c.ApplyAsVolunteer, uow, settings) -> dict[str, Any]:
    with uow:
        org = organizations.by_slug(uow, cmd.organization_slug)
        volunteer = Volunteer.apply(org.id, dict(cmd.fields), consent.CURRENT_VERSION)
        uow.repo.add(volunteer)
        uow.repo.add(consent.Consent.for_person("volunteer", volunteer, consent.CURRENT_VERSION, cmd.via))
        uow.repo.add(notices.volunteer_received(org, volunteer, settings))
        uow.commit()
        return {"id": volunteer.id, "status": volunteer.status, "manage_token": volunteer.manage_token}


def change_own_volunteer(cmd: c.ChangeOwnVolunteer, uow, settings) -> str:
    with uow:
        volunteer = uow.repo.by_token(Volunteer, token_hash(cmd.manage_token))
        volunteer.change(dict(cmd.fields))
        uow.commit()
        return volunteer.status


def pause_own_volunteer(cmd: c.PauseOwnVolunteer, uow, settings) -> str:
    with uow:
        volunteer = uow.repo.by_token(Volunteer, token_hash(cmd.manage_token))
        volunteer.pause(by_self=True)
        uow.commit()
        return volunteer.status


def erase_own_volunteer(cmd: c.EraseOwnVolunteer, uow, settings) -> None:
    with uow:
        volunteer = uow.repo.by_token(Volunteer, token_hash(cmd.manage_token), lock=True)
        volunteer.leave(uow.repo.active_load("volunteer", volunteer.id))
        uow.repo.forget("volunteer", volunteer.id, utcnow())
        for record in uow.repo.consents("volunteer", volunteer.id):
            record.withdraw(cmd.via)
        uow.commit()


def _volunteer_step(step: str):
    def handler(cmd, uow, settings) -> str:
        with uow:
            volunteer = uow.repo.get(Volunteer, cmd.volunteer_id, cmd.organization_id)
            getattr(volunteer, step)(*([cmd.vog_checked] if step == "activate" else []))
            uow.repo.audit(cmd.organization_id, cmd.by_user, f"volunteer.{step}", "volunteer", volunteer.id, utcnow())
            uow.commit()
            return volunteer.status
    handler.__doc__ = f"A coordinator moves a volunteer on: {step}."
    return handler


def create_placement(cmd: c.CreatePlacement, uow, settings) -> dict[str, Any]:
    with uow:
        placement = Placement.create(cmd.organization_id, dict(cmd.fields))
        uow.repo.add(placement)
        uow.commit()
        return {"id": placement.id, "status": placement.status}


def change_placement(cmd: c.ChangePlacement, uow, settings) -> str:
    with uow:
        placement = uow.repo.get(Placement, cmd.placement_id, cmd.organization_id)
        placement.change(dict(cmd.fields))
        uow.commit()
        return placement.status


def close_placement(cmd: c.ClosePlacement, uow, settings) -> str:
    with uow:
        placement = uow.repo.get(Placement, cmd.placement_id, cmd.organization_id)
        placement.close()
        uow.commit()
        return placement.status


def propose_match(cmd: c.ProposeMatch, uow, settings) -> dict[str, Any]:
    """A coordinator proposes a pairing; 409 when the request is not waiting or the offer is full."""
    with uow:
        request = uow.repo.get(Request, cmd.request_id, cmd.organization_id, lock=True)
        offer = uow.repo.offer(cmd.offer_type, cmd.offer_id, cmd.organization_id, lock=True)
        excluded = uow.repo.excluded_pairs([request.id])
        if (request.id, cmd.offer_type, offer.id) in excluded:
            raise Conflict("this pair was declined before")
        match = Match.propose(request, cmd.offer_type, offer, uow.repo.active_load(cmd.offer_type, offer.id),
                              cmd.by_user)
        uow.repo.add(match)
        uow.repo.audit(cmd.organization_id, cmd.by_user, "match.propose", "request", request.id, utcnow())
        uow.commit()
        return {"id": match.id, "status": match.status}


def _match_step(step: str):
    def handler(cmd, uow, settings) -> str:
        with uow:
            match = uow.repo.get(Match, cmd.match_id, cmd.organization_id, lock=True)
            request = uow.repo.get(Request, match.request_id, cmd.organization_id, lock=True)
            if step == "confirm":
                offer = uow.repo.offer(match.offer_type, match.offer_id, cmd.organization_id, lock=True)
                match.confirm(request, offer, uow.repo.active_load(match.offer_type, offer.id))
            else:
                getattr(match, step)(request, cmd.reason)
            uow.repo.audit(cmd.organization_id, cmd.by_user, f"match.{step}", "request", request.id, utcnow())
            uow.commit()
            return match.status
    handler.__doc__ = f"A coordinator decides on a match: {step}."
    return handler


def answer_first_meeting(cmd: c.AnswerFirstMeeting, uow, settings) -> str:
    """A side answers through their private link whether they want to go on after meeting."""
    with uow:
        person_type, person = uow.repo.person_by_token(token_hash(cmd.manage_token))
        match = uow.repo.match_of_person(person_type, person.id)
        if match is None:
            raise Conflict("there is no running match to answer about")
        request = uow.repo.get(Request, match.request_id, match.organization_id, lock=True)
        match.answer(request, "request" if person_type == "request" else "offer", cmd.go_on)
        uow.commit()
        return match.status


def renew_match(cmd: c.RenewMatch, uow, settings) -> str:
    with uow:
        match = uow.repo.get(Match, cmd.match_id, cmd.organization_id, lock=True)
        match.renew()
        uow.repo.audit(cmd.organization_id, cmd.by_user, "match.renew", "request", match.request_id, utcnow())
        uow.commit()
        return match.status


def complete_reminder(cmd: c.CompleteReminder, uow, settings) -> None:
    with uow:
        uow.repo.get(Reminder, cmd.reminder_id, cmd.organization_id).done(cmd.by_user)
        uow.commit()


def create_organization(cmd: c.CreateOrganization, uow, settings) -> str:
    with uow:
        if not cmd.slug.replace("-", "").isalnum() or cmd.slug != cmd.slug.lower():
            raise Invalid("slug", "use lowercase letters, digits and hyphens")
        if cmd.slug in RESERVED_SLUGS:
            raise Invalid("slug", f"{cmd.slug} is a page of Koppel itself; choose another")
        if uow.repo.find_organization(cmd.slug) is not None:
            raise Conflict(f"organisation {cmd.slug} exists")
        org = Organization(cmd.slug, cmd.name, contact=dict(cmd.contact))
        uow.repo.add(org)
        uow.commit()
        return org.id


def change_organization_contact(cmd: c.ChangeOrganizationContact, uow, settings) -> dict[str, str | None]:
    """An admin sets how people reach a human at the organisation (shown on every public page)."""
    with uow:
        user = uow.repo.get(User, cmd.by_user, cmd.organization_id)
        if user.role != "admin":  # as for every admin page: others get "not found"
            raise NotFound("organization not found")
        org = uow.repo.get(Organization, cmd.organization_id, None)
        org.set_contact(dict(cmd.contact))
        uow.repo.audit(cmd.organization_id, cmd.by_user, "organization.contact", "organization", org.id, utcnow())
        uow.commit()
        organizations.forget(org.slug)
        return org.contact


HANDLERS = {
    c.SubmitRequest: submit_request,
    c.ChangeRequest: change_request,
    c.WithdrawRequest: withdraw_request,
    c.ApplyAsVolunteer: apply_as_volunteer,
    c.ChangeOwnVolunteer: change_own_volunteer,
    c.PauseOwnVolunteer: pause_own_volunteer,
    c.EraseOwnVolunteer: erase_own_volunteer,
    c.ActivateVolunteer: _volunteer_step("activate"),
    c.PauseVolunteer: _volunteer_step("pause"),
    c.StopVolunteer: _volunteer_step("stop"),
    c.CreatePlacement: create_placement,
    c.ChangePlacement: change_placement,
    c.ClosePlacement: close_placement,
    c.ProposeMatch: propose_match,
    c.ConfirmMatch: _match_step("confirm"),
    c.DeclineMatch: _match_step("decline"),
    c.EndMatch: _match_step("end"),
    c.RunBatchProposals: batch.run_batch_proposals,
    c.AnswerFirstMeeting: answer_first_meeting,
    c.RenewMatch: renew_match,
    c.RaiseDueReminders: reminders.raise_due,
    c.ApplyRetention: retention.apply_retention,
    c.CompleteReminder: complete_reminder,
    c.UploadImport: import_jobs.upload,
    c.StartImport: import_jobs.start,
    c.SetImportMapping: import_jobs.set_mapping,
    c.CreateOrganization: create_organization,
    c.ChangeOrganizationContact: change_organization_contact,
    **accounts.HANDLERS,
    **calls.HANDLERS,
    **links.HANDLERS,
    **own_link.HANDLERS,
}
