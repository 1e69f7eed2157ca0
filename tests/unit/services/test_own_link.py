"""The private link's own steps: a pause (suggestions gone, off the scoring list) and coming back,
contact details kept reachable, and the page read in one go."""
from __future__ import annotations

import pytest

from matching.domain import commands
from matching.domain.errors import Conflict, Invalid
from matching.services.queries import own_link
from tests.fakes import run_events
from tests.unit.services.conftest import active_volunteer, stored, submit

pytestmark = pytest.mark.unit


def test_a_pause_drops_the_suggestions_and_keeps_the_request_out_of_scoring(bus, org):
    active_volunteer(bus, org)
    created = submit(bus)
    run_events(bus)
    assert bus.db.state.suggestions[created["id"]]
    assert bus.handle(commands.PauseOwnRequest(created["manage_token"])) is True
    with stored(bus) as uow:
        assert uow.suggestions.of(created["id"], 10) == [] and uow.requests.waiting(org) == []
    with pytest.raises(Conflict):
        volunteer = next(iter(bus.db.state.aggregates["volunteers"]))
        bus.handle(commands.ProposeMatch(org, created["id"], "volunteer", volunteer))
    assert bus.handle(commands.ResumeOwnRequest(created["manage_token"])) is False
    assert run_events(bus)[-1] == "request.resumed"
    assert bus.db.state.suggestions[created["id"]]  # scored again


def test_contact_details_change_but_the_person_stays_reachable(bus, org):
    created = submit(bus)
    assert bus.handle(commands.ChangeOwnContact(created["manage_token"], {"phone": "0612345678", "email": None})) == {
        "email": None, "phone": "0612345678"}
    with pytest.raises(Invalid):
        bus.handle(commands.ChangeOwnContact(created["manage_token"], {"phone": None}))


def test_the_page_says_where_the_person_stands_and_who_looked(bus, org):
    created = submit(bus)
    bus.handle(commands.PauseOwnRequest(created["manage_token"]))
    page = own_link.page(bus, created["manage_token"])
    assert (page["role"], page["state"], page["matches"], page["ended"]) == ("request", "paused", [], None)
    assert page["distance"] == {"km": 10.0, "is_default": True} and page["access"]["total"] == 0  # no own choice
    assert own_link.role_of(bus, created["manage_token"]) == "request"
