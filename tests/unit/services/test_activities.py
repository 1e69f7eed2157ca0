"""Activities on fakes: a coordinator's activity, the person's ranking, joining with say-so, full, leaving."""
from __future__ import annotations

import pytest

from matching.domain import commands
from matching.domain.errors import Conflict, Invalid, NotFound
from matching.schemas import ActivityIn
from matching.services import activity_ranking
from matching.services.queries import activity_pages
from tests.factories import activity_body
from tests.unit.services.conftest import outbox, stored, submit

pytestmark = pytest.mark.unit


def _activity(bus, org, **overrides) -> str:
    return bus.handle(commands.CreateActivity(org, ActivityIn().load(activity_body(**overrides))))["id"]


def test_an_activity_is_created_changed_and_closed_with_its_events(bus, org):
    activity = _activity(bus, org)
    bus.handle(commands.ChangeActivity(org, activity, {"capacity": 5}))
    assert bus.handle(commands.CloseActivity(org, activity)) == "closed"
    with pytest.raises(Conflict):
        bus.handle(commands.CloseActivity(org, activity))
    assert outbox(bus)[-3:] == ["activity.created", "activity.changed", "activity.changed"]


def test_a_host_needs_a_phone_or_an_email(bus, org):
    with pytest.raises(Invalid) as refused:
        bus.handle(commands.CreateActivity(org, {**ActivityIn().load(activity_body()), "host_email": None}))
    assert refused.value.field == "host"


def test_the_ranking_keeps_the_rules_and_puts_shared_interests_first(bus, org):
    best = _activity(bus, org, title="Koffie", interests=["koffie", "wandelen"])
    plain = _activity(bus, org, title="Schaken", interests=["schaken"])
    _activity(bus, org, title="Zondagavond", slots=["sun_evening"])
    _activity(bus, org, title="Groningen", postcode="9711")
    token = submit(bus)["manage_token"]
    found = activity_pages.for_link(bus, token)["items"]
    assert [item["activity"]["id"] for item in found] == [best, plain]
    assert found[0]["shared_interests"] == ["koffie", "wandelen"]


def test_joining_needs_say_so_and_a_free_place_and_tells_the_host(bus, org):
    activity = _activity(bus, org, capacity=1)
    anna, bo = submit(bus, first_name="Anna")["manage_token"], submit(bus, first_name="Bo", email="bo@example.org")["manage_token"]
    with pytest.raises(Invalid):
        bus.handle(commands.JoinActivity(anna, activity, False))
    bus.handle(commands.JoinActivity(anna, activity, True))
    bus.handle(commands.JoinActivity(anna, activity, True))  # again: the same sign-up
    with pytest.raises(Conflict):
        bus.handle(commands.JoinActivity(bo, activity, True))
    assert activity_pages.for_link(bus, bo)["items"] == []  # full: not shown to others
    assert [i["signed_up"] for i in activity_pages.for_link(bus, anna)["items"]] == [True]  # but to who joined
    with stored(bus) as uow:
        [signup] = uow.activities.signups_of_activity(activity)
        to_host = [m for m in uow.read_model.messages(org) if m["recipient_type"] == "activity"]
    assert (signup.first_name, signup.contact) == ("Anna", "anna@example.org")
    assert len(to_host) == 1 and to_host[0]["to_address"] == "mieke@example.org"
    bus.handle(commands.LeaveActivity(anna, activity))
    bus.handle(commands.JoinActivity(bo, activity, True))
    with pytest.raises(NotFound):
        bus.handle(commands.LeaveActivity(anna, activity))


def test_a_host_without_email_is_not_written_to(bus, org):
    activity = _activity(bus, org, host={"name": "Mieke", "phone": "030 123 45 67"})
    bus.handle(commands.JoinActivity(submit(bus)["manage_token"], activity, True))
    with stored(bus) as uow:
        assert not [m for m in uow.read_model.messages(org) if m["recipient_type"] == "activity"]


def test_a_closed_activity_is_neither_shown_nor_joined(bus, org):
    activity = _activity(bus, org)
    token = submit(bus)["manage_token"]
    assert len(activity_pages.for_link(bus, token)["items"]) == 1
    bus.handle(commands.CloseActivity(org, activity))
    assert activity_pages.for_link(bus, token)["items"] == []
    with pytest.raises(Conflict):
        bus.handle(commands.JoinActivity(token, activity, True))


def test_the_index_is_rebuilt_only_when_an_activity_changes(bus, org):
    _activity(bus, org)
    with stored(bus) as uow:
        first = activity_ranking.built(uow, [org])
        assert activity_ranking.built(uow, [org]) is first
    _activity(bus, org, title="Tweede")
    with stored(bus) as uow:
        assert len(activity_ranking.built(uow, [org]).cards) == 2
