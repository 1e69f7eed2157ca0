"""The private link as the way out and the way through (issue 14): pause and come back, correct one's
contact details, read what we know and who looked, hear how a match starts and ends."""
import json
from datetime import datetime, time, timedelta
from zoneinfo import ZoneInfo

import pytest
from babel.dates import format_date
from sqlalchemy import insert, select, update

from matching.adapters import orm
from matching.domain import commands as c
from matching.domain.base import utcnow
from tests.conftest import eventually
from tests.e2e.test_private_link import sign_up
from tests.e2e.test_public_forms import SEEKER, VOLUNTEER, WORK_SEEKER, post
from tests.factories import request_body, volunteer_body

pytestmark = pytest.mark.e2e
AMSTERDAM = ZoneInfo("Europe/Amsterdam")


def _token(link: str) -> dict:
    return {"Authorization": f"Bearer {link.rsplit('/', 1)[1]}"}


def _active_volunteer(coordinator, **kw) -> str:
    created = coordinator.post("/api/v1/organizations/noord/volunteers", json=volunteer_body(**kw)).get_json()
    coordinator.post(f"/api/v1/volunteers/{created['id']}/activate", json={"vog_checked": True})
    return created["id"]


def _candidates(coordinator, request_id):
    return coordinator.get(f"/api/v1/requests/{request_id}/candidates").get_json()


def test_a_paused_request_is_not_suggested_nor_proposed_and_comes_back_on_resume(client, coordinator, org, bus,
                                                                                 worker):
    volunteer = _active_volunteer(coordinator)
    link = sign_up(client, "/noord/maatje", SEEKER)
    request_id = coordinator.get("/api/v1/requests").get_json()["items"][0]["id"]
    eventually(lambda: _candidates(coordinator, request_id)["items"])

    assert post(client, f"{link}/pauze", {}, link).status_code == 303
    page = client.get(f"{link}?klaar=pauze").get_data(as_text=True)
    assert "Je pauze is ingelast." in page and "Je hebt even pauze." in page and "Stop mijn pauze" in page
    assert _candidates(coordinator, request_id) | {"computed_at": None} == {
        "pending": False, "computed_at": None, "items": []}
    (listed,) = coordinator.get("/api/v1/requests?status=waiting").get_json()["items"]
    assert listed["id"] == request_id and listed["paused_at"]  # still on the list, marked
    proposal = coordinator.post("/api/v1/matches", json={"request_id": request_id,
                                                         "offer": {"type": "volunteer", "id": volunteer}})
    assert proposal.status_code == 409
    assert bus.handle(c.RunBatchProposals(org["id"])) == 0
    assert coordinator.get("/api/v1/matches").get_json()["items"] == []
    assert post(client, f"{link}/pauze", {}, link).status_code == 409

    assert post(client, f"{link}/verder", {}, link).status_code == 303
    assert "Welkom terug!" in client.get(f"{link}?klaar=verder").get_data(as_text=True)
    assert eventually(lambda: _candidates(coordinator, request_id)["items"])[0]["offer"]["id"] == volunteer
    assert post(client, f"{link}/verder", {}, link).status_code == 409


def test_pause_and_resume_through_the_api(client, org):
    created = client.post("/api/v1/organizations/noord/requests", json=request_body()).get_json()
    bearer = {"Authorization": f"Bearer {created['manage_token']}"}
    paused = client.post("/api/v1/requests/self/pause", headers=bearer)
    assert paused.status_code == 200 and paused.get_json()["paused_at"] and paused.get_json()["status"] == "waiting"
    assert client.post("/api/v1/requests/self/pause", headers=bearer).status_code == 409
    resumed = client.post("/api/v1/requests/self/resume", headers=bearer)
    assert resumed.status_code == 200 and resumed.get_json()["paused_at"] is None
    assert client.post("/api/v1/requests/self/resume", headers=bearer).status_code == 409
    assert client.post("/api/v1/requests/self/pause", json={}).status_code == 404  # no private link


def test_a_volunteer_resumes_their_own_break_but_not_the_coordinators(client, coordinator):
    link = sign_up(client, "/noord/vrijwilliger", VOLUNTEER)
    volunteer = coordinator.get("/api/v1/volunteers").get_json()["items"][0]["id"]
    coordinator.post(f"/api/v1/volunteers/{volunteer}/activate", json={"vog_checked": True})
    assert post(client, f"{link}/pauze", {}, link).status_code == 303
    assert post(client, f"{link}/verder", {}, link).status_code == 303
    assert coordinator.get("/api/v1/volunteers").get_json()["items"][0]["status"] == "active"
    coordinator.post(f"/api/v1/volunteers/{volunteer}/pause", json={})
    page = client.get(link).get_data(as_text=True)
    assert "De coördinator heeft je pauze ingelast." in page and "Stop mijn pauze" not in page
    assert post(client, f"{link}/verder", {}, link).status_code == 409
    assert coordinator.get("/api/v1/volunteers").get_json()["items"][0]["status"] == "paused"


