"""Imports as background jobs: upload and map in the workspace, run by a worker, progress on the page.

An upload's rows are stored STORED at a time while the file is read, and read back a chunk at a time:
neither the web process nor the worker ever holds all rows of a file.
"""
from __future__ import annotations

import math
from itertools import count, islice
from typing import Callable, Iterable, Iterator

from matching.domain import commands
from matching.domain.import_job import ImportJob, ImportStatus
from matching.services.importing.columns import guess_mapping
from matching.services.importing.outcome import RowOutcome
from matching.services.importing.reader import open_table
from matching.services.importing.run import import_rows
from matching.services.ports import Dependencies, UnitOfWork

PREVIEW_ROWS = 100
STORED = 500  # rows per stored chunk


def upload(cmd: commands.UploadImport, uow: UnitOfWork, deps: Dependencies) -> str:
    """Read the file and keep its rows until the coordinator starts the import (or it expires). UnreadableFile
    when it cannot be read or holds more than Koppel reads; then nothing is stored."""
    with open_table(cmd.filename, cmd.content) as table, uow:
        job = ImportJob.create(cmd.organization_id, cmd.kind, cmd.filename, table.headers,
                               guess_mapping(table.headers, cmd.kind), cmd.by_user)
        uow.imports.add(job)
        total = 0
        for number, chunk in enumerate(_batches(table.rows, STORED)):
            uow.imports.add_rows(job.id, number, [_json_safe(row) for row in chunk])
            total += len(chunk)
        job.rows_read(total)
        uow.commit()
        return job.id


def set_mapping(cmd: commands.SetImportMapping, uow: UnitOfWork, deps: Dependencies) -> str:
    """Save the coordinator's corrected mapping ("Controleer": the preview shows it again)."""
    with uow:
        job = uow.imports.get(cmd.import_id, cmd.organization_id, lock=True)
        job.set_mapping(_mapping(cmd.mapping))
        uow.commit()
        return job.status


def start(cmd: commands.StartImport, uow: UnitOfWork, deps: Dependencies) -> str:
    """Save the mapping and hand the job to the workers ("Importeer")."""
    with uow:
        job = uow.imports.get(cmd.import_id, cmd.organization_id, lock=True)
        job.set_mapping(_mapping(cmd.mapping))
        job.start()
        uow.commit()
        return job.status


def _mapping(chosen: dict) -> dict[str, str | None]:
    """Header -> field, an empty choice meaning "do not use"."""
    return {header: field or None for header, field in chosen.items()}


def preview(uow_factory, job: ImportJob) -> list:
    """A dry run of the first rows with the current mapping: what would happen, nothing stored."""
    rows = list(islice(stored_rows(uow_factory, job.id), PREVIEW_ROWS))
    return import_rows(uow_factory, job.organization_id, job.kind, rows, job.mapping, dry_run=True)


def samples(uow_factory, job: ImportJob, n: int = 3) -> dict[str, list[str]]:
    """The first values of each column, for the mapping page; none once the rows are gone."""
    rows = list(islice(stored_rows(uow_factory, job.id), n))
    return {h: [str(r.get(h) or "") for r in rows] for h in job.headers} if rows else {}


def stored_rows(uow_factory: Callable, import_id: str) -> Iterator[dict]:
    """An upload's rows in file order, one stored chunk at a time, each read in its own short transaction."""
    for number in count():
        with uow_factory() as uow:
            chunk = uow.imports.rows(import_id, number)
        if chunk is None:
            return
        yield from chunk


def run(event: dict, uow: UnitOfWork, deps: Dependencies) -> None:
    """The worker's part. Rerunning after a crash is safe: people are found again by email or phone."""
    payload = event["payload"]
    with uow:
        job = uow.imports.get(payload["import_id"], payload["organization_id"])
        if job.status not in (ImportStatus.QUEUED, ImportStatus.RUNNING):  # done already, or expired
            return
    _import_stored(uow, job)


def run_now(cmd: commands.RunImport, uow: UnitOfWork, deps: Dependencies) -> list[RowOutcome]:
    """`koppel import`: the mapping saved and the rows imported in this process, the report returned. The
    job goes straight to running (no event for the workers, who would import it a second time); the
    bus publishes the imported people's events as soon as this returns."""
    with uow:
        job = uow.imports.get(cmd.import_id, cmd.organization_id, lock=True)
        job.set_mapping(_mapping(cmd.mapping))
        job.advance(0)  # running: the workspace can no longer start it too
        uow.commit()
    return _import_stored(uow, job)


def _import_stored(uow: UnitOfWork, job: ImportJob) -> list[RowOutcome]:
    """Import a job's stored rows, a chunk per transaction with its progress, then keep the report
    and drop the rows (personal data) in the same commit."""
    org = job.organization_id

    def progress(done: int) -> None:
        with uow:
            uow.imports.get(job.id, org).advance(done)
            uow.commit()

    rows = stored_rows(lambda: uow, job.id)
    outcomes = import_rows(lambda: uow, org, job.kind, rows, job.mapping, progress=progress)
    with uow:
        uow.imports.get(job.id, org).finish([o.as_dict() for o in outcomes])
        uow.imports.drop_rows(job.id)
        uow.commit()
    return outcomes


def _batches(rows: Iterable[dict], size: int) -> Iterator[list[dict]]:
    stream = iter(rows)
    while batch := list(islice(stream, size)):
        yield batch


def _json_safe(row: dict) -> dict:
    """Dates from Excel become ISO text, anything else unusual (a duration, an infinite number) plain text,
    so a row fits a JSON column on every database; the importer reads both."""
    return {k: _json_value(v) for k, v in row.items()}


def _json_value(value: object) -> object:
    if isinstance(value, (str, int, bool)) or (isinstance(value, float) and math.isfinite(value)):
        return value
    return value.isoformat() if hasattr(value, "isoformat") else str(value)
