"""Benchmark: a person's page with 200 timeline entries, among 10,000 waiting requests, 5,000 volunteers,
3,000 matches and 50,000 notes (issue 13: p95 <= 80 ms, on SQLite and PostgreSQL).

    python -m tests.bench.person_page            # SQLite in a temporary folder
    DATABASE_URL=postgresql+psycopg://... python -m tests.bench.person_page

Measures the request's page (GET /werkplek/aanvragen/<id>: record, suggestions, matches, consent,
coordinators and the timeline), the volunteer's page and the timeline API, 40 times each after a warm-up.
"""
from __future__ import annotations

import os
import random
import tempfile
import time
from datetime import timedelta

os.environ.setdefault("KOPPEL_INSTANCE", tempfile.mkdtemp(prefix="koppel-bench-"))

from sqlalchemy import insert, select, text  # noqa: E402

from config import from_env  # noqa: E402
from matching.adapters import orm  # noqa: E402
from matching.adapters.migrate import upgrade  # noqa: E402
from matching.bootstrap import bootstrap  # noqa: E402
from matching.domain import commands as c  # noqa: E402
from matching.domain.base import new_id, utcnow  # noqa: E402
from tests.bench.dashboard import fill  # noqa: E402
from tests.bench.report import show  # noqa: E402

TARGET_MS = 80.0
RUNS = 40
MATCHES, NOTES, OWN_MATCHES, OWN_MESSAGES = 3_000, 50_000, 10, 30  # the person: 10 x 3 steps + 30 + 139 notes + sign-up


def fill_person_record(bus, org_id: str, coordinator: str) -> tuple[str, str]:
    """3,000 matches and 50,000 notes among everyone; one request with exactly 200 timeline entries. Returns
    (that request's id, a volunteer with matches)."""
    rng, now = random.Random(13), utcnow()
    with bus.uow() as uow:
        requests = list(uow.session.scalars(select(orm.requests.c.id).where(orm.requests.c.organization_id == org_id)))
        volunteers = list(uow.session.scalars(select(orm.volunteers.c.id).where(
            orm.volunteers.c.organization_id == org_id)))
        r, v = orm.requests.c, orm.volunteers.c  # R0 has no stored suggestions (their fake breakdowns are empty)
        person = uow.session.scalar(select(r.id).where(r.organization_id == org_id, r.first_name == "R0"))
        volunteer = uow.session.scalar(select(v.id).where(v.organization_id == org_id, v.first_name == "V0"))
        others = [x for x in requests if x != person]  # nobody else's steps land on the person's timeline
        matches = []
        for i in range(MATCHES):
            asker = person if i < OWN_MATCHES else rng.choice(others)
            offer = volunteer if i % 50 == 0 else rng.choice(volunteers)
            proposed = now - timedelta(days=rng.randint(30, 400))
            ended = i < OWN_MATCHES or i % 3 == 0
            matches.append({"id": new_id(), "organization_id": org_id, "request_id": asker, "offer_type": "volunteer",
                            "offer_id": offer, "status": "ended" if ended else "active", "score": 0.6,
                            "proposed_at": proposed, "confirmed_at": proposed + timedelta(days=3),
                            "ended_at": proposed + timedelta(days=20) if ended else None, "updated_at": now})
        uow.session.execute(insert(orm.matches), matches)
        own_notes = 200 - 3 * OWN_MATCHES - OWN_MESSAGES - 1
        notes = [{"id": new_id(), "organization_id": org_id, "person_type": "request", "person_id": person,
                  "kind": rng.choice(["note", "call", "intake", "kennismaking"]), "text": f"Notitie {i}: belde even.",
                  "author_id": coordinator, "created_at": now - timedelta(minutes=i)} for i in range(own_notes)]
        for i in range(NOTES - own_notes):
            side = rng.random() < 0.7
            notes.append({"id": new_id(), "organization_id": org_id, "person_type": "request" if side else "volunteer",
                          "person_id": rng.choice(others) if side else rng.choice(volunteers),
                          "kind": "note", "text": f"Notitie {i}", "author_id": coordinator,
                          "created_at": now - timedelta(minutes=rng.randint(0, 500_000))})
        for start in range(0, len(notes), 5_000):
            uow.session.execute(insert(orm.notes), notes[start:start + 5_000])
        uow.session.execute(insert(orm.messages), [
            {"id": new_id(), "organization_id": org_id, "recipient_type": "request", "recipient_id": person,
             "to_address": "r0@example.org", "subject": f"Bericht {i}", "body": "Hallo", "status": "sent",
             "attempts": 1, "created_at": now - timedelta(days=i)} for i in range(OWN_MESSAGES)])
        uow.session.commit()
        if uow.session.bind.dialect.name == "postgresql":  # what autovacuum does after a bulk load
            uow.session.execute(text("ANALYZE"))
            uow.session.commit()
    return person, volunteer


def _timed(client, url: str) -> list[float]:
    client.get(url)  # warm-up
    times = []
    for _ in range(RUNS):
        start = time.perf_counter()
        response = client.get(url)
        times.append((time.perf_counter() - start) * 1000)
        assert response.status_code == 200, (url, response.status_code)
    return times


def _p95(times: list[float]) -> float:
    return sorted(times)[int(0.95 * len(times)) - 1]


def main() -> None:
    settings = from_env()
    upgrade(settings.database_url)
    bus = bootstrap(settings, publish=None)
    from web import create_app

    slug = f"bench{random.randint(0, 10**6)}"
    org_id = bus.handle(c.CreateOrganization(slug, "Bench"))
    email = f"{slug}@example.org"
    coordinator = bus.handle(c.CreateUser(slug, email, "bench password long"))
    start = time.perf_counter()
    fill(bus, org_id, 10_000, 5_000)
    person, volunteer = fill_person_record(bus, org_id, coordinator)
    print(f"loaded 10,000 waiting, 5,000 volunteers, {MATCHES:,} matches and {NOTES:,} notes in "
          f"{time.perf_counter() - start:.1f} s", flush=True)
    client = create_app(settings.with_(login_rate_limit="1000/minute"), bus=bus).test_client()
    client.post("/api/v1/session", json={"email": email, "password": "bench password long"})
    entries = client.get(f"/api/v1/requests/{person}/timeline?per_page=200").get_json()["items"]
    assert len(entries) == 200, len(entries)
    page = client.get(f"/werkplek/aanvragen/{person}")
    shown = page.get_data(as_text=True).count('<li class="tl-')
    assert shown == 200, f"the page shows {shown} timeline entries ({page.status_code})"
    database = settings.database_url.split(":")[0].split("+")[0]
    for name, url in (("request page, 200 timeline entries", f"/werkplek/aanvragen/{person}"),
                      ("GET /api/v1/requests/{id}/timeline (200)", f"/api/v1/requests/{person}/timeline?per_page=200"),
                      ("volunteer page", f"/werkplek/vrijwilligers/{volunteer}")):
        times = _timed(client, url)
        show(f"{name}, p95 ({database})", _p95(times), "ms", TARGET_MS)
        print(f"      median {sorted(times)[len(times) // 2]:.1f} ms over {RUNS} requests", flush=True)


if __name__ == "__main__":
    main()
