"""The pulse, a match's health and designed endings as handlers on fakes: a clock that stands still until
the test moves it, a fake mailbox, the workers played by run_events."""
from __future__ import annotations

import re
from datetime import timedelta

import pytest

from matching.domain import commands
from matching.domain.errors import Conflict, Invalid, NotFound
from matching.services import erasure, pulses
from matching.services.queries import dashboard_page, match_detail, pulse_page
from matching.services.ticks import jobs_at
from tests.fakes import FakeMail, fake_bus, run_events
from tests.unit.services.conftest import active_volunteer, stored, submit

pytestmark = pytest.mark.unit
LINK = re.compile(r"/pulse/([A-Za-z0-9_-]{20,})")
GOOD = {"contact": 4, "meeting": 4, "at_ease": 4, "go_on": 4}


@pytest.fixture
def bus():
    return fake_bus(mail=FakeMail())


def _match(bus, org, **request_fields) -> dict:
    request, volunteer = submit(bus, **request_fields), active_volunteer(bus, org)
    match = bus.handle(commands.ProposeMatch(org, request["id"], "volunteer", volunteer))["id"]
    bus.handle(commands.ConfirmMatch(org, match))
    run_events(bus)
    bus.deps.mail.sent.clear()
    return {"id": match, "request_id": request["id"], "volunteer_id": volunteer}


def _tick(bus, days: float = 0) -> None:
    """Let `days` pass, then run every time-driven job and the workers."""
    bus.deps.clock.advance(days=days)
    for _name, command in jobs_at(bus.deps.clock.now()):
        bus.handle(command)
    run_events(bus)


def _links(bus) -> dict[str, str]:
    found = {to: LINK.search(body).group(1) for to, _subject, body in bus.deps.mail.sent if LINK.search(body)}
    bus.deps.mail.sent.clear()
    return found


def _health(bus, org, match_id) -> tuple[str, list[str]]:
    with stored(bus) as uow:
        match = uow.matches.get(match_id, org)
        return match.health, list(match.health_reasons or [])


def test_two_weeks_after_confirmation_both_sides_get_their_questions_once(bus, org):
    match = _match(bus, org)
    _tick(bus, days=13)
    assert _links(bus) == {}
    _tick(bus, days=2)
    links = _links(bus)
    assert set(links) == {"anna@example.org", "bram@example.org"}
    _tick(bus, days=1)
    assert _links(bus) == {}  # the same round again: nothing
    with stored(bus) as uow:
        assert [(p.side, p.round) for p in uow.pulses.of_match(match["id"])] == [("offer", 1), ("request", 1)]
        stored_bodies = [m.body for m in uow.state.of("messages") if m.subject.startswith("Hoe gaat het")]
    assert len(stored_bodies) == 2 and all("/pulse/••••••••" in body for body in stored_bodies)
    assert not any(token in body for body in stored_bodies for token in links.values())


def test_a_round_is_answered_once(bus, org):
    _match(bus, org)
    _tick(bus, days=15)
    links = _links(bus)
    token = links["anna@example.org"]
    bus.handle(commands.AnswerPulse(token, GOOD, "Fijn"))
    with pytest.raises(Conflict):
        bus.handle(commands.AnswerPulse(token, {"contact": 1}))
    shown = pulse_page.questionnaire(bus, token)
    assert (shown["answered"], shown["open"], shown["answers"], shown["partner"]) == (True, False, GOOD, "Bram")
    with pytest.raises(Invalid):
        bus.handle(commands.AnswerPulse(links["bram@example.org"], {"contact": 9}))
    with pytest.raises(NotFound):
        bus.handle(commands.AnswerPulse("nobody-has-this-token-at-all", GOOD))


