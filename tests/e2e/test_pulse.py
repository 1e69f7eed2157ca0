"""The pulse end to end: `koppel tick` sends both sides a private link, each round is answered once,
a low answer turns the match's health to needs_check_in with its reason, and a good next round
brings it back. Time moves by ticking `--now`, never by waiting."""
from __future__ import annotations

import re
from datetime import datetime, timedelta, timezone

import pytest
from click.testing import CliRunner
from sqlalchemy import func, select

from cli.main import cli
from matching.adapters import orm
from tests.e2e.pulse_world import GOOD, LOW, days_after, world  # noqa: F401

pytestmark = pytest.mark.e2e


def test_after_koppel_tick_15_days_past_confirmation_both_sides_have_a_pulse_link(world):
    match = world.match()
    early = CliRunner().invoke(cli, ["tick", "--now", days_after(match, 13).isoformat()],
                               env={"MAIL_URL": world.mail_url}, catch_exceptions=False)
    assert early.exit_code == 0 and "pulses: 0" in early.output
    done = CliRunner().invoke(cli, ["tick", "--now", days_after(match, 15).isoformat()],
                              env={"MAIL_URL": world.mail_url}, catch_exceptions=False)
    assert done.exit_code == 0 and "pulses: 2" in done.output, done.output
    world.run_workers()
    links = world.links()
    assert set(links) == {"anna@example.org", "bram@example.org"}
    for token in links.values():
        shown = world.person.get(f"/api/v1/pulse/{token}").get_json()
        assert shown["answered"] is False and shown["open"] is True and 1 <= len(shown["questions"]) <= 5
        assert {"key", "text", "choices"} <= set(shown["questions"][0])
    again = CliRunner().invoke(cli, ["tick", "--now", days_after(match, 16).isoformat()],
                               env={"MAIL_URL": world.mail_url}, catch_exceptions=False)
    assert "pulses: 0" in again.output  # the same round is never sent twice
    with world.session_factory() as session:
        stored = session.scalars(select(orm.messages.c.body).where(orm.messages.c.subject.like("Hoe gaat het%")))
        assert all("/pulse/••••••••" in body and not any(t in body for t in links.values()) for body in stored)


def test_answering_twice_is_a_conflict_and_the_answers_are_shown_to_the_person(world):
    match = world.match()
    world.age(match, 15)
    world.tick()
    token = world.links()["anna@example.org"]
    first = world.person.post(f"/api/v1/pulse/{token}", json={"answers": GOOD, "comment": "Fijn!"})
    assert first.status_code == 201 and first.get_json()["answered"] is True
    second = world.person.post(f"/api/v1/pulse/{token}", json={"answers": LOW})
    assert second.status_code == 409
    shown = world.person.get(f"/api/v1/pulse/{token}").get_json()
    assert shown["answered"] is True and shown["open"] is False and shown["answers"] == GOOD
    assert shown["comment"] == "Fijn!"


def test_a_low_answer_turns_health_to_needs_check_in_with_the_reason_and_a_good_next_round_clears_it(world):
    match = world.match()
    assert world.detail(match["id"])["health"] == "too_early"
    world.age(match, 15)
    world.tick()
    links = world.links()
    assert world.person.post(f"/api/v1/pulse/{links['bram@example.org']}", json={"answers": LOW}).status_code == 201
    detail = world.detail(match["id"])
    assert detail["health"] == "needs_check_in"
    assert detail["health_reasons"] == [
        f"De vrijwilliger gaf op {datetime.now(timezone.utc).strftime('%d-%m-%Y')} een lage score: "
        "‘Lukt het om af te spreken?’ (2: Soms)."]
    assert [(p["side"], p["round"], p["answered"]) for p in detail["pulses"]] == [("offer", 1, True), ("request", 1, False)]
    needing = world.coordinator.get("/api/v1/matches?health=needs_check_in").get_json()["items"]
    assert [m["id"] for m in needing] == [match["id"]] and needing[0]["health_reasons"]
    assert world.coordinator.get("/api/v1/matches?health=on_track").get_json()["items"] == []
    dashboard = re.sub(r"<[^>]+>", "", world.coordinator.get("/werkplek/").get_data(as_text=True))
    assert "1 koppeling heeft een check-in nodig" in dashboard

    world.age(match, 28)  # six weeks in: the next round
    world.tick()
    links = world.links()
    for token in links.values():
        assert world.person.post(f"/api/v1/pulse/{token}", json={"answers": GOOD}).status_code == 201
    detail = world.detail(match["id"])
    assert (detail["health"], detail["health_reasons"]) == ("on_track", [])


