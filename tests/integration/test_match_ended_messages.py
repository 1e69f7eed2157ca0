"""When a match ends both sides get a message, by mail where there is an address; a phone-only person's
message is stored for the coordinator to pass on, never marked "sent" though nothing went out."""
import threading

import pytest
from aiosmtpd.controller import Controller
from sqlalchemy import select

from matching.adapters import orm
from matching.bootstrap import bootstrap
from matching.domain import commands as c
from tests.servers import Inbox, free_port
from tests.factories import request_body, volunteer_body
from web.schemas import RequestIn, VolunteerIn

pytestmark = pytest.mark.integration



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
    port = free_port()
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


def test_an_erasure_while_the_ending_message_is_written_still_blanks_it(settings, session_factory, org, monkeypatch):
    """The worker writing the ending message and the person erasing themselves at that moment: the
    erasure waits for the message and blanks it (without the locks it ran past and left it readable)."""
    from matching.services import endings

    bus = bootstrap(settings, publish=None, session_factory=session_factory)
    volunteer = bus.handle(c.ApplyAsVolunteer("noord", VolunteerIn().load(volunteer_body())))
    bus.handle(c.ActivateVolunteer(org["id"], volunteer["id"], True))
    request = bus.handle(c.SubmitRequest("noord", RequestIn().load(request_body())))
    match = bus.handle(c.ProposeMatch(org["id"], request["id"], "volunteer", volunteer["id"]))
    bus.handle(c.ConfirmMatch(org["id"], match["id"]))
    bus.handle(c.EndMatch(org["id"], match["id"], "no_click"))  # waiting again: free to leave
    with session_factory() as session:
        (ended_event,) = session.scalars(select(orm.outbox.c.id).where(orm.outbox.c.name == "match.ended"))
    written, go_on = threading.Event(), threading.Event()
    original = endings.for_ended_match

    def held(*args, **kwargs):
        written.set()
        go_on.wait(30)
        return original(*args, **kwargs)
    monkeypatch.setattr(endings, "for_ended_match", held)
    worker = threading.Thread(target=bus.handle_event, args=(ended_event,))
    worker.start()
    assert written.wait(30)
    erasure = threading.Thread(target=bus.handle, args=(c.WithdrawRequest(request["manage_token"]),))
    erasure.start()
    erasure.join(3)  # without the locks it finishes here, before the message exists
    go_on.set()
    worker.join(30)
    erasure.join(30)
    bus.close()
    with session_factory() as session:
        bodies = [row.body for row in session.execute(select(orm.messages).where(
            orm.messages.c.match_id == match["id"]))]
    assert len(bodies) == 2 and set(bodies) == {"[verwijderd]"}  # both ending messages
