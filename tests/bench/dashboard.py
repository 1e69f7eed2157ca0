"""Benchmark: the coordinator dashboard with 10,000 waiting requests and 5,000 volunteers.

    python -m tests.bench.dashboard            # SQLite in a temporary folder
    DATABASE_URL=postgresql+psycopg://... python -m tests.bench.dashboard

Prints the median and p95 of GET /werkplek/ over 20 requests. A figure, not a test.
"""
from __future__ import annotations

import os
import random
import statistics
import tempfile
import time
from datetime import timedelta

os.environ.setdefault("KOPPEL_INSTANCE", tempfile.mkdtemp(prefix="koppel-bench-"))

from sqlalchemy import insert  # noqa: E402

from config import from_env  # noqa: E402
from matching.adapters import orm  # noqa: E402
from matching.adapters.migrate import upgrade  # noqa: E402
from matching.bootstrap import bootstrap  # noqa: E402
from matching.domain import commands as c  # noqa: E402
from matching.domain.base import utcnow  # noqa: E402
from matching.domain.people import Request, Volunteer  # noqa: E402
from tests.bench.synthetic import profiles  # noqa: E402


def fill(bus, org_id: str, n_requests: int, n_volunteers: int) -> None:
    """Bulk data through the domain constructors (one transaction), with suggestions for most requests."""
    rng = random.Random(3)
    now = utcnow()
    with bus.uow() as uow:
        volunteer_ids = []
        for i, p in enumerate(profiles(n_volunteers, "volunteer", seed=1, region="Utrecht")):
            v = Volunteer.apply(org_id, {"first_name": f"V{i}", "last_name": "Test", "email": f"v{i}@example.org",
                                         "postcode": p.postcode, "interests": sorted(p.interests),
                                         "availability": sorted(p.availability), "languages": list(p.languages),
                                         "kinds": ["maatje"], "capacity": p.capacity, "max_distance_km": 10.0}, "bench")
            v.status = "active"
            uow.volunteers.add(v)
            volunteer_ids.append(v.id)
        request_ids = []
        for i, p in enumerate(profiles(n_requests, "request", seed=2, region="Utrecht")):
            r = Request.submit(org_id, {"kind": "maatje", "first_name": f"R{i}", "email": f"r{i}@example.org",
                                        "postcode": p.postcode, "interests": sorted(p.interests),
                                        "availability": sorted(p.availability), "languages": list(p.languages),
                                        "max_distance_km": 10.0}, "bench", now=now - timedelta(days=rng.randint(0, 400)))
            r.scored_at = now
            if i % 10 == 0:
                r.blocked_by = {"distance": 40, "availability": 12, "full": 3}
            uow.requests.add(r)
            request_ids.append(r.id)
        uow.commit()
        rows = [{"request_id": rid, "rank": k, "offer_type": "volunteer", "offer_id": rng.choice(volunteer_ids),
                 "score": 0.5, "distance_km": 2.0, "breakdown": {}, "computed_at": now}
                for i, rid in enumerate(request_ids) if i % 10 for k in range(1, 6)]
        uow.session.execute(insert(orm.suggestions), rows)
        uow.session.commit()


def main() -> None:
    settings = from_env()
    upgrade(settings.database_url)
    bus = bootstrap(settings, publish=None)
    from web import create_app

    org_id = bus.handle(c.CreateOrganization(f"bench{random.randint(0, 10**6)}", "Bench"))
    email = f"bench{org_id[:8]}@example.org"
    bus.handle(c.CreateUser(_slug(bus, org_id), email, "bench password long"))
    start = time.perf_counter()
    fill(bus, org_id, 10_000, 5_000)
    print(f"loaded 10,000 waiting requests and 5,000 volunteers in {time.perf_counter() - start:.1f} s")
    client = create_app(settings.with_(login_rate_limit="1000/minute"), bus=bus).test_client()
    client.post("/api/v1/session", json={"email": email, "password": "bench password long"})
    times = []
    for _ in range(21):
        start = time.perf_counter()
        response = client.get("/werkplek/")
        times.append(time.perf_counter() - start)
        assert response.status_code == 200
    times = sorted(times[1:])  # the first one warms caches
    print(f"GET /werkplek/ with 10,000 waiting and 5,000 volunteers: median {statistics.median(times) * 1000:.0f} ms, "
          f"p95 {times[int(0.95 * len(times)) - 1] * 1000:.0f} ms (n={len(times)}, {settings.database_url.split(':')[0]})")


def _slug(bus, org_id: str) -> str:
    with bus.uow() as uow:
        return uow.organizations.get(org_id).slug


if __name__ == "__main__":
    main()