def test_a_low_answer_needs_a_check_in_a_call_is_noted_and_a_good_next_round_clears_it(bus, org):
    match = _match(bus, org)
    _tick(bus, days=15)
    links = _links(bus)
    bus.handle(commands.AnswerPulse(links["bram@example.org"], {**GOOD, "meeting": 2}))
    health, reasons = _health(bus, org, match["id"])
    assert health == "needs_check_in" and "‘Lukt het om af te spreken?’ (2: Soms)" in reasons[0]
    assert [e["name"] for e in bus.db.state.outbox].count("match.health_changed") == 1
    bus.handle(commands.WriteNote(org, "volunteer", match["volunteer_id"], "call", "Gebeld", "coordinator-1"))
    run_events(bus)
    assert _health(bus, org, match["id"])[0] == "needs_check_in"  # the low answer stands until the next round
    _tick(bus, days=28)
    for token in _links(bus).values():
        bus.handle(commands.AnswerPulse(token, GOOD))
    assert _health(bus, org, match["id"]) == ("on_track", [])
    detail = match_detail.detail(bus, org, match["id"], "coordinator-1")
    assert [(n["side"], n["kind"]) for n in detail["notes"]] == [("offer", "call")]
    assert [(p["side"], p["round"], p["answered"]) for p in detail["pulses"]] == [
        ("offer", 1, True), ("request", 1, False), ("offer", 2, True), ("request", 2, True)]


def test_a_silent_side_is_cleared_by_a_note_about_them(bus, org):
    match = _match(bus, org)
    _tick(bus, days=15)
    links = _links(bus)
    bus.handle(commands.AnswerPulse(links["anna@example.org"], GOOD))
    _tick(bus, days=14)
    assert _health(bus, org, match["id"])[1] == ["De vrijwilliger heeft de vragen van 10-12-2026 niet ingevuld."]
    bus.handle(commands.WriteNote(org, "volunteer", match["volunteer_id"], "call", "", "coordinator-1"))
    run_events(bus)
    assert _health(bus, org, match["id"]) == ("on_track", [])


def test_the_health_changes_once_however_often_the_tick_runs(bus, org):
    match = _match(bus, org)
    for days in (10, 5, 1, 1, 10, 5, 5, 5, 5):  # day 14: round 1; day 28: nobody answered it
        _tick(bus, days=days)
    changes = [e["payload"]["health"] for e in bus.db.state.outbox if e["name"] == "match.health_changed"]
    assert changes == ["needs_check_in"] and _health(bus, org, match["id"])[0] == "needs_check_in"


def test_someone_without_email_gets_the_questions_on_the_call_list_not_a_link(bus, org):
    match = _match(bus, org, without=("email",), phone="0611111111", first_name="Jan")
    _tick(bus, days=15)
    assert set(_links(bus)) == {"bram@example.org"}
    with stored(bus) as uow:
        calls, _total = uow.read_model.open_calls(org, 1, 50)
    (task,) = [t for t in calls if t["subject"].startswith("Hoe gaat het")]
    assert task["person_id"] == match["request_id"] and "/pulse/" not in task["body"]
    assert "1. Hoe gaat het contact met je maatje? (Niet goed / Matig / Goed / Heel goed)" in task["body"]


def test_an_ended_match_asks_both_sides_how_it_went_and_closes_its_check_ins(bus, org):
    match = _match(bus, org)
    _tick(bus, days=15)
    check_in = _links(bus)["anna@example.org"]
    bus.handle(commands.EndMatch(org, match["id"], "drifted_apart", "coordinator-1", "both", "Minder tijd", True))
    run_events(bus)
    ending = {to: body for to, _subject, body in bus.deps.mail.sent}
    assert "is gestopt" in ending["anna@example.org"] and "drie korte vragen" in ending["anna@example.org"]
    exits = _links(bus)
    assert set(exits) == {"anna@example.org", "bram@example.org"}
    assert pulse_page.questionnaire(bus, exits["bram@example.org"])["kind"] == "exit"
    bus.handle(commands.AnswerPulse(exits["bram@example.org"], {"looking_back": 3, "again": 4}, "Dank"))
    with pytest.raises(Conflict):
        bus.handle(commands.AnswerPulse(check_in, GOOD))  # the check-in closed with the match
    with stored(bus) as uow:
        ended = uow.matches.get(match["id"], org)
    assert (ended.initiated_by, ended.end_note, ended.goodbye_meeting, ended.health) == ("both", "Minder tijd", True, None)


