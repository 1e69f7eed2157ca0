"""Domain objects -> scoring profiles: the one place that knows which fields matching reads."""
from __future__ import annotations

import math

from matching import vocabulary as vocab
from matching.domain.match import OfferType
from matching.domain.people import Request, Volunteer
from matching.domain.placement import Placement
from matching.scoring import Profile
from matching.scoring.postcodes import areas
from matching.scoring.profile import NO_WORK


def _place(postcode: str) -> tuple[float, float]:
    area = areas()[postcode]
    return area.lat, area.lon


def search_distance_km(request: Request) -> float:
    """How far we search for this person: their own maximum, or (no preference) the default of the kind."""
    return request.max_distance_km or vocab.DEFAULT_MAX_DISTANCE_KM[request.kind]


def request_profile(request: Request) -> Profile:
    lat, lon = _place(request.postcode)
    return Profile(
        type="request", kinds=frozenset([request.kind]), postcode=request.postcode, lat=lat, lon=lon,
        interests=frozenset(request.interests), availability=frozenset(request.availability),
        languages=tuple(request.languages or ["nl"]), gender=request.gender, wants_gender=request.volunteer_gender,
        max_distance_km=search_distance_km(request), id=request.id,
        work_areas=frozenset(request.work_areas) if request.work_areas else NO_WORK,
        hours_per_week=float(request.hours_per_week or 0),
    )


def offer_profile(offer_type: str, offer: Volunteer | Placement, free: int) -> Profile:
    """`free`: places not taken or held by a proposal."""
    lat, lon = _place(offer.postcode)
    volunteer = offer_type == OfferType.VOLUNTEER
    return Profile(
        type=offer_type, kinds=frozenset(offer.kinds if volunteer else ["werkervaringsplaats"]),
        postcode=offer.postcode, lat=lat, lon=lon, interests=frozenset(offer.interests),
        availability=frozenset(offer.availability), languages=tuple(offer.languages or ["nl"]),
        gender=offer.gender if volunteer else None,
        wants_gender=offer.participant_gender if volunteer else None,
        max_distance_km=offer.max_distance_km if volunteer else math.inf,
        capacity=max(0, free), active=offer.is_available, id=offer.id,
        work_areas=frozenset(offer.work_areas) if not volunteer and offer.work_areas else NO_WORK,
        hours_per_week=float((offer.hours_per_week or 0) if not volunteer else 0),
    )
