"""`make bench`: every benchmark figure, with its target and PASS/FAIL where it has one.

    python -m tests.bench                 # everything (a few minutes; mentor-match takes most of it)
    python -m tests.bench limits versus   # some parts: limits | versus | scoring | dashboard | import | import-bomb | lists

`lists` (issue 13: every list page and API call with 10,000 waiting) runs on SQLite, and again on
PostgreSQL when KOPPEL_BENCH_POSTGRES_URL names an empty database.

Issue 19's figures (limits.py, versus.py) run in this process and are summed up at the end; the
older benchmarks (scoring.py, dashboard.py, import_volunteers.py) run as before, each in its own
process, and print their figures for information.
"""
from __future__ import annotations

import os
import subprocess
import sys

from tests.bench import limits, versus
from tests.bench.report import summary

OLDER = {"scoring": "tests.bench.scoring", "dashboard": "tests.bench.dashboard",
         "import": "tests.bench.import_volunteers", "import-bomb": "tests.bench.import_bomb", "lists": "tests.bench.lists"}


def main(argv: list[str]) -> None:
    for part in argv or ["limits", "versus", *OLDER]:
        print(f"\n== {part} ==", flush=True)
        if part == "limits":
            limits.main([])
        elif part == "versus":
            versus.main([])
        else:
            subprocess.run([sys.executable, "-m", OLDER[part]], check=part != "lists")
            if part == "lists" and os.environ.get("KOPPEL_BENCH_POSTGRES_URL"):
                subprocess.run([sys.executable, "-m", OLDER[part]], check=False,
                               env={**os.environ, "DATABASE_URL": os.environ["KOPPEL_BENCH_POSTGRES_URL"]})
    summary()


if __name__ == "__main__":
    main(sys.argv[1:])
