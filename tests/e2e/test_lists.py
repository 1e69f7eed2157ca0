"""Search, filters and pages on the coordinator's lists, in the API and the workspace (CONTRACT section 9),
every parameter and every way to get one wrong; the compact matches table's confirm steps and undo."""
from __future__ import annotations

import re
from datetime import timedelta
from urllib.parse import quote

import pytest
from sqlalchemy import update

from matching.adapters import orm
from matching.domain import commands as c
from matching.domain.base import utcnow
from tests.e2e.test_public_forms import post
from tests.factories import request_body, volunteer_body
from web.schemas import RequestIn, VolunteerIn

pytestmark = pytest.mark.e2e


@pytest.fixture
def people(bus, org, session_factory):
    """Three requests and three volunteers of noord, with a match of each kind of state."""
    ids = {}

    def request(name, days, **kw):
        made = bus.handle(c.SubmitRequest("noord", RequestIn().load(request_body(
            first_name=name, email=f"{name.lower()}@example.org", **kw))))["id"]
        with session_factory() as session:
            session.execute(update(orm.requests).where(orm.requests.c.id == made).values(
                created_at=utcnow() - timedelta(days=days)))
            session.commit()
        ids[name] = made

    def volunteer(first, last, **kw):
        made = bus.handle(c.ApplyAsVolunteer("noord", VolunteerIn().load(volunteer_body(
            first_name=first, last_name=last, email=f"{first.lower()}@example.org", **kw))))["id"]
        bus.handle(c.ActivateVolunteer(org["id"], made, True))
        ids[first] = made

    request("Élif", 200, postcode="1011 AB", phone="06-1111 2222")
    request("Anna", 40, postcode="3511 AB")
    request("Ben", 5, kind="werkervaringsplaats", postcode="9711 AA", availability=["tue_morning"])
    volunteer("Sanne", "de Vriës", phone="0612345678", postcode="3512")
    volunteer("Zoë", "Bakker", phone="0687654321", postcode="1012", kinds=["werkervaringsplaats", "maatje"])
    volunteer("Cas", "Jansen", phone="0611112222", postcode="2511")
    ids["match"] = bus.handle(c.ProposeMatch(org["id"], ids["Anna"], "volunteer", ids["Sanne"]))["id"]
    ids["other"] = bus.handle(c.ProposeMatch(org["id"], ids["Élif"], "volunteer", ids["Cas"]))["id"]
    bus.handle(c.ConfirmMatch(org["id"], ids["other"]))
    return ids


def _names(response, key="first_name"):
    assert response.status_code == 200, response.get_json()
    return [item[key] for item in response.get_json()["items"]]


# --- the API ---------------------------------------------------------------------------------------

@pytest.mark.parametrize("query, found", [
    ("sanne de vries", ["Sanne"]), ("SANNE DE VRIËS", ["Sanne"]), ("vries sanne", ["Sanne"]), ("zoe", ["Zoë"]),
    ("06 1234 5678", ["Sanne"]), ("0612345678", ["Sanne"]), ("3512 XY", ["Sanne"]), ("cas@example", ["Cas"]),
    ("jansen", ["Cas"]), ("100%", []), ("_", []), ("nobody", [])])
def test_volunteers_are_found_by_name_email_phone_or_postcode_whatever_the_accents(coordinator, people, query, found):
    assert _names(coordinator.get(f"/api/v1/volunteers?q={quote(query)}")) == found


@pytest.mark.parametrize("query, found", [("elif", ["Élif"]), ("ÉLIF", ["Élif"]), ("06-1111 2222", ["Élif"]),
                                          ("1011", ["Élif"]), ("anna@example.org", ["Anna"]), ("", ["Élif", "Anna", "Ben"])])
def test_requests_are_found_the_same_way(coordinator, people, query, found):
    assert _names(coordinator.get(f"/api/v1/requests?q={quote(query)}")) == found


