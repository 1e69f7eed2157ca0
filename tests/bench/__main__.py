"""`make bench`: every benchmark figure, with its target and PASS/FAIL where it has one.

    python -m tests.bench                 # everything (a few minutes; mentor-match takes most of it)
    python -m tests.bench limits versus   # some parts: limits | versus | scoring | dashboard | import | import-bomb | person-page

Issue 19's figures (limits.py, versus.py) run in this process and are summed up at the end; the
older benchmarks (scoring.py, dashboard.py, import_volunteers.py) run as before, each in its own
process, and print their figures for information.
"""
from __future__ import annotations

import subprocess
import sys

from tests.bench import limits, versus
from tests.bench.report import summary

OLDER = {"scoring": "tests.bench.scoring", "dashboard": "tests.bench.dashboard",
         "import": "tests.bench.import_volunteers", "import-bomb": "tests.bench.import_bomb",
         "person-page": "tests.bench.person_page"}


def main(argv: list[str]) -> None:
    for part in argv or ["limits", "versus", *OLDER]:
        print(f"\n== {part} ==", flush=True)
        if part == "limits":
            limits.main([])
        elif part == "versus":
            versus.main([])
        else:
            subprocess.run([sys.executable, "-m", OLDER[part]], check=True)
    summary()


if __name__ == "__main__":
    main(sys.argv[1:])
