"""Hypothesis strategies for profiles: few postcodes close together, so rules both pass and fail."""
from hypothesis import strategies as st

from matching import vocabulary as vocab
from matching.scoring.profile import Profile

POSTCODES = ["3511", "3512", "3521", "3531", "3561", "3581", "3701", "3811", "1011", "9711"]
INTERESTS = list(vocab.INTERESTS)[:8]
SLOTS = list(vocab.AVAILABILITY)[:6]
LANGS = ["nl", "en", "tr"]
GENDERS = [None, "vrouw", "man"]


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
    body["preferences"] = {
        "max_distance_km": draw(st.sampled_from([2, 5, 10, 25, 60])),
        "volunteer_gender": draw(st.sampled_from(GENDERS)),
    }
    return Profile.from_dict(body)


@st.composite
def offers(draw) -> Profile:
    kind = draw(st.sampled_from(["volunteer", "volunteer", "placement"]))
    body = _common(draw) | {"type": kind, "capacity": draw(st.integers(0, 3)),
                            "status": draw(st.sampled_from(["active", "active", "active", "paused"]))}
    if kind == "volunteer":
        body["kinds"] = draw(st.lists(st.sampled_from(list(vocab.KINDS)), min_size=1, max_size=2, unique=True))
        body["max_distance_km"] = draw(st.sampled_from([3, 10, 25, 60]))
        body["preferences"] = {"participant_gender": draw(st.sampled_from(GENDERS))}
    return Profile.from_dict(body)
