"""A werkervaringsplaats's supervision and evaluations as handlers on fakes: the supervisor's link once a
placement match is confirmed, each moment answered once per side when it is open, a late one raised as
a reminder once, and everything about the person erased with them."""
from __future__ import annotations

import re

import pytest

from matching.domain import commands
from matching.domain.errors import Conflict, Invalid, NotFound
from matching.domain.reminder import ReminderKind
from matching.schemas import PlacementIn
from matching.services import certificates, erasure
from matching.services.queries import evaluation_page
from tests.factories import placement_body
from tests.fakes import FakeMail, fake_bus, run_events
from tests.unit.services.conftest import stored, submit

pytestmark = pytest.mark.unit
LINK = re.compile(r"/begeleider/([A-Za-z0-9_-]{20,})")


@pytest.fixture
def bus():
    return fake_bus(mail=FakeMail())


def _placement_match(bus, org) -> dict:
    request = submit(bus, kind="werkervaringsplaats", availability=["tue_morning"], goals="Op tijd komen")
    placement = bus.handle(commands.CreatePlacement(org, PlacementIn().load(placement_body())))["id"]
    match = bus.handle(commands.ProposeMatch(org, request["id"], "placement", placement))["id"]
    bus.handle(commands.ConfirmMatch(org, match))
    run_events(bus)
    (token,) = [LINK.search(body).group(1) for to, _s, body in bus.deps.mail.sent if to == "sanne@delinde.example"]
    return {"id": match, "request_id": request["id"], "manage_token": request["manage_token"], "token": token}


def test_the_supervisor_gets_one_link_and_answers_each_moment_once_when_it_is_open(bus, org):
    match = _placement_match(bus, org)
    run_events(bus)  # the event again: still one supervision
    with stored(bus) as uow:
        assert len(uow.evaluations.supervisions()) == 1
    with pytest.raises(Conflict):
        bus.handle(commands.AnswerEvaluation(match["token"], "six_weeks", 3))
    bus.deps.clock.advance(days=36)  # a week before it is due: the talk may come earlier
    assert evaluation_page.evaluations(bus, match["token"])["open_moment"] == "six_weeks"
    assert bus.handle(commands.AnswerEvaluation(match["token"], "six_weeks", 3, "Op tijd"))["side"] == "supervisor"
    with pytest.raises(Conflict):
        bus.handle(commands.AnswerEvaluation(match["token"], "six_weeks", 4))
    with pytest.raises(Invalid):
        bus.handle(commands.AnswerEvaluation(match["manage_token"], "six_weeks", 5))
    assert bus.handle(commands.AnswerEvaluation(match["manage_token"], "six_weeks", 2))["side"] == "participant"
    with pytest.raises(NotFound):
        bus.handle(commands.AnswerEvaluation("no-such-link", "six_weeks", 2))


def test_a_late_evaluation_is_one_reminder_done_when_the_supervisor_answers(bus, org):
    match = _placement_match(bus, org)
    bus.deps.clock.advance(days=42 + 14)
    today = bus.deps.clock.now().date().isoformat()
    assert bus.handle(commands.RaiseDueReminders(today)) >= 1
    bus.handle(commands.RaiseDueReminders(today))
    with stored(bus) as uow:
        late = [r for r in uow.reminders.open_for(match["id"]) if r.kind == ReminderKind.EVALUATION]
    assert len(late) == 1
    bus.handle(commands.AnswerEvaluation(match["token"], "six_weeks", 3))
    with stored(bus) as uow:
        assert not [r for r in uow.reminders.open_for(match["id"]) if r.kind == ReminderKind.EVALUATION]


def test_a_placement_that_ended_early_skips_the_moments_it_never_reached(bus, org):
    match = _placement_match(bus, org)
    bus.deps.clock.advance(days=20)
    bus.handle(commands.EndMatch(org, match["id"], "goal_reached"))
    shown = evaluation_page.evaluations(bus, match["token"])
    assert shown["open_moment"] == "end"
    assert [m["open"] for m in shown["moments"]] == [False, False, True]
    bus.handle(commands.AnswerEvaluation(match["token"], "end", 4, closing_words="Werkte zorgvuldig."))
    assert certificates.for_coordinator(bus, org, match["id"], None)[:4] == b"%PDF"
    (certificate,) = bus.deps.certificates.printed
    assert certificate.closing_words == "Werkte zorgvuldig." and certificate.work_areas == ("Horeca en keuken",)
    assert certificate.hours_per_week == 12 and not certificate.running and " tot " in certificate.period


def test_erasure_takes_the_evaluations_and_the_closing_words(bus, org):
    match = _placement_match(bus, org)
    bus.deps.clock.advance(days=43)
    bus.handle(commands.AnswerEvaluation(match["token"], "six_weeks", 3, "Altijd op tijd"))
    bus.handle(commands.EndMatch(org, match["id"], "goal_reached"))
    bus.handle(commands.AnswerEvaluation(match["token"], "end", 4, closing_words="Werkte zorgvuldig."))
    with bus.uow() as uow:
        erasure.forget(uow, "request", match["request_id"])
        uow.commit()
    with stored(bus) as uow:
        assert uow.evaluations.of_request(match["request_id"]) == []
        assert uow.evaluations.supervision_of(match["id"]).closing_words is None
