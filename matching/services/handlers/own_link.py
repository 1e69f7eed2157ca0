"""What a person does through their private link, without an account: take a break and come back,
and keep their contact details right. One transaction each; the link's token finds the person."""
from __future__ import annotations

from matching.domain import commands
from matching.domain.base import token_hash
from matching.services import private_links
from matching.services.ports import Dependencies, UnitOfWork


def pause_own_request(cmd: commands.PauseOwnRequest, uow: UnitOfWork, deps: Dependencies) -> bool:
    """The person pauses: their suggestions go at once, so no coordinator is shown them meanwhile."""
    with uow:
        request = uow.requests.by_token(token_hash(cmd.manage_token), lock=True)
        now = deps.clock.now()
        request.pause(now)
        uow.suggestions.replace(request.id, [], now)
        request.blocked_by = None
        uow.commit()
        return request.paused


def resume_own_request(cmd: commands.ResumeOwnRequest, uow: UnitOfWork, deps: Dependencies) -> bool:
    """Back on the list: the workers score the request again (event request.resumed)."""
    with uow:
        request = uow.requests.by_token(token_hash(cmd.manage_token), lock=True)
        request.resume(now=deps.clock.now())
        uow.commit()
        return request.paused


def resume_own_volunteer(cmd: commands.ResumeOwnVolunteer, uow: UnitOfWork, deps: Dependencies) -> str:
    """A volunteer ends the break they took themselves."""
    with uow:
        volunteer = uow.volunteers.by_token(token_hash(cmd.manage_token), lock=True)
        volunteer.resume(now=deps.clock.now())
        uow.commit()
        return volunteer.status


def change_own_contact(cmd: commands.ChangeOwnContact, uow: UnitOfWork, deps: Dependencies) -> dict[str, str | None]:
    """New email address or phone number; the domain keeps the person reachable."""
    with uow:
        _role, person = private_links.person_behind(uow, cmd.manage_token)
        person.change_contact(dict(cmd.changes), now=deps.clock.now())
        uow.commit()
        return {"email": person.email, "phone": person.phone}

