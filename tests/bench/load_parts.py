"""Issue 19's load figures for `make bench`, each with its target (tests/bench/report.py `show`):

- `web_tier`: the public request POST on gunicorn alone (no workers), wrk with 16 connections,
  three runs after a warm-up: >= 500/s at p95 <= 50 ms, 0 errors.
- `waiting_list`: 5,000 waiting and 300 volunteers; web and workers running; three rounds of a
  5-second burst of sign-ups, then, while the workers score it, the waiting-list API and the
  waiting-list page, wrk with 4 connections (four coordinators clicking without a pause) for 4 s
  each: p95 <= 150 ms.

Both need PostgreSQL (DATABASE_URL), a Redis server of their own (REDIS_URL: its queue is emptied) and
wrk on the PATH; otherwise they say "skipped" and why.
"""
from __future__ import annotations

import os
import shutil
import time
from datetime import timedelta
from pathlib import Path

from tests.bench import load
from tests.bench.report import show

WEB_PROCESSES, WEB_THREADS = 3, 4  # gunicorn for the 2-core machine (see README, issue 19)
BASE = "http://127.0.0.1:5099"


def missing() -> str | None:
    """Why the load parts cannot run here, or None."""
    if not os.environ.get("DATABASE_URL", "").startswith("postgresql"):
        return "DATABASE_URL does not name a PostgreSQL database"
    if not os.environ.get("REDIS_URL"):
        return "REDIS_URL does not name a Redis server (its queue is emptied: give the load test its own database)"
    if shutil.which("wrk") is None:
        return "wrk is not on the PATH (Debian: apt-get install wrk)"
    return None


def _prepared(what: str) -> tuple[dict, str] | None:
    """The load test's environment and a fresh organisation's slug; None (and why, printed) when PostgreSQL,
    a Redis server or wrk is missing."""
    why = missing()
    if why:
        print(f"{what}: skipped: {why}")
        return None
    env = load.environment()
    return env, load.prepare(env, volunteers=0)


def web_tier(runs: int = 3, seconds: int = 10, connections: int = 16) -> None:
    """The web tier alone: gunicorn taking public request POSTs as fast as wrk sends them."""
    ready = _prepared("web tier")
    if ready is None:
        return
    env, slug = ready
    web = load.start_web(env, WEB_PROCESSES, WEB_THREADS)
    results, cpu = [], []
    try:
        load.post(BASE, slug, 3, connections)  # warm-up: connections, prepared statements
        for _ in range(runs):
            before = load.cpu_by_group(web.pid, web.pid)
            result = load.post(BASE, slug, seconds, connections)
            after = load.cpu_by_group(web.pid, web.pid)
            results.append(result)
            cpu.append({group: (after[group] - before.get(group, 0)) * 1000 / result["requests"] for group in after})
            print(f"  run: {result['rate']:.0f}/s, p50 {result['p50']:.1f} ms, p95 {result['p95']:.1f} ms, "
                  f"p99 {result['p99']:.1f} ms, errors {result['errors'] + result['non2xx']:.0f}; CPU ms per request: "
                  + ", ".join(f"{group} {ms:.2f}" for group, ms in sorted(cpu[-1].items()))
                  + f" (load {os.getloadavg()[0]:.1f})", flush=True)
        floor = _floor(web, connections)
    finally:
        load.stop(web)
    print(f"  the floor, a GET that reads no database (/api/v1/vocabulary) on the same gunicorn: {floor['rate']:.0f}/s, "
          f"p95 {floor['p95']:.1f} ms, web CPU {floor['web_ms']:.2f} ms per request", flush=True)
    what = f"public request POST, web tier alone (gunicorn {WEB_PROCESSES} x {WEB_THREADS}, wrk {connections} connections)"
    show(f"{what}: throughput", [r["rate"] for r in results], "/s", 500, lower_is_better=False)
    show(f"{what}: p95", [r["p95"] for r in results], "ms", 50)
    show(f"{what}: errors", [r["errors"] + r["non2xx"] for r in results], "", 0)


def _floor(web, connections: int) -> dict:
    """What gunicorn, Flask and Koppel's request hooks cost before any work: the web CPU of a request that
    reads nothing (the vocabulary), under the same wrk load. A POST can only be cheaper than this plus its work."""
    url = f"{BASE}/api/v1/vocabulary"
    load.wrk(url, "", 2, connections)
    before = load.cpu_by_group(web.pid, web.pid)
    result = load.wrk(url, "", 5, connections)
    after = load.cpu_by_group(web.pid, web.pid)
    return {**result, "web_ms": (after["web"] - before["web"]) * 1000 / max(result["requests"], 1)}