@pytest.mark.parametrize("form, field, message", [
    ({"email": "anna-at-example", "phone": ""}, "email", "Dit e-mailadres klopt niet."),
    ({"email": "", "phone": "12"}, "phone", "Dit telefoonnummer klopt niet."),
    ({"email": "", "phone": ""}, "email", "Vul je e-mailadres of je telefoonnummer in."),
])
def test_a_requester_changes_contact_details_checked_as_at_sign_up(client, org, form, field, message):
    link = sign_up(client, "/noord/maatje", SEEKER)
    refused = post(client, f"{link}/bereikbaar", form, link)
    page = refused.get_data(as_text=True)
    assert refused.status_code == 422 and message in page and f'href="#{field}"' in page
    assert f'value="{form["email"]}"' in page  # what was typed stays
    download = json.loads(client.get(f"{link}/gegevens.json").get_data(as_text=True))
    assert download["data"]["email"] == "anna@example.org"  # nothing changed


def test_a_requester_switches_to_phone_only_and_a_volunteer_keeps_an_email(client, org):
    link = sign_up(client, "/noord/maatje", SEEKER)
    assert post(client, f"{link}/bereikbaar", {"email": "", "phone": "06 98765432"}, link).status_code == 303
    page = client.get(f"{link}?klaar=bereikbaar").get_data(as_text=True)
    assert "Je nieuwe gegevens zijn opgeslagen." in page and 'value="06 98765432"' in page
    download = json.loads(client.get(f"{link}/gegevens.json").get_data(as_text=True))
    assert (download["data"]["email"], download["data"]["phone"]) == (None, "06 98765432")

    volunteer = sign_up(client, "/noord/vrijwilliger", VOLUNTEER)
    refused = post(client, f"{volunteer}/bereikbaar", {"email": "", "phone": "0612345678"}, volunteer)
    assert refused.status_code == 422 and "Vul je e-mailadres in." in refused.get_data(as_text=True)
    assert post(client, f"{volunteer}/bereikbaar", {"email": "Bram@Example.org ", "phone": ""}, volunteer
                ).status_code == 303
    assert 'value="bram@example.org"' in client.get(volunteer).get_data(as_text=True)


def test_contact_details_through_the_api(client, org):
    created = client.post("/api/v1/organizations/noord/requests", json=request_body()).get_json()
    bearer = {"Authorization": f"Bearer {created['manage_token']}"}
    bad = client.patch("/api/v1/requests/self", json={"email": "nope", "phone": "12"}, headers=bearer)
    assert bad.status_code == 422 and set(bad.get_json()["errors"]) == {"email", "phone"}
    assert client.patch("/api/v1/requests/self", json={"first_name": "Eve"}, headers=bearer).status_code == 422
    unreachable = client.patch("/api/v1/requests/self", json={"email": None}, headers=bearer)
    assert unreachable.status_code == 422 and "email" in unreachable.get_json()["errors"]
    changed = client.patch("/api/v1/requests/self", json={"phone": "06 11122233"}, headers=bearer)
    assert changed.status_code == 200
    assert (changed.get_json()["email"], changed.get_json()["phone"]) == ("anna@example.org", "06 11122233")
    volunteer = client.post("/api/v1/organizations/noord/volunteers", json=volunteer_body()).get_json()
    assert client.patch("/api/v1/requests/self", json={"phone": "0611122233"}, headers={
        "Authorization": f"Bearer {volunteer.get('manage_token', 'x')}"}).status_code == 404


