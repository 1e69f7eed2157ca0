"""The import use case as the CLI and the workspace call it: read, map, import, report."""
from __future__ import annotations

from collections import Counter

from matching.services.importing.columns import FIELDS, guess_mapping
from matching.services.importing.outcome import RowOutcome
from matching.services.importing.reader import open_table
from matching.services.importing.run import import_rows

KINDS = tuple(FIELDS)
OUTCOME_WORDS = {"imported": "geïmporteerd", "updated": "bijgewerkt", "unchanged": "ongewijzigd",
                 "skipped": "overgeslagen"}


def import_file(bus, organization_id: str, kind: str, name: str, content: bytes, dry_run: bool = False,
                mapping: dict | None = None) -> tuple[dict, list[RowOutcome]]:
    """Read the file (UnreadableFile when it cannot), guess or take the mapping, import; never half a row,
    nor half a file: the file is read through once to check it fits every bound of `limits` (holding no
    rows), then read again while the rows are imported."""
    if not dry_run:  # a dry run stores nothing, so it may stop half-way
        with open_table(name, content) as table:
            for _ in table.rows:
                pass
    with open_table(name, content) as table:
        mapping = mapping or guess_mapping(table.headers, kind)
        return mapping, import_rows(bus.uow, organization_id, kind, table.rows, mapping, dry_run)


def summary(outcomes: list[RowOutcome]) -> str:
    counts = Counter(o.outcome for o in outcomes)
    return ", ".join(f"{counts[k]} {word}" for k, word in OUTCOME_WORDS.items())


def line(outcome: RowOutcome) -> str:
    """One report line in plain Dutch."""
    text = f"regel {outcome.row}: {OUTCOME_WORDS[outcome.outcome]}"
    if outcome.reason:
        text += f" – {outcome.reason}"
    if outcome.notes:
        text += f" (let op: {'; '.join(outcome.notes)})"
    return text
