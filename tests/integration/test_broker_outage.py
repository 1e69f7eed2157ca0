"""The broker really goes down: requests are still accepted (201) and are scored once it is back."""
import pytest
from dramatiq import Worker

from matching.bootstrap import bootstrap, broker as make_broker, publisher
from tests.conftest import eventually
from tests.factories import request_body, volunteer_body
from tests.servers import RedisProcess
from web import create_app
from workers import actors

pytestmark = pytest.mark.integration


@pytest.fixture
def outage_setup(settings, session_factory, tmp_path):
    """A broker of our own on a socket that survives restarts, with a real worker consuming it."""
    server = RedisProcess(tmp_path / "broker").start()
    broker = make_broker(server.url)
    bus = bootstrap(settings, publish=publisher(broker), session_factory=session_factory)
    actors.declare(broker, bus, min_backoff=100, max_backoff=1000)  # the workers' actor, retrying sooner
    worker = Worker(broker, worker_threads=2, worker_timeout=50)
    worker.start()
    yield server, bus, create_app(settings, bus=bus).test_client()
    worker.stop(timeout=10_000)
    broker.close()
    server.stop()


def test_requests_during_a_broker_outage_are_kept_and_scored_after(outage_setup, org):
    """The broker is killed (SIGKILL) after 50 of 200 submissions and comes back after the last one."""
    server, bus, client = outage_setup
    volunteer = client.post("/api/v1/organizations/noord/volunteers", json=volunteer_body()).get_json()
    from matching.domain import commands as c

    bus.handle(c.ActivateVolunteer(org["id"], volunteer["id"], True))
    ids = []
    for i in range(200):
        if i == 50:
            # the first 50 handled and nothing left queued or in hand, so no batch still to come can
            # score the requests sent during the outage: those must wait for the broker
            eventually(lambda: _all_scored(bus, org["id"], ids) and _drained(server), timeout=30, interval=0.1)
            server.kill()
            health = client.get("/healthz")
            assert health.status_code == 503 and health.get_json() == {"database": "ok", "broker": "unavailable"}
        response = client.post("/api/v1/organizations/noord/requests", json=request_body(email=f"p{i}@example.org"))
        assert response.status_code == 201
        ids.append(response.get_json()["id"])
    with bus.uow() as uow:
        assert all(uow.requests.get(i, org["id"]).pending for i in ids[50:])  # stored, waiting for the broker
    server.start()
    eventually(lambda: bus.sweep() >= 0 and _all_scored(bus, org["id"], ids), timeout=30, interval=0.5)
    with bus.uow() as uow:
        counts = [len(uow.suggestions.of(i, 50)) for i in ids]
    assert counts == [1] * 200  # each scored, the volunteer suggested once: no duplicates


def _drained(server) -> bool:
    client = server.client()
    return client.llen("koppel:koppel") == 0 and not sum(client.scard(k) for k in client.scan_iter("koppel:__acks__.*"))


def _all_scored(bus, org_id, ids):
    with bus.uow() as uow:
        return not any(uow.requests.get(i, org_id).pending for i in ids)
