"""When a match ends both sides get a message, by mail where there is an address; a phone-only person's
message is stored for the coordinator to pass on, never marked "sent" though nothing went out."""
import socket

import pytest
from aiosmtpd.controller import Controller
from sqlalchemy import select

from matching.adapters import orm
from matching.bootstrap import bootstrap
from matching.domain import commands as c
from tests.factories import request_body, volunteer_body
from web.schemas import RequestIn, VolunteerIn

pytestmark = pytest.mark.integration


class Inbox:
    def __init__(self):
        self.messages = []

    async def handle_DATA(self, server, session, envelope):
        self.messages.append((envelope.rcpt_tos, envelope.content.decode("utf8", "replace")))
        return "250 OK"


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def _run_every_event(bus, session_factory) -> None:
    """What the workers would do: handle each event in the outbox once, including those the handlers add."""
    done: set[str] = set()
    while True:
        with session_factory() as session:
            new = [i for i in session.scalars(select(orm.outbox.c.id).order_by(orm.outbox.c.created_at))
                   if i not in done]
        if not new:
            return
        for event_id in new:
            bus.handle_event(event_id)
            done.add(event_id)


def test_both_sides_hear_the_match_ended_and_a_phone_only_person_gets_it_through_the_coordinator(
        settings, session_factory, org):
    inbox = Inbox()
    port = _free_port()
    server = Controller(inbox, hostname="127.0.0.1", port=port)
    server.start()
    mail_bus = bootstrap(settings.with_(mail_url=f"smtp://127.0.0.1:{port}"), publish=None,
                         session_factory=session_factory)
    try:
        volunteer = mail_bus.handle(c.ApplyAsVolunteer("noord", VolunteerIn().load(volunteer_body())))
        mail_bus.handle(c.ActivateVolunteer(org["id"], volunteer["id"], True))
        body = request_body(phone="06 12345678")
        del body["email"]
        request = mail_bus.handle(c.SubmitRequest("noord", RequestIn().load(body)))
        match = mail_bus.handle(c.ProposeMatch(org["id"], request["id"], "volunteer", volunteer["id"]))
        mail_bus.handle(c.ConfirmMatch(org["id"], match["id"]))
        mail_bus.handle(c.EndMatch(org["id"], match["id"], "moved"))
        _run_every_event(mail_bus, session_factory)
    finally:
        server.stop()
        mail_bus.close()
    with session_factory() as session:
        ended = {row.recipient_type: row for row in session.execute(select(orm.messages).where(
            orm.messages.c.subject.like("Je koppeling met %")))}
        introduction = session.execute(select(orm.messages).where(
            orm.messages.c.subject == "Kennismaken met Bram")).one()
    assert (introduction.status, introduction.to_address) == ("stored", None)  # was marked "sent", unsent
    assert ended["request"].status == "stored" and ended["request"].to_address is None
    assert "Je staat nu niet op de wachtlijst" in ended["request"].body
    assert ended["volunteer"].status == "sent"
    subjects = [content for recipients, content in inbox.messages if recipients == ["bram@example.org"]]
    assert any("Je koppeling met Anna is gestopt" in content for content in subjects)
