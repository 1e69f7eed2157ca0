"""Activities as the pages and the API show them: the sociale kaart (public, no personal data), the
person's own list behind their private link, and the coordinator's list and activity page."""
from __future__ import annotations

from typing import Any, Iterable

from matching.domain.base import token_hash
from matching.domain.errors import NotFound
from matching.scoring.postcodes import UnknownPostcode, area_code, areas, great_circle_km
from matching.services import activity_ranking, organization_cache
from matching.services.messagebus import MessageBus


def public_list(bus: MessageBus, slug: str, postcode: str | None = None,
                interests: Iterable[str] = ()) -> dict[str, Any]:
    """The organisation's open activities (and its network's), nearest first when a postcode is given,
    only those sharing one of `interests` when any are given. UnknownPostcode for a bad postcode."""
    wanted = set(interests)
    here = areas()[area_code(postcode)] if postcode else None
    with bus.uow() as uow:
        org = organization_cache.by_slug(uow, slug)
        orgs = activity_ranking.shared_with(uow, org.id)
        names = {org.id: org.name}
        items = []
        for activity in uow.activities.of(orgs):
            if wanted and not wanted & set(activity.interests):
                continue
            place = areas()[activity.postcode]
            km = great_circle_km(here.lat, here.lon, place.lat, place.lon) if here else None
            items.append({"activity": activity_ranking.card(activity, names.get(activity.organization_id)),
                          "distance_km": None if km is None else round(km, 2)})
    if here:
        items.sort(key=lambda item: (item["distance_km"], item["activity"]["title"]))
    return {"organization": {"slug": org.slug, "name": org.name, "contact": org.contact}, "items": items}


def page_of(items: list, page: int = 1, per_page: int = 50) -> dict[str, Any]:
    """One page of a list, as every list of the API answers (CONTRACT sections 9-14)."""
    return {"items": items[(page - 1) * per_page: page * per_page], "total": len(items), "page": page}


def valid_postcode(text: str | None) -> str | None:
    """The four digits of a typed postcode, None when empty; UnknownPostcode when it is not one."""
    text = (text or "").strip()
    return area_code(text) if text else None


def for_link(bus: MessageBus, token: str, k: int | None = activity_ranking.SHOWN) -> dict[str, Any]:
    """The best activities for the person behind a request's private link, and those they joined.
    NotFound for a volunteer's link or a dead one."""
    with bus.uow() as uow:
        request = uow.requests.by_token(token_hash(token))
        if request.erased_at is not None:
            raise NotFound("no such request")
        items = activity_ranking.for_request(uow, request, k)
        joined_ids = {s.activity_id for s in uow.activities.signups_of_request(request.id)}
        shown = {item["activity"]["id"] for item in items}
        joined = [activity_ranking.card(uow.activities.get(a, None)) for a in joined_ids if a not in shown]
    return {"items": items, "joined": sorted(joined, key=lambda a: a["title"])}


def rows(bus: MessageBus, org: str) -> list[dict[str, Any]]:
    """Every activity of the organisation with how many joined, open ones first."""
    with bus.uow() as uow:
        taken = uow.activities.taken([org])
        activities = uow.activities.of([org], open_only=False)
    return sorted(({**activity_ranking.card(a), "status": str(a.status), "joined": taken.get(a.id, 0)}
                   for a in activities), key=lambda a: (a["status"] != "open", a["title"]))


def detail(bus: MessageBus, org: str, activity_id: str, user_id: str | None) -> dict[str, Any]:
    """One activity with who joined (first name, contact, when): personal data, so the view is logged."""
    now = bus.deps.clock.now()
    with bus.uow() as uow:
        activity = uow.activities.get(activity_id, org)
        signups = uow.activities.signups_of_activity(activity.id)
        uow.audit.record_views(org, user_id, "activity.view", [("request", s.request_id) for s in signups], now)
        uow.commit()
        return {**activity_ranking.card(activity), "status": str(activity.status),
                "signups": [{"first_name": s.first_name, "contact": s.contact, "created_at": s.created_at,
                             "request_id": s.request_id} for s in signups]}


__all__ = ["UnknownPostcode", "detail", "for_link", "page_of", "public_list", "rows", "valid_postcode"]