def test_what_we_know_is_listed_in_plain_words_and_no_distance_is_the_default(client, org, session_factory):
    assert "Dan zoeken we tot 10 km van je postcode." in client.get("/noord/maatje").get_data(as_text=True)
    assert "Dan zoeken we tot 25 km" in client.get("/noord/werkervaringsplaats").get_data(as_text=True)
    link = sign_up(client, "/noord/maatje", dict(SEEKER, max_distance_km=""))  # "Maakt me niet uit"
    with session_factory() as session:
        assert session.scalar(select(orm.requests.c.max_distance_km)) is None
    page = client.get(link).get_data(as_text=True)
    assert "Dit weten we van je" in page
    for label, value in [("Voornaam", "Anna"), ("E-mailadres", "anna@example.org"), ("Telefoonnummer", "niet ingevuld"),
                         ("Wat je zoekt", "Maatje"), ("Wat je graag doet", "Wandelen, Koffie drinken"),
                         ("Talen", "Nederlands"), ("Voorkeur voor je maatje", "Maakt me niet uit")]:
        assert f"<dt>{label}</dt><dd>{value}</dd>" in page
    assert "We zoeken tot 10 km van je postcode: de standaard van Vriendendienst Noord." in page
    own = client.get("/api/v1/requests/self", headers=_token(link)).get_json()["preferences"]
    assert own == {"volunteer_gender": None, "max_distance_km": 10.0, "max_distance_is_default": True}

    chosen = sign_up(client, "/noord/werkervaringsplaats", dict(WORK_SEEKER, email="b@example.org", max_distance_km="5"))
    assert "<dd>Tot 5 km van je postcode</dd>" in client.get(chosen).get_data(as_text=True)
    api = client.post("/api/v1/organizations/noord/requests", json=request_body(kind="werkervaringsplaats"))
    preferences = client.get("/api/v1/requests/self", headers={
        "Authorization": f"Bearer {api.get_json()['manage_token']}"}).get_json()["preferences"]
    assert (preferences["max_distance_km"], preferences["max_distance_is_default"]) == (25.0, True)


def _log(session_factory, org, subject_id, user_id, action, at, times=1):
    with session_factory() as session:
        session.execute(insert(orm.audit_log), [{"at": at, "organization_id": org["id"], "user_id": user_id,
                                                 "action": action, "subject_type": "request",
                                                 "subject_id": subject_id}] * times)
        session.commit()


def test_the_access_log_is_counted_per_day_and_kind_newest_first(client, coordinator, org, session_factory):
    link = sign_up(client, "/noord/maatje", SEEKER)
    assert "Nog niemand heeft naar je aanmelding gekeken." in client.get(link).get_data(as_text=True)
    for _ in range(8):  # a coordinator refreshing the waiting list, eight times in a minute
        coordinator.get("/werkplek/")
    request_id = coordinator.get("/api/v1/requests").get_json()["items"][0]["id"]  # the ninth list view
    with session_factory() as session:
        user_id = session.scalar(select(orm.users.c.id))
    today = utcnow().astimezone(AMSTERDAM).date()
    long_ago = today - timedelta(days=20)
    # 23:30 UTC is already the next day in Amsterdam, summer and winter: grouped by the Dutch date.
    late = datetime.combine(long_ago - timedelta(days=1), time(23, 30), ZoneInfo("UTC"))
    _log(session_factory, org, request_id, user_id, "request.view", datetime.combine(
        long_ago, time(12), AMSTERDAM), times=2)
    _log(session_factory, org, request_id, user_id, "request.view", late)
    _log(session_factory, org, request_id, user_id, "match.propose", datetime.combine(long_ago, time(9), AMSTERDAM))
    _log(session_factory, org, request_id, user_id, "request.list", datetime.combine(
        long_ago - timedelta(days=1), time(12), AMSTERDAM))

    page = client.get(link).get_data(as_text=True)
    assert "Deze week keek een coördinator 9 keer naar je aanmelding." in page
    assert "<strong>Vandaag:</strong> een coördinator zag je voornaam en postcode op de wachtlijst (9 keer)." in page
    older = format_date(long_ago, "d MMMM", locale="nl")
    assert f"<strong>Op {older}:</strong> een coördinator bekeek je aanvraag (3 keer) en stelde een koppeling voor (1 keer)." in page
    day_before = format_date(long_ago - timedelta(days=1), "d MMMM", locale="nl")
    assert f"<strong>Op {day_before}:</strong> een coördinator zag je voornaam en postcode op de wachtlijst (1 keer)." in page
    assert page.index("Vandaag:") < page.index(f"Op {older}:") < page.index(f"Op {day_before}:")
    assert org["email"] not in page and page.count("zag je voornaam en postcode") == 2
    english = client.get(f"{link}?lang=en").get_data(as_text=True)
    assert "This week a coordinator looked at your sign-up 9 times." in english
    assert "<strong>Today:</strong> a coordinator saw your first name and postcode on the waiting list (9 times)." in english
    download = json.loads(client.get(f"{link}/gegevens.json").get_data(as_text=True))
    assert len(download["access_log"]) == 14 and download["access_log"][-1]["who"] == org["email"]


