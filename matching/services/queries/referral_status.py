"""What a referrer's private link shows: a status, the organisation that has the person now and how
to reach it. Never a name, a contact detail or a note of either side (tests/e2e/test_referrals.py
checks every body)."""
from __future__ import annotations

from datetime import datetime, timezone
from typing import Any

from matching.domain.base import token_hash
from matching.domain.errors import NotFound
from matching.domain.referral import status_of
from matching.services.messagebus import MessageBus

EPOCH = datetime(2000, 1, 1, tzinfo=timezone.utc)


def status(bus: MessageBus, token: str) -> dict[str, Any]:
    """404 (NotFound) for an unknown link and for a referral whose referrer may not follow it."""
    with bus.uow() as uow:
        referral = uow.referrals.by_token(token_hash(token))
        if not referral.share_status:
            raise NotFound("referral not found")
        request = uow.requests.get(referral.request_id, None)
        kinds = [note.kind for note in uow.notes.written_about("request", request.id, EPOCH)]
        org = uow.organizations.get(request.organization_id)
        return {"status": str(status_of(request.status, request.erased_at is not None, kinds)),
                "referred_at": referral.created_at,
                "organization": {"name": org.name, **org.contact}}
