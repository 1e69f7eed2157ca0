"""Backtest of the honest wait (matching/services/wait_estimate.py) on a year of generated history.

    python -m tests.bench.wait_backtest [--seed S]

One organisation in the province of Utrecht, about 600 requests in a year (four in five for a maatje,
one in four with a narrowing wish), each waiting a log-normal time whose median depends on the kind,
the wish, town or countryside, and grows 20 % over the year (a waiting list that gets longer). At each
submission the estimate is made exactly as the private link makes it: from the requests first
matched in the 12 months before that moment. Coverage: of the requests that had an estimate and whose
wait is known by the end of the year (matched, or still waiting beyond the range), the share whose
actual wait fell within the stated range. Target: at least 70 %.
"""
from __future__ import annotations

import argparse
import math
import random
from dataclasses import dataclass

from matching.scoring.postcodes import areas
from matching.services.wait_estimate import Past, estimate
from tests.bench.report import show

DAYS = 365
TOWNS = {"35", "36", "37", "38", "34"}  # first two digits of the busier places (Utrecht, Amersfoort, Zeist, ...)


@dataclass(frozen=True)
class Generated:
    kind: str
    postcode: str
    selective: bool
    submitted: float  # day of the year
    waited: float     # days until the first confirmed match


def generate(seed: int, per_year: int = 600) -> list[Generated]:
    rng = random.Random(seed)
    codes = sorted(a.postcode for a in areas().values() if a.province == "Utrecht")
    out = []
    for _ in range(per_year):
        kind = "werkervaringsplaats" if rng.random() < 0.2 else "maatje"
        postcode = rng.choice(codes)
        selective = rng.random() < 0.25
        submitted = rng.uniform(0, DAYS)
        median = (45 if kind == "maatje" else 30) * (1.6 if selective else 1.0) \
            * (1.0 if postcode[:2] in TOWNS else 1.3) * (1 + 0.2 * submitted / DAYS)
        out.append(Generated(kind, postcode, selective, submitted, rng.lognormvariate(math.log(median), 0.5)))
    return out


def backtest(history: list[Generated]) -> dict[str, float]:
    """Coverage, how many were judged, and how many had an estimate at all."""
    place = areas()
    judged = covered = with_estimate = 0
    widths = []
    for person in history:
        known = [Past(h.kind, place[h.postcode].lat, place[h.postcode].lon, h.selective, h.waited) for h in history
                 if person.submitted - 365 <= h.submitted + h.waited <= person.submitted]
        here = place[person.postcode]
        found = estimate(known, person.kind, here.lat, here.lon, person.selective)
        if found is None:
            continue
        with_estimate += 1
        widths.append((found["high_days"] - found["low_days"]) / 7)
        matched = person.submitted + person.waited <= DAYS
        if not matched and DAYS - person.submitted <= found["high_days"]:
            continue  # still waiting, still within the range: not known yet
        judged += 1
        covered += found["low_days"] <= person.waited <= found["high_days"]
    return {"coverage": covered / judged if judged else 0.0, "judged": judged, "with_estimate": with_estimate,
            "requests": len(history), "median_width_weeks": sorted(widths)[len(widths) // 2] if widths else 0.0}


def main(argv: list[str] | None = None) -> dict[str, float]:
    parser = argparse.ArgumentParser()
    parser.add_argument("--seed", type=int, default=15)
    args = parser.parse_args(argv)
    runs = [backtest(generate(args.seed + i)) for i in range(3)]
    for run in runs:
        print(f"  {run['requests']} requests, {run['with_estimate']} with an estimate, {run['judged']} judged, "
              f"coverage {run['coverage']:.1%}, median range {run['median_width_weeks']:.0f} weeks", flush=True)
    show("honest wait: actual wait within the stated range (backtest, a year of generated history)",
         [100 * run["coverage"] for run in runs], "%", target=70, lower_is_better=False)
    return runs[0]


if __name__ == "__main__":
    main()
