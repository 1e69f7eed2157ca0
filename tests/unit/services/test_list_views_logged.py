"""A list view is one access-log entry holding everyone it showed (issue 19), and the person still reads
it as one view of their data: in their access log, their count and the week's summary."""
from __future__ import annotations

from matching.domain import commands
from matching.services import calls, exports
from matching.services.queries import waiting_list
from tests.unit.services.conftest import stored, submit


def test_the_waiting_list_logs_one_entry_with_everyone_it_showed(bus, org):
    shown = [submit(bus, email=f"p{i}@example.org", first_name=f"P{i}")["id"] for i in range(3)]
    found = waiting_list.rows(bus, org, "waiting", "coordinator-1")
    (view,) = bus.db.state.audit_views
    assert view["subject_ids"] == [f"request:{row['id']}" for row in found] and len(found) == 3
    assert (view["action"], view["people"], view["subject_types"], view["user_id"]) == (
        "request.list", 3, "request", "coordinator-1")
    assert not [row for row in bus.db.state.audit if row["action"] == "request.list"]  # no row per person
    with stored(bus) as uow:
        for request_id in shown:
            assert [row["action"] for row in uow.read_model.access_log_about("request", request_id)] == ["request.list"]
            assert uow.read_model.access_count("request", request_id) == 1


def test_a_list_that_showed_nobody_logs_nothing(bus, org):
    assert waiting_list.rows(bus, org, "waiting", "coordinator-1") == []
    assert bus.db.state.audit_views == []


def test_each_list_view_counts_once_for_each_person_in_the_weeks_summary(bus, org):
    request_id = submit(bus)["id"]
    other = submit(bus, email="other@example.org", first_name="Other")["id"]
    bus.handle(commands.CreateUser("noord", "coord@noord.example", "correct horse battery", "coordinator"))
    with stored(bus) as uow:
        user_id = uow.users.by_email("coord@noord.example").id
    for _ in range(2):
        waiting_list.rows(bus, org, "waiting", user_id)
    calls.open_calls(bus, org, user_id)  # no open calls: nothing shown, nothing logged
    assert len(bus.db.state.audit_views) == 2
    with stored(bus) as uow:
        summary = exports.access_summary(uow, "request", request_id, bus.deps.clock.now())
        assert summary["total"] == 2 and summary["week"] == [{"role": "coordinator", "times": 2, "people": 1}]
        assert uow.read_model.access_count("request", other) == 2
        assert uow.read_model.access_count("volunteer", request_id) == 0  # the key holds the person's type
