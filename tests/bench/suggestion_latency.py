"""Measure how long a request waits for its stored suggestions on a running Koppel (koppel serve).

    python -m tests.bench.suggestion_latency --url http://127.0.0.1:5000 --login instance/demo_login.txt -n 100

Prints the median and p95 of submit -> `pending: false`, polled every 10 ms. A figure, not a test.
"""
from __future__ import annotations

import argparse
import json
import random
import statistics
import time
import urllib.request
from http.cookiejar import CookieJar

from matching import vocabulary as vocab


def _opener():
    return urllib.request.build_opener(urllib.request.HTTPCookieProcessor(CookieJar()))


def _call(opener, method: str, url: str, body: dict | None = None) -> dict:
    data = json.dumps(body).encode() if body is not None else None
    req = urllib.request.Request(url, data=data, method=method, headers={"Content-Type": "application/json"})
    with opener.open(req, timeout=10) as response:
        return json.loads(response.read() or b"{}")


def _body(rng: random.Random) -> dict:
    return {"kind": "maatje", "first_name": "Meting", "email": f"meting{rng.randint(0, 10**9)}@example.org",
            "postcode": rng.choice(["3511", "3512", "3521", "3531", "3581", "3705", "3811"]),
            "interests": rng.sample(list(vocab.INTERESTS)[:20], 3),
            "availability": rng.sample(list(vocab.AVAILABILITY), 5), "consent": True}


def measure(url: str, email: str, password: str, n: int, org: str = "demo") -> list[float]:
    opener, rng = _opener(), random.Random(7)
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


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--url", default="http://127.0.0.1:5000")
    parser.add_argument("--login", default="instance/demo_login.txt")
    parser.add_argument("-n", type=int, default=100)
    args = parser.parse_args()
    email, password = open(args.login).read().split()[:2]
    delays = sorted(measure(args.url, email, password, args.n))
    p95 = delays[max(0, int(round(0.95 * len(delays))) - 1)]
    print(f"suggestions stored after submit, n={len(delays)}: median {statistics.median(delays) * 1000:.0f} ms, "
          f"p95 {p95 * 1000:.0f} ms, max {delays[-1] * 1000:.0f} ms")


if __name__ == "__main__":
    main()
