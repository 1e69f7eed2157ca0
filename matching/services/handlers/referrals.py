"""Referrals: a professional signs someone up with that person's agreement (CONTRACT section 11)."""
from __future__ import annotations

from typing import Any

from matching.domain import commands, consent
from matching.domain.people import Request
from matching.domain.referral import Referral
from matching.services import organization_cache, sign_up_messages
from matching.services.ports import Dependencies, UnitOfWork


def refer_person(cmd: commands.ReferPerson, uow: UnitOfWork, deps: Dependencies) -> dict[str, Any]:
    """The request is stored as anyone's (the person gets the usual confirmation, or a call task when
    there is no email), its consent recorded as given through the referral; the referrer gets a link
    of their own that shows only a status, and only when `share_status`."""
    with uow:
        org = organization_cache.by_slug(uow, cmd.organization_slug)
        now = deps.clock.now()
        request = Request.submit(org.id, dict(cmd.fields), consent.CURRENT_VERSION, now=now)
        uow.requests.add(request)
        uow.consents.add(consent.Consent.for_person("request", request, consent.CURRENT_VERSION, cmd.via))
        referral = Referral.make(org.id, request.id, dict(cmd.referrer), cmd.share_status, now=now)
        uow.referrals.add(referral)
        uow.messages.add(sign_up_messages.request_received(org, request, deps))
        uow.commit()
        return {"id": request.id, "status": request.status, "referrer_token": referral.token}
