"""After the first meeting both sides answer through their private link; reminders reach the coordinator."""
from datetime import date, datetime, timedelta, timezone

import pytest
from sqlalchemy import update

from matching.adapters import orm
from matching.domain import commands as c
from matching.services.queries import dashboard_page, match_list, waiting_list
from tests.e2e.test_public_forms import post
from tests.factories import request_body, volunteer_body
from web.schemas import RequestIn, VolunteerIn

pytestmark = pytest.mark.e2e


@pytest.fixture
def active_match(bus, org):
    volunteer = bus.handle(c.ApplyAsVolunteer("noord", VolunteerIn().load(volunteer_body())))
    bus.handle(c.ActivateVolunteer(org["id"], volunteer["id"], True))
    request = bus.handle(c.SubmitRequest("noord", RequestIn().load(request_body())))
    match = bus.handle(c.ProposeMatch(org["id"], request["id"], "volunteer", volunteer["id"]))
    bus.handle(c.ConfirmMatch(org["id"], match["id"]))
    return {"request": request, "volunteer": volunteer, "match": match["id"]}


def _a_week_later(session_factory, match_id):
    """The go-on question opens a week after confirmation: move the confirmation back eight days."""
    with session_factory() as session:
        session.execute(update(orm.matches).where(orm.matches.c.id == match_id).values(
            confirmed_at=datetime.now(timezone.utc) - timedelta(days=8)))
        session.commit()


def test_a_no_after_the_first_meeting_puts_the_person_back_without_that_pair(client, bus, org, active_match,
                                                                            session_factory):
    link = f"/mijn/{active_match['volunteer']['manage_token']}"
    assert "Willen jullie doorgaan?" not in client.get(link).get_data(as_text=True)
    _a_week_later(session_factory, active_match["match"])
    assert "Willen jullie doorgaan?" in client.get(link).get_data(as_text=True)
    assert post(client, f"{link}/doorgaan", {"doorgaan": "ja"}, link).status_code == 303
    assert "Willen jullie doorgaan?" not in client.get(link).get_data(as_text=True)
    seeker = f"/mijn/{active_match['request']['manage_token']}"
    assert post(client, f"{seeker}/doorgaan", {}, seeker).status_code == 422
    assert post(client, f"{seeker}/doorgaan", {"doorgaan": "nee"}, seeker).status_code == 303
    (ended,) = match_list.rows(bus, org["id"], "ended")
    assert (ended["end_reason"], ended["offer_answer"], ended["request_answer"]) == ("no_click", "ja", "nee")
    assert waiting_list.rows(bus, org["id"], "waiting", None)[0]["id"] == active_match["request"]["id"]
    with pytest.raises(Exception, match="declined before"):
        bus.handle(c.ProposeMatch(org["id"], active_match["request"]["id"], "volunteer", active_match["volunteer"]["id"]))


def test_reminders_are_raised_once_and_can_be_handled(bus, org, active_match, coordinator):
    in_seven_weeks = (date.today() + timedelta(weeks=7)).isoformat()
    assert bus.handle(c.RaiseDueReminders(in_seven_weeks)) == 1
    assert bus.handle(c.RaiseDueReminders(in_seven_weeks)) == 0  # the same run again raises nothing
    near_the_end = (date.today() + timedelta(days=340)).isoformat()
    assert bus.handle(c.RaiseDueReminders(near_the_end)) == 2  # a later check-in and the renewal
    (first, *_rest) = dashboard_page.reminders(bus, org["id"])
    assert first["kind"] == "check_in"
    page = coordinator.get("/werkplek/").get_data(as_text=True)
    assert "Tijd voor een check-in" in page and "Looptijd bijna om" in page
    post(coordinator, f"/werkplek/herinneringen/{first['id']}", {}, "/werkplek/")
    assert len(dashboard_page.reminders(bus, org["id"])) == 2
    assert bus.handle(c.RenewMatch(org["id"], active_match["match"])) == "active"
    (match,) = match_list.rows(bus, org["id"], "active")
    assert match["ends_on"] >= date.today() + timedelta(days=729)
