"""The honest wait: a range from comparable requests of the organisation's last 12 months, none with fewer
than ten, never from requests of another kind, region or selectiveness."""
from __future__ import annotations

import pytest

from matching.domain import commands
from matching.scoring.postcodes import areas
from matching.services import wait_estimate
from matching.services.queries import own_link
from matching.services.wait_estimate import Past, estimate, is_selective
from tests.bench.wait_backtest import backtest, generate
from tests.unit.services.conftest import active_volunteer, submit

pytestmark = pytest.mark.unit
UTRECHT = areas()["3511"]


def _past(days: float, kind: str = "maatje", postcode: str = "3512", selective: bool = False) -> Past:
    return Past(kind, areas()[postcode].lat, areas()[postcode].lon, selective, days)


def test_fewer_than_ten_comparable_requests_give_no_estimate():
    nine = [_past(7 * i) for i in range(1, 10)]
    assert estimate(nine, "maatje", UTRECHT.lat, UTRECHT.lon, False) is None
    assert estimate(nine + [_past(70)], "maatje", UTRECHT.lat, UTRECHT.lon, False)["based_on"] == 10


def test_only_the_same_kind_region_and_selectiveness_count():
    others = [_past(5, kind="werkervaringsplaats") for _ in range(20)] + [_past(5, postcode="9711") for _ in range(20)] \
        + [_past(5, selective=True) for _ in range(20)]
    assert estimate(others, "maatje", UTRECHT.lat, UTRECHT.lon, False) is None


def test_the_range_is_in_whole_weeks_and_holds_most_waits():
    waits = [_past(d) for d in (20, 25, 30, 33, 35, 40, 42, 50, 55, 60, 70, 90)]
    found = estimate(waits, "maatje", UTRECHT.lat, UTRECHT.lon, False)
    assert found["low_days"] % 7 == 0 and found["high_days"] % 7 == 0
    assert found["low_days"] <= 25 and found["high_days"] >= 70 and found["based_on"] == 12


def test_a_wish_that_narrows_the_search_is_selective():
    assert is_selective("maatje", "vrouw", None) and is_selective("maatje", None, 5.0)
    assert not is_selective("maatje", None, None) and not is_selective("maatje", None, 10.0)


def test_the_backtest_covers_at_least_70_percent():
    assert backtest(generate(15))["coverage"] >= 0.70


def test_the_private_link_shows_the_estimate_from_the_organisations_own_matches(bus, org):
    wait_estimate.forget_all()
    for i in range(10):
        created = submit(bus, email=f"p{i}@example.org")
        bus.deps.clock.advance(days=3)
        volunteer = active_volunteer(bus, org, email=f"v{i}@example.org")
        match = bus.handle(commands.ProposeMatch(org, created["id"], "volunteer", volunteer))["id"]
        bus.handle(commands.ConfirmMatch(org, match))
    token = submit(bus, email="new@example.org")["manage_token"]
    wait_estimate.forget_all()
    found = own_link.request(bus, token)["wait_estimate"]
    assert found == {"low_days": 0, "high_days": 7, "based_on": 10}
    assert own_link.page(bus, token)["wait_estimate"] == found
    wait_estimate.forget_all()
