"""Every control line of SECURITY.md and PRIVACY.md names a test that exists (a renamed or deleted
test would otherwise leave a claim with nothing behind it)."""
from __future__ import annotations

import re
from pathlib import Path

import pytest

pytestmark = pytest.mark.unit
ROOT = Path(__file__).parents[2]
NAMED = re.compile(r"`((?:tests/\S+?|test_\w+)\.py)?(?:::(\w+))?`")


def _rows(document: str) -> list[tuple[str, str]]:
    """(claim, test cell) of every row of the tables whose last column is `test`."""
    rows, in_table = [], False
    for line in (ROOT / document).read_text(encoding="utf-8").splitlines():
        cells = [cell.strip() for cell in line.strip().strip("|").split("|")]
        if line.startswith("|") and cells[-1] == "test":
            in_table = True
        elif not line.startswith("|"):
            in_table = False
        elif in_table and not set(cells[0]) <= set("- "):
            rows.append((cells[0], cells[-1]))
    return rows


def _named(cell: str) -> list[tuple[Path, str | None]]:
    """The tests a cell names: `path::name`, `file.py::name`, `::name` (same file as before), `path`."""
    found, current = [], None
    for file, name in NAMED.findall(cell):
        if file:
            current = ROOT / (file if file.startswith("tests/") else f"tests/e2e/{file}")
        found.append((current, name or None))
    return found


@pytest.mark.parametrize("document", ["SECURITY.md", "PRIVACY.md"])
def test_every_claim_names_tests_that_exist(document):
    rows = _rows(document)
    assert len(rows) >= 10
    for claim, cell in rows:
        named = _named(cell)
        assert named, f"{document}: no test named for: {claim}"
        for path, name in named:
            assert path is not None and path.exists(), f"{document}: {path} does not exist ({claim})"
            if name:
                assert re.search(rf"^def {name}\(", path.read_text(encoding="utf-8"), re.M), \
                    f"{document}: {path.name}::{name} does not exist ({claim})"
