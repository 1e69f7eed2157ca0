"""Dutch dates, times and numbers on every workspace page: one way of writing a day, in Amsterdam's time."""
from datetime import date, datetime, timezone

from web.formatting import nl_date, nl_datetime, nl_number, plural


def test_a_day_is_written_with_its_month_in_letters():
    assert nl_date(date(2026, 3, 3)) == "3 mrt 2026"
    assert nl_date(None) == "" and nl_date("onbekend") == "onbekend"


def test_a_moment_is_shown_as_the_clock_in_amsterdam_shows_it():
    late = datetime(2026, 11, 25, 23, 30, tzinfo=timezone.utc)  # already the 26th in the Netherlands
    assert nl_date(late) == "26 nov 2026"
    assert nl_datetime(late) == "26 nov 2026, 00:30"
    assert nl_datetime(datetime(2026, 7, 1, 12, 5, tzinfo=timezone.utc)) == "1 jul 2026, 14:05"  # summer time
    assert nl_datetime(datetime(2026, 7, 1, 12, 5)) == "1 jul 2026, 14:05"  # naive: stored UTC


def test_numbers_and_plurals_read_as_dutch():
    assert nl_number(10000) == "10.000" and nl_number(2.45) == "2,5" and nl_number(None) == ""
    assert plural(1, "vrijwilliger", "vrijwilligers") == "1 vrijwilliger"
    assert plural(2000, "vrijwilliger", "vrijwilligers") == "2.000 vrijwilligers"
