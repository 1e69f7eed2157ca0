"""Volunteers: sign-up, the coordinator's steps (activate, pause, stop) and leaving through the link."""
from __future__ import annotations

import pytest

from matching.domain import commands
from matching.domain.errors import Conflict, NotFound
from matching.schemas import VolunteerIn
from tests.factories import volunteer_body
from tests.unit.services.conftest import active_volunteer, outbox, stored, submit

pytestmark = pytest.mark.unit


def _apply(bus) -> dict:
    return bus.handle(commands.ApplyAsVolunteer("noord", VolunteerIn().load(volunteer_body())))


def test_apply_as_volunteer_waits_for_the_kennismakingsgesprek(bus, org):
    created = _apply(bus)
    assert created["status"] == "applied"
    with stored(bus) as uow:
        assert uow.volunteers.get(created["id"], org).status == "applied"
        assert [m["recipient_id"] for m in uow.read_model.messages(org)] == [created["id"]]
    assert outbox(bus) == ["volunteer.applied", "message.queued"]


def test_activation_needs_a_checked_vog(bus, org):
    created = _apply(bus)
    with pytest.raises(Conflict):
        bus.handle(commands.ActivateVolunteer(org, created["id"], vog_checked=False))
    activate = commands.ActivateVolunteer(org, created["id"], vog_checked=True, by_user="coordinator-1")
    assert bus.handle(activate) == "active"


def test_activate_pause_stop_each_record_their_event_and_an_audit_line(bus, org):
    volunteer = active_volunteer(bus, org)
    assert bus.handle(commands.PauseVolunteer(org, volunteer, "coordinator-1")) == "paused"
    assert bus.handle(commands.StopVolunteer(org, volunteer, "coordinator-1")) == "stopped"
    assert outbox(bus)[-3:] == ["volunteer.activated", "volunteer.paused", "volunteer.stopped"]
    actions = [row["action"] for row in bus.db.state.audit]
    assert actions == ["volunteer.activate", "volunteer.pause", "volunteer.stop"]
    assert all(row["subject_id"] == volunteer for row in bus.db.state.audit)


def test_another_organisations_volunteer_is_not_found(bus, org):
    volunteer = active_volunteer(bus, org)
    other = bus.handle(commands.CreateOrganization("zuid", "Zuid"))
    with pytest.raises(NotFound):
        bus.handle(commands.PauseVolunteer(other, volunteer))


def test_a_volunteer_with_a_running_match_cannot_erase_themselves(bus, org):
    created = bus.handle(commands.ApplyAsVolunteer("noord", VolunteerIn().load(volunteer_body())))
    bus.handle(commands.ActivateVolunteer(org, created["id"], vog_checked=True))
    request = submit(bus)
    match = bus.handle(commands.ProposeMatch(org, request["id"], "volunteer", created["id"]))
    bus.handle(commands.ConfirmMatch(org, match["id"]))
    with pytest.raises(Conflict):
        bus.handle(commands.EraseOwnVolunteer(created["manage_token"]))
    bus.handle(commands.EndMatch(org, match["id"], "moved"))
    bus.handle(commands.EraseOwnVolunteer(created["manage_token"]))
    with stored(bus) as uow:
        volunteer = uow.volunteers.get(created["id"], org)
        assert (volunteer.status, volunteer.email) == ("stopped", None)
        assert uow.consents.of("volunteer", volunteer.id)[0].withdrawn_via == "link"
