"""Reminder schedules: six weeks, then every three months; term renewals; VOGs turning three."""
from datetime import date

import pytest
from hypothesis import given, strategies as st

from matching.domain.reminder import latest_check_in, renewal_due, vog_due

pytestmark = pytest.mark.unit


def test_check_ins_after_six_weeks_then_every_three_months():
    start = date(2026, 1, 1)
    assert latest_check_in(start, date(2026, 2, 11)) is None
    assert latest_check_in(start, date(2026, 2, 12)) == date(2026, 2, 12)
    assert latest_check_in(start, date(2026, 5, 13)) == date(2026, 2, 12)
    assert latest_check_in(start, date(2026, 5, 14)) == date(2026, 5, 14)


@given(st.dates(min_value=date(2020, 1, 1), max_value=date(2030, 1, 1)), st.integers(0, 2000))
def test_the_latest_check_in_is_never_in_the_future_and_never_older_than_a_period(start, days):
    today = date.fromordinal(start.toordinal() + days)
    due = latest_check_in(start, today)
    if days < 42:
        assert due is None
    else:
        assert due <= today and (today - due).days < 91 and (due - start).days >= 42


def test_renewal_and_vog_notices():
    assert renewal_due(date(2027, 1, 1), date(2026, 11, 1)) is None
    assert renewal_due(date(2027, 1, 1), date(2026, 12, 2)) == date(2027, 1, 1)
    assert vog_due(None, date(2026, 1, 1)) is None
    assert vog_due(date(2023, 12, 1), date(2026, 1, 1)) is None
    assert vog_due(date(2023, 12, 1), date(2026, 10, 5)) == date(2026, 11, 30)
