"""Activities: a coordinator adds, changes and closes them; a person joins or leaves one from their
private link. Joining tells the host a first name and one way to reach the person, and only with the
person's say-so (ActivitySignup.join refuses without it)."""
from __future__ import annotations

from typing import Any

from matching.domain import commands
from matching.domain.activity import Activity, ActivitySignup
from matching.domain.base import token_hash
from matching.domain.errors import Conflict, NotFound
from matching.domain.message import Message
from matching.domain.organization import contact_footer
from matching.domain.people import RequestStatus
from matching.services import activity_ranking
from matching.services.ports import Dependencies, UnitOfWork

HOST = "activity"  # recipient_type of the message to an activity's host


def create_activity(cmd: commands.CreateActivity, uow: UnitOfWork, deps: Dependencies) -> dict[str, Any]:
    """A coordinator adds an activity; waiting people near it see it on their next look."""
    with uow:
        activity = Activity.create(cmd.organization_id, dict(cmd.fields), now=deps.clock.now())
        uow.activities.add(activity)
        uow.commit()
        return {"id": activity.id, "status": activity.status}


def change_activity(cmd: commands.ChangeActivity, uow: UnitOfWork, deps: Dependencies) -> str:
    with uow:
        activity = uow.activities.get(cmd.activity_id, cmd.organization_id)
        activity.change(dict(cmd.fields), now=deps.clock.now())
        uow.commit()
        return activity.status


def close_activity(cmd: commands.CloseActivity, uow: UnitOfWork, deps: Dependencies) -> str:
    """Nobody new sees it or joins it; who joined keeps their sign-up (the host still knows them)."""
    with uow:
        activity = uow.activities.get(cmd.activity_id, cmd.organization_id)
        activity.close(now=deps.clock.now())
        uow.commit()
        return activity.status


def join_activity(cmd: commands.JoinActivity, uow: UnitOfWork, deps: Dependencies) -> dict[str, Any]:
    """The person behind the link joins (once; again is the same sign-up). The activity is locked while
    its places are counted, so two people never take its last place. 409 when full or closed."""
    with uow:
        request = uow.requests.by_token(token_hash(cmd.token))
        if request.status == RequestStatus.WITHDRAWN or request.erased_at is not None:
            raise Conflict("this request was withdrawn")
        activity = uow.activities.get(cmd.activity_id, None, lock=True)
        if activity.organization_id not in activity_ranking.shared_with(uow, request.organization_id):
            raise NotFound("activity not found")
        existing = uow.activities.signup(activity.id, request.id)
        if existing is not None:
            return {"id": existing.id, "activity_id": activity.id}
        taken = len(uow.activities.signups_of_activity(activity.id))
        signup = ActivitySignup.join(activity, request.id, request.first_name or "", request.email or request.phone or "",
                                     taken, cmd.share_contact, now=deps.clock.now())
        uow.activities.add_signup(signup)
        if activity.host_email:
            uow.messages.add(_tell_host(uow, activity, signup, deps))
        uow.commit()
        return {"id": signup.id, "activity_id": activity.id}


def leave_activity(cmd: commands.LeaveActivity, uow: UnitOfWork, deps: Dependencies) -> None:
    """The person no longer joins; NotFound when they had not joined."""
    with uow:
        request = uow.requests.by_token(token_hash(cmd.token))
        signup = uow.activities.signup(cmd.activity_id, request.id)
        if signup is None:
            raise NotFound("not signed up for this activity")
        signup.leave()
        uow.activities.remove_signup(signup)
        uow.commit()


def _tell_host(uow: UnitOfWork, activity: Activity, signup: ActivitySignup, deps: Dependencies) -> Message:
    """A first name and one way to reach the person: nothing else of their request."""
    org = uow.organizations.get(activity.organization_id)
    body = (f"Beste {activity.host_name},\n\n{signup.first_name} wil graag meedoen met \"{activity.title}\" en "
            f"vindt het goed dat je contact opneemt: {signup.contact}.\n\n"
            "Wil je even laten weten wanneer en waar jullie elkaar zien?\n\nHartelijke groet,\n"
            + org.name + contact_footer(org.name, org.contact))
    return Message.queue(org.id, activity.host_email, f"Nieuwe aanmelding: {activity.title}", body, HOST, activity.id,
                         match_id=signup.id, now=deps.clock.now())
