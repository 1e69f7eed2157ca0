"""The table of commands: which handler runs each one. A handler is one use case in one transaction
(`with uow:` ... `uow.commit()`), called as `handler(command, uow, deps)`, and returns one kind of
result: a command that creates something returns its id (with status and private link where it has
one), one that changes something its new status, one that removes or records something nothing (or a
count for the periodic runs)."""
from __future__ import annotations

from matching.domain import commands
from matching.services import accounts, batch_proposals, calls, links, match_health, pulses, reminders, retention
from matching.services.handlers import matches, organizations, own_link, placements, requests, volunteers
from matching.services.importing import jobs as import_jobs

HANDLERS = {
    commands.SubmitRequest: requests.submit_request,
    commands.ChangeRequest: requests.change_request,
    commands.WithdrawRequest: requests.withdraw_request,
    commands.ApplyAsVolunteer: volunteers.apply_as_volunteer,
    commands.ChangeOwnVolunteer: volunteers.change_own_volunteer,
    commands.PauseOwnVolunteer: volunteers.pause_own_volunteer,
    commands.ResumeOwnVolunteer: own_link.resume_own_volunteer,
    commands.PauseOwnRequest: own_link.pause_own_request,
    commands.ResumeOwnRequest: own_link.resume_own_request,
    commands.ChangeOwnContact: own_link.change_own_contact,
    commands.EraseOwnVolunteer: volunteers.erase_own_volunteer,
    commands.ActivateVolunteer: volunteers.activate_volunteer,
    commands.PauseVolunteer: volunteers.pause_volunteer,
    commands.StopVolunteer: volunteers.stop_volunteer,
    commands.CreatePlacement: placements.create_placement,
    commands.ChangePlacement: placements.change_placement,
    commands.ClosePlacement: placements.close_placement,
    commands.ProposeMatch: matches.propose_match,
    commands.ConfirmMatch: matches.confirm_match,
    commands.DeclineMatch: matches.decline_match,
    commands.EndMatch: matches.end_match,
    commands.AnswerFirstMeeting: matches.answer_first_meeting,
    commands.RenewMatch: matches.renew_match,
    commands.UndoMatchStep: matches.undo_match_step,
    commands.RunBatchProposals: batch_proposals.run_batch_proposals,
    commands.RaiseDueReminders: reminders.raise_due,
    commands.RaiseDuePulses: pulses.raise_due,
    commands.AnswerPulse: pulses.answer,
    commands.ReassessHealth: match_health.reassess_all,
    commands.CompleteReminder: reminders.complete,
    commands.ApplyRetention: retention.apply_retention,
    commands.UploadImport: import_jobs.upload,
    commands.SetImportMapping: import_jobs.set_mapping,
    commands.StartImport: import_jobs.start,
    commands.RunImport: import_jobs.run_now,
    commands.CreateOrganization: organizations.create_organization,
    commands.ChangeOrganizationContact: organizations.change_organization_contact,
    commands.WriteNote: calls.write_note,
    commands.IssueNewLink: links.issue_new_link,
    commands.CreateUser: accounts.create_user,
    commands.ChangePassword: accounts.change_password,
    commands.ResetAccount: accounts.reset_account,
    commands.EndSessions: accounts.end_sessions,
    commands.EnableTwoFactor: accounts.enable_two_factor,
    commands.DisableTwoFactor: accounts.disable_two_factor,
    commands.CheckLoginCode: accounts.check_login_code,
}
