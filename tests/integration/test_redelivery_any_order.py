"""Every event delivered twice, in any order, leaves the same database state as one delivery in order."""
import uuid

import pytest
from hypothesis import HealthCheck, given, settings, strategies as st
from sqlalchemy import select

from matching.adapters import orm
from matching.domain import commands as c
from tests.factories import request_body, volunteer_body
from matching.schemas import RequestIn, VolunteerIn

pytestmark = pytest.mark.integration


def _scenario(bus, slug: str) -> tuple[str, list[str]]:
    """A small day: two volunteers (one activated), two requests, a proposal that is confirmed; returns event ids."""
    org_id = bus.handle(c.CreateOrganization(slug, slug))
    first = bus.handle(c.ApplyAsVolunteer(slug, VolunteerIn().load(volunteer_body(email=f"a@{slug}.example"))))
    second = bus.handle(c.ApplyAsVolunteer(slug, VolunteerIn().load(volunteer_body(email=f"b@{slug}.example",
                                                                                   postcode="3521"))))
    bus.handle(c.ActivateVolunteer(org_id, first["id"], True))
    bus.handle(c.ActivateVolunteer(org_id, second["id"], True))
    request = bus.handle(c.SubmitRequest(slug, RequestIn().load(request_body(email=f"r@{slug}.example"))))
    bus.handle(c.SubmitRequest(slug, RequestIn().load(request_body(email=f"s@{slug}.example", postcode="3531"))))
    match = bus.handle(c.ProposeMatch(org_id, request["id"], "volunteer", first["id"]))
    bus.handle(c.ConfirmMatch(org_id, match["id"]))
    with bus.uow() as uow:
        ids = list(uow.session.scalars(select(orm.outbox.c.id).where(orm.outbox.c.organization_id == org_id)
                                       .order_by(orm.outbox.c.created_at)))
    return org_id, ids


def _state(bus, org_id: str) -> tuple:
    """Everything the workers write, without generated ids and clocks."""
    with bus.uow() as uow:
        s = uow.session
        requests = sorted(s.execute(select(orm.requests.c.email, orm.requests.c.status).where(
            orm.requests.c.organization_id == org_id)).all())
        suggestions = sorted(s.execute(select(orm.requests.c.email, orm.suggestions.c.rank, orm.volunteers.c.email,
                                              orm.suggestions.c.score)
                                       .join(orm.requests, orm.requests.c.id == orm.suggestions.c.request_id)
                                       .join(orm.volunteers, orm.volunteers.c.id == orm.suggestions.c.offer_id)
                                       .where(orm.requests.c.organization_id == org_id)).all())
        messages = sorted(s.execute(select(orm.messages.c.to_address, orm.messages.c.subject, orm.messages.c.status)
                                    .where(orm.messages.c.organization_id == org_id)).all())
    return requests, suggestions, messages


@given(st.data())
@settings(max_examples=12, deadline=None, suppress_health_check=list(HealthCheck))
def test_any_order_any_duplicates_same_state(settings, session_factory, data):
    from matching.bootstrap import bootstrap

    bus = bootstrap(settings, publish=None, session_factory=session_factory)
    slug = "o" + uuid.uuid4().hex[:12]
    reference_org, reference_events = _scenario(bus, slug + "a")
    for event_id in reference_events:
        bus.handle_event(event_id)
    expected = _state(bus, reference_org)
    org_id, events = _scenario(bus, slug + "b")
    for event_id in data.draw(st.permutations(events * 2)):
        bus.handle_event(event_id)
    got = _state(bus, org_id)
    assert [r[1] for r in got[0]] == [r[1] for r in expected[0]]
    strip = lambda rows, org: [tuple(str(v).replace(org, "X") for v in row) for row in rows]  # noqa: E731
    assert strip(got[1], slug + "b") == strip(expected[1], slug + "a")
    assert strip(got[2], slug + "b") == strip(expected[2], slug + "a")


def test_an_event_about_something_gone_is_skipped_once_not_retried(bus, org, session_factory):
    """A message that outlived what it is about (erased, or a restored database) is claimed and
    skipped: a retry could never succeed."""
    ghost = {"name": "message.queued", "organization_id": org["id"],
             "payload": {"organization_id": org["id"], "message_id": "00000000-0000-4000-8000-000000000000"}}
    bus.handle_event("00000000-0000-4000-8000-00000000beef", ghost)
    bus.handle_event("00000000-0000-4000-8000-00000000beef", ghost)  # again: already claimed
    with session_factory() as session:
        claims = session.execute(select(orm.processed_events)).all()
        written = session.execute(select(orm.outbox)).all()
    assert [(c.event_id[-4:], c.handler) for c in claims] == [("beef", "deliver")]
    assert [row.name for row in written if row.name == "message.queued"] == []
