"""Postcode areas: only the four digits place a person; unknown numbers are refused."""
import pytest

from matching.scoring.postcodes import UnknownPostcode, area_code, areas, great_circle_km, locate

pytestmark = pytest.mark.unit


@pytest.mark.parametrize("text", ["3511 AB", "3511AB", "3511", " 3511 ab "])
def test_accepted_forms(text):
    assert area_code(text) == "3511"


@pytest.mark.parametrize("text", ["", "0123", "351", "35111", "3511 A", "abcd", "1234 ABC"])
def test_refused_forms(text):
    with pytest.raises(UnknownPostcode):
        area_code(text)


def test_the_data_covers_the_netherlands():
    assert len(areas()) > 4000
    assert locate("1012").place == "Amsterdam" and locate("9711").place == "Groningen"


def test_distances_are_great_circle_km():
    utrecht, amsterdam = locate("3511"), locate("1012")
    assert great_circle_km(utrecht.lat, utrecht.lon, amsterdam.lat, amsterdam.lon) == pytest.approx(35, abs=3)
