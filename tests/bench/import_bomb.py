"""Benchmark: how long, and how much memory, refusing a spreadsheet bigger than Koppel reads takes.

    python -m tests.bench.import_bomb

Each file is refused in a fresh process, so the peak resident memory it adds (ru_maxrss) is its own.
Prints figures; asserts nothing.
"""
from __future__ import annotations

import itertools
import json
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from tests.factories.xlsx import bomb, xlsx

ROOT = Path(__file__).resolve().parents[2]
MEASURE = """
import json, resource, sys, time
from matching.services.importing.reader import UnreadableFile, open_table
name, path = sys.argv[1], sys.argv[2]
content = open(path, "rb").read()
before = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
start = time.perf_counter()
try:
    with open_table(name, content) as table:
        outcome = f"read {sum(1 for _ in table.rows)} rows"
except UnreadableFile as error:
    outcome = str(error)
took = time.perf_counter() - start
grown = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss - before
print(json.dumps({"seconds": took, "grown_mb": grown / 1024, "outcome": outcome}))
"""


def cases() -> dict[str, tuple[str, bytes]]:
    return {
        "XLSX zip bomb, 3,000,000 identical cells": ("bom.xlsx", bomb(3_000_000)),
        "XLSX, 1,000,000 rows of counting numbers": ("lang.xlsx", xlsx(itertools.chain([["nummer"]], ([i] for i in range(1_000_000))))),
        "CSV, 1,000,000 short rows": ("lang.csv", b"voornaam;postcode\n" + b"Bram;3511\n" * 1_000_000),
        "CSV, one field of 131,073 characters": ("lang.csv", b'voornaam\n"' + b"x" * 131_073 + b'"\n'),
    }


def main() -> None:
    with tempfile.TemporaryDirectory() as folder:
        for label, (name, content) in cases().items():
            path = Path(folder) / name
            path.write_bytes(content)
            started = time.perf_counter()
            done = subprocess.run([sys.executable, "-c", MEASURE, name, str(path)], capture_output=True, text=True,
                                  cwd=ROOT, check=True)
            figures = json.loads(done.stdout.strip().splitlines()[-1])
            print(f"{label} ({len(content) / 1024:,.0f} KB): refused in {figures['seconds']:.2f} s, "
                  f"+{figures['grown_mb']:.1f} MB peak memory (process {time.perf_counter() - started:.1f} s) "
                  f"— {figures['outcome'][:70]}")


if __name__ == "__main__":
    main()
