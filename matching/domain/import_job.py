"""An import of a spreadsheet, run by a worker: the coordinator fixes the mapping, then watches it progress.

The raw rows are personal data, kept beside the job in chunks (never one value holding a whole file)
and only until the import is done or the upload expires; the service drops them in the same transaction.
"""
from __future__ import annotations

from datetime import datetime
from enum import StrEnum
from typing import Any

from matching.domain import events as ev
from matching.domain.base import Aggregate, new_id, utcnow
from matching.domain.errors import Conflict, Invalid


class ImportKind(StrEnum):
    VOLUNTEERS = "volunteers"
    REQUESTS = "requests"
    MATCHES = "matches"


class ImportStatus(StrEnum):
    MAPPING = "mapping"  # uploaded; the coordinator checks which column is which
    QUEUED = "queued"
    RUNNING = "running"
    DONE = "done"
    EXPIRED = "expired"  # never started; its rows went after a week


class ImportJob(Aggregate):
    id: str
    organization_id: str
    kind: ImportKind
    filename: str
    status: ImportStatus
    headers: list[str]
    mapping: dict[str, str]  # column header -> field
    total: int
    done: int
    report: list[dict] | None  # row numbers and reasons only
    created_by: str | None
    created_at: datetime
    finished_at: datetime | None

    @classmethod
    def create(cls, organization_id: str, kind: str, filename: str, headers: list[str], mapping: dict,
               by_user: str | None, now=None) -> "ImportJob":
        if kind not in ImportKind._value2member_map_:
            raise Invalid("kind", f"must be one of {', '.join(ImportKind)}")
        job = cls()
        job.id, job.organization_id, job.kind, job.filename = new_id(), organization_id, ImportKind(kind), filename[:200]
        job.headers, job.mapping, job.created_by = headers, mapping, by_user
        job.status, job.total, job.done, job.report = ImportStatus.MAPPING, 0, 0, None
        job.created_at, job.finished_at = now or utcnow(), None
        return job

    def rows_read(self, total: int) -> None:
        """The whole file has been read and its rows stored: this many wait for the coordinator."""
        self.total = total

    def set_mapping(self, mapping: dict[str, Any]) -> None:
        if self.status != ImportStatus.MAPPING:
            raise Conflict("this import has already started")
        unknown = set(mapping) - set(self.headers)
        if unknown:
            raise Invalid("mapping", f"unknown columns: {sorted(unknown)}")
        self.mapping = mapping

    def start(self) -> None:
        """Hand the import to the workers."""
        if self.status != ImportStatus.MAPPING:
            raise Conflict("this import has already started")
        self.status = ImportStatus.QUEUED
        self.record(ev.ImportQueued(self.organization_id, self.id))

    def advance(self, done: int) -> None:
        self.status, self.done = ImportStatus.RUNNING, done

    def expire(self, now=None) -> None:
        """An upload never imported: its rows (personal data) go after a week, the job says so."""
        if self.status != ImportStatus.MAPPING:
            raise Conflict("only an import that never started expires")
        self.status = ImportStatus.EXPIRED
        self.finished_at = now or utcnow()
        self.record(ev.ImportExpired(self.organization_id, self.id))

    def finish(self, report: list[dict], now=None) -> None:
        """Keep the report (row numbers and reasons only); the service drops the rows in the same commit."""
        self.status, self.done, self.report = ImportStatus.DONE, self.total, report
        self.finished_at = now or utcnow()
