"""The import as `koppel import` runs it: read, map, import, report. A real import goes through the same
commands and bus as an upload in the workspace (so the imported people's events are published at once);
a dry run reads the file and stores nothing."""
from __future__ import annotations

from collections import Counter

from matching.domain import commands
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
    nor half a file: the upload reads the whole file within the bounds of `limits` before a row is
    imported. A dry run imports in a transaction it then drops."""
    if dry_run:
        with open_table(name, content) as table:
            mapping = mapping or guess_mapping(table.headers, kind)
            return mapping, import_rows(bus.uow, organization_id, kind, table.rows, mapping, dry_run=True)
    import_id = bus.handle(commands.UploadImport(organization_id, kind, name, content))
    if mapping is None:
        with bus.uow() as uow:
            mapping = uow.imports.get(import_id, organization_id).mapping
    return mapping, bus.handle(commands.RunImport(organization_id, import_id, mapping))


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
