"""Hypothesis strategies for profiles.

Random profiles rarely make a pair that keeps every hard rule (about one in twenty), so a property
guarded by "if the pair is allowed" would seldom assert anything. `offers_for(ask)` therefore builds
the offer from the ask so that the pair keeps every hard rule, and then breaks at most one rule on
purpose; the rule it broke travels with it, so tests can check the reference rules too.
"""
from __future__ import annotations

from dataclasses import dataclass

from hypothesis import strategies as st

from matching import vocabulary as vocab
from matching.scoring.postcodes import areas, great_circle_km
from matching.scoring.profile import Profile

POSTCODES = ["3511", "3512", "3521", "3531", "3561", "3581", "3701", "3811", "1011", "9711"]
INTERESTS = list(vocab.INTERESTS)[:8]
SLOTS = list(vocab.AVAILABILITY)[:6]
LANGS = ["nl", "en", "tr"]
GENDERS = [None, "vrouw", "man"]
ASK_MAX_KM = [2, 5, 10, 25, 60]
VOLUNTEER_MAX_KM = [3, 10, 25, 60]
WORK = list(vocab.WORK_AREAS)[:6]
# The hard rules an offer built from the ask can break (the declined rule is an argument, not a field).
RULES = ("inactive", "full", "kind", "distance", "availability", "language", "gender", "work_area", "hours")
WORK_RULES = ("work_area", "hours")  # these bind werkervaringsplaats asks only


@dataclass(frozen=True)
class Offer:
    """An offer built for one ask, and the hard rule it was made to break (None: it keeps them all)."""

    profile: Profile
    breaks: str | None


def _km(a: str, b: str) -> float:
    one, two = areas()[a], areas()[b]
    return great_circle_km(one.lat, one.lon, two.lat, two.lon)


def _common(draw) -> dict:
    return {
        "postcode": draw(st.sampled_from(POSTCODES)),
        "interests": draw(st.lists(st.sampled_from(INTERESTS), min_size=1, max_size=4, unique=True)),
        "availability": draw(st.lists(st.sampled_from(SLOTS), min_size=1, max_size=4, unique=True)),
        "languages": draw(st.lists(st.sampled_from(LANGS), min_size=1, max_size=2, unique=True)),
        "gender": draw(st.sampled_from(GENDERS)),
    }


@st.composite
def asks(draw) -> Profile:
    body = _common(draw) | {"kind": draw(st.sampled_from(["maatje", "werkervaringsplaats"]))}
    if body["kind"] == "werkervaringsplaats":
        body["work_areas"] = draw(st.lists(st.sampled_from(WORK), min_size=1, max_size=3, unique=True))
        body["hours_per_week"] = draw(st.integers(*vocab.HOURS_PER_WEEK))
    body["preferences"] = {
        "max_distance_km": draw(st.sampled_from(ASK_MAX_KM)),
        "volunteer_gender": draw(st.sampled_from(GENDERS)),
    }
    return Profile.from_dict(body)


@st.composite
def offers(draw) -> Profile:
    """An offer drawn without regard to any ask: mostly not allowed for a given ask."""
    kind = draw(st.sampled_from(["volunteer", "volunteer", "placement"]))
    body = _common(draw) | {"type": kind, "capacity": draw(st.integers(0, 3)),
                            "status": draw(st.sampled_from(["active", "active", "active", "paused"])),
                            "work_areas": draw(st.lists(st.sampled_from(WORK), max_size=3, unique=True)),
                            "hours_per_week": draw(st.integers(0, 40))}
    if kind == "volunteer":
        body["kinds"] = draw(st.lists(st.sampled_from(list(vocab.KINDS)), min_size=1, max_size=2, unique=True))
        body["max_distance_km"] = draw(st.sampled_from(VOLUNTEER_MAX_KM))
        body["preferences"] = {"participant_gender": draw(st.sampled_from(GENDERS))}
    return Profile.from_dict(body)


def _some(draw, pool, must=(), avoid=()) -> list:
    """A non-empty list from `pool` that holds one of `must` (when given) and nothing of `avoid`."""
    allowed = [x for x in pool if x not in avoid]
    chosen = draw(st.lists(st.sampled_from(allowed), min_size=0 if must else 1, max_size=3, unique=True))
    if must and not set(chosen) & set(must):
        chosen.append(draw(st.sampled_from(sorted(must))))
    return chosen