def fill_waiting(slug: str, waiting: int, volunteers: int) -> None:
    """`waiting` scored requests and `volunteers` active volunteers around Utrecht, through the domain."""
    from sqlalchemy import text

    from config import from_env
    from matching.bootstrap import bootstrap
    from matching.domain.base import utcnow
    from matching.domain.people import Request, Volunteer
    from tests.bench.lists import FIRST, LAST
    from tests.bench.synthetic import profiles

    bus, now = bootstrap(from_env(), publish=None), utcnow()
    with bus.uow() as uow:
        org_id = uow.organizations.by_slug(slug).id
        for i, p in enumerate(profiles(volunteers, "volunteer", seed=1, region="Utrecht")):
            v = Volunteer.apply(org_id, {"first_name": FIRST[i % len(FIRST)], "last_name": LAST[i % len(LAST)],
                                         "email": f"v{i}@example.org", "postcode": p.postcode,
                                         "interests": sorted(p.interests), "availability": sorted(p.availability),
                                         "languages": list(p.languages), "kinds": ["maatje"], "capacity": 3,
                                         "max_distance_km": 10.0}, "bench", now=now)
            v.status = "active"
            uow.volunteers.add(v)
        for i, p in enumerate(profiles(waiting, "request", seed=2, region="Utrecht")):
            r = Request.submit(org_id, {"kind": "maatje", "first_name": FIRST[(i * 7) % len(FIRST)],
                                        "email": f"r{i}@example.org", "postcode": p.postcode,
                                        "interests": sorted(p.interests), "availability": sorted(p.availability),
                                        "languages": list(p.languages)}, "bench", now=now - timedelta(days=i % 400))
            r.scored_at = now
            uow.requests.add(r)
        uow.commit()
        uow.session.execute(text("ANALYZE"))  # fresh statistics, as autovacuum gives a loaded database
        uow.session.commit()
    bus.close()


def waiting_list(rounds: int = 3, waiting: int = 5000, connections: int = 4) -> None:
    """The coordinator's waiting list while the workers score a burst of sign-ups."""
    ready = _prepared("waiting list under load")
    if ready is None:
        return
    env, slug = ready
    fill_waiting(slug, waiting, 300)
    web = load.start_web(env, WEB_PROCESSES, WEB_THREADS)
    workers = load.start_workers(env, Path(env["KOPPEL_INSTANCE"]) / "worker.log")
    api, page = [], []
    try:
        cookie = load.login(BASE, slug)
        for _ in range(rounds):
            burst = load.post(BASE, slug, 5, 16)
            unscored = load.pending(env, slug)
            api.append(load.get(f"{BASE}/api/v1/requests?status=waiting", cookie, 4, connections))
            page.append(load.get(f"{BASE}/werkplek/", cookie, 4, connections))
            left = load.pending(env, slug)
            print(f"  round: a burst of {burst['requests']:.0f} sign-ups ({burst['rate']:.0f}/s); {unscored} unscored "
                  f"when the lists began, {left} after; API p50 {api[-1]['p50']:.1f} ms, p95 {api[-1]['p95']:.1f} ms "
                  f"({api[-1]['rate']:.0f}/s); page p50 {page[-1]['p50']:.1f} ms, p95 {page[-1]['p95']:.1f} ms "
                  f"({page[-1]['rate']:.0f}/s); errors {sum(r['errors'] + r['non2xx'] for r in (api[-1], page[-1])):.0f}"
                  f" (load {os.getloadavg()[0]:.1f})", flush=True)
            deadline = time.monotonic() + 120
            while load.pending(env, slug) and time.monotonic() < deadline:
                time.sleep(0.5)
    finally:
        load.stop(web, workers)
    what = f"waiting list with {waiting:,} waiting while the workers score a burst ({connections} connections)"
    show(f"{what}: API p95", [r["p95"] for r in api], "ms", 150)
    show(f"{what}: page p95", [r["p95"] for r in page], "ms", 150)
    show(f"{what}: errors", [r["errors"] + r["non2xx"] for r in api + page], "", 0)


if __name__ == "__main__":
    web_tier()
    waiting_list()
