"""Issue 19, "Matching at the limit": rank and assign against their targets, each figure PASS or FAIL.

    python -m tests.bench.limits                  # every figure
    python -m tests.bench.limits rank             # one part: rank | assign

The dense city is every postcode area within 10 km of Utrecht centre (synthetic.city_codes). A figure
that the machine's load makes noisy is measured in three runs, each assign in a fresh process (so its
"first call" pays every one-time cost but importing the modules), and shown as min/median/max; the
median is judged. Wall-clock time, on whatever else the machine is doing; the CPU time of the
measuring thread is shown beside it (info), as it barely moves with the machine's load.
"""
from __future__ import annotations

import json
import resource
import statistics
import subprocess
import sys
import time

import numpy as np

from matching import OfferIndex, assign
from tests.bench.report import show
from tests.bench.synthetic import profiles

RUNS = 3
RANK_ASKS = 1000


def bench_rank(region: str | None) -> None:
    """One request against 100,000 offers: median and p95 per run of RANK_ASKS requests."""
    where = "in the dense city" if region == "city" else "NL-wide"
    offers = profiles(100_000, "volunteer", seed=1, region=region)
    asks = profiles(RANK_ASKS, "request", seed=2, region=region)
    start = time.perf_counter()
    index = OfferIndex(offers)
    show(f"OfferIndex build, 100,000 offers {where}", (time.perf_counter() - start) * 1000, "ms")
    for ask in asks[:100]:
        index.rank(ask, k=10)
    medians, p95s, explained, cpu = [], [], [], []
    for _ in range(RUNS):
        times, cpu_times = [], []
        for ask in asks:
            start, start_cpu = time.perf_counter(), time.thread_time()
            index.rank(ask, k=10)
            times.append(time.perf_counter() - start)
            cpu_times.append(time.thread_time() - start_cpu)
        medians.append(statistics.median(times) * 1000)
        p95s.append(float(np.percentile(times, 95)) * 1000)
        cpu.append(statistics.median(cpu_times) * 1000)
    for ask in asks[:200]:
        start = time.perf_counter()
        [c.breakdown for c in index.rank(ask, k=10)]
        explained.append(time.perf_counter() - start)
    show(f"rank k=10 against 100,000 offers {where}, median", medians, "ms", 0.3)
    show(f"rank k=10 against 100,000 offers {where}, p95", p95s, "ms", 1.0)
    show(f"rank k=10 against 100,000 offers {where}, median CPU time of the thread", cpu, "ms")
    show(f"rank k=10 {where} and reading all 10 Dutch breakdowns, median", statistics.median(explained) * 1000, "ms")


def _fresh(part: str) -> dict:
    """Run `part` once in a new Python process and return what it measured."""
    done = subprocess.run([sys.executable, "-m", "tests.bench.limits", "--once", part],
                          check=True, capture_output=True, text=True)
    return json.loads(done.stdout.strip().splitlines()[-1])


def once(part: str) -> dict:
    """One fresh-process measurement: the first call to assign, and the process's peak memory."""
    if part == "city":
        asks, offers = profiles(2000, "request", seed=3, region="city"), profiles(1000, "volunteer", seed=4, region="city")
    else:
        asks, offers = profiles(20_000, "request", seed=3), profiles(10_000, "volunteer", seed=4)
    start, start_cpu = time.perf_counter(), time.thread_time()
    proposals = assign(asks, offers)
    first, first_cpu = time.perf_counter() - start, time.thread_time() - start_cpu
    start = time.perf_counter()
    assign(asks, offers)
    return {"first": first, "first_cpu": first_cpu, "second": time.perf_counter() - start, "proposals": len(proposals),
            "total": sum(s for *_, s in proposals), "peak_mb": resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024}


def bench_assign() -> None:
    """Batch proposals: 2,000 x 1,000 in the dense city and 20,000 x 10,000 NL-wide, first call each."""
    city = [_fresh("city") for _ in range(RUNS)]
    show("assign 2,000 x 1,000 in the dense city, first call", [r["first"] for r in city], "s", 0.15)
    show("assign 2,000 x 1,000 in the dense city, first call, CPU time of the thread", [r["first_cpu"] for r in city], "s")
    show("assign 2,000 x 1,000 in the dense city, second call", [r["second"] for r in city], "s")
    print(f"      ({city[0]['proposals']:,} proposals, total score {city[0]['total']:.4f})")
    nl = [_fresh("nl") for _ in range(RUNS)]
    show("assign 20,000 x 10,000 NL-wide, first call", [r["first"] for r in nl], "s", 1.5)
    show("assign 20,000 x 10,000 NL-wide, first call, CPU time of the thread", [r["first_cpu"] for r in nl], "s")
    show("assign 20,000 x 10,000 NL-wide, peak memory of the process", [r["peak_mb"] for r in nl], "MB", 500)
    print(f"      ({nl[0]['proposals']:,} proposals, total score {nl[0]['total']:.4f})")


PARTS = {"rank": lambda: (bench_rank(None), bench_rank("city")), "assign": bench_assign}


def main(argv: list[str]) -> None:
    if argv[:1] == ["--once"]:
        print(json.dumps(once(argv[1])))
        return
    for name in argv or PARTS:
        PARTS[name]()


if __name__ == "__main__":
    main(sys.argv[1:])