def test_request_filters_sorts_and_pages(coordinator, people):
    get = lambda qs: _names(coordinator.get(f"/api/v1/requests?{qs}"))  # noqa: E731
    assert get("kind=werkervaringsplaats") == ["Ben"]
    assert get("status=waiting") == ["Ben"] and get("status=proposed") == ["Anna"] and get("status=matched") == ["Élif"]
    assert get("min_days=30") == ["Élif", "Anna"] and get("min_days=100") == ["Élif"] and get("min_days=0") == get("")
    assert get("sort=name") == ["Anna", "Ben", "Élif"] and get("sort=postcode") == ["Élif", "Anna", "Ben"]
    first = coordinator.get("/api/v1/requests?per_page=2").get_json()
    assert (first["total"], first["page"], first["per_page"], len(first["items"])) == (3, 1, 2, 2)
    assert get("per_page=2&page=2") == ["Ben"] and get("per_page=2&page=3") == []
    for assigned in ("me", "none", "00000000-0000-4000-8000-000000000000"):  # the person record's filter
        assert coordinator.get(f"/api/v1/requests?assigned={assigned}").status_code == 200


def test_volunteer_filters(coordinator, people, bus, org):
    bus.handle(c.PauseVolunteer(org["id"], people["Cas"]))
    get = lambda qs: _names(coordinator.get(f"/api/v1/volunteers?{qs}"))  # noqa: E731
    assert get("kind=werkervaringsplaats") == ["Zoë"] and get("status=paused") == ["Cas"]
    assert get("sort=name") == ["Cas", "Sanne", "Zoë"] and get("sort=postcode") == ["Zoë", "Cas", "Sanne"]


def test_matches_name_both_sides_and_are_searched_on_either(coordinator, people):
    listed = coordinator.get("/api/v1/matches?q=sanne+de+vries").get_json()
    (match,) = listed["items"]
    assert match["request"] == {"id": people["Anna"], "first_name": "Anna"}
    assert match["offer"] == {"type": "volunteer", "id": people["Sanne"], "name": "Sanne de Vriës"}
    assert {"status", "proposed_at", "confirmed_at", "ended_at", "score", "kind", "can_undo"} <= set(match)
    assert _names(coordinator.get("/api/v1/matches?q=elif"), "status") == ["active"]
    assert _names(coordinator.get("/api/v1/matches?status=active&health=too_early"), "status") == ["active"]
    assert _names(coordinator.get("/api/v1/matches?kind=werkervaringsplaats"), "status") == []
    assert [m["request"]["first_name"] for m in coordinator.get("/api/v1/matches?sort=name").get_json()["items"]] \
        == ["Anna", "Élif"]


def test_messages_are_searched_by_recipient_and_subject(coordinator, people):
    everything = coordinator.get("/api/v1/messages").get_json()
    assert everything["total"] == len(everything["items"]) > 0
    to_sanne = coordinator.get("/api/v1/messages?q=SANNE+de+vries").get_json()["items"]
    assert to_sanne and {m["to_address"] for m in to_sanne} == {"sanne@example.org"}
    assert coordinator.get("/api/v1/messages?status=sent").get_json()["items"] == []


@pytest.mark.parametrize("path", ["requests", "volunteers", "matches", "messages"])
@pytest.mark.parametrize("param, value", [
    ("q", "x" * 101), ("kind", "hond"), ("status", "nope"), ("min_days", "-1"), ("min_days", "veel"),
    ("sort", "age"), ("page", "0"), ("page", "10001"), ("per_page", "201"), ("assigned", "someone")])
def test_a_bad_parameter_is_a_422_naming_it(coordinator, path, param, value):
    response = coordinator.get(f"/api/v1/{path}?{param}={value}")
    assert response.status_code == 422 and param in response.get_json()["errors"], response.get_json()


def test_a_bad_health_is_a_422_naming_it(coordinator):
    assert "health" in coordinator.get("/api/v1/matches?health=ill").get_json()["errors"]


