"""Closed sets (statuses, offer types, end reasons, roles, channels, reminder kinds) go into the
database as their plain words, the same strings the API has always shown, and come back out as
enum members; a plain word from a query string still finds (or misses) rows without an error."""
from __future__ import annotations

from datetime import date, timedelta

import pytest
from sqlalchemy import select, text

from matching.adapters import orm
from matching.domain.consent import Channel, Consent
from matching.domain.match import Answer, EndReason, Match, MatchStatus, OfferType
from matching.domain.message import Message, MessageStatus
from matching.domain.organization import Organization, Role, User
from matching.domain.people import Request, RequestStatus, Volunteer, VolunteerStatus
from matching.domain.placement import Placement, PlacementStatus
from matching.domain.reminder import Reminder, ReminderKind
from matching.schemas import PlacementIn, RequestIn, VolunteerIn
from tests.factories import placement_body, request_body, volunteer_body

pytestmark = pytest.mark.integration


def _world(session_factory) -> dict[str, object]:
    org = Organization("rond", "Rond")
    user = User(org.id, "admin@rond.example", "hash", "admin")
    request = Request.submit(org.id, RequestIn().load(request_body()), "v1")
    volunteer = Volunteer.apply(org.id, VolunteerIn().load(volunteer_body()), "v1")
    volunteer.activate(vog_checked=True)
    placement = Placement.create(org.id, PlacementIn().load(placement_body()))
    placement.close()
    match = Match.propose(request, "volunteer", volunteer, 0, user.id)
    match.confirm(request, volunteer, 0)
    a_week_on = match.confirmed_at + timedelta(days=8)
    match.answer(request, "offer", go_on=False, now=a_week_on)  # ends it: no_click, the request waits again
    consent = Consent.for_person("request", request, "v1", "api")
    consent.withdraw("link")
    message = Message.queue(org.id, None, "Hallo", "Tekst", "request", request.id)
    message.mark_stored()
    reminder = Reminder.raise_(org.id, "vog", "volunteer", volunteer.id, date(2030, 1, 1))
    with session_factory() as session:
        for rows in ([org], [user, request, volunteer, placement], [match, consent, message, reminder]):
            session.add_all(rows)  # no relationships are mapped: parents first, by hand
            session.flush()
        session.commit()
    return {"request": request.id, "volunteer": volunteer.id, "placement": placement.id, "match": match.id,
            "user": user.id, "consent": consent.id, "message": message.id, "reminder": reminder.id}


def test_enums_are_stored_as_their_words_and_read_back_as_members(session_factory):
    ids = _world(session_factory)
    with session_factory() as session:
        request = session.get(Request, ids["request"])
        volunteer = session.get(Volunteer, ids["volunteer"])
        placement = session.get(Placement, ids["placement"])
        match = session.get(Match, ids["match"])
        user = session.get(User, ids["user"])
        consent = session.get(Consent, ids["consent"])
        message = session.get(Message, ids["message"])
        reminder = session.get(Reminder, ids["reminder"])
        loaded = [request.status, volunteer.status, placement.status, match.status, match.offer_type,
                  match.end_reason, match.offer_answer, user.role, consent.given_via, consent.withdrawn_via,
                  message.status, reminder.kind]
        raw = [session.scalar(text(sql), {"id": ids[key]}) for key, sql in [
            ("request", "SELECT status FROM requests WHERE id = :id"),
            ("volunteer", "SELECT status FROM volunteers WHERE id = :id"),
            ("placement", "SELECT status FROM placements WHERE id = :id"),
            ("match", "SELECT status FROM matches WHERE id = :id"),
            ("match", "SELECT offer_type FROM matches WHERE id = :id"),
            ("match", "SELECT end_reason FROM matches WHERE id = :id"),
            ("match", "SELECT offer_answer FROM matches WHERE id = :id"),
            ("user", "SELECT role FROM users WHERE id = :id"),
            ("consent", "SELECT given_via FROM consents WHERE id = :id"),
            ("consent", "SELECT withdrawn_via FROM consents WHERE id = :id"),
            ("message", "SELECT status FROM messages WHERE id = :id"),
            ("reminder", "SELECT kind FROM reminders WHERE id = :id"),
        ]]
    expected = [RequestStatus.WAITING, VolunteerStatus.ACTIVE, PlacementStatus.CLOSED, MatchStatus.ENDED,
                OfferType.VOLUNTEER, EndReason.NO_CLICK, Answer.NO, Role.ADMIN, Channel.API, Channel.LINK,
                MessageStatus.STORED, ReminderKind.VOG]
    assert [type(value) for value in loaded] == [type(value) for value in expected]
    assert loaded == expected
    assert raw == [member.value for member in expected] and all(type(word) is str for word in raw)
    assert match.request_answer is None


def test_plain_words_and_unknown_words_work_in_queries(session_factory):
    ids = _world(session_factory)
    r = orm.requests.c
    with session_factory() as session:
        assert session.scalars(select(r.id).where(r.status == "waiting")).all() == [ids["request"]]
        assert session.scalars(select(r.id).where(r.status == RequestStatus.WAITING)).all() == [ids["request"]]
        assert session.scalars(select(r.id).where(r.status == "applied")).all() == []  # another aggregate's word
        row = session.execute(select(orm.matches).where(orm.matches.c.id == ids["match"])).one()._mapping
    assert row["status"] is MatchStatus.ENDED and row["status"] == "ended"  # read models get members too
