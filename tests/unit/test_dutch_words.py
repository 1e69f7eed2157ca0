"""Numbers and months on the coordinator's pages read Dutch."""
import pytest

from web.formatting import month_long, month_short, nl_number as number

pytestmark = pytest.mark.unit


def test_a_decimal_comma_and_no_trailing_zero():
    assert (number(48.0), number(35.5), number(101), number(2.25, 1), number(None)) == ("48", "35,5", "101", "2,2", "")


def test_months_are_dutch():
    assert (month_short("2026-03"), month_long("2025-12")) == ("mrt", "december 2025")
