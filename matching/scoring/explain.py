"""Breakdown of a pair's score with short Dutch reasons a coordinator can read aloud."""
from __future__ import annotations

from typing import Any, Mapping

from matching import vocabulary as vocab
from matching.scoring import rules
from matching.scoring.profile import Profile

_SLOT_ORDER = {key: i for i, key in enumerate(vocab.AVAILABILITY)}


def km_text(km: float) -> str:
    """Dutch decimal comma: 2.4 -> '2,4 km'."""
    return f"{km:.1f}".replace(".", ",") + " km"


def _and_list(words: list[str]) -> str:
    return words[0] if len(words) == 1 else ", ".join(words[:-1]) + " en " + words[-1]


def breakdown(ask: Profile, offer: Profile, km: float, weights: Mapping[str, float]) -> dict[str, Any]:
    """Every part of the score with its value, weight, what was shared and a Dutch reason."""
    values = rules.parts(ask, offer, km, weights)
    interests = sorted(ask.interests & offer.interests, key=lambda key: (-weights.get(key, 1.0), key))
    slots = sorted(ask.availability & offer.availability, key=_SLOT_ORDER.__getitem__)
    languages = [code for code in ask.languages if code in offer.languages]
    labels = [vocab.label(vocab.INTERESTS, key).lower() for key in interests]
    reasons = {
        "interests": (f"{len(interests)} gedeelde interesse{'s' if len(interests) != 1 else ''}: " + ", ".join(labels))
        if interests else "geen gedeelde interesses",
        "distance": km_text(km),
        "availability": "beiden " + _and_list([vocab.label(vocab.AVAILABILITY, s) for s in slots[:3]])
        + (f" (en nog {len(slots) - 3})" if len(slots) > 3 else ""),
        "language": "spreken allebei " + _and_list([vocab.label(vocab.LANGUAGES, c) for c in languages]),
    }
    shared = {"interests": interests, "distance": None, "availability": slots, "language": languages}
    out: dict[str, Any] = {}
    for name, value in values.items():
        out[name] = {"score": round(value, 4), "weight": rules.WEIGHTS[name], "reason": reasons[name]}
        if shared[name] is not None:
            out[name]["shared"] = shared[name]
    out["distance"]["km"] = round(km, 2)
    if ask.work_rules:
        out["work"] = work_part(ask, offer)
    return out


def work_part(ask: Profile, offer: Profile) -> dict[str, Any]:
    """A werkervaringsplaats explained in work terms ("administratie, 16 uur past"): a hard rule, so it
    adds nothing to the score (weight 0) but says why this place fits."""
    shared = sorted(ask.work_areas & offer.work_areas, key=list(vocab.WORK_AREAS).index)
    words = [vocab.label(vocab.WORK_AREAS, key).lower() for key in shared]
    hours = f"{ask.hours_per_week:g} uur past" if ask.hours_per_week else "uren passen"
    if offer.hours_per_week > ask.hours_per_week > 0:
        hours += f" (de plaats heeft {offer.hours_per_week:g} uur)"
    return {"score": 1.0, "weight": 0.0, "reason": ", ".join([*words, hours]) if words else hours,
            "shared": shared, "hours": ask.hours_per_week}
