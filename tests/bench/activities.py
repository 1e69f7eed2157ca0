"""Benchmarks of issue 15: ranking activities for one person, and the private link page with its activities.

    python -m tests.bench.activities            # both
    python -m tests.bench.activities rank       # one part: rank | page

rank: 20,000 activities over the whole country, 1,000 people, `OfferIndex.rank(k=5)` as the private
link calls it (with the full activities excluded); target median <= 1 ms.
page: GET /mijn/<token> (the whole private link page: status, access log, wait estimate, the best
activities) and GET /api/v1/requests/self/activities, with 10,000 waiting people and 2,000 activities
of one organisation on SQLite; target p95 <= 100 ms.
"""
from __future__ import annotations

import os
import random
import statistics
import sys
import tempfile
import time
from datetime import timedelta

from matching import OfferIndex
from matching import vocabulary as vocab
from matching.scoring.activities import activity_profile
from tests.bench.report import show
from tests.bench.synthetic import profiles

CATEGORIES = list(vocab.ACTIVITY_CATEGORIES)


def _p95(times: list[float]) -> float:
    return sorted(times)[max(0, int(0.95 * len(times)) - 1)]


def bench_rank(runs: int = 3) -> None:
    places = profiles(20_000, "volunteer", seed=7)
    activities = [activity_profile(p.postcode, p.availability, p.interests, i) for i, p in enumerate(places)]
    asks = profiles(1000, "request", seed=8)
    start = time.perf_counter()
    index = OfferIndex(activities)
    print(f"  index of 20,000 activities over NL built in {(time.perf_counter() - start) * 1000:.0f} ms")
    full = list(range(0, 20_000, 50))  # 400 full activities left out, as for_request does
    medians, p95s = [], []
    for _ in range(runs):
        times = []
        for ask in asks:
            start = time.perf_counter()
            index.rank(ask, k=5, exclude=full)
            times.append(time.perf_counter() - start)
        medians.append(statistics.median(times) * 1000)
        p95s.append(_p95(times) * 1000)
    show("rank activities for one person among 20,000 NL-wide, median", medians, "ms", target=1.0)
    show("rank activities for one person among 20,000 NL-wide, p95", p95s, "ms")


def fill(bus, org_id: str, n_requests: int, n_activities: int) -> list[str]:
    """Bulk data through the domain constructors; returns the private-link tokens of the requests."""
    from matching.domain.activity import Activity
    from matching.domain.base import utcnow
    from matching.domain.people import Request

    rng, now, tokens = random.Random(3), utcnow(), []
    with bus.uow() as uow:
        for i, p in enumerate(profiles(n_activities, "volunteer", seed=4, region="Utrecht")):
            uow.activities.add(Activity.create(org_id, {
                "title": f"Activiteit {i}", "description": "Samen koffie en een praatje", "category": CATEGORIES[i % 8],
                "postcode": p.postcode, "address": f"Straat {i}", "slots": sorted(p.availability)[:3],
                "interests": sorted(p.interests)[:3], "walk_in": i % 3 != 0, "capacity": None if i % 2 else 12,
                "host_name": "Mieke", "host_phone": "030 123 45 67", "host_email": None}, now=now))
        for i, p in enumerate(profiles(n_requests, "request", seed=2, region="Utrecht")):
            r = Request.submit(org_id, {"kind": "maatje", "first_name": f"R{i}", "email": f"r{i}@example.org",
                                        "postcode": p.postcode, "interests": sorted(p.interests),
                                        "availability": sorted(p.availability), "languages": list(p.languages),
                                        "max_distance_km": None}, "bench", now=now - timedelta(days=rng.randint(0, 400)))
            r.scored_at = now
            uow.requests.add(r)
            tokens.append(r.manage_token)
        uow.commit()
    return tokens


def bench_page(runs: int = 3) -> None:
    os.environ.setdefault("KOPPEL_INSTANCE", tempfile.mkdtemp(prefix="koppel-bench-"))  # before the settings are read
    from config import from_env
    from matching.adapters.migrate import upgrade
    from matching.bootstrap import bootstrap
    from matching.domain import commands as c
    from web import create_app

    settings = from_env()
    upgrade(settings.database_url)
    bus = bootstrap(settings, publish=None)
    org_id = bus.handle(c.CreateOrganization(f"bench{random.randint(0, 10**6)}", "Bench"))
    start = time.perf_counter()
    tokens = fill(bus, org_id, 10_000, 2_000)
    print(f"  loaded 10,000 waiting requests and 2,000 activities in {time.perf_counter() - start:.1f} s")
    client = create_app(settings, bus=bus).test_client()
    rng = random.Random(5)
    client.get(f"/mijn/{tokens[0]}")  # warms the index and the templates
    pages, apis, shown = [], [], []
    for _ in range(runs):
        page_times, api_times = [], []
        for token in rng.sample(tokens, 60):
            start = time.perf_counter()
            response = client.get(f"/mijn/{token}")
            page_times.append(time.perf_counter() - start)
            assert response.status_code == 200
            start = time.perf_counter()
            answer = client.get("/api/v1/requests/self/activities", headers={"Authorization": f"Bearer {token}"})
            api_times.append(time.perf_counter() - start)
            shown.append(len(answer.get_json()["items"]))
        pages.append(_p95(page_times) * 1000)
        apis.append(_p95(api_times) * 1000)
    print(f"  activities shown per person: median {statistics.median(shown):.0f} (of at most 5)")
    show("private link page with its activities (10,000 waiting, 2,000 activities, SQLite), p95", pages, "ms",
         target=100)
    show("GET /requests/self/activities (same data), p95", apis, "ms", target=100)


def main(argv: list[str]) -> None:
    parts = argv or ["rank", "page"]
    if "rank" in parts:
        bench_rank()
    if "page" in parts:
        bench_page()


if __name__ == "__main__":
    main(sys.argv[1:])
