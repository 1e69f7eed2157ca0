"""Two workers tick at the same moment against the real database: each side of each match gets its
check-in once (one pulse, one message), and each match's health changes once. Threads with their
own engines, and two `koppel tick` processes."""
from __future__ import annotations

import os
import subprocess
import sys
import threading
from collections import Counter
from datetime import datetime, timedelta, timezone

import pytest
from sqlalchemy import select

from matching.adapters import orm
from matching.bootstrap import bootstrap
from matching.domain import commands
from matching.services.ticks import jobs_at
from tests.factories import request_body, volunteer_body
from web.schemas import RequestIn, VolunteerIn

pytestmark = pytest.mark.integration
MATCHES = 6


def _matches(bus, org, session_factory, days: int) -> list[str]:
    """MATCHES confirmed matches, started `days` ago."""
    ids = []
    for i in range(MATCHES):
        request = bus.handle(commands.SubmitRequest("noord", RequestIn().load(request_body(email=f"p{i}@example.org"))))
        volunteer = bus.handle(commands.ApplyAsVolunteer("noord", VolunteerIn().load(volunteer_body(email=f"v{i}@example.org"))))
        bus.handle(commands.ActivateVolunteer(org["id"], volunteer["id"], True))
        match = bus.handle(commands.ProposeMatch(org["id"], request["id"], "volunteer", volunteer["id"]))["id"]
        bus.handle(commands.ConfirmMatch(org["id"], match))
        ids.append(match)
    with session_factory() as session:
        started = datetime.now(timezone.utc) - timedelta(days=days)
        session.execute(orm.matches.update().values(confirmed_at=started, health_at=started))
        session.commit()
    return ids


def _outcome(session_factory) -> dict:
    with session_factory() as session:
        pulses = Counter(session.execute(select(orm.pulses.c.match_id, orm.pulses.c.side)).all())
        asked = session.scalars(select(orm.messages.c.recipient_id).where(orm.messages.c.subject.like("Hoe gaat het%"))).all()
        events = Counter((row.name, row.payload["match_id"]) for row in session.execute(
            select(orm.outbox.c.name, orm.outbox.c.payload).where(
                orm.outbox.c.name.in_(("pulse.raised", "match.health_changed")))))
    return {"pulses": pulses, "asked": Counter(asked), "events": events}


def _exactly_once(outcome: dict, matches: list[str]) -> None:
    assert sorted(outcome["pulses"]) == sorted((m, side) for m in matches for side in ("request", "offer"))
    assert set(outcome["pulses"].values()) == {1}
    assert len(outcome["asked"]) == 2 * MATCHES and set(outcome["asked"].values()) == {1}
    assert all(outcome["events"][("pulse.raised", m)] == 2 for m in matches)
    assert all(outcome["events"][("match.health_changed", m)] == 1 for m in matches)  # too_early -> on_track


def test_two_workers_ticking_at_once_send_one_pulse_per_side(settings, bus, org, session_factory):
    matches = _matches(bus, org, session_factory, days=30)
    now = datetime.now(timezone.utc)
    start, done, failures, tally = threading.Barrier(2), Counter(), [], threading.Lock()

    def worker():
        own = bootstrap(settings)  # an engine of its own, as a worker process has
        try:
            start.wait()
            for name, command in jobs_at(now):
                count = own.handle(command)
                with tally:
                    done[name] += count
        except Exception as error:  # noqa: BLE001 - reported below
            failures.append(repr(error))
        finally:
            own.close()

    threads = [threading.Thread(target=worker) for _ in range(2)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert failures == []
    assert done["pulses"] == 2 * MATCHES and done["health"] == MATCHES  # between them, not each
    _exactly_once(_outcome(session_factory), matches)


def test_two_koppel_tick_processes_at_once_send_one_pulse_per_side(settings, bus, org, session_factory):
    matches = _matches(bus, org, session_factory, days=30)
    now = datetime.now(timezone.utc).isoformat()
    command = [sys.executable, "-c", "from cli.main import main; main()", "tick", "--now", now]
    env = {**os.environ, "DATABASE_URL": settings.database_url, "REDIS_URL": settings.redis_url or ""}
    running = [subprocess.Popen(command, env=env, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
               for _ in range(2)]
    outputs = [process.communicate(timeout=300) for process in running]
    assert [process.returncode for process in running] == [0, 0], outputs
    said = [dict(part.split(": ") for part in out.strip().splitlines()[-1].split(", ")) for out, _err in outputs]
    assert sum(int(s["pulses"]) for s in said) == 2 * MATCHES, said
    _exactly_once(_outcome(session_factory), matches)
