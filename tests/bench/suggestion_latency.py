"""Measure how long a request waits for its stored suggestions on a running Koppel (koppel serve).

    python -m tests.bench.suggestion_latency --url http://127.0.0.1:5000 --login instance/demo_login.txt -n 100

Prints the median and p95 of submit -> `pending: false`, polled every 10 ms. A figure, not a test.
`make bench` runs `bench()`: its own `koppel serve --demo` (embedded SQLite and Redis, as `make run`),
three runs of 500 requests, target p95 <= 100 ms (issue 19).
"""
from __future__ import annotations

import argparse
import json
import os
import random
import signal
import statistics
import subprocess
import sys
import tempfile
import time
import urllib.request
from http.cookiejar import CookieJar
from pathlib import Path

from matching import vocabulary as vocab


def _opener():
    return urllib.request.build_opener(urllib.request.HTTPCookieProcessor(CookieJar()))


def _call(opener, method: str, url: str, body: dict | None = None) -> dict:
    data = json.dumps(body).encode() if body is not None else None
    req = urllib.request.Request(url, data=data, method=method, headers={"Content-Type": "application/json"})
    with opener.open(req, timeout=10) as response:
        return json.loads(response.read() or b"{}")


def _body(rng: random.Random) -> dict:
    # a thousand first names, as in the load test: one name for all made each sign-up a possible duplicate
    # of every earlier one in its postcode area, hundreds of flags (and events) per sign-up by the third run
    return {"kind": "maatje", "first_name": f"Meting{rng.randint(1, 1000)}",
            "email": f"meting{rng.randint(0, 10**9)}@example.org",
            "postcode": rng.choice(["3511", "3512", "3521", "3531", "3581", "3705", "3811"]),
            "interests": rng.sample(list(vocab.INTERESTS)[:20], 3),
            "availability": rng.sample(list(vocab.AVAILABILITY), 5), "consent": True}


def measure(url: str, email: str, password: str, n: int, org: str = "demo", seed: int = 7) -> list[float]:
    opener, rng = _opener(), random.Random(seed)
    _call(opener, "POST", f"{url}/api/v1/session", {"email": email, "password": password})
    delays = []
    for _ in range(n):
        start = time.perf_counter()
        created = _call(opener, "POST", f"{url}/api/v1/organizations/{org}/requests", _body(rng))
        while _call(opener, "GET", f"{url}/api/v1/requests/{created['id']}/candidates")["pending"]:
            if time.perf_counter() - start > 30:
                raise SystemExit("no suggestions after 30 s")
            time.sleep(0.01)
        delays.append(time.perf_counter() - start)
    return delays


def p95(delays: list[float]) -> float:
    ordered = sorted(delays)
    return ordered[max(0, int(round(0.95 * len(ordered))) - 1)]


def bench(runs: int = 3, n: int = 500, port: int = 5097) -> None:
    """`koppel serve --demo` of its own, in a fresh instance folder; `runs` times `n` submissions."""
    from tests.bench.report import show

    instance = Path(tempfile.mkdtemp(prefix="koppel-latency-"))
    env = {key: value for key, value in os.environ.items() if key not in ("DATABASE_URL", "REDIS_URL", "MAIL_URL")}
    env.update(KOPPEL_ENV="development", KOPPEL_INSTANCE=str(instance), KOPPEL_PUBLIC_RATE_LIMIT="100000/minute")
    root = Path(__file__).resolve().parents[2]
    serve = subprocess.Popen([sys.executable, "-m", "cli.main", "serve", "--demo", "--port", str(port)], env=env,
                             cwd=root, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    url, login = f"http://127.0.0.1:{port}", instance / "demo_login.txt"
    try:
        deadline = time.monotonic() + 600
        while not login.exists() or not _answers(url + "/healthz"):
            if serve.poll() is not None or time.monotonic() > deadline:
                raise SystemExit("koppel serve --demo did not start")
            time.sleep(0.5)
        email, password = login.read_text().split()[:2]
        measure(url, email, password, 20, seed=99)  # warm-up: the offer index is built on the first scoring
        results = []
        for run in range(runs):
            delays = measure(url, email, password, n, seed=run)
            results.append(delays)
            print(f"  run: median {statistics.median(delays) * 1000:.0f} ms, p95 {p95(delays) * 1000:.0f} ms, "
                  f"max {max(delays) * 1000:.0f} ms (load {os.getloadavg()[0]:.1f})", flush=True)
    finally:
        serve.send_signal(signal.SIGINT)
        serve.wait(timeout=60)
    show(f"submit -> suggestions stored, koppel serve --demo, {n} requests: median",
         [statistics.median(d) * 1000 for d in results], "ms")
    show(f"submit -> suggestions stored, koppel serve --demo, {n} requests: p95", [p95(d) * 1000 for d in results],
         "ms", 100)


def _answers(url: str) -> bool:
    try:
        with urllib.request.urlopen(url, timeout=2) as response:
            return response.status == 200
    except Exception:
        return False


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--url", default="http://127.0.0.1:5000")
    parser.add_argument("--login", default="instance/demo_login.txt")
    parser.add_argument("-n", type=int, default=100)
    args = parser.parse_args()
    email, password = open(args.login).read().split()[:2]
    delays = sorted(measure(args.url, email, password, args.n))
    print(f"suggestions stored after submit, n={len(delays)}: median {statistics.median(delays) * 1000:.0f} ms, "
          f"p95 {p95(delays) * 1000:.0f} ms, max {delays[-1] * 1000:.0f} ms")


if __name__ == "__main__":
    main()
