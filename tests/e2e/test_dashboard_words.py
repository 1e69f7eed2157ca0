"""What the coordinator's pages say about people and months: names instead of "koppeling" or "None None",
and a history chart that counts only who really waits."""
import re
from datetime import timedelta

import pytest

from matching.domain import commands as c
from matching.schemas import RequestIn, VolunteerIn
from matching.services.queries import dashboard_page
from tests.e2e.test_public_forms import post
from tests.factories import request_body, volunteer_body

pytestmark = pytest.mark.e2e


@pytest.fixture
def logged_in(client, org):
    post(client, "/login", {"email": org["email"], "password": org["password"]})
    return client


def _pair(bus, org, n: int = 0, confirm: bool = True) -> tuple[str, str, str]:
    """(request id, volunteer id, match id): Anna proposed to (and by default matched with) Bram."""
    request = bus.handle(c.SubmitRequest("noord", RequestIn().load(request_body(email=f"anna{n}@example.org"))))
    volunteer = bus.handle(c.ApplyAsVolunteer("noord", VolunteerIn().load(volunteer_body(email=f"bram{n}@example.org"))))
    bus.handle(c.ActivateVolunteer(org["id"], volunteer["id"], True))
    match = bus.handle(c.ProposeMatch(org["id"], request["id"], "volunteer", volunteer["id"]))["id"]
    if confirm:
        bus.handle(c.ConfirmMatch(org["id"], match))
    return request["id"], volunteer["id"], match


def test_the_history_chart_does_not_count_a_proposed_request_as_waiting(bus, org):
    bus.handle(c.SubmitRequest("noord", RequestIn().load(request_body(email="wacht@example.org"))))
    _pair(bus, org, 1, confirm=False)
    this_month = dashboard_page.charts(bus, org["id"])["history"][-1]
    assert this_month["waiting"] == 1 == dashboard_page.stats(bus, org["id"])["waiting"]


def test_a_reminder_names_both_sides_of_the_match(logged_in, bus, org):
    _pair(bus, org)
    bus.handle(c.RaiseDueReminders((bus.deps.clock.now() + timedelta(days=50)).date().isoformat()))
    page = logged_in.get("/werkplek/").get_data(as_text=True)
    assert "koppeling Anna en Bram d.</a>" in page


def test_an_erased_volunteer_and_requester_read_gewist_not_none(logged_in, bus, org):
    request_id, volunteer_id, match = _pair(bus, org)
    bus.handle(c.EndMatch(org["id"], match, "goal_reached", initiated_by="both"))
    bus.handle(c.StopVolunteer(org["id"], volunteer_id))
    bus.handle(c.ApplyRetention((bus.deps.clock.now() + timedelta(days=400)).isoformat()))
    volunteers = logged_in.get("/werkplek/vrijwilligers").get_data(as_text=True)
    matches = logged_in.get("/werkplek/koppelingen").get_data(as_text=True)
    for page in (volunteers, matches):
        assert "None" not in page and "gewist" in page
    assert re.search(r'data-label="Deelnemer"><a [^>]+>gewist</a>', matches) and 'data-label="Vrijwilliger">gewist<' in matches


def test_the_matches_list_names_the_requester(logged_in, bus, org):
    _pair(bus, org)
    page = logged_in.get("/werkplek/koppelingen").get_data(as_text=True)
    assert re.search(r'data-label="Deelnemer"><a [^>]+>Anna</a>', page) and re.search(r'data-label="Vrijwilliger">Bram d(e Vries|\.)<', page)


def test_every_way_a_coordinator_sees_a_name_has_plain_words_on_the_private_link():
    """The access log on someone's private link says what happened in words, never an action key."""
    from matching.services.exports import ACTIONS

    assert {"request.name", "reminder.list", "volunteer.name", "request.list", "call.list"} <= set(ACTIONS)


def test_the_messages_page_shows_the_newest_fifty_not_a_year_of_mail(logged_in, bus, org):
    """The newest 50 on the first page; the rest a page further (the lists' pages, CONTRACT section 9)."""
    for i in range(52):
        bus.handle(c.SubmitRequest("noord", RequestIn().load(request_body(email=f"p{i}@example.org"))))
    page = logged_in.get("/werkplek/berichten").get_data(as_text=True)
    assert page.count('<article class="message"') == 50 and re.search(r"5\d berichten", page)
    assert "p51@example.org" in page and "p0@example.org" not in page


def test_a_long_list_of_reminders_shows_the_ten_oldest_and_how_many_are_open(logged_in, bus, org):
    """Thousands of "bel even" reminders on a long waiting list: the dashboard names the ten due longest (one
    query a kind, not one per reminder), says how many are open, and the next comes up when one is handled."""
    for i in range(12):
        bus.handle(c.SubmitRequest("noord", RequestIn().load(request_body(email=f"wacht{i}@example.org", first_name=f"Wachter{i:02d}"))))
    assert bus.handle(c.RaiseDueReminders((bus.deps.clock.now() + timedelta(days=29)).date().isoformat())) == 12
    page = logged_in.get("/werkplek/").get_data(as_text=True)
    section = page.split('id="herinneringen"', 1)[1].split("</section>", 1)[0]
    assert section.count("<li>") == 10 and "Hier staan de 10 oudste van 12 open herinneringen." in section
    assert dashboard_page.headline(bus, org["id"])["open_reminders"] == 12
    first = dashboard_page.reminders(bus, org["id"])[0]
    bus.handle(c.CompleteReminder(org["id"], first["id"]))
    assert len(dashboard_page.reminders(bus, org["id"])) == 10 and dashboard_page.headline(bus, org["id"])["open_reminders"] == 11
    assert len(dashboard_page.reminders(bus, org["id"], limit=None)) == 11
