"""A worker process is SIGKILLed while it works: its messages come back (heartbeat timeout plus a
maintenance step) and another worker finishes them, each effect stored once."""
import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest
from sqlalchemy import func, select

from matching.adapters import orm
from matching.adapters.broker import EventPublisher, make_broker
from matching.bootstrap import bootstrap
from matching.services.event_handlers import EVENT_HANDLERS
from matching.domain import commands as c
from matching.schemas import RequestIn, VolunteerIn
from tests.conftest import eventually
from tests.factories import request_body, volunteer_body
from tests.servers import RedisProcess

pytestmark = pytest.mark.integration
ROOT = Path(__file__).resolve().parents[2]


def _worker(settings, redis_url: str) -> subprocess.Popen:
    env = dict(os.environ, DATABASE_URL=settings.database_url, REDIS_URL=redis_url,
               KOPPEL_INSTANCE=str(settings.instance_path))
    return subprocess.Popen([sys.executable, "-m", "cli.main", "worker", "--threads", "2"], cwd=ROOT, env=env,
                            stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)


def test_a_killed_workers_messages_are_delivered_again_and_stored_once(settings, session_factory, org, tmp_path):
    server = RedisProcess(tmp_path / "broker").start()
    broker = make_broker(server.url)
    offline = bootstrap(settings, publish=None, session_factory=session_factory)  # commands only, no relay
    volunteer = offline.handle(c.ApplyAsVolunteer("noord", VolunteerIn().load(volunteer_body())))
    offline.handle(c.ActivateVolunteer(org["id"], volunteer["id"], True))
    created = [offline.handle(c.SubmitRequest("noord", RequestIn().load(request_body(email=f"k{i}@example.org"))))
               for i in range(150)]
    request_ids = [request["id"] for request in created]
    for request in created:  # a change is rescored on its own (new requests go in batches): work enough to die in
        offline.handle(c.ChangeRequest(request["manage_token"], {"availability": ["tue_afternoon", "wed_morning"]}))
    with session_factory() as session:
        events = list(session.scalars(select(orm.outbox.c.id)))
    first = _worker(settings, server.url)
    try:
        time.sleep(3)  # started: it is consuming
        relay = bootstrap(settings, publish=EventPublisher(broker), session_factory=session_factory)
        relay.relay(events)  # 300+ events at once (marked published, so no sweep sends them again)...
        relay.marks.flush()

        def holding() -> int:
            client = server.client()
            return sum(client.scard(key) for key in client.scan_iter("koppel:__acks__.*"))
        eventually(holding, timeout=10, interval=0.01)  # it has fetched some and not yet acknowledged them...
        first.send_signal(signal.SIGKILL)  # ...when it dies
        first.wait()
        in_flight = holding()
        assert in_flight > 0, "the worker died holding messages (fetched, not acknowledged)"
        started = time.monotonic()
        second = _worker(settings, server.url)
        try:
            def all_done():
                """Every handler of every event claimed, and nothing left unacknowledged or queued."""
                with session_factory() as session:
                    names = dict(session.execute(select(orm.outbox.c.id, orm.outbox.c.name)).all())
                    claimed = set(session.execute(select(orm.processed_events.c.event_id,
                                                         orm.processed_events.c.handler)).all())
                wanted = {(event, handler.__name__) for event, name in names.items() for handler in EVENT_HANDLERS.get(name, ())}
                client = server.client()
                left = sum(client.scard(k) for k in client.scan_iter("koppel:__acks__.*")) + client.llen("koppel:koppel")
                return wanted <= claimed and left == 0
            eventually(all_done, timeout=60, interval=0.5)
            took = time.monotonic() - started
        finally:
            second.send_signal(signal.SIGTERM)
            second.wait(timeout=20)
    finally:
        broker.close()
        server.stop()
    with session_factory() as session:
        per_request = dict(session.execute(select(orm.suggestions.c.request_id, func.count()).group_by(
            orm.suggestions.c.request_id)).all())
        claims = session.execute(select(orm.processed_events.c.event_id, orm.processed_events.c.handler)).all()
    assert all(per_request.get(r) == 1 for r in request_ids)  # the one volunteer, suggested once each
    assert len(claims) == len(set(claims))
    print(f"{in_flight} message(s) in flight at the SIGKILL; all delivered again and handled {took:.1f} s later")