def test_undo_through_the_api(coordinator, people, session_factory):
    match = people["match"]
    assert coordinator.post(f"/api/v1/matches/{match}/decline", json={"reason": "per ongeluk"}).status_code == 200
    listed = coordinator.get("/api/v1/matches?status=declined").get_json()["items"][0]
    assert listed["can_undo"] and listed["undo_until"]
    undone = coordinator.post(f"/api/v1/matches/{match}/undo", json={})
    assert undone.status_code == 200 and undone.get_json() == {"id": match, "status": "proposed"}
    again = coordinator.post(f"/api/v1/matches/{match}/undo", json={})
    assert again.status_code == 409 and "only an ending or a decline" in again.get_json()["errors"]["_schema"][0]
    coordinator.post(f"/api/v1/matches/{match}/decline", json={"reason": "nu echt"})
    with session_factory() as session:
        session.execute(update(orm.matches).where(orm.matches.c.id == match).values(
            updated_at=utcnow() - timedelta(days=1, minutes=1)))
        session.commit()
    late = coordinator.post(f"/api/v1/matches/{match}/undo", json={})
    assert late.status_code == 409 and "more than a day" in late.get_json()["errors"]["_schema"][0]
    assert coordinator.post("/api/v1/matches/00000000-0000-4000-8000-000000000000/undo", json={}).status_code == 404


# --- the workspace pages ----------------------------------------------------------------------------

@pytest.fixture
def logged_in(client, org):
    response = post(client, "/login", {"email": org["email"], "password": org["password"]})
    assert response.status_code == 303
    return client


PAGES = {"/werkplek/": "Wachtlijst", "/werkplek/koppelingen": "Koppelingen", "/werkplek/vrijwilligers": "Vrijwilligers",
         "/werkplek/berichten": "Berichten"}


@pytest.mark.parametrize("page", PAGES)
@pytest.mark.parametrize("query, label", [("min_days=-3", "Wachttijd"), ("sort=leeftijd", "Volgorde"),
                                          ("status=kwijt", "Status"), ("page=nul", "Pagina"), ("q=" + "x" * 101, "Zoeken")])
def test_a_bad_parameter_on_a_page_is_named_in_dutch_never_a_500(logged_in, people, page, query, label):
    response = logged_in.get(f"{page}?{query}")
    text = response.get_data(as_text=True)
    assert response.status_code == 422 and f"Dit klopt niet en is weggelaten: {label}." in text
    assert f"<h1>{PAGES[page]}</h1>" in text


def test_a_search_on_a_page_shows_its_filters_with_a_way_to_remove_each(logged_in, people):
    text = logged_in.get("/werkplek/vrijwilligers?q=sanne+de+vries&kind=maatje&sort=name").get_data(as_text=True)
    assert "Sanne de Vriës" in text and "Zoë" not in text and "1 vrijwilliger<" in text.replace("\n", "")
    assert "Zoeken: sanne de vries" in text and "Soort: Maatje" in text and "Volgorde: op naam" in text
    removals = re.findall(r'href="([^"]+)" class="remove-filter"', text)
    assert "/werkplek/vrijwilligers?kind=maatje&amp;sort=name" in removals
    dashboard = logged_in.get("/werkplek/?q=elif&status=matched").get_data(as_text=True)
    assert "Élif" in dashboard and "Anna" not in dashboard.split("Wie wacht")[1]
    assert "200 dagen" in dashboard
    waiting = logged_in.get("/werkplek/?min_days=30").get_data(as_text=True)
    assert "Niemand gevonden met deze filters." in waiting  # Ben waits 5 days; the others are no longer waiting


def test_the_matches_table_names_both_and_keeps_its_place_after_an_action(logged_in, people):
    back = "status=proposed&q=anna"
    table = logged_in.get(f"/werkplek/koppelingen?{back}").get_data(as_text=True)
    assert "Anna" in table and "Sanne de Vriës" in table and "Élif" not in table
    confirmed = post(logged_in, f"/werkplek/koppelingen/{people['match']}/bevestigen", {"terug": back},
                     form_page="/werkplek/koppelingen")
    assert confirmed.status_code == 303
    assert confirmed.headers["Location"].endswith(f"/werkplek/koppelingen?status=proposed&q=anna#m-{people['match']}")


