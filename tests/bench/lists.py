"""Benchmark: the coordinator's lists with 10,000 waiting, 5,000 volunteers, 3,000 matches and 50,000 notes.

    python -m tests.bench.lists                                        # SQLite in a temporary folder
    DATABASE_URL=postgresql+psycopg://... python -m tests.bench.lists  # PostgreSQL (an empty database)

Each list page and its API call, first page, with a filter and with a search, through the Flask test
client (routing, the query, the access log of everyone shown, rendering): median and p95 over 30 calls
after one warm-up. Target (issue 13): p95 <= 100 ms. Prints a table.
"""
from __future__ import annotations

import os
import random
import statistics
import sys
import tempfile
import time
from datetime import timedelta

os.environ.setdefault("KOPPEL_INSTANCE", tempfile.mkdtemp(prefix="koppel-bench-"))

from sqlalchemy import insert, text  # noqa: E402

from config import from_env  # noqa: E402
from matching.adapters import orm  # noqa: E402
from matching.adapters.migrate import upgrade  # noqa: E402
from matching.bootstrap import bootstrap  # noqa: E402
from matching.domain import commands as c  # noqa: E402
from matching.domain.base import new_id, utcnow  # noqa: E402
from matching.domain.people import Request, Volunteer  # noqa: E402
from tests import migration_files  # noqa: E402
from tests.bench.synthetic import profiles  # noqa: E402

TARGET_MS = 100.0
CALLS = 30
FIRST = ["Sanne", "Anna", "Bram", "Élif", "Mohammed", "Fatma", "Joost", "Noah", "Eline", "Zoë", "Daan", "Iris", "Sem",
         "Mirjam", "Kees", "Lotte", "Ahmed", "Yara", "Gerrit", "Ans"]
LAST = ["de Vriës", "Jansen", "de Jong", "Bakker", "Visser", "Smit", "Meijer", "van Dijk", "Yılmaz", "Çelik", "Mulder"]
CASES = [  # (what, page, API call)
    ("waiting list, first page", "/werkplek/", "/api/v1/requests?status=waiting"),
    ("waiting list, filter", "/werkplek/?kind=maatje&min_days=90&sort=postcode", "/api/v1/requests?status=waiting&kind=maatje&min_days=90&sort=postcode"),
    ("waiting list, search", "/werkplek/?q=sanne+de+vries", "/api/v1/requests?status=waiting&q=sanne+de+vries"),
    ("volunteers, first page", "/werkplek/vrijwilligers", "/api/v1/volunteers"),
    ("volunteers, filter", "/werkplek/vrijwilligers?status=active&sort=name", "/api/v1/volunteers?status=active&sort=name"),
    ("volunteers, search", "/werkplek/vrijwilligers?q=de+vries", "/api/v1/volunteers?q=de+vries"),
    ("matches, first page", "/werkplek/koppelingen", "/api/v1/matches"),
    ("matches, filter", "/werkplek/koppelingen?status=active&sort=name", "/api/v1/matches?status=active&sort=name"),
    ("matches, search", "/werkplek/koppelingen?q=yilmaz", "/api/v1/matches?q=yilmaz"),
    ("messages, first page", "/werkplek/berichten", "/api/v1/messages"),
    ("messages, filter", "/werkplek/berichten?status=stored", "/api/v1/messages?status=stored"),
    ("messages, search", "/werkplek/berichten?q=anna", "/api/v1/messages?q=anna"),
]


