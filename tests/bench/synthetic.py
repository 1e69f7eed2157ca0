"""Synthetic profiles spread over the Netherlands for benchmarks (deterministic by seed)."""
from __future__ import annotations

import random

from matching import vocabulary as vocab
from matching.scoring.postcodes import areas, great_circle_km
from matching.scoring.profile import Profile

INTERESTS = list(vocab.INTERESTS)
SLOTS = list(vocab.AVAILABILITY)
POPULAR = {"wandelen": 6, "koffie": 6, "film": 4, "koken": 4, "fietsen": 3, "praten": 3}


def _pick_interests(rng: random.Random, n: int) -> list[str]:
    weights = [POPULAR.get(key, 1) for key in INTERESTS]
    return sorted(set(rng.choices(INTERESTS, weights=weights, k=n)))


def _languages(rng: random.Random) -> list[str]:
    return ["nl"] if rng.random() < 0.8 else rng.sample(["nl", "en", "ar", "tr", "pl"], 2)


CITY = "3511"  # Utrecht centre: a dense city is every postcode area within CITY_KM of it
CITY_KM = 10.0


def city_codes(center: str = CITY, km: float = CITY_KM) -> list[str]:
    """The postcode areas within `km` of `center`'s area (94 areas for Utrecht and 10 km)."""
    mid = areas()[center]
    return [a.postcode for a in areas().values() if great_circle_km(mid.lat, mid.lon, a.lat, a.lon) <= km]


def profiles(n: int, role: str, seed: int, region: str | None = None) -> list[Profile]:
    """`n` requests or volunteers; `region` limits postcodes to one province, or to the dense city ("city")."""
    rng = random.Random(seed)
    codes = city_codes() if region == "city" else [
        a.postcode for a in areas().values() if region is None or a.province == region]
    out = []
    for i in range(n):
        body = {
            "postcode": rng.choice(codes),
            "interests": _pick_interests(rng, rng.randint(1, 5)),
            "availability": rng.sample(SLOTS, rng.randint(2, 8)),
            "languages": _languages(rng),
            "gender": rng.choice(list(vocab.GENDERS)[:2]),
            "id": i,
        }
        if role == "request":
            body.update(kind="maatje", preferences={"max_distance_km": rng.choice([5, 10, 10, 15, 25])})
        else:
            body.update(type="volunteer", capacity=rng.randint(1, 3), max_distance_km=rng.choice([5, 10, 15, 25]))
        out.append(Profile.from_dict(body))
    return out