def test_an_unknown_link_is_404_and_bad_answers_are_422_naming_the_field(world):
    match = world.match()
    world.age(match, 15)
    world.tick()
    token = world.links()["anna@example.org"]
    assert world.person.get("/api/v1/pulse/not-a-real-token-at-all-here").status_code == 404
    assert world.person.post("/api/v1/pulse/not-a-real-token-at-all-here", json={"answers": GOOD}).status_code == 404
    for body, field in (({"answers": {"contact": 5}}, "answers"), ({"answers": {"contact": "4"}}, "answers"),
                        ({"answers": {}}, "answers"), ({"answers": {"nonsense": 3}}, "answers.nonsense"),
                        ({"answers": GOOD, "comment": "x" * 1001}, "comment"), ({}, "answers")):
        refused = world.person.post(f"/api/v1/pulse/{token}", json=body)
        assert refused.status_code == 422, (body, refused.get_json())
        assert any(key.startswith(field) for key in refused.get_json()["errors"]), (body, refused.get_json())
    assert world.person.get(f"/api/v1/pulse/{token}").get_json()["answered"] is False


def test_english_questions_on_request(world):
    match = world.match()
    world.age(match, 15)
    world.tick()
    token = world.links()["anna@example.org"]
    english = world.person.get(f"/api/v1/pulse/{token}", headers={"Accept-Language": "en"}).get_json()
    assert english["questions"][0]["text"] == "How is the contact with your buddy going?"
    assert english["questions"][0]["choices"][3] == {"value": 4, "label": "Very good"}


def test_a_person_without_email_gets_the_questions_on_the_coordinators_call_list(world):
    match = world.match(request_fields={"email": None, "phone": "0611111111", "first_name": "Jan"})
    world.age(match, 15)
    world.tick()
    assert set(world.links()) == {"bram@example.org"}  # Jan has no mailbox
    calls = world.coordinator.get("/api/v1/calls").get_json()["items"]
    (task,) = [t for t in calls if t["person"]["first_name"] == "Jan" and t["subject"].startswith("Hoe gaat")]
    assert task["subject"].startswith("Hoe gaat het met je koppeling") and not task["has_link"]
    assert "Lukt het om af te spreken? (Nee / Soms / Meestal / Ja, altijd)" in task["text"]
    world.age(match, 15)  # two weeks on: nobody called Jan, Bram did not answer either
    world.tick()
    assert "hebben de vragen van" in world.detail(match["id"])["health_reasons"][0]
    called = world.coordinator.post(f"/api/v1/requests/{match['request_id']}/notes",
                                    json={"kind": "call", "text": "Gaat goed, zegt Jan"})
    assert called.status_code == 201
    world.run_workers()  # the note is judged by the workers
    reasons = world.detail(match["id"])["health_reasons"]
    assert reasons and all("deelnemer" not in r for r in reasons)  # only Bram's silence is left


def test_the_person_sees_their_answers_in_their_export_and_they_go_with_erasure(world):
    match = world.match()
    world.age(match, 15)
    world.tick()
    token = world.links()["anna@example.org"]
    world.person.post(f"/api/v1/pulse/{token}", json={"answers": GOOD, "comment": "Mooi zo"})
    bearer = {"Authorization": f"Bearer {match['manage_token']}"}
    exported = world.person.get("/api/v1/requests/self/export", headers=bearer).get_json()
    (round_,) = exported["pulses"]
    assert (round_["round"], round_["answers"], round_["comment"], round_["kind"]) == (1, GOOD, "Mooi zo", "check_in")
    assert round_["questions"][0]["text"] == "Hoe gaat het contact met je maatje?" and "token" not in str(round_)
    download = world.person.get(f"/mijn/{match['manage_token']}/gegevens.json").get_data(as_text=True)
    assert "Mooi zo" in download
    world.coordinator.post(f"/api/v1/matches/{match['id']}/end", json={"reason": "goal_reached"})
    world.run_workers()  # the ending asks how it went: one more round of Anna's
    assert world.person.delete("/api/v1/requests/self", headers=bearer).status_code == 204  # withdrawn: erased
    with world.session_factory() as session:
        left = session.scalar(select(func.count()).select_from(orm.pulses).where(
            orm.pulses.c.person_id == match["request_id"]))
    assert left == 0


