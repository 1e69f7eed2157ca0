"""Properties of ranking activities for one person (matching/scoring/activities.py through OfferIndex):
every activity shown keeps the distance and slot rules; none that keeps them is missing when fewer
than five are shown; and none nearer and better than one shown is missing (with five shown, each one
left out scores at most what every shown one scores)."""
from __future__ import annotations

import pytest
from hypothesis import given, settings, strategies as st

from matching import vocabulary as vocab
from matching.scoring import OfferIndex, rules
from matching.scoring.activities import activity_profile, keeps_rules, seeker
from matching.scoring.profile import Profile
from tests.unit.scoring.strategies import ASK_MAX_KM, INTERESTS, POSTCODES, SLOTS

pytestmark = pytest.mark.unit
SHOWN = 5


@st.composite
def activities(draw) -> list[Profile]:
    n = draw(st.integers(0, 25))
    return [activity_profile(draw(st.sampled_from(POSTCODES)),
                             draw(st.lists(st.sampled_from(SLOTS), min_size=1, max_size=4, unique=True)),
                             draw(st.lists(st.sampled_from(INTERESTS), min_size=0, max_size=3, unique=True)), i)
            for i in range(n)]


@st.composite
def people(draw) -> Profile:
    """Seekers of every kind, as activities see them (`seeker`: a werkervaringsplaats's rules are not theirs)."""
    return seeker(Profile.from_dict({
        "kind": draw(st.sampled_from(list(vocab.KINDS))), "postcode": draw(st.sampled_from(POSTCODES)),
        "interests": draw(st.lists(st.sampled_from(INTERESTS), min_size=1, max_size=4, unique=True)),
        "availability": draw(st.lists(st.sampled_from(SLOTS), min_size=1, max_size=4, unique=True)),
        "languages": draw(st.sampled_from([["nl"], ["tr"], ["en", "nl"]])),
        "gender": draw(st.sampled_from([None, "vrouw"])),
        "preferences": {"max_distance_km": draw(st.sampled_from(ASK_MAX_KM)),
                        "volunteer_gender": draw(st.sampled_from([None, "man"]))}}))


def _reference_score(ask: Profile, activity: Profile, weights) -> float:
    return rules.score(rules.parts(ask, activity, rules.distance_km(ask, activity), weights))


@settings(max_examples=300, deadline=None)
@given(activities(), people())
def test_shown_activities_keep_the_rules_and_none_nearer_and_better_is_missing(offers, ask):
    index = OfferIndex(offers)
    shown = index.rank(ask, k=SHOWN)
    ids = {c.index for c in shown}
    assert all(keeps_rules(ask, offers[c.index]) for c in shown)  # distance and a shared slot
    keeping = [i for i, a in enumerate(offers) if keeps_rules(ask, a)]
    if len(shown) < SHOWN:
        assert ids == set(keeping)  # nothing that keeps the rules is left out
    worst = min((c.score for c in shown), default=None)
    for i in keeping:
        if i in ids:
            continue
        left_out = offers[i]
        assert _reference_score(ask, left_out, index.weights) <= worst + 1e-9
        for c in shown:  # never a left-out activity as near, sharing as much, and strictly better
            kept = offers[c.index]
            nearer = rules.distance_km(ask, left_out) <= rules.distance_km(ask, kept)
            more = (ask.interests & kept.interests) <= (ask.interests & left_out.interests) and \
                (ask.availability & kept.availability) <= (ask.availability & left_out.availability)
            better = (ask.interests & kept.interests) < (ask.interests & left_out.interests) or \
                (ask.availability & kept.availability) < (ask.availability & left_out.availability) or \
                rules.distance_km(ask, left_out) < rules.distance_km(ask, kept)
            assert not (nearer and more and better), (i, c.index)


@settings(max_examples=200, deadline=None)
@given(activities(), people())
def test_the_index_scores_each_activity_as_the_plain_rules_do(offers, ask):
    index = OfferIndex(offers)
    for found in index.rank(ask, k=None):
        assert found.score == pytest.approx(_reference_score(ask, offers[found.index], index.weights), abs=1e-9)


@settings(max_examples=100, deadline=None)
@given(activities(), people())
def test_no_gender_wish_or_language_ever_hides_an_activity(offers, ask):
    """Activities are for everyone: only the person's distance and times decide."""
    shown = {c.index for c in OfferIndex(offers).rank(ask, k=None)}
    assert shown == {i for i, a in enumerate(offers) if keeps_rules(ask, a)}
