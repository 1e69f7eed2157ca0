"""An import's page: the column mapping with samples and a dry-run preview, progress, the report."""
from __future__ import annotations

from typing import Any

from matching.domain.import_job import ImportStatus
from matching.services.importing import jobs
from matching.services.messagebus import MessageBus

SHOWN = ("id", "kind", "filename", "status", "headers", "mapping", "total", "done", "report", "created_at",
         "finished_at")


def job(bus: MessageBus, org: str, import_id: str, preview: bool = True) -> dict[str, Any]:
    """The import's state; the samples and preview (a dry run) only while mapping and when the page shows them."""
    with bus.uow() as uow:
        found = uow.imports.get(import_id, org)
        data = {name: getattr(found, name) for name in SHOWN}
    mapping = preview and found.status == ImportStatus.MAPPING
    data["samples"] = jobs.samples(bus.uow, found) if mapping else {}
    data["preview"] = [o.as_dict() for o in jobs.preview(bus.uow, found)] if mapping else []
    return data
