"""The retention period counts calendar months, whatever the length of the months in between."""
from datetime import datetime, timezone

import pytest
from hypothesis import given, strategies as st

from matching.services.retention import months_before

pytestmark = pytest.mark.unit


@given(st.datetimes(min_value=datetime(2001, 1, 1), max_value=datetime(2100, 1, 1), timezones=st.just(timezone.utc)),
       st.integers(min_value=1, max_value=120))
def test_months_before_goes_back_exactly_n_calendar_months(moment, months):
    earlier = months_before(moment, months)
    assert (moment.year * 12 + moment.month) - (earlier.year * 12 + earlier.month) == months
    assert earlier.time() == moment.time() and earlier.tzinfo == moment.tzinfo
    assert earlier.day == moment.day or (earlier.day < moment.day and earlier.day >= 28)


def test_the_end_of_a_long_month_falls_on_the_end_of_a_short_one():
    assert months_before(datetime(2027, 3, 31, 12, tzinfo=timezone.utc), 1) == datetime(2027, 2, 28, 12, tzinfo=timezone.utc)
    assert months_before(datetime(2028, 3, 31, tzinfo=timezone.utc), 1) == datetime(2028, 2, 29, tzinfo=timezone.utc)
    assert months_before(datetime(2027, 11, 24, tzinfo=timezone.utc), 12) == datetime(2026, 11, 24, tzinfo=timezone.utc)