def test_the_person_s_answers_are_in_their_export_and_go_with_their_erasure(bus, org):
    match = _match(bus, org)
    _tick(bus, days=15)
    bus.handle(commands.AnswerPulse(_links(bus)["bram@example.org"], GOOD, "Mooi"))
    bus.handle(commands.EndMatch(org, match["id"], "goal_reached"))
    run_events(bus)
    with stored(bus) as uow:
        own = pulses.of_person(uow, "volunteer", match["volunteer_id"])
        assert {p["round"]: (p["answers"], p["comment"]) for p in own} == {1: (GOOD, "Mooi"), 0: ({}, None)}
        erasure.forget(uow, "volunteer", match["volunteer_id"])
        uow.commit()
    with stored(bus) as uow:
        assert uow.pulses.of_person("volunteer", match["volunteer_id"]) == []
        assert uow.pulses.of_person("request", match["request_id"])  # the other side's stay


def test_stats_say_how_long_matches_last(bus, org):
    short, long = _match(bus, org), _match(bus, org, email="cor@example.org")
    bus.deps.clock.advance(days=30)
    bus.handle(commands.EndMatch(org, short["id"], "no_click", initiated_by="participant"))
    bus.deps.clock.advance(days=70)
    stats = dashboard_page.stats(bus, org)
    assert (stats["early_closure_rate"], stats["median_match_days"]) == (1.0, 30.0)
    assert [p["share_active"] for p in stats["survival"]] == [1.0, 0.5, 0.5, 0.5]  # one of two ended at day 30
    assert long["id"] != short["id"]
    csv = dashboard_page.quarter_csv(bus, org, 2026, 4).splitlines()
    figures = dict(zip(csv[0].split(";"), csv[1].split(";")))
    assert figures["beeindigd_door_deelnemer"] == "1" and figures["mediane_duur_beeindigd_dagen"] == "30,0"


def test_a_placement_match_asks_only_the_person(bus, org):
    from matching.schemas import PlacementIn
    from tests.factories import placement_body

    placement = bus.handle(commands.CreatePlacement(org, PlacementIn().load(placement_body())))["id"]
    request = submit(bus, kind="werkervaringsplaats", availability=["tue_morning"], interests=["computer"])
    match = bus.handle(commands.ProposeMatch(org, request["id"], "placement", placement))["id"]
    bus.handle(commands.ConfirmMatch(org, match))
    run_events(bus)
    bus.deps.mail.sent.clear()
    _tick(bus, days=15)
    (token,) = _links(bus).values()
    shown = pulse_page.questionnaire(bus, token)
    assert shown["questions"][0]["text"] == "Hoe gaat het op je werkervaringsplaats?" and shown["partner"] == "Keukenhulp"


def test_one_tick_list_for_the_cli_and_the_workers():
    names = [name for name, _command in jobs_at(None)]
    assert names == ["reminders", "pulses", "health", "retention"]
    assert fake_bus().handle(jobs_at(None)[1][1]) == 0  # nothing to raise in an empty database


def test_a_tick_before_two_weeks_raises_nothing_and_the_due_date_is_the_rounds(bus, org):
    match = _match(bus, org)
    _tick(bus, days=50)  # nothing ran for 50 days: only round 2, dated six weeks in
    with stored(bus) as uow:
        rounds = {(p.round, p.due_on) for p in uow.pulses.of_match(match["id"])}
        confirmed = uow.matches.get(match["id"], org).confirmed_at
    assert rounds == {(2, (confirmed + timedelta(days=42)).date())}
