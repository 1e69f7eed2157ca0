"""Spreadsheet imports."""
from __future__ import annotations

from datetime import datetime

from sqlalchemy import delete, insert, select

from matching.adapters import orm

from matching.adapters.repositories.base import SqlRepository
from matching.domain.import_job import ImportJob, ImportStatus


class ImportRepository(SqlRepository[ImportJob]):
    cls = ImportJob

    def abandoned(self, before: datetime) -> list[ImportJob]:
        """Uploads whose column mapping was never confirmed, from before `before`."""
        return list(self.session.scalars(select(ImportJob).where(
            ImportJob.status == ImportStatus.MAPPING, ImportJob.created_at < before).with_for_update()))

    def add_rows(self, import_id: str, chunk: int, rows: list[dict]) -> None:
        """One chunk of an upload's rows, written at once (the session keeps no copy)."""
        self.session.flush()  # the job first: the chunk refers to it
        self.session.execute(insert(orm.import_rows).values(import_id=import_id, chunk=chunk, rows=rows))

    def rows(self, import_id: str, chunk: int) -> list[dict] | None:
        """One chunk of an upload's rows; None past the last one."""
        table = orm.import_rows
        return self.session.scalar(select(table.c.rows).where(table.c.import_id == import_id, table.c.chunk == chunk))

    def drop_rows(self, import_id: str) -> None:
        """An upload's rows are personal data: gone once the import is done or expired."""
        self.session.execute(delete(orm.import_rows).where(orm.import_rows.c.import_id == import_id))
