"""One request's page: the request (its view logged), its suggestions, and why nobody fits when none do."""
from __future__ import annotations

from collections import Counter
from typing import Any

from matching.services import blocking_rules
from matching.services.messagebus import MessageBus
from matching.services.queries.person_records import request_record


def request(bus: MessageBus, org: str, request_id: str, user_id: str | None) -> dict[str, Any]:
    """The request with contact details; the view is in the access log."""
    with bus.uow() as uow:
        request = uow.requests.get(request_id, org)
        now = bus.deps.clock.now()
        uow.audit.record(org, user_id, "request.view", "request", request.id, now)
        uow.commit()
        return request_record(request, now)


def candidates(bus: MessageBus, org: str, request_id: str, limit: int) -> dict[str, Any]:
    """The stored suggestions, best first; `pending` while the workers have not scored the request."""
    with bus.uow() as uow:
        request = uow.requests.get(request_id, org)
        items = [
            {"offer": {"type": s["offer_type"], "id": s["offer_id"]}, "score": s["score"],
             "distance_km": s["distance_km"], "shared_interests": s["breakdown"]["interests"].get("shared", []),
             "shared_availability": s["breakdown"]["availability"].get("shared", []), "breakdown": s["breakdown"]}
            for s in uow.suggestions.of(request.id, limit)
        ]
        return {"pending": request.pending, "computed_at": request.scored_at, "items": items}


def why_nobody_fits(bus: MessageBus, org: str, request_id: str) -> dict[str, Any]:
    """Counts of the blocking rule per offer, and the Dutch sentence for the coordinator: the counts the
    workers stored with the last scoring when it is current (counting anew reads every offer: seconds
    with thousands of volunteers, on every view of the person's page), else counted now."""
    with bus.uow() as uow:
        request = uow.requests.get(request_id, org)
        stored = request.blocked_by if request.blocked_by and not request.pending else None
        counts = Counter(stored) if stored else blocking_rules.counts(uow, org, request)
        return {"counts": dict(counts), "sentence": blocking_rules.sentence(counts, request.languages)}


def referred_by(bus: MessageBus, org: str, request_id: str) -> dict[str, Any] | None:
    """Who referred this request, for the coordinator (to call the referrer back); None when the person came themselves."""
    with bus.uow() as uow:
        request = uow.requests.get(request_id, org)
        found = uow.referrals.of_request(request.id)
        if not found:
            return None
        r = found[0]
        return {"name": r.referrer_name, "organization": r.referrer_organization, "role": str(r.referrer_role),
                "email": r.referrer_email, "phone": r.referrer_phone, "share_status": r.share_status,
                "created_at": r.created_at}
