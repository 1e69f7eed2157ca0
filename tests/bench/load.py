"""Load test (a script, not a test): gunicorn + workers on PostgreSQL and Redis, wrk from a second process.

    DATABASE_URL=postgresql+psycopg://postgres@127.0.0.1:5432/koppel_load REDIS_URL=redis://127.0.0.1:6379/9 \\
        python -m tests.bench.load [--seconds 20] [--connections 32] [--defer-workers]

It needs `wrk` on the PATH (Debian: `apt-get install wrk`), PostgreSQL and a Redis server; the
Redis database given must be the load test's own: its queue is emptied first. Prints
throughput, p50/p95/p99 and errors for the public request POST and the coordinator's waiting
list, and how long after the load every submitted request had its suggestions stored.

`make bench` runs two parts of it (`web_tier` and `waiting_list`, see tests/bench/load_parts.py).
"""
from __future__ import annotations

import argparse
import os
import re
import shutil
import signal
import subprocess
import sys
import tempfile
import time
import urllib.request
from pathlib import Path

AGENT = "koppel-load"
ROOT = Path(__file__).resolve().parents[2]
ME = [sys.executable, "-m", "cli.main"]
LUA_POST = r"""
counter = 0
request = function()
  counter = counter + 1
  -- a thousand first names over six postcode areas: everyone named alike in one area is flagged as a
  -- possible duplicate of the others (issue 13), so one name for all would make each sign-up flag thousands
  local body = string.format('{"kind":"maatje","first_name":"Naam%d","email":"l%d.%d@example.org","postcode":"%s",' ..
    '"interests":["wandelen","koffie","film"],"availability":["tue_afternoon","thu_evening","sat_morning"],"consent":true}',
    math.random(1, 1000), counter, math.random(1, 1000000000), ({"3511","3512","3521","3531","3581","3705"})[counter % 6 + 1])
  return wrk.format("POST", nil, {["Content-Type"]="application/json"}, body)
end
"""
LUA_REPORT = r"""
done = function(summary, latency, requests)
  io.write(string.format("RESULT requests=%d seconds=%.2f p50=%.1f p95=%.1f p99=%.1f errors=%d non2xx=%d\n",
    summary.requests, summary.duration / 1e6, latency:percentile(50) / 1000, latency:percentile(95) / 1000,
    latency:percentile(99) / 1000, summary.errors.connect + summary.errors.read + summary.errors.write +
    summary.errors.timeout, summary.errors.status))
end
"""


def wrk(url: str, script: str, seconds: float, connections: int, headers: list[str] = (), threads: int = 2) -> dict:
    with tempfile.NamedTemporaryFile("w", suffix=".lua", delete=False) as handle:
        handle.write(script + LUA_REPORT)
    command = ["wrk", f"-t{min(threads, connections)}", f"-c{connections}", f"-d{seconds}s", "-s", handle.name]
    for header in headers:
        command += ["-H", header]
    output = subprocess.run(command + [url], capture_output=True, text=True, check=True).stdout
    found = dict(re.findall(r"(\w+)=([\d.]+)", output.split("RESULT", 1)[1]))
    result = {k: float(v) for k, v in found.items()}
    if not result.get("requests"):  # nothing answered in time: no latency to report is the worst one, not 0 ms
        print(f"wrk finished no request to {url}:\n{output}", flush=True)
        result.update(p50=float("inf"), p95=float("inf"), p99=float("inf"))
    result["rate"] = result["requests"] / result["seconds"]
    return result


def environment() -> dict:
    """The servers' environment: production settings on the given PostgreSQL and Redis."""
    return dict(os.environ, KOPPEL_ENV="production", SECRET_KEY="load-test", KOPPEL_PUBLIC_RATE_LIMIT="10000000/minute",
                KOPPEL_LOGIN_RATE_LIMIT="1000/minute", KOPPEL_INSTANCE=tempfile.mkdtemp(prefix="koppel-load-"))


