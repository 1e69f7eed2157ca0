"""Health of a running match: each reason, explained in Dutch, and what clears it."""
from datetime import date, datetime, timedelta, timezone

import pytest

from matching.domain.match_health import Facts, Health, PulseFact, assess

pytestmark = pytest.mark.unit
START = datetime(2026, 1, 1, 10, tzinfo=timezone.utc)
GOOD = {"contact": 4, "meeting": 3, "at_ease": 4, "go_on": 4}


def day(n: int) -> datetime:
    return START + timedelta(days=n)


def pulse(side, round_, raised, answered=None, answers=None):
    return PulseFact(side, round_, day(raised), day(answered) if answered is not None else None, answers)


def test_too_early_in_the_first_weeks_then_on_track_with_good_answers():
    assert assess(Facts(START), day(5)).health == Health.TOO_EARLY
    assert "5 dagen" in assess(Facts(START), day(5)).summary
    good = Facts(START, pulses=(pulse("request", 1, 14, 15, GOOD), pulse("offer", 1, 14, 16, GOOD)))
    verdict = assess(good, day(20))
    assert verdict.health == Health.ON_TRACK and verdict.reasons == ()


def test_a_low_answer_needs_a_check_in_and_names_the_side_the_question_and_the_word():
    facts = Facts(START, pulses=(pulse("offer", 1, 14, 15, {**GOOD, "meeting": 2}),))
    verdict = assess(facts, day(16))
    assert verdict.health == Health.NEEDS_CHECK_IN
    assert verdict.reasons == ("De vrijwilliger gaf op 16-01-2026 een lage score: ‘Lukt het om af te spreken?’ (2: Soms).",)


def test_a_good_answer_in_the_next_round_clears_a_low_one():
    facts = Facts(START, pulses=(pulse("offer", 1, 14, 15, {"go_on": 1}), pulse("offer", 2, 42, 43, GOOD),
                                 pulse("request", 2, 42, 44, GOOD)))
    assert assess(facts, day(45)).health == Health.ON_TRACK


def test_falling_answers_need_a_check_in_even_when_none_is_low():
    facts = Facts(START, pulses=(pulse("request", 1, 14, 15, dict.fromkeys(GOOD, 4)),
                                 pulse("request", 2, 42, 43, dict.fromkeys(GOOD, 3)),
                                 pulse("offer", 2, 42, 43, GOOD)))
    verdict = assess(facts, day(44))
    assert verdict.health == Health.NEEDS_CHECK_IN and "gingen omlaag" in verdict.reasons[0]
    assert "4,0" in verdict.reasons[0] and "3,0" in verdict.reasons[0]


def test_one_side_silent_for_two_weeks_unless_a_note_about_them_came_since():
    facts = Facts(START, pulses=(pulse("request", 1, 14, 15, GOOD), pulse("offer", 1, 14)))
    assert assess(facts, day(27)).health == Health.ON_TRACK
    verdict = assess(facts, day(28))
    assert verdict.reasons == ("De vrijwilliger heeft de vragen van 15-01-2026 niet ingevuld.",)
    called = Facts(START, pulses=facts.pulses, notes={"offer": (day(20),)})
    assert assess(called, day(28)).health == Health.ON_TRACK
    called_about_the_other = Facts(START, pulses=facts.pulses, notes={"request": (day(20),)})
    assert assess(called_about_the_other, day(28)).health == Health.NEEDS_CHECK_IN


def test_both_sides_silent_is_one_reason():
    facts = Facts(START, pulses=(pulse("request", 1, 14), pulse("offer", 1, 14)))
    assert assess(facts, day(30)).reasons == ("De deelnemer en de vrijwilliger hebben de vragen van 15-01-2026 niet ingevuld.",)


def test_no_contact_noted_in_eight_weeks():
    quiet = Facts(START, notes={"request": (day(3),)})
    assert assess(quiet, day(55)).health != Health.NEEDS_CHECK_IN
    assert assess(quiet, day(60)).reasons == ("Geen contact genoteerd in 8 weken (het laatste op 04-01-2026).",)
    assert assess(Facts(START), day(60)).reasons == ("Geen contact genoteerd in 8 weken (nog nooit sinds de start).",)
    noted = Facts(START, notes={"offer": (day(50),)})
    assert assess(noted, day(60)).health == Health.ON_TRACK


def test_a_placement_match_asks_only_the_person():
    facts = Facts(START, sides=("request",), track="werkervaringsplaats", pulses=(pulse("request", 1, 14, 15, {"contact": 1}),))
    assert "‘Hoe gaat het op je werkervaringsplaats?’ (1: Niet goed)" in assess(facts, day(16)).reasons[0]
    assert assess(Facts(START, sides=("request",), pulses=(pulse("request", 1, 14, 15, GOOD),)), day(30)).health == Health.ON_TRACK


def test_an_open_check_in_reminder_until_someone_is_in_touch_and_a_term_nobody_renewed():
    reminder = (("check_in", date(2026, 2, 12)),)
    facts = Facts(START, pulses=(pulse("request", 2, 42, 20, GOOD),), notes={"offer": (day(40),)}, open_reminders=reminder)
    assert assess(facts, day(42)).reasons == ("De check-in van 12-02-2026 staat nog open.",)
    answered = Facts(START, pulses=(pulse("request", 2, 42, 43, GOOD),), notes={"offer": (day(40),)},
                     open_reminders=reminder)
    assert assess(answered, day(44)).health == Health.ON_TRACK
    ending = Facts(START, pulses=(pulse("request", 1, 14, 15, GOOD),), notes={"offer": (day(20),)},
                   open_reminders=(("renewal", date(2027, 1, 1)),), ends_on=date(2027, 1, 1))
    assert assess(ending, day(340)).reasons[-1] == "De koppeling loopt af op 01-01-2027: verlengen of afronden?"
    renewed = Facts(START, pulses=ending.pulses, notes=ending.notes, open_reminders=ending.open_reminders,
                    ends_on=date(2028, 1, 1))
    assert not any("loopt af" in r for r in assess(renewed, day(340)).reasons)
