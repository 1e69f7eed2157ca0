"""Koppel's assign side by side with mentor-match (PyPI `mentor-match`, Munkres) on the same people.

    python -m tests.bench.versus              # 500 x 500 and 1,000 x 1,000 in the dense city
    python -m tests.bench.versus 300          # one size

mentor-match's top-level package is also called `matching`, so it lives in a virtualenv of its own,
.bench-venv (gitignored, made on first use), and runs in a subprocess (mentor_match_side.py); the
people go to it as JSON and its pairs come back as JSON. It gets Koppel's rules as its own rules:
every hard rule a Disqualify, the soft score a rule that adds points, one round per place a
volunteer can hold.

The yardstick is neutral to both algorithms: every proposed pair is scored again by the plain rules
of matching/scoring/rules.py (the reference the fast code is tested against), and summed; a pair
that breaks a hard rule scores nothing and counts as a break, as does an ask proposed twice or a
volunteer given more people than free places.
"""
from __future__ import annotations

import json
import os
import statistics
import subprocess
import sys
import time
from collections import Counter
from pathlib import Path

from matching import OfferIndex, assign
from matching.scoring import rules
from tests.bench.report import show
from tests.bench.synthetic import profiles

VENV = Path(".bench-venv")
MENTOR_MATCH = "mentor-match==7.0.1"
SIDE = Path(__file__).with_name("mentor_match_side.py")
SIZES = (500, 1000)
RUNS = 3


def mentor_match_python() -> Path:
    """The Python of the mentor-match virtualenv, made (and mentor-match installed) on first use."""
    python = VENV / "bin" / "python"
    if not python.exists():
        subprocess.run([sys.executable, "-m", "venv", str(VENV)], check=True)
        subprocess.run([str(python), "-m", "pip", "install", "--quiet", "--disable-pip-version-check", MENTOR_MATCH],
                       check=True)
    return python


def as_json(p) -> dict:
    return {"lat": p.lat, "lon": p.lon, "interests": sorted(p.interests), "slots": sorted(p.availability),
            "languages": list(p.languages), "gender": p.gender, "wants": p.wants_gender,
            "max_km": p.max_distance_km, "capacity": p.capacity, "kinds": sorted(p.kinds), "type": p.type}


def yardstick(asks, offers, pairs, weights) -> tuple[float, int]:
    """The plain rules' total score of the pairs, and how many break a hard rule, an ask's once or a capacity."""
    total, breaks = 0.0, 0
    for i, j in pairs:
        km = rules.distance_km(asks[i], offers[j])
        if rules.broken_rule(asks[i], offers[j], km) is None:
            total += rules.score(rules.parts(asks[i], offers[j], km, weights))
        else:
            breaks += 1
    breaks += sum(n - 1 for n in Counter(i for i, _ in pairs).values())
    breaks += sum(max(0, n - offers[j].capacity) for j, n in Counter(j for _, j in pairs).items())
    return total, breaks


def run_mentor_match(asks, offers, weights) -> dict:
    data = json.dumps({"asks": [as_json(a) for a in asks], "offers": [as_json(o) for o in offers], "weights": weights})
    env = {key: value for key, value in os.environ.items() if key != "PYTHONPATH"}
    done = subprocess.run([str(mentor_match_python()), "-I", str(SIDE)], input=data, capture_output=True,
                          text=True, check=True, env=env)
    return json.loads(done.stdout)


def compare(n: int) -> None:
    asks = profiles(n, "request", seed=31, region="city")
    offers = profiles(n, "volunteer", seed=32, region="city")
    weights = OfferIndex(offers).weights
    koppel_times = []
    for _ in range(RUNS):
        start = time.perf_counter()
        proposals = assign(asks, offers)
        koppel_times.append(time.perf_counter() - start)
    theirs = run_mentor_match(asks, offers, weights)
    ours_total, ours_breaks = yardstick(asks, offers, [(i, j) for i, j, _ in proposals], weights)
    their_total, their_breaks = yardstick(asks, offers, [tuple(p) for p in theirs["pairs"]], weights)
    size = f"{n:,} x {n:,}"
    show(f"versus {size}: Koppel assign (first call in min/max)", koppel_times, "s")
    show(f"versus {size}: mentor-match process_data ({theirs['rounds']} rounds of Munkres)", theirs["seconds"], "s")
    show(f"versus {size}: Koppel is faster by", theirs["seconds"] / statistics.median(koppel_times), "x",
         300 if n >= 1000 else None, lower_is_better=False)
    show(f"versus {size}: yardstick total, Koppel ({len(proposals)} pairs)", ours_total, "")
    show(f"versus {size}: yardstick total, mentor-match ({len(theirs['pairs'])} pairs)", their_total, "")
    show(f"versus {size}: Koppel total / mentor-match total", ours_total / their_total, "", 1.0, lower_is_better=False)
    show(f"versus {size}: hard-rule breaks, Koppel", ours_breaks, "", 0)
    show(f"versus {size}: hard-rule breaks, mentor-match", their_breaks, "")


def main(argv: list[str]) -> None:
    for n in [int(a) for a in argv] or SIZES:
        compare(n)


if __name__ == "__main__":
    main(sys.argv[1:])
