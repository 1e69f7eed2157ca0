"""Dramatiq delivers at least once: handling an event twice changes nothing the second time."""
import pytest
from sqlalchemy import select

from matching.adapters import orm
from matching.domain import commands as c
from tests.factories import request_body, volunteer_body
from web.schemas import RequestIn, VolunteerIn

pytestmark = pytest.mark.integration


def _snapshot(session_factory):
    with session_factory() as session:
        rows = session.execute(select(orm.suggestions.c.request_id, orm.suggestions.c.offer_id,
                                      orm.suggestions.c.rank, orm.suggestions.c.score)).all()
        claims = session.execute(select(orm.processed_events)).all()
    return sorted(rows), len(claims)


def test_every_event_handled_twice_leaves_the_same_state(bus, org, session_factory):
    volunteer = bus.handle(c.ApplyAsVolunteer("noord", VolunteerIn().load(volunteer_body())))
    bus.handle(c.ActivateVolunteer(org["id"], volunteer["id"], True))
    bus.handle(c.SubmitRequest("noord", RequestIn().load(request_body())))
    with session_factory() as session:
        event_ids = list(session.scalars(select(orm.outbox.c.id).order_by(orm.outbox.c.created_at)))
    for event_id in event_ids:
        bus.handle_event(event_id)
    first = _snapshot(session_factory)
    assert first[0], "the request was scored"
    for event_id in reversed(event_ids):
        bus.handle_event(event_id)
    assert _snapshot(session_factory) == first


def test_an_unknown_event_id_is_skipped(bus, org, session_factory):
    bus.handle(c.SubmitRequest("noord", RequestIn().load(request_body())))
    before = _snapshot(session_factory)
    assert bus.handle_event("00000000-0000-0000-0000-000000000000") is None
    assert _snapshot(session_factory) == before == ([], 0)  # nothing scored, no handler claimed anything
