"""Running an import in transactions of CHUNK rows, taken from a stream of rows as it goes."""
from __future__ import annotations

from itertools import islice
from typing import Callable, Iterable

from matching.services.importing.outcome import RowOutcome

CHUNK = 250  # rows per transaction: progress is visible and a crash loses little


def in_chunks(uow_factory: Callable, rows: Iterable[dict], dry_run: bool, progress: Callable[[int], None] | None,
              one: Callable[[object, dict], RowOutcome]) -> list[RowOutcome]:
    """Run `one` over the rows, committing every CHUNK rows. A dry run keeps everything in one transaction,
    then drops it. Each chunk is taken from `rows` before its transaction opens (rows may come from the
    database through the same unit of work)."""
    outcomes: list[RowOutcome] = []
    if dry_run:
        with uow_factory() as uow:
            outcomes.extend(one(uow, raw) for raw in rows)
        if progress:
            progress(len(outcomes))
        return outcomes
    stream = iter(rows)
    while chunk := list(islice(stream, CHUNK)):
        with uow_factory() as uow:
            outcomes.extend(one(uow, raw) for raw in chunk)
            uow.commit()
        if progress:
            progress(len(outcomes))
    return outcomes
