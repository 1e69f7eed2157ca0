"""Command handlers: one function per use case, each one transaction (`with uow:` ... `uow.commit()`)."""
from __future__ import annotations

from typing import Any

from matching.domain import commands as c, consent
from matching.domain.base import token_hash
from matching.domain.errors import Conflict, Invalid, NotFound
from matching.domain.match import Match
from matching.domain.organization import Organization
from matching.domain.people import Request, Volunteer
from matching.domain.placement import Placement
from matching.services import (accounts, batch, calls, erasure, links, notices, organizations, own_link, private_links,
                               reminders, retention)
from matching.services.importing import jobs as import_jobs
from matching.services.ports import Dependencies, UnitOfWork

RESERVED_SLUGS = {"werkplek", "mijn", "login", "logout", "api", "static", "healthz", "l"}  # l: short links


def submit_request(cmd: c.SubmitRequest, uow: UnitOfWork, deps: Dependencies) -> dict[str, Any]:
    """A person asks for a maatje or a werkervaringsplaats: stored, then scored by the workers."""
    with uow:
        org = organizations.by_slug(uow, cmd.organization_slug)
        request = Request.submit(org.id, dict(cmd.fields), consent.CURRENT_VERSION, now=deps.clock.now())
        uow.requests.add(request)
        uow.consents.add(consent.Consent.for_person("request", request, consent.CURRENT_VERSION, cmd.via))
        notice = notices.request_received(org, request, deps)
        if notice:
            uow.messages.add(notice)
        uow.commit()
        return {"id": request.id, "status": request.status, "manage_token": request.manage_token}


def change_request(cmd: c.ChangeRequest, uow: UnitOfWork, deps: Dependencies) -> str:
    with uow:
        request = uow.requests.by_token(token_hash(cmd.manage_token))
        request.change(dict(cmd.fields), now=deps.clock.now())
        uow.commit()
        return request.id


def withdraw_request(cmd: c.WithdrawRequest, uow: UnitOfWork, deps: Dependencies) -> None:
    """Withdraw and erase at once; suggestions go too."""
    with uow:
        request = uow.requests.by_token(token_hash(cmd.manage_token), lock=True)
        now = deps.clock.now()
        request.withdraw(now=now, match_running=uow.matches.running_for("request", request.id) is not None)
        erasure.forget(uow, "request", request.id)
        for record in uow.consents.of("request", request.id):
            record.withdraw(cmd.via, now)
        uow.commit()


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
        return _audited(uow, deps, cmd, "volunteer.activate", "volunteer", volunteer.id, volunteer.status)


def pause_volunteer(cmd: c.PauseVolunteer, uow: UnitOfWork, deps: Dependencies) -> str:
    with uow:
        volunteer = uow.volunteers.get(cmd.volunteer_id, cmd.organization_id)
        volunteer.pause(now=deps.clock.now())
        return _audited(uow, deps, cmd, "volunteer.pause", "volunteer", volunteer.id, volunteer.status)


def stop_volunteer(cmd: c.StopVolunteer, uow: UnitOfWork, deps: Dependencies) -> str:
    with uow:
        volunteer = uow.volunteers.get(cmd.volunteer_id, cmd.organization_id)
        volunteer.stop(now=deps.clock.now())
        return _audited(uow, deps, cmd, "volunteer.stop", "volunteer", volunteer.id, volunteer.status)


def _audited(uow: UnitOfWork, deps: Dependencies, cmd, action: str, subject_type: str, subject_id: str,
             result: str) -> str:
    """Log the coordinator's step (ids only) and commit it with the change."""
    uow.audit.record(cmd.organization_id, cmd.by_user, action, subject_type, subject_id, deps.clock.now())
    uow.commit()
    return result


