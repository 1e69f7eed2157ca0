"""What a person does through their private link, without an account: take a break and come back,
and keep their contact details right. One transaction each; the link's token finds the person."""
from __future__ import annotations

from matching.domain import commands as c
from matching.domain.base import token_hash, utcnow
from matching.domain.people import Request, Volunteer


def pause_own_request(cmd: c.PauseOwnRequest, uow, settings) -> bool:
    """The person pauses: their suggestions go at once, so no coordinator is shown them meanwhile."""
    with uow:
        request = uow.repo.by_token(Request, token_hash(cmd.manage_token), lock=True)
        now = utcnow()
        request.pause(now)
        uow.repo.replace_suggestions(request.id, [], now)
        request.blocked_by = None
        uow.commit()
        return request.paused


def resume_own_request(cmd: c.ResumeOwnRequest, uow, settings) -> bool:
    """Back on the list: the workers score the request again (event request.resumed)."""
    with uow:
        request = uow.repo.by_token(Request, token_hash(cmd.manage_token), lock=True)
        request.resume()
        uow.commit()
        return request.paused


def resume_own_volunteer(cmd: c.ResumeOwnVolunteer, uow, settings) -> str:
    """A volunteer ends the break they took themselves."""
    with uow:
        volunteer = uow.repo.by_token(Volunteer, token_hash(cmd.manage_token), lock=True)
        volunteer.resume()
        uow.commit()
        return volunteer.status


def change_own_contact(cmd: c.ChangeOwnContact, uow, settings) -> dict[str, str | None]:
    """New email address or phone number; the domain keeps the person reachable."""
    with uow:
        _role, person = uow.repo.person_by_token(token_hash(cmd.manage_token))
        person.change_contact(dict(cmd.changes))
        uow.commit()
        return {"email": person.email, "phone": person.phone}


HANDLERS = {
    c.PauseOwnRequest: pause_own_request,
    c.ResumeOwnRequest: resume_own_request,
    c.ResumeOwnVolunteer: resume_own_volunteer,
    c.ChangeOwnContact: change_own_contact,
}
