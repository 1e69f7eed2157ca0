"""Activities ranked for one person with the same engine as volunteers and placements.

An activity becomes an offer profile that only the person's own rules can refuse: it serves every
kind, speaks every language, asks nothing of anyone's gender and travels nowhere (only the person's
maximum distance applies), so `OfferIndex.rank` keeps exactly two hard rules, within the person's
maximum distance and at least one shared week slot, and scores on interests, distance and slots
(the language part is the same for every activity). Many people join one activity, so there is no
assignment: each person gets their own ranking. `keeps_rules` is the plain reference of both rules.
"""
from __future__ import annotations

import math
from dataclasses import replace
from typing import Iterable

from matching import vocabulary as vocab
from matching.scoring.postcodes import areas, great_circle_km
from matching.scoring.profile import Profile

ALL_KINDS = frozenset(vocab.KINDS)
ALL_LANGUAGES = tuple(vocab.LANGUAGES)


def activity_profile(postcode: str, slots: Iterable[str], interests: Iterable[str], id=None) -> Profile:
    """An activity as an offer: placed at its postcode area, refused by nobody's kind, language or gender."""
    area = areas()[postcode]
    return Profile(type="placement", kinds=ALL_KINDS, postcode=postcode, lat=area.lat, lon=area.lon,
                   interests=frozenset(interests), availability=frozenset(slots), languages=ALL_LANGUAGES,
                   max_distance_km=math.inf, capacity=1, id=id)


def seeker(ask: Profile) -> Profile:
    """The person as an activity sees them. An activity is no workplace: the werkervaringsplaats rules
    (a shared work area, enough hours) never refuse one, so such a seeker is ranked as anyone else."""
    return replace(ask, kinds=frozenset({"maatje"})) if ask.work_rules else ask


def keeps_rules(ask: Profile, activity: Profile) -> bool:
    """Within the person's maximum distance, and at least one week slot in common."""
    km = great_circle_km(ask.lat, ask.lon, activity.lat, activity.lon)
    return km <= ask.max_distance_km and bool(ask.availability & activity.availability)
