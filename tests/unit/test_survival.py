"""The Kaplan-Meier curve equals one computed by hand, with censored (still running) matches."""
from datetime import datetime, timedelta, timezone

import pytest
from hypothesis import given, strategies as st

from matching.services.survival import DAYS_PER_MONTH, Spell, by_month, figures, kaplan_meier, share_at

pytestmark = pytest.mark.unit


def test_kaplan_meier_equals_the_hand_computed_curve_with_censoring():
    # days: 10 ended, 20 running, 30 ended twice, 40 running, 50 ended
    # t=10: 6 at risk, 1 ends -> 5/6; t=30: 4 at risk, 2 end -> 5/6 * 2/4; t=50: 1 at risk, 1 ends -> 0
    steps = kaplan_meier([10, 20, 30, 30, 40, 50], [True, False, True, True, False, True])
    assert [t for t, _ in steps] == [0, 10, 30, 50]
    assert [s for _, s in steps] == pytest.approx([1, 5 / 6, 5 / 12, 0])


def test_a_match_censored_at_an_end_time_is_still_at_risk_then():
    steps = kaplan_meier([5, 5, 8], [True, False, True])
    assert [t for t, _ in steps] == [0, 5, 8] and [s for _, s in steps] == pytest.approx([1, 2 / 3, 0])


def test_share_active_per_month_by_hand_and_only_as_far_as_matches_were_followed():
    # 15 ended, 45 running, 75 ended, 100 ended, 200 running (days); a month is 30.44 days
    # t=15: 5 at risk -> 0.8; t=75: 3 at risk -> 0.8 * 2/3; t=100: 2 at risk -> 0.8 * 2/3 * 1/2
    rows = by_month([15, 45, 75, 100, 200], [True, False, True, True, False])
    assert [r["month"] for r in rows] == [0, 1, 2, 3, 4, 5, 6]  # month 7 (213 days) is past the longest match
    assert [r["share_active"] for r in rows] == pytest.approx(
        [1, 0.8, 0.8, 0.5333, 0.2667, 0.2667, 0.2667], abs=1e-4)


def _reference(durations, ended, t):
    """S(t) straight from the definition: the product over end times u <= t of (1 - d(u) / n(u))."""
    share = 1.0
    for u in sorted({d for d, e in zip(durations, ended) if e}):
        if u <= t:
            d = sum(1 for x, e in zip(durations, ended) if e and x == u)
            n = sum(1 for x in durations if x >= u)
            share *= 1 - d / n
    return share


@given(st.lists(st.tuples(st.integers(0, 400), st.booleans()), min_size=1, max_size=40), st.integers(0, 420))
def test_the_estimator_agrees_with_the_definition(pairs, t):
    durations, ended = [p[0] for p in pairs], [p[1] for p in pairs]
    steps = kaplan_meier(durations, ended)
    assert share_at(steps, t) == pytest.approx(_reference(durations, ended, t))
    assert all(b[1] <= a[1] for a, b in zip(steps, steps[1:]))  # never rises


def test_figures_of_a_small_organisation():
    now = datetime(2026, 7, 1, tzinfo=timezone.utc)
    start = datetime(2026, 1, 5, tzinfo=timezone.utc)
    spells = [Spell(start, start + timedelta(days=30), "no_click", "participant"),
              Spell(start, start + timedelta(days=250), "goal_reached", "both"),
              Spell(start + timedelta(days=100), start + timedelta(days=120), "moved", "volunteer"),
              Spell(start + timedelta(days=10))]
    out = figures(spells, now)
    assert out["early_closure_rate"] == pytest.approx(2 / 3, abs=1e-4)  # 30 and 20 days, not 250
    assert out["median_match_days"] == 30.0
    assert list(out["survival_by_quarter"]) == ["2026-K1", "2026-K2"]
    assert out["survival"][0] == {"month": 0, "share_active": 1.0}
    assert {"reason": "moved", "initiated_by": "volunteer", "count": 1} in out["ended_by_reason_and_initiator"]
    assert figures([], now)["survival"] == [] and figures([], now)["median_match_days"] == 0.0
    assert DAYS_PER_MONTH == pytest.approx(30.44, abs=0.01)
