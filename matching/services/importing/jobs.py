"""Imports as background jobs: upload and map in the workspace, run by a worker, progress on the page."""
from __future__ import annotations

from matching.domain.import_job import ImportJob
from matching.services.importing.columns import guess_mapping
from matching.services.importing.reader import read_table
from matching.services.importing.run import import_rows

PREVIEW_ROWS = 100


def upload(cmd, uow, settings) -> str:
    """Read the file (UnreadableFile when it cannot) and keep its rows until the coordinator starts it."""
    headers, rows = read_table(cmd.filename, cmd.content)
    with uow:
        job = ImportJob.create(cmd.organization_id, cmd.kind, cmd.filename, headers, _json_safe(rows),
                               guess_mapping(headers, cmd.kind), cmd.by_user)
        uow.repo.add(job)
        uow.commit()
        return job.id


def set_mapping(cmd, uow, settings, then_start: bool = False) -> str:
    """Save the coordinator's corrected mapping (and, for StartImport, hand the job to the workers)."""
    with uow:
        job = uow.repo.get(ImportJob, cmd.import_id, cmd.organization_id, lock=True)
        job.set_mapping({header: field or None for header, field in cmd.mapping.items()})
        if then_start:
            job.start()
        uow.commit()
        return job.status


def start(cmd, uow, settings) -> str:
    return set_mapping(cmd, uow, settings, then_start=True)


def preview(uow_factory, job: ImportJob) -> list:
    """A dry run of the first rows with the current mapping: what would happen, nothing stored."""
    return import_rows(uow_factory, job.organization_id, job.kind, job.rows[:PREVIEW_ROWS], job.mapping, dry_run=True)


def run(event: dict, uow, settings) -> None:
    """The worker's part. Rerunning after a crash is safe: people are found again by email or phone."""
    payload = event["payload"]
    with uow:
        job = uow.repo.get(ImportJob, payload["import_id"], payload["organization_id"])
        if job.status == "done":
            return
        org, kind, rows, mapping = job.organization_id, job.kind, job.rows, job.mapping

    def progress(done: int) -> None:
        with uow:
            uow.repo.get(ImportJob, payload["import_id"], org).advance(done)
            uow.commit()

    outcomes = import_rows(lambda: uow, org, kind, rows, mapping, progress=progress)
    with uow:
        uow.repo.get(ImportJob, payload["import_id"], org).finish([o.as_dict() for o in outcomes])
        uow.commit()


def _json_safe(rows: list[dict]) -> list[dict]:
    """Dates from Excel become ISO text, so the rows fit a JSON column; the importer reads both."""
    return [{k: (v.isoformat() if hasattr(v, "isoformat") else v) for k, v in row.items()} for row in rows]
