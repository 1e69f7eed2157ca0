"""A spreadsheet bigger than Koppel reads is refused in plain Dutch on the upload page and by `koppel import`,
never with a 500, with nothing stored; an import leaves the process's csv module as it found it."""
import csv
import io

import pytest
from click.testing import CliRunner
from sqlalchemy import func, select

from cli.main import cli
from matching.adapters import orm
from matching.services.queries import volunteer_list
from matching.services.importing import service
from tests.e2e.test_public_forms import csrf
from tests.factories.xlsx import Number, bomb, xlsx

pytestmark = pytest.mark.e2e
TOO_MANY = "voornaam;postcode\n" + "Bram;3511\n" * 20_001  # 200 KB: the test client spools bigger bodies to a file
LONG_FIELD = 'voornaam;e-mail;postcode;opmerkingen\nBram;b@example.org;3511;"' + "x" * 131_073 + '"\n'


def upload(coordinator, content: bytes, name: str) -> tuple[int, str]:
    """The status and page of an upload; the response is closed, and with it the test client's temporary file."""
    token = csrf(coordinator, "/werkplek/importeren/")
    with coordinator.post("/werkplek/importeren/", data={
            "csrf_token": token, "soort": "volunteers", "bestand": (io.BytesIO(content), name)}) as response:
        return response.status_code, response.get_data(as_text=True)


def stored_imports(session_factory) -> int:
    with session_factory() as session:
        return session.scalar(select(func.count()).select_from(orm.import_jobs))


def test_a_zip_bomb_upload_is_refused_with_a_dutch_message_and_nothing_stored(coordinator, session_factory):
    status, page = upload(coordinator, bomb(3_000_000), "lijst.xlsx")  # 190 KB that unpacks into 3 million rows
    assert status == 422 and "uitgepakt veel groter dan een lijst van 20.000 regels" in page
    assert stored_imports(session_factory) == 0


def test_more_than_20000_rows_are_refused_by_the_upload_page_and_the_cli(coordinator, bus, org, session_factory,
                                                                          tmp_path):
    status, page = upload(coordinator, TOO_MANY.encode(), "lijst.csv")
    assert status == 422 and "Dit bestand heeft meer dan 20.000 regels" in page
    assert stored_imports(session_factory) == 0
    path = tmp_path / "lijst.csv"
    path.write_text(TOO_MANY)
    result = CliRunner().invoke(cli, ["import", "volunteers", str(path), "--org", "noord"])
    assert result.exit_code == 1 and "Dit bestand heeft meer dan 20.000 regels" in result.output
    assert volunteer_list.rows(bus, org["id"], None, None) == []  # not the first 20,000 either


def test_a_csv_field_longer_than_the_csv_module_reads_is_a_dutch_message_not_a_500(coordinator, org, tmp_path):
    status, page = upload(coordinator, LONG_FIELD.encode(), "lijst.csv")
    assert status == 422 and "Regel 2 heeft een cel met meer dan 5.000 tekens" in page
    path = tmp_path / "lijst.csv"
    path.write_text(LONG_FIELD)
    result = CliRunner().invoke(cli, ["import", "volunteers", str(path), "--org", "noord"])
    assert result.exit_code == 1 and "Regel 2 heeft een cel met meer dan 5.000 tekens" in result.output
    assert not isinstance(result.exception, csv.Error)


def test_an_import_leaves_the_global_csv_dialect_as_it_was(coordinator, bus, org):
    before = {name: getattr(csv.excel, name) for name in ("delimiter", "quotechar", "doublequote", "quoting",
                                                          "skipinitialspace", "lineterminator", "escapechar")}
    # one column short on the last line: the Sniffer gives up and the importer picks ';' for this file
    content = "voornaam;e-mail\nBram;bram@example.org\nAnna\n".encode()
    _, outcomes = service.import_file(bus, org["id"], "volunteers", "lijst.csv", content, dry_run=True)
    assert [o.row for o in outcomes] == [2, 3]
    assert upload(coordinator, content, "lijst.csv")[0] == 303
    assert {name: getattr(csv.excel, name) for name in before} == before
    assert next(csv.reader(io.StringIO("a,b;c"))) == ["a", "b;c"]


def test_an_infinite_number_in_a_sheet_is_kept_as_text_so_every_database_stores_the_row(coordinator, session_factory):
    status, _ = upload(coordinator, xlsx([["voornaam", "aantal"], ["Bram", Number("1e400")]]), "lijst.xlsx")
    assert status == 303  # PostgreSQL's JSON has no Infinity
    with session_factory() as session:
        rows = session.execute(select(orm.import_rows.c.rows)).scalar_one()
    assert rows[0]["aantal"] == "inf"
