"""Importing a spreadsheet: upload, map, and the worker's run, row by row, without duplicates."""
from __future__ import annotations

import io
from datetime import date, datetime

import pytest
from openpyxl import Workbook

from matching.domain import commands
from matching.domain.errors import Conflict
from matching.services.importing import service
from tests.fakes import run_events
from tests.unit.services.conftest import stored

pytestmark = pytest.mark.unit
SHEET = ("Voornaam;Achternaam;E-mail;Postcode;Interesses;Beschikbaarheid\n"
         "Bram;de Vries;bram@example.org;3512;wandelen, film;di middag\n"
         "Cor;Bakker;geen-adres;9999;;\n").encode()


def _upload(bus, org) -> str:
    return bus.handle(commands.UploadImport(org, "volunteers", "vrijwilligers.csv", SHEET, "coordinator-1"))


def test_an_upload_guesses_the_columns_and_waits_for_the_coordinator(bus, org):
    job_id = _upload(bus, org)
    with stored(bus) as uow:
        job = uow.imports.get(job_id, org)
    assert job.status == "mapping" and job.total == 2
    assert job.mapping["E-mail"] == "email" and job.mapping["Beschikbaarheid"] == "availability"
    assert bus.db.state.outbox == []  # nothing for the workers until the coordinator starts it


def test_a_started_import_brings_in_each_good_row_once_and_reports_the_rest(bus, org):
    job_id = _upload(bus, org)
    with stored(bus) as uow:
        mapping = uow.imports.get(job_id, org).mapping
    assert bus.handle(commands.StartImport(org, job_id, mapping, "coordinator-1")) == "queued"
    assert run_events(bus) == ["import.queued", "volunteer.applied"]
    with stored(bus) as uow:
        job = uow.imports.get(job_id, org)
        [volunteer] = uow.read_model.volunteers(org, None)
        [consent] = uow.consents.of("volunteer", volunteer["id"])
    assert [(row["row"], row["outcome"]) for row in job.report] == [(2, "imported"), (3, "skipped")]
    assert (volunteer["email"], volunteer["status"], consent.given_via) == ("bram@example.org", "applied", "import")
    assert job.status == "done" and bus.db.state.import_rows == {}  # the rows are personal data: gone
    with pytest.raises(Conflict):
        bus.handle(commands.StartImport(org, job_id, mapping, "coordinator-1"))


def _xlsx(rows: list[list]) -> bytes:
    book = Workbook()
    for row in rows:
        book.active.append(row)
    out = io.BytesIO()
    book.save(out)
    return out.getvalue()


def test_an_excel_date_survives_the_upload_and_the_worker(bus, org):
    """Excel dates are stored as ISO text with the upload (2025-03-01T00:00:00); the worker reads them back
    as the sign-up day, so the person keeps their place on the waiting list."""
    sheet = _xlsx([["First name", "E-mail", "Zip", "Interests", "Availability", "Type", "Signed up"],
                   ["Anna", "anna@example.org", "3511", "coffee", "Tuesday afternoon", "maatje", datetime(2025, 3, 1)]])
    job_id = bus.handle(commands.UploadImport(org, "requests", "wachtlijst.xlsx", sheet, "coordinator-1"))
    with stored(bus) as uow:
        mapping = uow.imports.get(job_id, org).mapping
    bus.handle(commands.StartImport(org, job_id, mapping, "coordinator-1"))
    run_events(bus)
    with stored(bus) as uow:
        assert [(row["outcome"], row["reason"]) for row in uow.imports.get(job_id, org).report] == [("imported", "")]
        [request] = uow.read_model.requests(org, "waiting", bus.deps.clock.now())
    assert request["created_at"].date() == date(2025, 3, 1)


def test_the_cli_import_runs_through_the_bus_and_hands_its_events_over_at_once(bus, org):
    published: list[str] = []
    bus.publish = lambda events: published.extend(event["name"] for event in events) or []
    _mapping, outcomes = service.import_file(bus, org, "volunteers", "vrijwilligers.csv", SHEET)
    assert [o.outcome for o in outcomes] == ["imported", "skipped"]
    assert published == ["volunteer.applied"]
    with stored(bus) as uow:
        assert [job.status for job in uow.imports.store.values()] == ["done"]  # no worker runs it again
    assert bus.db.state.import_rows == {}
