"""Benchmark: one tick of every time-driven job over 2,000 running matches (a large region's year).

    python -m tests.bench.pulse_tick            # SQLite in a temporary folder
    DATABASE_URL=postgresql+psycopg://... python -m tests.bench.pulse_tick

Prints how long the first tick takes (a round of questions for every match that is due: pulses,
messages, health) and a second one at the same moment (nothing new: the hourly cost). A figure, not a test.
"""
from __future__ import annotations

import os
import random
import tempfile
import time
from datetime import timedelta

os.environ.setdefault("KOPPEL_INSTANCE", tempfile.mkdtemp(prefix="koppel-bench-"))

from config import from_env  # noqa: E402
from matching.adapters.migrate import upgrade  # noqa: E402
from matching.bootstrap import bootstrap  # noqa: E402
from matching.domain import commands  # noqa: E402
from matching.domain.base import utcnow  # noqa: E402
from matching.domain.match import Match  # noqa: E402
from matching.domain.people import Request, Volunteer  # noqa: E402
from matching.services.ticks import jobs_at  # noqa: E402

MATCHES = int(os.environ.get("BENCH_MATCHES", "2000"))


def fill(bus, org_id: str, n: int) -> None:
    """n confirmed matches, started 0-400 days ago, through the domain constructors (one transaction)."""
    rng, now = random.Random(5), utcnow()
    with bus.uow() as uow:
        matches = []
        for i in range(n):
            started = now - timedelta(days=rng.randint(0, 400), hours=rng.randint(0, 23))
            person = {"first_name": f"P{i}", "postcode": "3511", "interests": ["wandelen"],
                      "availability": ["tue_afternoon"], "languages": ["nl"], "max_distance_km": 10.0}
            request = Request.submit(org_id, {**person, "kind": "maatje", "email": f"r{i}@example.org"}, "bench",
                                     now=started)
            volunteer = Volunteer.apply(org_id, {**person, "last_name": "T", "email": f"v{i}@example.org",
                                                 "kinds": ["maatje"], "capacity": 1}, "bench", now=started)
            volunteer.status = "active"
            uow.requests.add(request)
            uow.volunteers.add(volunteer)
            match = Match.propose(request, "volunteer", volunteer, 0, None, now=started)
            match.confirm(request, volunteer, 0, now=started)
            matches.append(match)
        uow.session.flush()  # the people first: the mapping knows no order between the tables
        for match in matches:
            uow.matches.add(match)
        uow.commit()


def main() -> None:
    settings = from_env()
    upgrade(settings.database_url)
    bus = bootstrap(settings)
    org_id = bus.handle(commands.CreateOrganization("bench", "Bench"))
    fill(bus, org_id, MATCHES)
    now = utcnow()
    for label in ("first tick (rounds due)", "second tick (nothing new)"):
        took = {}
        for name, command in jobs_at(now):
            started = time.perf_counter()
            done = bus.handle(command)
            took[name] = f"{time.perf_counter() - started:.1f} s ({done})"
        print(f"{label}, {MATCHES} running matches: {took}")
    bus.close()


if __name__ == "__main__":
    main()
