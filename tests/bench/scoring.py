"""Benchmarks of the matching engine; prints figures (targets in issue 3), asserts nothing.

    python -m tests.bench.scoring            # everything
    python -m tests.bench.scoring rank       # one part: rank | assign-region | assign-nl
"""
from __future__ import annotations

import resource
import statistics
import subprocess
import sys
import time

from matching import OfferIndex, assign
from matching.scoring import rules
from tests.bench.synthetic import profiles


def loop_rank(ask, offers, weights, k=10):
    """The straightforward way: every pair in Python, the same rules and score as the index."""
    found = []
    for i, offer in enumerate(offers):
        km = rules.distance_km(ask, offer)
        if rules.broken_rule(ask, offer, km) is None:
            found.append((-rules.score(rules.parts(ask, offer, km, weights)), i))
    return [i for _, i in sorted(found)[:k]]


def bench_rank() -> None:
    offers = profiles(100_000, "volunteer", seed=1)
    asks = profiles(1000, "request", seed=2)
    start = time.perf_counter()
    index = OfferIndex(offers)
    build = time.perf_counter() - start
    times = []
    for ask in asks:
        start = time.perf_counter()
        index.rank(ask, k=10)
        times.append(time.perf_counter() - start)
    loop_times = []
    for ask in asks[:20]:
        start = time.perf_counter()
        expected = loop_rank(ask, offers, index.weights)
        loop_times.append(time.perf_counter() - start)
        assert [c.index for c in index.rank(ask, k=10)] == expected, "index and loop disagree"
    fast, slow = statistics.median(times), statistics.median(loop_times)
    print(f"OfferIndex build, 100,000 offers over NL: {build * 1000:.0f} ms")
    print(f"rank k=10 against 100,000: median {fast * 1000:.2f} ms, p95 "
          f"{sorted(times)[int(0.95 * len(times))] * 1000:.2f} ms (n={len(times)})")
    print(f"per-pair Python loop, same score: median {slow * 1000:.0f} ms -> index is {slow / fast:.0f}x faster")


def bench_assign(n_asks: int, n_offers: int, region: str | None) -> None:
    asks = profiles(n_asks, "request", seed=3, region=region)
    offers = profiles(n_offers, "volunteer", seed=4, region=region)
    runs = []
    for _ in range(3):  # the first run includes one-time costs (first allocations, library warm-up)
        start = time.perf_counter()
        proposals = assign(asks, offers)
        runs.append(time.perf_counter() - start)
    took = statistics.median(runs)
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    where = f"in {region}" if region else "over NL"
    print(f"assign {n_asks:,} x {n_offers:,} {where} (capacities 1-3): {took:.2f} s median of 3 (first {runs[0]:.2f} s), "
          f"{len(proposals):,} proposals, "
          f"total score {sum(s for *_, s in proposals):.1f}, peak memory of the process {peak:.0f} MB")


PARTS = {
    "rank": bench_rank,
    "assign-region": lambda: bench_assign(2000, 1000, "Utrecht"),
    "assign-nl": lambda: bench_assign(20_000, 10_000, None),
}


def main() -> None:
    wanted = sys.argv[1:]
    if wanted:
        for name in wanted:
            PARTS[name]()
        return
    for name in PARTS:  # each in its own process, so peak memory is that part's own
        subprocess.run([sys.executable, "-m", "tests.bench.scoring", name], check=True)


if __name__ == "__main__":
    main()