def _allowed_body(draw, ask: Profile) -> dict:
    """An offer body that keeps every hard rule with `ask`."""
    kind = ask.kind
    placement = kind == "werkervaringsplaats" and draw(st.booleans())
    body: dict = {
        "type": "placement" if placement else "volunteer",
        "interests": draw(st.lists(st.sampled_from(INTERESTS), min_size=0, max_size=4, unique=True)),
        "availability": _some(draw, list(vocab.AVAILABILITY), must=ask.availability),
        "languages": _some(draw, LANGS, must=ask.languages),
        "capacity": draw(st.integers(1, 3)),
        "status": "active",
        "gender": ask.wants_gender or draw(st.sampled_from(GENDERS)),
        "work_areas": _some(draw, WORK, must=ask.work_areas) if ask.work_rules else [],
        "hours_per_week": draw(st.integers(int(ask.hours_per_week), 40)),
    }
    limit = ask.max_distance_km
    if not placement:
        body["kinds"] = sorted({kind} | set(draw(st.lists(st.sampled_from(sorted(vocab.KINDS)), max_size=1))))
        body["max_distance_km"] = draw(st.sampled_from(VOLUNTEER_MAX_KM))
        body["preferences"] = {"participant_gender": draw(st.sampled_from([None, ask.gender]))}
        limit = min(limit, body["max_distance_km"])
    body["postcode"] = draw(st.sampled_from([p for p in POSTCODES if _km(ask.postcode, p) <= limit]))
    return body


def _break(draw, ask: Profile, body: dict, rule: str) -> dict:
    """Change `body` so that it breaks `rule` with `ask` and keeps every other hard rule."""
    if rule == "inactive":
        return body | {"status": draw(st.sampled_from(["paused", "stopped", "applied"]))}
    if rule == "full":
        return body | {"capacity": 0}
    if rule == "kind":
        other = sorted(set(vocab.KINDS) - {ask.kind})
        return body | {"type": "volunteer", "kinds": other, "max_distance_km": body.get("max_distance_km", 60),
                       "preferences": body.get("preferences", {})}
    if rule == "distance":
        limit = min(ask.max_distance_km, body.get("max_distance_km", ask.max_distance_km))
        return body | {"postcode": draw(st.sampled_from([p for p in POSTCODES if _km(ask.postcode, p) > limit]))}
    if rule == "availability":
        return body | {"availability": _some(draw, list(vocab.AVAILABILITY), avoid=ask.availability)}
    if rule == "language":
        return body | {"languages": _some(draw, LANGS, avoid=ask.languages)}
    if rule == "work_area":
        return body | {"work_areas": draw(st.lists(st.sampled_from([w for w in WORK if w not in ask.work_areas]),
                                                   max_size=3, unique=True))}
    if rule == "hours":
        return body | {"hours_per_week": draw(st.integers(0, int(ask.hours_per_week) - 1))}
    # gender, which binds volunteers only: the ask's wish for the volunteer's gender, or the reverse
    volunteer = body | {"type": "volunteer", "kinds": body.get("kinds", [ask.kind]),
                        "max_distance_km": body.get("max_distance_km", 60), "preferences": body.get("preferences", {})}
    if ask.wants_gender and draw(st.booleans()):
        return volunteer | {"gender": draw(st.sampled_from([g for g in GENDERS if g != ask.wants_gender]))}
    wish = draw(st.sampled_from([g for g in GENDERS if g and g != ask.gender]))
    return volunteer | {"preferences": {"participant_gender": wish}}


@st.composite
def offers_for(draw, ask: Profile, breaking: tuple[str | None, ...] = (None, *RULES)) -> Offer:
    """An offer built from `ask`: it keeps every hard rule, or breaks exactly the one drawn from `breaking`."""
    rule = draw(st.sampled_from(breaking))
    if rule in WORK_RULES and not ask.work_rules:
        rule = None  # a maatje ask has no work rules to break
    body = _allowed_body(draw, ask)
    if rule is not None:
        body = _break(draw, ask, body, rule)
    return Offer(Profile.from_dict(body), rule)


@st.composite
def offer_lists(draw, ask: Profile, max_size: int = 25) -> list[Profile]:
    """1 to `max_size` offers for `ask`: most keep every hard rule, the others break one or are random."""
    built = offers_for(ask, breaking=(None,) * 2 * len(RULES) + RULES).map(lambda o: o.profile)
    size = draw(st.integers(1, max_size))  # hypothesis' own list sizes are mostly short
    return draw(st.lists(st.one_of(built, built, built, offers()), min_size=size, max_size=size))


@st.composite
def asks_and_offers(draw, max_asks: int = 5, max_offers: int = 4) -> tuple[list[Profile], list[Profile]]:
    """A few asks and offers, each offer built from one of the asks (so most asks have a candidate)."""
    n_asks, n_offers = draw(st.integers(1, max_asks)), draw(st.integers(1, max_offers))
    ask_list = draw(st.lists(asks(), min_size=n_asks, max_size=n_asks))
    sources = draw(st.lists(st.sampled_from(ask_list), min_size=n_offers, max_size=n_offers))
    offer_list = [draw(offers_for(ask, breaking=(None,) * len(RULES) + RULES)).profile for ask in sources]
    return ask_list, offer_list
