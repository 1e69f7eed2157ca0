"""Messages go out through a real SMTP server; while it is down they wait, and none is sent twice."""

import pytest
from aiosmtpd.controller import Controller
from sqlalchemy import select

from matching.adapters import orm
from matching.bootstrap import bootstrap
from matching.domain import commands as c
from tests.servers import Inbox, free_port
from tests.factories import request_body
from web.schemas import RequestIn

pytestmark = pytest.mark.integration



def _queued_events(session_factory):
    with session_factory() as session:
        return list(session.scalars(select(orm.outbox.c.id).where(orm.outbox.c.name == "message.queued")))


def test_a_message_waits_while_smtp_is_down_and_is_sent_once_when_it_is_back(settings, session_factory, org):
    port = free_port()
    mail_bus = bootstrap(settings.with_(mail_url=f"smtp://127.0.0.1:{port}"), publish=None,
                         session_factory=session_factory)
    mail_bus.handle(c.SubmitRequest("noord", RequestIn().load(request_body())))
    (event_id,) = _queued_events(session_factory)
    with pytest.raises(OSError):
        mail_bus.handle_event(event_id)  # nobody listens: the worker's retry will come back
    with session_factory() as session:
        assert session.execute(select(orm.messages.c.status)).scalar_one() == "queued"
    inbox = Inbox()
    server = Controller(inbox, hostname="127.0.0.1", port=port)
    server.start()
    try:
        mail_bus.handle_event(event_id)
        mail_bus.handle_event(event_id)  # delivered twice by the broker: sent once
    finally:
        server.stop()
    assert len(inbox.messages) == 1
    recipients, content = inbox.messages[0]
    assert recipients == ["anna@example.org"] and "Je aanmelding bij Vriendendienst Noord" in content
    with session_factory() as session:
        assert session.execute(select(orm.messages.c.status)).scalar_one() == "sent"
