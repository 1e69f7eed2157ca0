"""Events: written to the outbox with the change in one commit, handled once each, relayed after commit."""
from __future__ import annotations

import pytest

from matching.domain import commands
from matching.domain.errors import Conflict
from tests.fakes import FakeMail, fake_bus, run_events
from tests.unit.services.conftest import active_volunteer, submit

pytestmark = pytest.mark.unit


def test_each_state_change_writes_its_event_with_ids_only(bus, org):
    request, volunteer = submit(bus), active_volunteer(bus, org)
    match = bus.handle(commands.ProposeMatch(org, request["id"], "volunteer", volunteer))["id"]
    bus.handle(commands.ConfirmMatch(org, match))
    rows = {row["name"]: row for row in bus.db.state.outbox}
    assert {"request.submitted", "volunteer.applied", "volunteer.activated", "match.proposed",
            "match.confirmed"} <= set(rows)
    assert rows["match.confirmed"]["payload"] == {"organization_id": org, "match_id": match, "request_id": request["id"]}
    assert all("anna" not in str(row["payload"]).lower() for row in rows.values())


def test_a_refused_command_writes_no_event(bus, org):
    request, volunteer = submit(bus), active_volunteer(bus, org)
    bus.handle(commands.ProposeMatch(org, request["id"], "volunteer", volunteer))
    before = list(bus.db.state.outbox)
    with pytest.raises(Conflict):
        bus.handle(commands.ProposeMatch(org, request["id"], "volunteer", volunteer))
    assert bus.db.state.outbox == before


def test_the_bus_hands_the_committed_events_to_publish():
    published: list = []
    bus = fake_bus()
    bus.publish = lambda events: published.extend(events) or []
    bus.handle(commands.CreateOrganization("noord", "Noord"))
    submit(bus)
    assert [event["name"] for event in published] == ["request.submitted", "message.queued"]


def test_an_event_delivered_twice_is_handled_once(bus, org):
    """Dramatiq delivers at least once: the second delivery finds the claim and changes nothing."""
    submit(bus)
    queued = next(row for row in bus.db.state.outbox if row["name"] == "message.queued")
    event = {k: queued[k] for k in ("name", "organization_id", "payload")}
    bus.handle_event(queued["id"], event)
    bus.handle_event(queued["id"], event)
    assert bus.db.state.claims == {(queued["id"], "deliver")}


def test_a_queued_message_is_sent_by_mail_with_the_live_link_and_then_wiped():
    mail = FakeMail()
    bus = fake_bus(mail=mail)
    bus.handle(commands.CreateOrganization("noord", "Noord"))
    created = submit(bus)
    run_events(bus)
    [(to, subject, body)] = mail.sent
    assert to == "anna@example.org" and f"https://koppel.test/mijn/{created['manage_token']}" in body
    [message] = bus.db.state.aggregates["messages"].values()
    assert (message.status, message.link_seal) == ("sent", None) and created["manage_token"] not in message.body


def test_without_a_mail_server_the_message_is_stored_for_the_coordinator(bus, org):
    submit(bus)
    run_events(bus)
    [message] = bus.db.state.aggregates["messages"].values()
    assert message.status == "stored" and message.link_seal is None


def test_a_new_request_is_scored_against_the_active_volunteers(bus, org):
    volunteer = active_volunteer(bus, org)
    request = submit(bus)
    run_events(bus)
    [suggestion] = bus.db.state.suggestions[request["id"]]
    assert (suggestion["offer_id"], suggestion["rank"]) == (volunteer, 1)


def test_an_event_about_something_erased_is_claimed_and_skipped(bus, org):
    """Retrying cannot bring it back: the claim is kept, so there is no retry storm."""
    bus.handle_event("e-1", {"name": "match.confirmed", "organization_id": org,
                             "payload": {"organization_id": org, "match_id": "gone", "request_id": "gone"}})
    assert bus.db.state.claims == {("e-1", "introduce"), ("e-1", "supervise")}


def test_the_sweep_republishes_what_the_broker_never_took(bus, org):
    published: list = []
    submit(bus)
    bus.publish = lambda ids: published.extend(ids) or []
    bus.deps.clock.advance(seconds=5)
    assert bus.sweep() == 0 and len(published) == 2
