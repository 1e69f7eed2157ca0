"""`koppel serve --demo` gives the demo organisation a year behind it, lived through the real handlers
on a moving clock: every figure, chart and list a coordinator opens first shows something real."""
from datetime import timedelta

import pytest

from cli.demo import load_year
from matching.domain.base import utcnow
from matching.services import calls
from matching.services.queries import assignment, dashboard_page, match_list, organization_pages, person_page

pytestmark = pytest.mark.e2e
ORG = {"slug": "demo", "name": "Vriendendienst Demo", "contact": {"phone": "030 123 45 67"}}


def test_the_demo_has_a_year_of_waiting_matching_ending_and_following_up(settings, bus):
    before = utcnow()
    load_year(settings, ORG, ("coordinator@demo.example", "correct horse battery"), seed=1)
    org = organization_pages.id_of(bus, "demo")
    stats = dashboard_page.stats(bus, org)
    assert stats["waiting"] >= 5 and stats["median_waiting_days"] > 7
    assert stats["active_matches"] >= 8 and stats["ended_matches"] >= 3
    charts = dashboard_page.charts(bus, org)
    assert sum(month["matches"] > 0 for month in charts["history"]) >= 6
    assert sum(month["waiting"] > 0 for month in charts["history"]) >= 10
    assert len(charts["end_reasons"]) >= 3 and charts["matches"]["survival"]
    assert set(charts["matches"]["health"]) >= {"on_track", "needs_check_in"}
    assert dashboard_page.reminders(bus, org)  # a few recent ones are still open
    assert calls.open_calls(bus, org, None)["total"] >= 1  # people without email still to be told something
    with bus.uow() as uow:
        messages = uow.read_model.messages(org)
    matches = match_list.rows(bus, org, None)
    assert min(m["created_at"] for m in messages) < before - timedelta(days=300)
    assert max(m["created_at"] for m in messages) <= utcnow()
    assert {"active", "ended"} <= {m["status"] for m in matches}
    coordinator = assignment.coordinators(bus, org)[0]["id"]
    mine = assignment.my_people(bus, org, coordinator)  # "Mijn mensen" is not empty
    assert {"request", "volunteer"} <= {person["person_type"] for person in mine}
    assert len(person_page.duplicates(bus, org, coordinator)) == 1  # the volunteer who signed up twice
