"""`make bench`: every benchmark figure, with its target and PASS/FAIL where it has one.

    python -m tests.bench                 # everything (a few minutes; mentor-match takes most of it)
    python -m tests.bench limits versus   # some parts: limits | versus | activities | wait | scoring | dashboard
                                          #   | import | import-bomb | elsewhere | person-page | lists
                                          #   | post-breakdown | web-tier | waiting-list | suggestions

`lists` (issue 13: every list page and API call with 10,000 waiting) runs on SQLite, and again on
PostgreSQL when KOPPEL_BENCH_POSTGRES_URL names an empty database.

Issue 19's web figures: `post-breakdown` (where a public POST's milliseconds go, post_breakdown.py),
`web-tier` and `waiting-list` (load_parts.py: gunicorn and the workers under wrk; they need PostgreSQL
in DATABASE_URL, a Redis server of their own in REDIS_URL and wrk, and say "skipped" and why otherwise)
and `suggestions` (suggestion_latency.py: submit -> stored suggestions on its own `koppel serve --demo`).

Issue 19's figures (limits.py, versus.py) and issue 15's (activities.py: ranking activities and the
private link page; wait_backtest.py: the honest wait's coverage) run in this process and are summed up at the end; the
older benchmarks (scoring.py, dashboard.py, import_volunteers.py) run as before, each in its own
process, and print their figures for information.
"""
from __future__ import annotations

import os
import subprocess
import sys

from tests.bench import activities, limits, load_parts, post_breakdown, suggestion_latency, versus, wait_backtest
from tests.bench.report import summary

OLDER = {"scoring": "tests.bench.scoring", "dashboard": "tests.bench.dashboard",
         "import": "tests.bench.import_volunteers", "import-bomb": "tests.bench.import_bomb",
         "elsewhere": "tests.bench.elsewhere", "person-page": "tests.bench.person_page", "lists": "tests.bench.lists"}


def main(argv: list[str]) -> None:
    web = {"post-breakdown": lambda: post_breakdown.main(["-n", "500", "--gunicorn"]), "web-tier": load_parts.web_tier,
           "waiting-list": load_parts.waiting_list, "suggestions": suggestion_latency.bench}
    for part in argv or ["limits", "versus", "activities", "wait", *OLDER, *web]:
        print(f"\n== {part} ==", flush=True)
        if part == "limits":
            limits.main([])
        elif part == "versus":
            versus.main([])
        elif part == "activities":
            activities.main([])
        elif part == "wait":
            wait_backtest.main([])
        elif part in web:
            web[part]()
        else:
            subprocess.run([sys.executable, "-m", OLDER[part]], check=part != "lists")
            if part == "lists" and os.environ.get("KOPPEL_BENCH_POSTGRES_URL"):
                subprocess.run([sys.executable, "-m", OLDER[part]], check=False,
                               env={**os.environ, "DATABASE_URL": os.environ["KOPPEL_BENCH_POSTGRES_URL"]})
    summary()


if __name__ == "__main__":
    main(sys.argv[1:])
