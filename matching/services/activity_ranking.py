"""Activities ranked for one waiting person: the organisation's open activities (and, later, its
network's) within the person's maximum distance that share a week slot, best first.

Computed on read: ranking 2,000 activities takes well under a millisecond (tests/bench/activities.py),
so there is nothing to keep up to date when either side changes. What is kept is the index of each
set of organisations' activities, rebuilt when their version (count, latest change) moves, and never
the people's data. Full activities are left out, except those the person already joined.
"""
from __future__ import annotations

import threading
from dataclasses import dataclass
from typing import Any

from matching import vocabulary as vocab
from matching.domain.activity import Activity
from matching.domain.people import Request
from matching.scoring import OfferIndex
from matching.scoring.activities import activity_profile, seeker
from matching.scoring.explain import km_text
from matching.scoring.postcodes import areas
from matching.services.ports import UnitOfWork
from matching.services.profiles import request_profile

SHOWN = 5  # the thank-you page and the private link show the best three to five


@dataclass(frozen=True)
class Built:
    version: tuple
    cards: list[dict[str, Any]]  # public facts of each activity, in index order
    capacity: dict[str, int | None]
    position: dict[str, int]
    index: OfferIndex


_built: dict[tuple[str, ...], Built] = {}
_lock = threading.Lock()


def shared_with(uow: UnitOfWork, organization_id: str) -> list[str]:
    """The organisations whose activities a person of `organization_id` is shown. The seam for the
    regional network (CONTRACT section 11): its partners join this list when that branch lands."""
    return [organization_id]


def card(activity: Activity, organization: str | None = None) -> dict[str, Any]:
    """What anyone may see of an activity: no sign-ups, the host's name and how to reach them."""
    return {"id": activity.id, "title": activity.title, "description": activity.description,
            "category": str(activity.category), "postcode": activity.postcode, "address": activity.address,
            "place": areas()[activity.postcode].place if activity.postcode in areas() else "",
            "slots": sorted(activity.slots, key=list(vocab.AVAILABILITY).index), "interests": list(activity.interests),
            "walk_in": activity.walk_in, "capacity": activity.capacity,
            "host": {"name": activity.host_name, "phone": activity.host_phone, "email": activity.host_email},
            "organization": organization}


def built(uow: UnitOfWork, organization_ids: list[str]) -> Built:
    """The index over these organisations' open activities, rebuilt only when one of them changed."""
    key = tuple(sorted(organization_ids))
    version = uow.activities.version(list(key))
    found = _built.get(key)
    if found is not None and found.version == version:
        return found
    activities = uow.activities.of(list(key))
    index = OfferIndex([activity_profile(a.postcode, a.slots, a.interests, a.id) for a in activities])
    made = Built(version, [card(a) for a in activities], {a.id: a.capacity for a in activities},
                 {a.id: i for i, a in enumerate(activities)}, index)
    with _lock:
        _built[key] = made
    return made


def forget_all() -> None:
    """Tests start with fresh organisations under the same ids now and then."""
    with _lock:
        _built.clear()


def for_request(uow: UnitOfWork, request: Request, k: int | None = SHOWN) -> list[dict[str, Any]]:
    """The best `k` open activities for this person (all with k None), each with what they share."""
    orgs = shared_with(uow, request.organization_id)
    index = built(uow, orgs)
    if not index.cards or not request.postcode:
        return []
    taken = uow.activities.taken(orgs)
    mine = {s.activity_id for s in uow.activities.signups_of_request(request.id)}
    full = [index.position[a] for a, cap in index.capacity.items()
            if cap is not None and taken.get(a, 0) >= cap and a not in mine]
    ask = seeker(request_profile(request))
    out = []
    for found in index.index.rank(ask, k=k, exclude=full):
        item, offer = index.cards[found.index], index.index.offers[found.index]
        cap = index.capacity[item["id"]]
        out.append({"activity": {**item, "places_left": None if cap is None else max(0, cap - taken.get(item["id"], 0))},
                    "distance_km": round(found.distance_km, 2), "distance_text": km_text(found.distance_km),
                    "score": round(found.score, 4), "signed_up": item["id"] in mine,
                    "shared_interests": sorted(ask.interests & offer.interests),
                    "shared_availability": sorted(ask.availability & offer.availability,
                                                  key=list(vocab.AVAILABILITY).index)})
    return out
