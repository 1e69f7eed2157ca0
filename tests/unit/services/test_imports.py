"""Importing a spreadsheet: upload, map, and the worker's run, row by row, without duplicates."""
from __future__ import annotations

import pytest

from matching.domain import commands as c
from matching.domain.errors import Conflict
from tests.fakes import run_events
from tests.unit.services.conftest import stored

pytestmark = pytest.mark.unit
SHEET = ("Voornaam;Achternaam;E-mail;Postcode;Interesses;Beschikbaarheid\n"
         "Bram;de Vries;bram@example.org;3512;wandelen, film;di middag\n"
         "Cor;Bakker;geen-adres;9999;;\n").encode()


def _upload(bus, org) -> str:
    return bus.handle(c.UploadImport(org, "volunteers", "vrijwilligers.csv", SHEET, "coordinator-1"))


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
    assert bus.handle(c.StartImport(org, job_id, mapping, "coordinator-1")) == "queued"
    assert run_events(bus) == ["import.queued", "volunteer.applied"]
    with stored(bus) as uow:
        job = uow.imports.get(job_id, org)
        [volunteer] = uow.read_model.volunteers(org, None)
        [consent] = uow.consents.of("volunteer", volunteer["id"])
    assert [(row["row"], row["outcome"]) for row in job.report] == [(2, "imported"), (3, "skipped")]
    assert (volunteer["email"], volunteer["status"], consent.given_via) == ("bram@example.org", "applied", "import")
    assert job.status == "done" and bus.db.state.import_rows == {}  # the rows are personal data: gone
    with pytest.raises(Conflict):
        bus.handle(c.StartImport(org, job_id, mapping, "coordinator-1"))