def prepare(env: dict, volunteers: int = 300) -> str:
    """An empty broker, the newest schema, a fresh organisation with a coordinator and `volunteers`
    active demo volunteers; returns its slug."""
    _empty_broker(env["REDIS_URL"])  # left-over messages of an earlier run would be scored too
    subprocess.run(ME + ["db", "upgrade"], env=env, check=True, cwd=ROOT, capture_output=True)
    slug = f"last{int(time.time() * 1000) % 10**10}"
    subprocess.run(ME + ["org", "create", slug, "--name", "Last"], env=env, check=True, cwd=ROOT, capture_output=True)
    subprocess.run(ME + ["user", "create", f"c@{slug}.example", "--org", slug], input="load test password\n",
                   text=True, env=env, check=True, cwd=ROOT, capture_output=True)
    if volunteers:
        subprocess.run(ME + ["demo", "--org", slug, "--requests", "0", "--volunteers", str(volunteers),
                             "--placements", "0"], env=env, check=True, cwd=ROOT, capture_output=True)
    return slug


def start_web(env: dict, processes: int, threads: int, port: int = 5099) -> subprocess.Popen:
    web = subprocess.Popen(ME + ["web", "--port", str(port), "--workers", str(processes), "--threads", str(threads)],
                           env=env, cwd=ROOT, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    for _ in range(150):
        try:
            urllib.request.urlopen(f"http://127.0.0.1:{port}/healthz", timeout=1)
            return web
        except Exception:
            time.sleep(0.2)
    stop(web)
    raise SystemExit("the web server did not start")


def start_workers(env: dict, log: Path) -> subprocess.Popen:
    return subprocess.Popen(ME + ["worker", "--processes", "2", "--threads", "4"], env=env, cwd=ROOT,
                            stdout=subprocess.DEVNULL, stderr=log.open("w"))


def stop(*processes: subprocess.Popen) -> None:
    for process in processes:
        if process.poll() is None:
            process.send_signal(signal.SIGTERM)
    for process in processes:
        process.wait(timeout=30)


def post(base: str, slug: str, seconds: float, connections: int) -> dict:
    return wrk(f"{base}/api/v1/organizations/{slug}/requests", LUA_POST, seconds, connections)


def get(url: str, cookie: str, seconds: float, connections: int) -> dict:
    # the same User-Agent as the login: session protection ends a session whose browser changes
    return wrk(url, "", seconds, connections, [f"Cookie: {cookie}", f"User-Agent: {AGENT}"])


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--seconds", type=int, default=20)
    parser.add_argument("--connections", type=int, default=32)
    parser.add_argument("--web-workers", type=int, default=3)
    parser.add_argument("--web-threads", type=int, default=4)
    parser.add_argument("--defer-workers", action="store_true",
                        help="start the workers only after the POST load (the web tier's capacity alone)")
    args = parser.parse_args()
    if shutil.which("wrk") is None:
        raise SystemExit("the load test drives the server with wrk: install it first (Debian: apt-get install wrk)")
    env = environment()
    slug = prepare(env)
    web = start_web(env, args.web_workers, args.web_threads)
    worker_log = Path(env["KOPPEL_INSTANCE"]) / "worker.log"
    worker = web if args.defer_workers else start_workers(env, worker_log)
    base = "http://127.0.0.1:5099"
    try:
        before = cpu_by_group(web.pid, worker.pid)
        posted = post(base, slug, args.seconds, args.connections)
        start = time.monotonic()
        after = cpu_by_group(web.pid, worker.pid)
        print("CPU seconds during the POST load: " + ", ".join(
            f"{group} {after.get(group, 0) - before.get(group, 0):.1f}" for group in sorted(after)))
        if args.defer_workers:
            worker = start_workers(env, worker_log)
        print(f"POST requests: {posted['rate']:.0f}/s over {posted['seconds']:.0f} s, "
              f"p50 {posted['p50']:.1f} ms, p95 {posted['p95']:.1f} ms, p99 {posted['p99']:.1f} ms, "
              f"socket errors {posted['errors']:.0f}, non-2xx {posted['non2xx']:.0f}", flush=True)
        cookie = login(base, slug)
        listed = get(f"{base}/api/v1/requests?status=waiting", cookie, 10, 8)
        print(f"GET waiting list while the workers catch up ({pending(env, slug)} still unscored after it): "
              f"{listed['rate']:.0f}/s, p50 {listed['p50']:.1f} ms, p95 {listed['p95']:.1f} ms, "
              f"p99 {listed['p99']:.1f} ms, errors {listed['errors'] + listed['non2xx']:.0f}", flush=True)
        while pending(env, slug):
            time.sleep(0.5)
            if time.monotonic() - start > 300:
                raise SystemExit("not all scored after 300 s")
        print(f"every submitted request had its suggestions {time.monotonic() - start:.1f} s after the load ended")
        logged = worker_log.read_text()
        republished = sum(int(n) for n in re.findall(r"sweep: (\d+)", logged))
        print(f"workers: {logged.count('already handled')} duplicate deliveries absorbed, "
              f"{republished} events republished by the sweep")
    finally:
        stop(*{web, worker})


def _empty_broker(redis_url: str) -> None:
    """The load test's Redis database must be its own: its queue and rate-limit keys are dropped."""
    import redis

    client = redis.Redis.from_url(redis_url)
    for key in [*client.scan_iter("koppel:*"), *client.scan_iter("LIMITS:*")]:
        client.delete(key)
    client.close()


def cpu_by_group(web_pid: int, worker_pid: int) -> dict[str, float]:
    """CPU seconds (user + system) so far of the web processes, the workers, PostgreSQL and Redis."""
    ticks = os.sysconf("SC_CLK_TCK")
    parents, usage, names = {}, {}, {}
    for entry in Path("/proc").iterdir():
        if not entry.name.isdigit():
            continue
        try:
            fields = (entry / "stat").read_text().rsplit(")", 1)[1].split()
            names[int(entry.name)] = (entry / "comm").read_text().strip()
        except OSError:
            continue
        parents[int(entry.name)] = int(fields[1])
        usage[int(entry.name)] = (int(fields[11]) + int(fields[12])) / ticks

    def under(pid: int, root: int) -> bool:
        while pid > 1:
            if pid == root:
                return True
            pid = parents.get(pid, 1)
        return False
    groups: dict[str, float] = {}
    for pid, seconds in usage.items():
        group = ("web" if under(pid, web_pid) else "workers" if under(pid, worker_pid) else
                 "postgres" if names[pid].startswith("postgres") else "redis" if names[pid].startswith("redis") else
                 "wrk" if names[pid] == "wrk" else None)
        if group:
            groups[group] = groups.get(group, 0.0) + seconds
    return groups


def login(base: str, slug: str) -> str:
    request = urllib.request.Request(f"{base}/api/v1/session", method="POST",
                                     headers={"Content-Type": "application/json", "User-Agent": AGENT},
                                     data=f'{{"email": "c@{slug}.example", "password": "load test password"}}'.encode())
    with urllib.request.urlopen(request) as response:
        return response.headers["Set-Cookie"].split(";")[0]


def pending(env: dict, slug: str) -> int:
    """Waiting requests of the organisation without (fresh) suggestions."""
    from sqlalchemy import create_engine, text

    engine = create_engine(env["DATABASE_URL"].replace("postgresql://", "postgresql+psycopg://"))
    with engine.connect() as conn:
        count = conn.execute(text("SELECT count(*) FROM requests r JOIN organizations o ON o.id = r.organization_id "
                                  "WHERE o.slug = :slug AND r.status = 'waiting' AND (r.scored_at IS NULL "
                                  "OR r.scored_at < r.updated_at)"), {"slug": slug}).scalar()
    engine.dispose()
    return count


if __name__ == "__main__":
    main()
