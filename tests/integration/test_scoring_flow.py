"""End to end through HTTP and the real worker: a request is scored and its candidates keep the rules."""
import pytest

from tests.conftest import eventually
from tests.factories import request_body, volunteer_body

pytestmark = pytest.mark.integration


def _activate(coordinator, body):
    created = coordinator.post("/api/v1/organizations/noord/volunteers", json=body).get_json()
    response = coordinator.post(f"/api/v1/volunteers/{created['id']}/activate", json={"vog_checked": True})
    assert response.status_code == 200 and response.get_json()["status"] == "active"
    return created["id"]


def _candidates(coordinator, request_id):
    data = coordinator.get(f"/api/v1/requests/{request_id}/candidates").get_json()
    return data if not data["pending"] else None


def test_a_submitted_request_gets_stored_suggestions(coordinator, worker):
    near = _activate(coordinator, volunteer_body(email="near@example.org", postcode="3512",
                                                 interests=["wandelen", "koffie", "film"]))
    further = _activate(coordinator, volunteer_body(email="further@example.org", postcode="3531", interests=["film"]))
    _activate(coordinator, volunteer_body(email="far@example.org", postcode="9711"))  # Groningen: too far
    _activate(coordinator, volunteer_body(email="never@example.org", availability=["sun_morning"]))
    response = coordinator.post("/api/v1/organizations/noord/requests", json=request_body())
    assert response.status_code == 201
    created = response.get_json()
    assert created["status"] == "waiting" and created["manage_token"]

    data = eventually(lambda: _candidates(coordinator, created["id"]))
    assert [item["offer"]["id"] for item in data["items"]] == [near, further]
    best = data["items"][0]
    assert best["shared_interests"] == ["koffie", "wandelen"] or set(best["shared_interests"]) == {"koffie", "wandelen"}
    assert best["shared_availability"] == ["tue_afternoon"]
    assert best["breakdown"]["availability"]["reason"] == "beiden dinsdagmiddag"
    assert data["computed_at"]


def test_a_new_volunteer_reaches_requests_already_waiting(coordinator, worker):
    created = coordinator.post("/api/v1/organizations/noord/requests", json=request_body()).get_json()
    assert eventually(lambda: _candidates(coordinator, created["id"]))["items"] == []
    volunteer = _activate(coordinator, volunteer_body())
    found = eventually(lambda: (_candidates(coordinator, created["id"]) or {}).get("items"))
    assert found[0]["offer"] == {"type": "volunteer", "id": volunteer}


def test_a_request_accepted_while_the_broker_is_down_is_scored_when_it_is_back(settings, session_factory, org, worker):
    """The web app's broker is unreachable: 201 anyway; the sweep publishes once a broker answers."""
    from matching.adapters.broker import EventPublisher, make_broker
    from matching.bootstrap import bootstrap
    from web import create_app
    from workers import runtime

    dead = EventPublisher(make_broker("redis://127.0.0.1:1/0"))
    offline_bus = bootstrap(settings, publish=dead, session_factory=session_factory)
    client = create_app(settings, bus=offline_bus).test_client()
    response = client.post("/api/v1/organizations/noord/requests", json=request_body())
    assert response.status_code == 201
    request_id = response.get_json()["id"]

    assert _pending(offline_bus, request_id)
    online = bootstrap(settings, publish=EventPublisher(runtime.broker()), session_factory=session_factory)
    eventually(lambda: online.sweep() >= 1)  # the sweep leaves events younger than 1 s alone
    eventually(lambda: not _pending(online, request_id))


def _pending(bus, request_id):
    with bus.uow() as uow:
        return uow.requests.get(request_id, None).pending


def test_new_requests_arriving_together_are_scored_in_one_batch(settings, session_factory, org):
    """The first event scores every new request; the others' events then find theirs done."""
    from sqlalchemy import func, select

    from matching.adapters import orm
    from matching.bootstrap import bootstrap
    from matching.domain import commands as c
    from matching.schemas import RequestIn, VolunteerIn

    offline = bootstrap(settings, publish=None, session_factory=session_factory)  # events wait in the outbox
    volunteer = offline.handle(c.ApplyAsVolunteer("noord", VolunteerIn().load(volunteer_body())))
    offline.handle(c.ActivateVolunteer(org["id"], volunteer["id"], True))
    ids = [offline.handle(c.SubmitRequest("noord", RequestIn().load(request_body(email=f"b{i}@example.org"))))["id"]
           for i in range(12)]
    with session_factory() as session:
        submitted = list(session.scalars(select(orm.outbox.c.id).where(orm.outbox.c.name == "request.submitted")
                                         .order_by(orm.outbox.c.created_at)))
    offline.handle_event(submitted[0])
    with session_factory() as session:
        scored = session.scalar(select(func.count()).select_from(orm.requests).where(orm.requests.c.scored_at.is_not(None)))
        first = dict(session.execute(select(orm.suggestions.c.request_id, orm.suggestions.c.computed_at)).all())
    assert scored == 12 and set(first) == set(ids)
    for event_id in submitted[1:]:
        offline.handle_event(event_id)
    with session_factory() as session:
        after = dict(session.execute(select(orm.suggestions.c.request_id, orm.suggestions.c.computed_at)).all())
    assert after == first  # nothing scored twice
    offline.close()
