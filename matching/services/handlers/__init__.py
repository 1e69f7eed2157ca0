"""The table of commands: which handler runs each one. A handler is one use case in one transaction
(`with uow:` ... `uow.commit()`), called as `handler(command, uow, deps)`, and returns one kind of
result: a command that creates something returns its id (with status and private link where it has
one), one that changes something its new status, one that removes or records something nothing (or a
count for the periodic runs)."""
from __future__ import annotations

from matching.domain import commands as c
from matching.services import accounts, batch, calls, links, reminders, retention
from matching.services.handlers import matches, organizations, own_link, placements, requests, volunteers
from matching.services.importing import jobs as import_jobs

HANDLERS = {
    c.SubmitRequest: requests.submit_request,
    c.ChangeRequest: requests.change_request,
    c.WithdrawRequest: requests.withdraw_request,
    c.ApplyAsVolunteer: volunteers.apply_as_volunteer,
    c.ChangeOwnVolunteer: volunteers.change_own_volunteer,
    c.PauseOwnVolunteer: volunteers.pause_own_volunteer,
    c.ResumeOwnVolunteer: own_link.resume_own_volunteer,
    c.PauseOwnRequest: own_link.pause_own_request,
    c.ResumeOwnRequest: own_link.resume_own_request,
    c.ChangeOwnContact: own_link.change_own_contact,
    c.EraseOwnVolunteer: volunteers.erase_own_volunteer,
    c.ActivateVolunteer: volunteers.activate_volunteer,
    c.PauseVolunteer: volunteers.pause_volunteer,
    c.StopVolunteer: volunteers.stop_volunteer,
    c.CreatePlacement: placements.create_placement,
    c.ChangePlacement: placements.change_placement,
    c.ClosePlacement: placements.close_placement,
    c.ProposeMatch: matches.propose_match,
    c.ConfirmMatch: matches.confirm_match,
    c.DeclineMatch: matches.decline_match,
    c.EndMatch: matches.end_match,
    c.AnswerFirstMeeting: matches.answer_first_meeting,
    c.RenewMatch: matches.renew_match,
    c.RunBatchProposals: batch.run_batch_proposals,
    c.RaiseDueReminders: reminders.raise_due,
    c.CompleteReminder: reminders.complete,
    c.ApplyRetention: retention.apply_retention,
    c.UploadImport: import_jobs.upload,
    c.SetImportMapping: import_jobs.set_mapping,
    c.StartImport: import_jobs.start,
    c.RunImport: import_jobs.run_now,
    c.CreateOrganization: organizations.create_organization,
    c.ChangeOrganizationContact: organizations.change_organization_contact,
    c.WriteNote: calls.write_note,
    c.IssueNewLink: links.issue_new_link,
    c.CreateUser: accounts.create_user,
    c.ChangePassword: accounts.change_password,
    c.ResetAccount: accounts.reset_account,
    c.EndSessions: accounts.end_sessions,
    c.EnableTwoFactor: accounts.enable_two_factor,
    c.DisableTwoFactor: accounts.disable_two_factor,
    c.CheckLoginCode: accounts.check_login_code,
}