def _pair(client, coordinator, seeker_form=SEEKER):
    """A seeker and a volunteer who signed up through the forms (so both have a link), confirmed as a match."""
    seeker = sign_up(client, "/noord/maatje", seeker_form)
    helper = sign_up(client, "/noord/vrijwilliger", VOLUNTEER)
    volunteer = coordinator.get("/api/v1/volunteers").get_json()["items"][0]["id"]
    coordinator.post(f"/api/v1/volunteers/{volunteer}/activate", json={"vog_checked": True})
    request_id = coordinator.get("/api/v1/requests").get_json()["items"][0]["id"]
    match = coordinator.post("/api/v1/matches", json={"request_id": request_id,
                                                      "offer": {"type": "volunteer", "id": volunteer}}).get_json()
    assert coordinator.post(f"/api/v1/matches/{match['id']}/confirm", json={}).status_code == 200
    return seeker, helper, match["id"]


def _a_week_later(session_factory, match_id):
    with session_factory() as session:
        session.execute(update(orm.matches).where(orm.matches.c.id == match_id).values(
            confirmed_at=utcnow() - timedelta(days=8)))
        session.commit()


def test_after_confirmation_each_side_learns_the_first_name_and_who_calls_first(client, coordinator, session_factory):
    seeker, helper, match_id = _pair(client, coordinator)
    page = client.get(seeker).get_data(as_text=True)
    assert "Je maatje: Bram" in page and "Bram belt of mailt je binnen een week" in page
    question_day = format_date((utcnow() + timedelta(days=7)).astimezone(AMSTERDAM).date(), "d MMMM", locale="nl")
    assert f"Die vraag zie je vanaf {question_day}." in page and 'name="doorgaan"' not in page
    assert post(client, f"{seeker}/doorgaan", {"doorgaan": "ja"}, seeker).status_code == 409
    other = client.get(helper).get_data(as_text=True)
    assert "Je bent gekoppeld aan Anna" in other and "Jij zet de eerste stap: bel of mail Anna binnen een week" in other

    _a_week_later(session_factory, match_id)
    page = client.get(seeker).get_data(as_text=True)
    assert "Willen jullie doorgaan?" in page and 'name="doorgaan"' in page
    assert post(client, f"{seeker}/doorgaan", {"doorgaan": "ja"}, seeker).status_code == 303
    assert "Je hebt laten weten dat jullie doorgaan." in client.get(seeker).get_data(as_text=True)


def _messages_about(coordinator, match_id, subject_start):
    items = coordinator.get("/api/v1/messages").get_json()["items"]
    return [m for m in items if m["match_id"] == match_id and m["subject"].startswith(subject_start)]


def test_when_a_match_ends_both_sides_hear_it_and_what_happens_next(client, coordinator, worker):
    seeker, _helper, match_id = _pair(client, coordinator, dict(SEEKER, email="", phone="06 12345678"))  # phone only
    assert coordinator.post(f"/api/v1/matches/{match_id}/end", json={"reason": "goal_reached"}).status_code == 200
    ended = eventually(lambda: (lambda found: found if len(found) == 2 and all(
        m["status"] == "stored" for m in found) else None)(_messages_about(coordinator, match_id, "Je koppeling met")))
    by_side = {m["recipient_type"]: m for m in ended}
    to_person, to_volunteer = by_side["request"], by_side["volunteer"]
    assert to_person["subject"] == "Je koppeling met Bram is gestopt" and to_person["to_address"] is None
    assert "Je staat nu niet op de wachtlijst" in to_person["body"] and "Vriendendienst Noord" in to_person["body"]
    assert to_volunteer["subject"] == "Je koppeling met Anna is gestopt"
    assert to_volunteer["to_address"] == "bram@example.org" and "Je plek is weer vrij" in to_volunteer["body"]

    page = client.get(seeker).get_data(as_text=True)
    assert "Je koppeling met Bram is gestopt" in page and "Je staat nu niet op de wachtlijst" in page
    assert "Willen jullie doorgaan?" not in page and "Even pauze?" not in page
    erased = post(client, f"{seeker}/verwijderen", {"confirm": "ja"}, seeker)  # no longer held back
    assert erased.status_code == 200


def test_a_no_after_the_first_meeting_puts_the_person_back_and_says_so(client, coordinator, session_factory, worker):
    seeker, _helper, match_id = _pair(client, coordinator)
    _a_week_later(session_factory, match_id)
    assert post(client, f"{seeker}/doorgaan", {"doorgaan": "nee"}, seeker).status_code == 303
    (message,) = eventually(lambda: _messages_about(coordinator, match_id, "Je koppeling met Bram"))
    assert "Je staat weer op de wachtlijst" in message["body"] and message["to_address"] == "anna@example.org"
    page = client.get(seeker).get_data(as_text=True)
    assert "Je staat op de wachtlijst." in page and "Je koppeling met Bram is gestopt" in page
    assert "We zoeken iemand anders voor je." in page and "Even pauze?" in page