def test_declining_asks_for_a_reason_and_words_with_anders(logged_in, people, bus, org):
    match = people["match"]
    step = logged_in.get(f"/werkplek/koppelingen/{match}/afwijzen?terug=status%3Dproposed").get_data(as_text=True)
    assert "Waarom wijs je het voorstel af?" in step and " checked" not in step
    url, page = f"/werkplek/koppelingen/{match}/afwijzen", "/werkplek/koppelingen"
    nothing = post(logged_in, url, {"terug": "status=proposed"}, form_page=page)
    assert nothing.status_code == 422 and "Kies een reden." in nothing.get_data(as_text=True)
    bare = post(logged_in, url, {"reason": "anders"}, form_page=page)
    assert bare.status_code == 422 and "Schrijf op wat de reden is." in bare.get_data(as_text=True)
    done = post(logged_in, url, {"reason": "anders", "reason_text": "Woont toch te ver", "terug": "status=proposed"},
                form_page=page)
    assert done.status_code == 303 and done.headers["Location"].endswith(f"?status=proposed#m-{match}")
    listed = logged_in.get("/api/v1/matches?status=declined").get_json()["items"]
    assert [m["decline_reason"] for m in listed] == ["Woont toch te ver"]


def test_ending_asks_for_a_reason_then_undo_brings_it_back(logged_in, people):
    match = people["other"]
    step = logged_in.get(f"/werkplek/koppelingen/{match}/beeindigen").get_data(as_text=True)
    assert "Waarom stopt de koppeling?" in step and " checked" not in step and " selected" not in step
    url, page = f"/werkplek/koppelingen/{match}/beeindigen", "/werkplek/koppelingen"
    assert post(logged_in, url, {}, form_page=page).status_code == 422
    bare = post(logged_in, url, {"reason": "other"}, form_page=page)
    assert bare.status_code == 422 and "Schrijf op wat de reden is." in bare.get_data(as_text=True)
    assert post(logged_in, url, {"reason": "other", "note": "Op wereldreis"}, form_page=page).status_code == 303
    ended = logged_in.get("/werkplek/koppelingen?status=ended").get_data(as_text=True)
    assert "Maak ongedaan" in ended and "kan tot" in ended
    undone = post(logged_in, f"/werkplek/koppelingen/{match}/ongedaan-maken", {"terug": "status=ended"}, form_page=page)
    assert undone.status_code == 303
    assert "Ongedaan gemaakt." in logged_in.get(undone.headers["Location"]).get_data(as_text=True)
    assert logged_in.get(f"/api/v1/matches/{match}").get_json()["status"] == "active"
    twice = post(logged_in, f"/werkplek/koppelingen/{match}/ongedaan-maken", {}, form_page=page)
    assert "Dat lukte niet" in logged_in.get(twice.headers["Location"]).get_data(as_text=True)


@pytest.mark.parametrize("step", ["verwijderen", "bevestigen"])
def test_only_declining_and_ending_have_a_confirm_page(logged_in, people, step):
    assert logged_in.get(f"/werkplek/koppelingen/{people['match']}/{step}").status_code == 404


def test_the_way_back_carries_only_the_lists_own_parameters(logged_in, people):
    sneaky = "q=anna&next=https://evil.example/&status=proposed&" + "x=1&" * 20
    response = post(logged_in, f"/werkplek/koppelingen/{people['match']}/bevestigen", {"terug": sneaky},
                    form_page="/werkplek/koppelingen")
    location = response.headers["Location"]
    assert location.startswith("/werkplek/koppelingen?") and "evil" not in location and "x=1" not in location


def test_the_workspace_is_dutch_only(logged_in, app):
    page = logged_in.get("/werkplek/?lang=en").get_data(as_text=True)
    assert '<html lang="nl">' in page and "English" not in page and "<h1>Wachtlijst</h1>" in page
    login = app.test_client().get("/login?lang=en").get_data(as_text=True)
    assert '<html lang="nl">' in login and "English" not in login and "Inloggen voor coördinatoren" in login
    public = app.test_client().get("/noord/maatje?lang=en").get_data(as_text=True)
    assert '<html lang="en">' in public  # the public forms keep the switch
