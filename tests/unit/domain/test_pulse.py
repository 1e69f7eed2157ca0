"""The pulse: rounds at 2 weeks, 6 weeks, 3 months, then every 3 months; answered once, on a 1-4 scale."""
from datetime import date, datetime, timezone

import pytest
from hypothesis import given, strategies as st

from matching.domain.errors import Conflict, Invalid
from matching.domain.pulse import CHECK_IN, EXIT, EXIT_ROUND, Pulse, due_round, opens_on, round_day

pytestmark = pytest.mark.unit
NOW = datetime(2026, 3, 1, 12, tzinfo=timezone.utc)


def _pulse(round_=1) -> Pulse:
    return Pulse.raise_("org", "match", "request", "request", "person", round_, "maatje", date(2026, 3, 1), NOW)


def test_rounds_open_at_two_weeks_six_weeks_three_months_then_every_three_months():
    assert [round_day(n) for n in range(1, 7)] == [14, 42, 91, 182, 273, 364]
    start = date(2026, 1, 1)
    assert due_round(start, date(2026, 1, 14)) is None
    assert due_round(start, date(2026, 1, 15)) == 1
    assert due_round(start, date(2026, 2, 12)) == 2
    assert due_round(start, date(2026, 4, 2)) == 3
    assert due_round(start, date(2026, 7, 2)) == 4


@given(st.dates(min_value=date(2020, 1, 1), max_value=date(2030, 1, 1)), st.integers(0, 3000))
def test_the_due_round_has_opened_and_the_next_has_not(start, days):
    today = date.fromordinal(start.toordinal() + days)
    due = due_round(start, today)
    if days < 14:
        assert due is None
    else:
        assert opens_on(start, due) <= today < opens_on(start, due + 1)


def test_at_most_five_questions_each_with_four_words_in_dutch_and_english():
    for questions in (CHECK_IN, EXIT):
        assert len(questions) <= 5
        for q in questions:
            assert len(q.words("nl")) == len(q.words("en")) == 4 and q.text("nl", "maatje") != q.text("en", "maatje")


def test_answered_once_then_a_conflict():
    pulse = _pulse()
    assert pulse.token and pulse.token_hash and pulse.token not in pulse.token_hash
    pulse.answer({"contact": 4, "go_on": 3}, "  Gaat goed  ", match_open=True, now=NOW)
    assert pulse.answers == {"contact": 4, "go_on": 3} and pulse.comment == "Gaat goed"
    with pytest.raises(Conflict):
        pulse.answer({"contact": 1}, None, match_open=True)
    assert pulse.answers == {"contact": 4, "go_on": 3}
    assert [e.name for e in pulse.pop_events()] == ["pulse.raised", "pulse.answered"]


@pytest.mark.parametrize("answers, field", [
    ({}, "answers"), ({"contact": 5}, "answers.contact"), ({"contact": 0}, "answers.contact"),
    ({"contact": True}, "answers.contact"), ({"contact": "4"}, "answers.contact"), ({"looking_back": 3}, "answers.looking_back"),
    ([1, 2], "answers")])
def test_answers_outside_the_scale_or_the_questions_are_refused(answers, field):
    with pytest.raises(Invalid) as refused:
        _pulse().answer(answers, None, match_open=True)
    assert refused.value.field == field


def test_a_check_in_of_an_ended_match_is_closed_but_the_exit_question_is_not():
    with pytest.raises(Conflict):
        _pulse().answer({"contact": 3}, None, match_open=False)
    exit_pulse = _pulse(EXIT_ROUND)
    exit_pulse.answer({"looking_back": 4, "again": 4}, "Dank je", match_open=False)
    assert exit_pulse.is_exit and exit_pulse.answers == {"looking_back": 4, "again": 4}


def test_a_long_comment_is_refused():
    with pytest.raises(Invalid) as refused:
        _pulse().answer({"contact": 3}, "x" * 1001, match_open=True)
    assert refused.value.field == "comment"
