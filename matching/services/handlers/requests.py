"""Requests: a person asks for a maatje or a werkervaringsplaats, changes it or withdraws (and is erased)."""
from __future__ import annotations

from typing import Any

from matching.domain import commands, consent
from matching.domain.base import token_hash
from matching.domain.people import Request
from matching.services import erasure, identity, organization_cache, sign_up_messages
from matching.services.ports import Dependencies, UnitOfWork


def submit_request(cmd: commands.SubmitRequest, uow: UnitOfWork, deps: Dependencies) -> dict[str, Any]:
    """A person asks for a maatje or a werkervaringsplaats: stored, then scored by the workers."""
    with uow:
        org = organization_cache.by_slug(uow, cmd.organization_slug)
        request = Request.submit(org.id, dict(cmd.fields), consent.CURRENT_VERSION, now=deps.clock.now())
        identity.flag_sign_up(uow, "request", request, deps.clock.now(), new=True)  # before add: no autoflush
        uow.requests.add(request)
        uow.consents.add(consent.Consent.for_person("request", request, consent.CURRENT_VERSION, cmd.via))
        notice = sign_up_messages.request_received(org, request, deps)
        if notice:
            uow.messages.add(notice)
        uow.commit()
        return {"id": request.id, "status": request.status, "manage_token": request.manage_token}


def change_request(cmd: commands.ChangeRequest, uow: UnitOfWork, deps: Dependencies) -> str:
    """The person changes what matching uses through their private link; returns the status, as for a
    volunteer (the private-link page sends either command)."""
    with uow:
        request = uow.requests.by_token(token_hash(cmd.manage_token))
        request.change(dict(cmd.fields), now=deps.clock.now())
        uow.commit()
        return request.status


def withdraw_request(cmd: commands.WithdrawRequest, uow: UnitOfWork, deps: Dependencies) -> None:
    """Withdraw and erase at once; suggestions go too."""
    with uow:
        request = uow.requests.by_token(token_hash(cmd.manage_token), lock=True)
        now = deps.clock.now()
        request.withdraw(now=now, match_running=uow.matches.running_for("request", request.id) is not None)
        erasure.forget(uow, "request", request.id)
        for record in uow.consents.of("request", request.id):
            record.withdraw(cmd.via, now)
        uow.commit()