def create_placement(cmd: c.CreatePlacement, uow: UnitOfWork, deps: Dependencies) -> dict[str, Any]:
    with uow:
        placement = Placement.create(cmd.organization_id, dict(cmd.fields), now=deps.clock.now())
        uow.placements.add(placement)
        uow.commit()
        return {"id": placement.id, "status": placement.status}


def change_placement(cmd: c.ChangePlacement, uow: UnitOfWork, deps: Dependencies) -> str:
    with uow:
        placement = uow.placements.get(cmd.placement_id, cmd.organization_id)
        placement.change(dict(cmd.fields), now=deps.clock.now())
        uow.commit()
        return placement.status


def close_placement(cmd: c.ClosePlacement, uow: UnitOfWork, deps: Dependencies) -> str:
    with uow:
        placement = uow.placements.get(cmd.placement_id, cmd.organization_id)
        placement.close(now=deps.clock.now())
        uow.commit()
        return placement.status


def propose_match(cmd: c.ProposeMatch, uow: UnitOfWork, deps: Dependencies) -> dict[str, Any]:
    """A coordinator proposes a pairing; 409 when the request is not waiting or the offer is full."""
    with uow:
        request = uow.requests.get(cmd.request_id, cmd.organization_id, lock=True)
        offer = uow.offers.get(cmd.offer_type, cmd.offer_id, cmd.organization_id, lock=True)
        if (request.id, cmd.offer_type, offer.id) in uow.matches.excluded_pairs([request.id]):
            raise Conflict("this pair was declined before")
        match = Match.propose(request, cmd.offer_type, offer, uow.matches.active_load(cmd.offer_type, offer.id),
                              cmd.by_user, now=deps.clock.now())
        uow.matches.add(match)
        _audited(uow, deps, cmd, "match.propose", "request", request.id, match.status)
        return {"id": match.id, "status": match.status}


def confirm_match(cmd: c.ConfirmMatch, uow: UnitOfWork, deps: Dependencies) -> str:
    """Confirm a proposal: the offer's place is taken now, so its capacity is checked under a lock."""
    with uow:
        match = uow.matches.get(cmd.match_id, cmd.organization_id, lock=True)
        request = uow.requests.get(match.request_id, cmd.organization_id, lock=True)
        offer = uow.offers.get(match.offer_type, match.offer_id, cmd.organization_id, lock=True)
        match.confirm(request, offer, uow.matches.active_load(match.offer_type, offer.id), now=deps.clock.now())
        return _audited(uow, deps, cmd, "match.confirm", "request", request.id, match.status)


def decline_match(cmd: c.DeclineMatch, uow: UnitOfWork, deps: Dependencies) -> str:
    """Decline a proposal: the request waits again and the pair is never suggested again."""
    with uow:
        match = uow.matches.get(cmd.match_id, cmd.organization_id, lock=True)
        request = uow.requests.get(match.request_id, cmd.organization_id, lock=True)
        match.decline(request, cmd.reason, now=deps.clock.now())
        return _audited(uow, deps, cmd, "match.decline", "request", request.id, match.status)


def end_match(cmd: c.EndMatch, uow: UnitOfWork, deps: Dependencies) -> str:
    """End a running match with a reason; the offer's place is free again."""
    with uow:
        match = uow.matches.get(cmd.match_id, cmd.organization_id, lock=True)
        request = uow.requests.get(match.request_id, cmd.organization_id, lock=True)
        match.end(request, cmd.reason, now=deps.clock.now())
        return _audited(uow, deps, cmd, "match.end", "request", request.id, match.status)


def answer_first_meeting(cmd: c.AnswerFirstMeeting, uow: UnitOfWork, deps: Dependencies) -> str:
    """A side answers through their private link whether they want to go on after meeting."""
    with uow:
        person_type, person = private_links.person_behind(uow, cmd.manage_token)
        match = uow.matches.running_for(person_type, person.id)
        if match is None:
            raise Conflict("there is no running match to answer about")
        request = uow.requests.get(match.request_id, match.organization_id, lock=True)
        match.answer(request, "request" if person_type == "request" else "offer", cmd.go_on, now=deps.clock.now())
        uow.commit()
        return match.status


