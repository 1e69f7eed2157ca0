"""The matches (API: GET /matches; the workspace's Koppelingen page), with the offers' display names."""
from __future__ import annotations

from matching.domain.errors import NotFound
from matching.domain.match import UNDO_WITHIN, OfferType, undo_open
from matching.domain.search import ListQuery
from matching.services.messagebus import MessageBus
from matching.services.queries.person_records import display_name, viewed


def rows(bus: MessageBus, org: str, status: str | None, health: str | None = None) -> list[dict]:
    """The matches, newest proposal first (ids only: the names come from `offer_names`); `health`
    (too_early, on_track, needs_check_in) keeps the running ones with that health."""
    with bus.uow() as uow:
        return uow.read_model.matches(org, status, health)


def offer_names(bus: MessageBus, org: str, refs: list[tuple[str, str]],
                user_id: str | None) -> dict[tuple[str, str], str]:
    """Display names for offers: a volunteer's first name and initial (logged), a placement's title."""
    out = {}
    with bus.uow() as uow:
        viewed(uow, bus.deps.clock.now(), org, user_id, "volunteer.name",
               [ref for ref in refs if ref[0] == OfferType.VOLUNTEER])
        for offer_type, offer_id in refs:
            try:
                offer = uow.offers.get(offer_type, offer_id, org)
            except NotFound:
                continue
            out[(offer_type, offer_id)] = offer.title if offer_type == OfferType.PLACEMENT else \
                display_name(offer.first_name, offer.last_name, initial=True)
    return out


def request_names(bus: MessageBus, org: str, ids: list[str], user_id: str | None) -> dict[str, str]:
    """First names of requests (logged as shown), so a match reads "Anna met Bram d.", not "Aanvraag met…"."""
    out = {}
    with bus.uow() as uow:
        viewed(uow, bus.deps.clock.now(), org, user_id, "request.name", [("request", i) for i in dict.fromkeys(ids)])
        for request_id in dict.fromkeys(ids):
            try:
                out[request_id] = display_name(uow.requests.get(request_id, org).first_name)
            except NotFound:
                continue
    return out


def page(bus: MessageBus, org: str, spec: ListQuery) -> dict:
    """One page of matches with both names, searched and filtered; each row says whether its last step
    (an ending, a decline) can still be undone. Both people named are in the access log."""
    with bus.uow() as uow:
        now = bus.deps.clock.now()
        found, total = uow.read_model.match_page(org, spec, now)
        shown = [("request", row["request_id"]) for row in found] + [
            ("volunteer", row["offer_id"]) for row in found if row["offer_type"] == OfferType.VOLUNTEER]
        viewed(uow, now, org, spec.user_id, "match.list", shown)
        return {"items": [_item(row, now) for row in found], "total": total, "page": spec.page, "per_page": spec.per_page}


def _item(row: dict, now) -> dict:
    first, last = row.pop("volunteer_first_name"), row.pop("volunteer_last_name")
    title = row.pop("placement_title")
    name = title if row["offer_type"] == OfferType.PLACEMENT else " ".join(part for part in (first, last) if part)
    row["request"] = {"id": row["request_id"], "first_name": row.pop("request_first_name")}
    row["offer"] = {"type": row["offer_type"], "id": row["offer_id"], "name": name or None}
    row["can_undo"] = undo_open(row["status"], row["updated_at"], now)
    row["undo_until"] = row["updated_at"] + UNDO_WITHIN if row["can_undo"] else None
    return row