def test_designed_endings_and_how_long_matches_last(world):
    short, long = world.match(), world.match(request_fields={"email": "cor@example.org", "first_name": "Cor"},
                                             volunteer_fields={"email": "dirk@example.org", "first_name": "Dirk"})
    other = world.coordinator.post(f"/api/v1/matches/{short['id']}/end", json={"reason": "other"})
    assert other.status_code == 422 and "note" in other.get_json()["errors"]
    bad = world.coordinator.post(f"/api/v1/matches/{short['id']}/end",
                                 json={"reason": "drifted_apart", "initiated_by": "the cat"})
    assert bad.status_code == 422 and "initiated_by" in bad.get_json()["errors"]
    ended = world.coordinator.post(f"/api/v1/matches/{short['id']}/end", json={
        "reason": "drifted_apart", "initiated_by": "volunteer", "note": "Te druk met werk", "goodbye_meeting": True})
    assert ended.status_code == 200 and ended.get_json()["status"] == "ended"
    detail = world.detail(short["id"])
    assert (detail["end_reason"], detail["initiated_by"], detail["end_note"], detail["goodbye_meeting"]) == (
        "drifted_apart", "volunteer", "Te druk met werk", True)
    assert detail["health"] is None
    stats = world.coordinator.get("/api/v1/stats").get_json()
    assert stats["early_closure_rate"] == 1.0 and stats["median_match_days"] == 0.0
    assert stats["survival"] == [{"month": 0, "share_active": 1.0}]  # both started, none followed for a month yet
    assert long["id"] != short["id"]
    csv = world.coordinator.get("/werkplek/cijfers.csv").get_data(as_text=True).splitlines()
    figures = dict(zip(csv[0].split(";"), csv[1].split(";")))
    assert figures["beeindigd_uit_elkaar_gegroeid"] == "1" and figures["beeindigd_door_vrijwilliger"] == "1"
    assert figures["aandeel_beeindigd_binnen_6_maanden"] == "1,0"


def test_tick_refuses_a_moment_that_is_not_iso(settings):
    refused = CliRunner().invoke(cli, ["tick", "--now", "gisteren"])
    assert refused.exit_code != 0 and "ISO" in refused.output


def test_a_round_missed_while_the_workers_were_down_is_sent_once_and_only_the_latest(world):
    match = world.match()
    world.age(match, 50)  # nothing ran between day 0 and day 50: round 2 only
    world.tick()
    assert len(world.links()) == 2
    with world.session_factory() as session:
        rounds = sorted(session.scalars(select(orm.pulses.c.round)))
    assert rounds == [2, 2]
    world.tick(datetime.now(timezone.utc) + timedelta(minutes=5))
    assert world.links() == {}


def test_when_a_match_ends_both_sides_are_asked_how_it_went_in_the_ending_message(world):
    match = world.match()
    assert world.coordinator.post(f"/api/v1/matches/{match['id']}/end", json={
        "reason": "goal_reached", "initiated_by": "both", "goodbye_meeting": True}).status_code == 200
    world.run_workers()
    links = world.links()
    assert set(links) == {"anna@example.org", "bram@example.org"}  # in the message that says it ended
    shown = world.person.get(f"/api/v1/pulse/{links['anna@example.org']}").get_json()
    assert shown["kind"] == "exit" and shown["open"] is True
    assert [q["key"] for q in shown["questions"]] == ["looking_back", "farewell", "again"]
    answer = {"answers": {"looking_back": 4, "farewell": 3, "again": 4}, "comment": "Dank jullie wel"}
    assert world.person.post(f"/api/v1/pulse/{links['anna@example.org']}", json=answer).status_code == 201
    assert world.person.post(f"/api/v1/pulse/{links['anna@example.org']}", json=answer).status_code == 409
    rounds = world.detail(match["id"])["pulses"]
    assert [(p["side"], p["kind"], p["answered"]) for p in rounds] == [("offer", "exit", False), ("request", "exit", True)]
    world.run_workers()  # the event again: nothing new
    assert world.links() == {}


def test_the_phone_page_asks_once_and_then_shows_the_answers(world):
    from tests.e2e.test_public_forms import csrf

    match = world.match()
    world.age(match, 15)
    world.tick()
    token = world.links()["bram@example.org"]
    page = world.person.get(f"/pulse/{token}")
    assert page.status_code == 200 and page.headers["Cache-Control"] == "no-store"
    html = page.get_data(as_text=True)
    assert "Over je koppeling met Anna" in html and html.count('type="radio"') == 16
    form = {"csrf_token": csrf(world.person, f"/pulse/{token}")}
    assert world.person.post(f"/pulse/{token}", data=form).status_code == 422  # nothing chosen
    done = world.person.post(f"/pulse/{token}", data=form | {"q-meeting": "2", "q-go_on": "3", "comment": "Druk"})
    assert done.status_code == 303 and done.headers["Location"].endswith("?klaar=1")
    shown = world.person.get(done.headers["Location"]).get_data(as_text=True)
    assert "Dank je wel! We hebben je antwoorden." in shown and "Soms" in shown and "Druk" in shown
    again = world.person.post(f"/pulse/{token}", data=form | {"q-meeting": "4"})
    assert again.status_code == 409 and "al beantwoord" in again.get_data(as_text=True)
    assert world.detail(match["id"])["health"] == "needs_check_in"
    english = world.person.get(f"/pulse/{token}?lang=en").get_data(as_text=True)
    assert "Do you manage to meet?" in english and "Sometimes" in english
    assert world.person.get("/pulse/no-such-link-at-all-here-really").status_code == 404
