"""Benchmark: "bij partners zou het wel passen" over a network of 10 organisations with 5,000 active
volunteers each (CONTRACT section 11; issue 18's target: p95 <= 50 ms per request).

    python -m tests.bench.elsewhere            # SQLite in a temporary folder
    DATABASE_URL=postgresql+psycopg://... python -m tests.bench.elsewhere

Times `elsewhere.counts` as the request page and GET /requests/{id}/elsewhere call it (the partners'
offer indexes warm, as in a running web process; the first, cold call is printed apart).
"""
from __future__ import annotations

import os
import random
import statistics
import tempfile
import time

os.environ.setdefault("KOPPEL_INSTANCE", tempfile.mkdtemp(prefix="koppel-bench-"))

from config import from_env  # noqa: E402
from matching.adapters.migrate import upgrade  # noqa: E402
from matching.bootstrap import bootstrap  # noqa: E402
from matching.domain import commands as c  # noqa: E402
from matching.domain.people import Request, Volunteer  # noqa: E402
from matching.services.queries import elsewhere  # noqa: E402
from tests.bench.report import Figure, RESULTS  # noqa: E402
from tests.bench.synthetic import profiles  # noqa: E402

ORGS, OFFERS, ASKS, TARGET_MS = 10, 5_000, 200, 50.0


def fill(bus, org_id: str, seed: int) -> None:
    with bus.uow() as uow:
        for i, p in enumerate(profiles(OFFERS, "volunteer", seed=seed, region="Utrecht")):
            v = Volunteer.apply(org_id, {"first_name": f"V{i}", "last_name": "Test", "email": f"v{seed}.{i}@example.org",
                                         "postcode": p.postcode, "interests": sorted(p.interests),
                                         "availability": sorted(p.availability), "languages": list(p.languages),
                                         "kinds": ["maatje"], "capacity": p.capacity, "max_distance_km": 10.0}, "bench")
            v.status = "active"
            uow.volunteers.add(v)
        uow.commit()


def asks(bus, org_id: str) -> list[str]:
    with bus.uow() as uow:
        ids = []
        for i, p in enumerate(profiles(ASKS, "request", seed=99, region="Utrecht")):
            r = Request.submit(org_id, {"kind": "maatje", "first_name": f"R{i}", "email": f"r{i}@example.org",
                                        "postcode": p.postcode, "interests": sorted(p.interests),
                                        "availability": sorted(p.availability), "languages": list(p.languages),
                                        "max_distance_km": 10.0}, "bench")
            uow.requests.add(r)
            ids.append(r.id)
        uow.commit()
    return ids


def main() -> None:
    settings = from_env()
    upgrade(settings.database_url)
    bus = bootstrap(settings, publish=None)
    tag = random.randint(0, 10**6)
    home = bus.handle(c.CreateOrganization(f"thuis{tag}", "Thuis"))
    slugs = [f"partner{tag}-{i}" for i in range(ORGS)]
    start = time.perf_counter()
    for i, slug in enumerate(slugs):
        fill(bus, bus.handle(c.CreateOrganization(slug, f"Partner {i}")), seed=i + 1)
    bus.handle(c.CreateNetwork(f"regio{tag}", "Regio", (f"thuis{tag}", *slugs)))
    ids = asks(bus, home)
    print(f"loaded {ORGS} organisations x {OFFERS:,} active volunteers in {time.perf_counter() - start:.1f} s")
    start = time.perf_counter()
    first = elsewhere.counts(bus, home, ids[0])
    print(f"first call (builds the {ORGS} partner indexes): {(time.perf_counter() - start) * 1000:.0f} ms")
    times, found = [], []
    for request_id in ids:
        start = time.perf_counter()
        out = elsewhere.counts(bus, home, request_id)
        times.append((time.perf_counter() - start) * 1000)
        found.append(sum(item["candidates"] for item in out["items"]))
    times.sort()
    p95 = times[int(0.95 * len(times)) - 1]
    assert len(first["items"]) == ORGS
    print(f"elsewhere per request over {len(times)} requests: median {statistics.median(times):.1f} ms, "
          f"p95 {p95:.1f} ms, max {times[-1]:.1f} ms (target p95 <= {TARGET_MS:.0f} ms)")
    print(f"offers passing every hard rule, summed over the partners: median {statistics.median(found):.0f}")
    RESULTS.append(Figure("elsewhere p95 (10 orgs x 5,000 offers)", (p95,), "ms", TARGET_MS))
    print(RESULTS[-1].line())
    bus.close()


if __name__ == "__main__":
    main()
