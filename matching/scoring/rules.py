"""The matching rules for one pair, written plainly: the reference the vectorised index must equal.

Hard rules decide whether a pair may be suggested at all; the soft score in [0, 1] orders the
pairs that may. Each part of the score rises strictly with what it measures, so one more shared
interest, a shorter distance or one more shared slot always raises the score, all else equal.
"""
from __future__ import annotations

import math
from typing import Mapping, Sequence

from matching.scoring.postcodes import great_circle_km
from matching.scoring.profile import Profile

WEIGHTS = {"interests": 0.4, "distance": 0.3, "availability": 0.2, "language": 0.1}
INTEREST_SCALE = 2.5  # shared interest weight at which the interest part reaches 63 %
AVAILABILITY_HALF = 2.0  # shared slots at which the availability part reaches one half
OTHER_LANGUAGE = 0.5  # language part when they share a language, but not the asker's first one


def interest_weights(offers: Sequence[Profile], keys: Sequence[str]) -> dict[str, float]:
    """Weight each interest by its rarity among the offers (1 for the most common, more for rarer ones)."""
    n = len(offers)
    counts = {key: 0 for key in keys}
    for offer in offers:
        for key in offer.interests:
            counts[key] = counts.get(key, 0) + 1
    return {key: 1.0 + math.log((n + 1) / (count + 1)) for key, count in counts.items()}


def distance_km(ask: Profile, offer: Profile) -> float:
    """Great-circle distance between the two postcode areas."""
    return great_circle_km(ask.lat, ask.lon, offer.lat, offer.lon)


def broken_rule(ask: Profile, offer: Profile, km: float, declined: bool = False) -> str | None:
    """Return the first hard rule the pair breaks, or None when it may be suggested."""
    if not offer.active:
        return "inactive"
    if offer.capacity <= 0:
        return "full"
    if not ask.kinds <= offer.kinds:
        return "kind"
    if km > ask.max_distance_km or km > offer.max_distance_km:
        return "distance"
    if not ask.availability & offer.availability:
        return "availability"
    if not set(ask.languages) & set(offer.languages):
        return "language"
    if ask.wants_gender and offer.type == "volunteer" and offer.gender != ask.wants_gender:
        return "gender"
    if offer.wants_gender and ask.gender != offer.wants_gender:
        return "gender"
    if ask.work_rules and not ask.work_areas & offer.work_areas:
        return "work_area"
    if ask.work_rules and ask.hours_per_week > offer.hours_per_week:
        return "hours"
    if declined:
        return "declined"
    return None


def parts(ask: Profile, offer: Profile, km: float, weights: Mapping[str, float]) -> dict[str, float]:
    """The four parts of the soft score, each in [0, 1]."""
    shared_weight = sum(weights.get(key, 1.0) for key in ask.interests & offer.interests)
    limit = min(ask.max_distance_km, offer.max_distance_km)
    slots = len(ask.availability & offer.availability)
    return {
        "interests": 1.0 - math.exp(-shared_weight / INTEREST_SCALE),
        "distance": min(1.0, max(0.0, 1.0 - km / limit)) if limit > 0 else 1.0,
        "availability": slots / (slots + AVAILABILITY_HALF),
        "language": 1.0 if ask.languages[0] in offer.languages else OTHER_LANGUAGE,
    }


def score(part_values: Mapping[str, float]) -> float:
    """Weighted sum of the parts: the soft score in [0, 1]."""
    return sum(WEIGHTS[name] * value for name, value in part_values.items())