def fill(bus, org_id: str, n_requests=10_000, n_volunteers=5_000, n_matches=3_000, n_notes=50_000) -> None:
    """People through the domain constructors (the adapter fills their search text); matches, notes and
    messages in bulk. Each person has one message, sent when they signed up (as Koppel's confirmation is),
    so the messages spread over the same 400 days as the sign-ups."""
    rng = random.Random(7)
    now = utcnow()
    signed_up = {}  # person id -> when they signed up (their confirmation message's time)
    with bus.uow() as uow:
        volunteers = []
        for i, p in enumerate(profiles(n_volunteers, "volunteer", seed=1, region="Utrecht")):
            v = Volunteer.apply(org_id, {"first_name": FIRST[i % len(FIRST)], "last_name": LAST[i % len(LAST)],
                                         "email": f"v{i}@example.org", "phone": f"06{i:08d}", "postcode": p.postcode,
                                         "interests": sorted(p.interests), "availability": sorted(p.availability),
                                         "languages": list(p.languages), "kinds": ["maatje"], "capacity": 3,
                                         "max_distance_km": 10.0}, "bench", now=now - timedelta(days=rng.randint(0, 900)))
            v.status = "active"
            uow.volunteers.add(v)
            volunteers.append(v.id)
            signed_up[v.id] = v.created_at
        requests = []
        for i, p in enumerate(profiles(n_requests + n_matches, "request", seed=2, region="Utrecht")):
            r = Request.submit(org_id, {"kind": "maatje" if i % 5 else "werkervaringsplaats",
                                        "first_name": FIRST[(i * 7) % len(FIRST)], "email": f"r{i}@example.org",
                                        "postcode": p.postcode, "interests": sorted(p.interests),
                                        "availability": sorted(p.availability), "languages": list(p.languages),
                                        "max_distance_km": 10.0}, "bench", now=now - timedelta(days=rng.randint(0, 400)))
            r.scored_at = now
            if i >= n_requests:
                r.status = "matched"
            uow.requests.add(r)
            requests.append(r.id)
            signed_up[r.id] = r.created_at
        uow.commit()
        session = uow.session
        matched = requests[n_requests:]
        session.execute(insert(orm.matches), [
            {"id": new_id(), "organization_id": org_id, "request_id": rid, "offer_type": "volunteer",
             "offer_id": volunteers[i % len(volunteers)], "status": "active" if i % 3 else "ended", "score": 0.5,
             "proposed_at": now - timedelta(days=200 - i % 150), "confirmed_at": now - timedelta(days=190 - i % 150),
             "ended_at": None if i % 3 else now - timedelta(days=i % 100), "updated_at": now,
             "health": "on_track" if i % 3 else None} for i, rid in enumerate(matched)])
        people = [("request", rid) for rid in requests] + [("volunteer", vid) for vid in volunteers]
        for start in range(0, n_notes, 10_000):
            session.execute(insert(orm.notes), [
                {"id": new_id(), "organization_id": org_id, "person_type": people[j % len(people)][0],
                 "person_id": people[j % len(people)][1], "kind": "note", "text": "Gesproken, gaat goed.",
                 "created_at": now - timedelta(minutes=j)} for j in range(start, min(start + 10_000, n_notes))])
        session.execute(insert(orm.messages), [
            {"id": new_id(), "organization_id": org_id, "match_id": None, "recipient_type": kind, "recipient_id": pid,
             "to_address": f"{pid[:8]}@example.org", "subject": "Je aanmelding bij Koppel", "body": "Dank je wel.",
             "status": "stored", "attempts": 0, "created_at": signed_up[pid]}
            for kind, pid in people])
        session.execute(text(migration_files.load("0023_last_contact.py").LAST_CONTACT))  # as the marks would keep it
        session.commit()
        if session.bind.dialect.name == "postgresql":  # as autovacuum leaves a loaded database (since PostgreSQL
            # 13 also after inserts alone): fresh statistics, and a visibility map for index-only scans
            with session.bind.connect().execution_options(isolation_level="AUTOCOMMIT") as conn:
                conn.execute(text("VACUUM ANALYZE"))


def measure(client, url: str) -> tuple[float, float]:
    """Median and p95 in ms over CALLS calls after one warm-up."""
    assert client.get(url).status_code == 200, url
    times = []
    for _ in range(CALLS):
        start = time.perf_counter()
        response = client.get(url)
        times.append((time.perf_counter() - start) * 1000)
        assert response.status_code == 200, url
    times.sort()
    return statistics.median(times), times[int(0.95 * len(times)) - 1]


def main() -> int:
    settings = from_env()
    upgrade(settings.database_url)
    bus = bootstrap(settings, publish=None)
    from web import create_app

    org_id = bus.handle(c.CreateOrganization(f"bench{random.randint(0, 10**6)}", "Bench"))
    email = f"bench{org_id[:8]}@example.org"
    with bus.uow() as uow:
        slug = uow.organizations.get(org_id).slug
    bus.handle(c.CreateUser(slug, email, "bench password long"))
    start = time.perf_counter()
    fill(bus, org_id)
    database = settings.database_url.split(":")[0].split("+")[0]
    print(f"{database}: loaded 10,000 waiting, 5,000 volunteers, 3,000 matches, 50,000 notes and 18,000 messages "
          f"in {time.perf_counter() - start:.0f} s", flush=True)
    client = create_app(settings.with_(login_rate_limit="1000/minute"), bus=bus).test_client()
    assert client.post("/api/v1/session", json={"email": email, "password": "bench password long"}).status_code == 200
    failed = 0
    print(f"{'list':32} {'page median':>11} {'page p95':>9} {'API median':>11} {'API p95':>8}  (ms, target p95 <= {TARGET_MS:.0f})")
    for what, page, api in CASES:
        page_median, page_p95 = measure(client, page)
        api_median, api_p95 = measure(client, api)
        verdict = "PASS" if max(page_p95, api_p95) <= TARGET_MS else "FAIL"
        failed += verdict == "FAIL"
        print(f"{what:32} {page_median:11.1f} {page_p95:9.1f} {api_median:11.1f} {api_p95:8.1f}  {verdict}", flush=True)
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