def renew_match(cmd: c.RenewMatch, uow: UnitOfWork, deps: Dependencies) -> str:
    """Another term of a year, after the coordinator checked in with both sides."""
    with uow:
        match = uow.matches.get(cmd.match_id, cmd.organization_id, lock=True)
        match.renew(now=deps.clock.now())
        return _audited(uow, deps, cmd, "match.renew", "request", match.request_id, match.status)


def complete_reminder(cmd: c.CompleteReminder, uow: UnitOfWork, deps: Dependencies) -> None:
    with uow:
        uow.reminders.get(cmd.reminder_id, cmd.organization_id).done(cmd.by_user, now=deps.clock.now())
        uow.commit()


def create_organization(cmd: c.CreateOrganization, uow: UnitOfWork, deps: Dependencies) -> str:
    """A new organisation under its own address (/<slug>/maatje); never one of Koppel's own pages."""
    with uow:
        if not cmd.slug.replace("-", "").isalnum() or cmd.slug != cmd.slug.lower():
            raise Invalid("slug", "use lowercase letters, digits and hyphens")
        if cmd.slug in RESERVED_SLUGS:
            raise Invalid("slug", f"{cmd.slug} is a page of Koppel itself; choose another")
        if uow.organizations.find(cmd.slug) is not None:
            raise Conflict(f"organisation {cmd.slug} exists")
        org = Organization(cmd.slug, cmd.name, created_at=deps.clock.now(), contact=dict(cmd.contact))
        uow.organizations.add(org)
        uow.commit()
        return org.id


def change_organization_contact(cmd: c.ChangeOrganizationContact, uow: UnitOfWork,
                                deps: Dependencies) -> dict[str, str | None]:
    """An admin sets how people reach a human at the organisation (shown on every public page)."""
    with uow:
        user = uow.users.get(cmd.by_user)
        if user.organization_id != cmd.organization_id:
            raise NotFound("user not found")
        if user.role != "admin":  # as for every admin page: others get "not found"
            raise NotFound("organization not found")
        org = uow.organizations.get(cmd.organization_id)
        org.set_contact(dict(cmd.contact))
        uow.audit.record(cmd.organization_id, cmd.by_user, "organization.contact", "organization", org.id,
                         deps.clock.now())
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
    c.ActivateVolunteer: activate_volunteer,
    c.PauseVolunteer: pause_volunteer,
    c.StopVolunteer: stop_volunteer,
    c.CreatePlacement: create_placement,
    c.ChangePlacement: change_placement,
    c.ClosePlacement: close_placement,
    c.ProposeMatch: propose_match,
    c.ConfirmMatch: confirm_match,
    c.DeclineMatch: decline_match,
    c.EndMatch: end_match,
    c.RunBatchProposals: batch.run_batch_proposals,
    c.AnswerFirstMeeting: answer_first_meeting,
    c.RenewMatch: renew_match,
    c.RaiseDueReminders: reminders.raise_due,
    c.ApplyRetention: retention.apply_retention,
    c.CompleteReminder: complete_reminder,
    c.UploadImport: import_jobs.upload,
    c.StartImport: import_jobs.start,
    c.SetImportMapping: import_jobs.set_mapping,
    c.RunImport: import_jobs.run_now,
    c.CreateOrganization: create_organization,
    c.ChangeOrganizationContact: change_organization_contact,
    c.WriteNote: calls.write_note,
    c.IssueNewLink: links.issue_new_link,
    c.PauseOwnRequest: own_link.pause_own_request,
    c.ResumeOwnRequest: own_link.resume_own_request,
    c.ResumeOwnVolunteer: own_link.resume_own_volunteer,
    c.ChangeOwnContact: own_link.change_own_contact,
    **accounts.HANDLERS,
}
