"""An import of a spreadsheet, run by a worker: the coordinator fixes the mapping, then watches it progress.

The raw rows are personal data: they are kept only until the import is done.
"""
from __future__ import annotations

from typing import Any

from matching.domain import events as ev
from matching.domain.base import Aggregate, new_id, utcnow
from matching.domain.errors import Conflict, Invalid

IMPORT_KINDS = ("volunteers", "requests", "matches")


class ImportJob(Aggregate):
    @classmethod
    def create(cls, organization_id: str, kind: str, filename: str, headers: list[str], rows: list[dict],
               mapping: dict, by_user: str | None, now=None) -> "ImportJob":
        if kind not in IMPORT_KINDS:
            raise Invalid("kind", f"must be one of {IMPORT_KINDS}")
        job = cls()
        job.id, job.organization_id, job.kind, job.filename = new_id(), organization_id, kind, filename[:200]
        job.headers, job.rows, job.mapping, job.created_by = headers, rows, mapping, by_user
        job.status, job.total, job.done, job.report = "mapping", len(rows), 0, None
        job.created_at, job.finished_at = now or utcnow(), None
        return job

    def set_mapping(self, mapping: dict[str, Any]) -> None:
        if self.status != "mapping":
            raise Conflict("this import has already started")
        unknown = set(mapping) - set(self.headers)
        if unknown:
            raise Invalid("mapping", f"unknown columns: {sorted(unknown)}")
        self.mapping = mapping

    def start(self) -> None:
        """Hand the import to the workers."""
        if self.status != "mapping":
            raise Conflict("this import has already started")
        self.status = "queued"
        self.record(ev.ImportQueued(self.organization_id, self.id))

    def advance(self, done: int) -> None:
        self.status, self.done = "running", done

    def expire(self, now=None) -> None:
        """An upload never imported: its rows (personal data) go after a week, the job says so."""
        if self.status != "mapping":
            raise Conflict("only an import that never started expires")
        self.status, self.rows = "expired", []
        self.finished_at = now or utcnow()
        self.record(ev.ImportExpired(self.organization_id, self.id))

    def finish(self, report: list[dict], now=None) -> None:
        """Keep the report (row numbers and reasons only), drop the rows."""
        self.status, self.done, self.report, self.rows = "done", self.total, report, []
        self.finished_at = now or utcnow()
