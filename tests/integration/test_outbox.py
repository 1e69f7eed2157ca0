"""Every state change writes its event in the same transaction; nothing half-written on failure."""
import pytest
from sqlalchemy import func, select

from matching.adapters import orm
from matching.domain import commands as c
from matching.domain.errors import NotFound
from tests.conftest import eventually
from tests.factories import request_body
from web.schemas import RequestIn

pytestmark = pytest.mark.integration


def _count(session_factory, table):
    with session_factory() as session:
        return session.scalar(select(func.count()).select_from(table))


def test_a_submitted_request_and_its_event_commit_together(bus, org, session_factory):
    created = bus.handle(c.SubmitRequest("noord", RequestIn().load(request_body())))
    with session_factory() as session:
        event = session.execute(select(orm.outbox).where(orm.outbox.c.name == "request.submitted")).one()
    assert event.payload == {"organization_id": org["id"], "request_id": created["id"]}

    def marked():  # the relay handed it to the broker after commit; the mark follows in a batch
        with session_factory() as session:
            return session.scalar(select(orm.outbox.c.published_at).where(orm.outbox.c.id == event.id))
    assert eventually(marked, timeout=2)


def test_a_failed_command_writes_neither_row_nor_event(bus, org, session_factory):
    before = _count(session_factory, orm.outbox), _count(session_factory, orm.requests)
    with pytest.raises(NotFound):
        bus.handle(c.SubmitRequest("no-such-org", RequestIn().load(request_body())))
    assert (_count(session_factory, orm.outbox), _count(session_factory, orm.requests)) == before


def test_events_the_broker_missed_stay_unpublished_until_the_sweep(settings, session_factory, bus, org):
    from matching.bootstrap import bootstrap

    offline = bootstrap(settings, publish=lambda ids: [], session_factory=session_factory)
    offline.handle(c.SubmitRequest("noord", RequestIn().load(request_body())))
    with session_factory() as session:
        waiting = sorted(session.scalars(select(orm.outbox.c.name).where(orm.outbox.c.published_at.is_(None))))
    assert waiting == ["message.queued", "request.submitted"]  # the change and its confirmation message
    from datetime import timedelta

    assert bus.sweep(older_than=timedelta(0)) == 2
    assert bus.sweep(older_than=timedelta(0)) == 0


def test_a_commands_events_reach_the_broker_in_one_pipeline_each_as_its_own_message(broker):
    """Issue 19: a submission's events go to Redis in one round trip, still one Dramatiq message each."""
    import json

    from matching.adapters.broker import EventPublisher

    rows = [{"id": f"e{i}", "organization_id": "o", "name": "request.submitted", "payload": {"request_id": f"r{i}"}}
            for i in range(3)]
    assert EventPublisher(broker)(rows) == ["e0", "e1", "e2"]
    stored = [json.loads(raw) for raw in broker.client.hvals("koppel:koppel.msgs")]
    assert sorted(message["args"][0] for message in stored) == ["e0", "e1", "e2"]
    assert broker.client.llen("koppel:koppel") == 3
