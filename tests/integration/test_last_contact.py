"""A waiting person's last contact is kept on their request row as calls and messages are stored
(matching/adapters/contact_marks.py), so the dashboard counts who heard from us in one indexed
statement; the migration's backfill of people already there says the same as the live marks."""
from __future__ import annotations

from datetime import timedelta

import pytest
from sqlalchemy import select, text, update

from matching.adapters import orm
from matching.domain import commands as c
from matching.schemas import RequestIn
from matching.services.queries import dashboard_page
from tests import migration_files
from tests.e2e.test_public_forms import post
from tests.factories import request_body

pytestmark = pytest.mark.integration


def _sign_up(bus, **fields) -> str:
    body = {key: value for key, value in request_body(**fields).items() if value is not None}
    return bus.handle(c.SubmitRequest("noord", RequestIn().load(body)))["id"]


def _last(bus, request_id: str):
    with bus.uow() as uow:
        return uow.session.scalar(select(orm.requests.c.last_contact_at).where(orm.requests.c.id == request_id))


def _message_to(bus, request_id: str):
    with bus.uow() as uow:
        return uow.session.execute(select(orm.messages).where(orm.messages.c.recipient_id == request_id)).one()


def test_the_dashboard_says_how_many_waiting_people_heard_from_us(client, bus, org):
    _sign_up(bus, email="anna@example.org")  # her confirmation is contact
    _sign_up(bus, email=None, phone="0612345678", first_name="Bram")  # his waits on the call list
    post(client, "/login", {"email": org["email"], "password": org["password"]})
    page = client.get("/werkplek/").get_data(as_text=True)
    assert "<strong>1</strong> van de 2 wachtenden hadden de afgelopen 4 weken contact" in page


def test_mail_calls_and_sent_texts_move_the_last_contact_forward(bus, org):
    mailed = _sign_up(bus, email="anna@example.org")
    phoned = _sign_up(bus, email=None, phone="0612345678", first_name="Bram")
    confirmation = _message_to(bus, mailed)
    assert _last(bus, mailed) == confirmation.created_at  # set on the new row itself, in the sign-up's commit
    assert _last(bus, phoned) is None  # the confirmation waits on the call list: no contact yet

    waiting_text = _message_to(bus, phoned)
    with bus.uow() as uow:  # the SMS goes out later, in another transaction: the row is updated
        message = uow.messages.get(waiting_text.id, org["id"])
        message.mark_sent(now=waiting_text.created_at + timedelta(minutes=5))
        uow.commit()
    assert _last(bus, phoned) == waiting_text.created_at + timedelta(minutes=5)

    bus.handle(c.WriteNote(org["id"], "request", mailed, "call", "Even gebeld"))
    called_at = _last(bus, mailed)
    assert called_at > confirmation.created_at
    with bus.uow() as uow:  # an older contact (a message sent late, dated before the call) changes nothing
        message = uow.messages.get(confirmation.id, org["id"])
        message.mark_sent(now=called_at - timedelta(milliseconds=1))
        uow.commit()
    assert _last(bus, mailed) == called_at
    bus.handle(c.WriteNote(org["id"], "request", phoned, "intake", "Intake gedaan"))  # not a call: no contact
    assert _last(bus, phoned) == waiting_text.created_at + timedelta(minutes=5)

    with bus.uow() as uow:
        assert uow.waiting.contacted_count(org["id"], called_at - timedelta(seconds=1)) == (2, 2)
        assert uow.waiting.contacted_count(org["id"], called_at + timedelta(seconds=1)) == (2, 1)  # the text is later
        assert uow.waiting.contacted_count(org["id"], waiting_text.created_at + timedelta(minutes=6)) == (2, 0)
        assert {row["id"]: row["last_contact"] for row in uow.waiting.last_contacts(org["id"])} == {
            mailed: called_at, phoned: waiting_text.created_at + timedelta(minutes=5)}
    # the dashboard's figures say the same in one transaction
    assert dashboard_page.headline(bus, org["id"])["contacted"] == dashboard_page.contacted(bus, org["id"]) == {
        "waiting": 2, "contacted": 2}


def test_the_migration_fills_in_what_the_live_marks_would_have_kept(bus, org):
    people = [_sign_up(bus, email="anna@example.org"), _sign_up(bus, email=None, phone="0612345678", first_name="Bram"),
              _sign_up(bus, email="cor@example.org", first_name="Cor")]
    bus.handle(c.WriteNote(org["id"], "request", people[1], "call", ""))
    kept = {person: _last(bus, person) for person in people}
    assert all(kept.values())
    migration = migration_files.load("0023_last_contact.py")
    with bus.uow() as uow:
        uow.session.execute(update(orm.requests).values(last_contact_at=None))
        uow.session.execute(text(migration.LAST_CONTACT))
        uow.session.commit()
    assert {person: _last(bus, person) for person in people} == kept
