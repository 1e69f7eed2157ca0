"""Reading a spreadsheet is bounded while it reads: rows, columns, cell length, and an XLSX's unpacked size.
A file that asks for more is refused in plain Dutch, in little memory, and no global csv state changes."""
import csv
import io
import json
import subprocess
import sys
import tracemalloc
from pathlib import Path

import pytest

from matching.services.importing import limits, xlsx as xlsx_reader, xlsx_shape
from matching.services.importing.reader import UnreadableFile, open_table
from tests.factories.xlsx import MAIN, bomb, xlsx

pytestmark = pytest.mark.unit
ROOT = Path(__file__).resolve().parents[2]


def read_all(name: str, content: bytes) -> tuple[list[str], int]:
    with open_table(name, content) as table:
        return table.headers, sum(1 for _ in table.rows)


def _peak_growth_in_a_fresh_process(path: Path) -> dict:
    """Refuse the file at `path` in a new Python process, under a 1 GB address-space cap beyond what it
    had (so the old reader, which held every row, fails fast instead of taking the machine), and report
    the peak resident memory the refusal added."""
    script = f"""
import json, resource, sys
from matching.services.importing.reader import UnreadableFile, open_table
content = open({str(path)!r}, "rb").read()
size = int(open("/proc/self/statm").read().split()[0]) * resource.getpagesize()
resource.setrlimit(resource.RLIMIT_AS, (size + 2**30, size + 2**30))
before = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
try:
    with open_table("bom.xlsx", content) as table:
        rows = sum(1 for _ in table.rows)
    outcome = f"read {{rows}} rows"
except UnreadableFile as error:
    outcome = str(error)
except MemoryError:
    outcome = "MemoryError"
grown = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss - before
print(json.dumps({{"outcome": outcome, "grown_mb": grown / 1024}}))
"""
    done = subprocess.run([sys.executable, "-c", script], capture_output=True, text=True, cwd=ROOT,
                          env={"PYTHONPATH": str(ROOT), "PATH": "/usr/bin:/bin"})
    assert done.returncode == 0, done.stderr[-2000:]
    return json.loads(done.stdout.strip().splitlines()[-1])


def test_a_zip_bomb_is_refused_in_dutch_before_it_is_unpacked_and_in_little_memory(tmp_path):
    content = bomb(3_000_000)  # three million rows of one identical cell: about 190 KB packed, 78 MB unpacked
    assert len(content) < 1_000_000
    path = tmp_path / "bom.xlsx"
    path.write_bytes(content)
    result = _peak_growth_in_a_fresh_process(path)
    assert "uitgepakt veel groter" in result["outcome"], result
    assert result["grown_mb"] < 100, result


def test_an_xlsx_that_passes_the_directory_check_is_still_cut_off_at_the_row_limit(tmp_path):
    # 20,001 rows of varying numbers pack loosely enough for the zip check: the count while reading refuses it
    content = xlsx([["Voornaam", "Nummer"]] + [[f"naam{i}", i] for i in range(limits.MAX_ROWS + 1)])
    xlsx_reader.check_archive(content).close()
    with pytest.raises(UnreadableFile, match=r"meer dan 20\.000 regels"):
        read_all("lijst.xlsx", content)
    path = tmp_path / "lang.xlsx"
    path.write_bytes(content)
    result = _peak_growth_in_a_fresh_process(path)
    assert "meer dan 20.000 regels" in result["outcome"] and result["grown_mb"] < 100, result


def test_a_sheet_without_a_dimension_is_counted_before_openpyxl_opens_the_workbook(monkeypatch):
    # opening a workbook, openpyxl reads a sheet with no <dimension> to its end, keeping an element per row
    def never(*_args, **_kwargs):
        raise AssertionError("openpyxl opened the workbook")

    monkeypatch.setattr(xlsx_reader, "load_workbook", never)
    with pytest.raises(UnreadableFile, match=r"meer dan 20\.000 regels"):
        read_all("lijst.xlsx", xlsx([["voornaam"]] + [["Bram"]] * (limits.MAX_ROWS + 1)))


def test_a_sheet_that_declares_its_dimension_is_counted_whole_before_its_rows_are_read():
    from openpyxl import Workbook

    book = Workbook(write_only=True)
    sheet = book.create_sheet()
    for row in [["voornaam"]] + [["Bram"]] * (limits.MAX_ROWS + 1):
        sheet.append(row)
    out = io.BytesIO()
    book.save(out)
    with pytest.raises(UnreadableFile, match=r"meer dan 20\.000 regels"):
        read_all("lijst.xlsx", out.getvalue())


def test_the_row_limit_holds_for_csv_and_xlsx_and_exactly_the_limit_is_read():
    header = "voornaam;postcode\n"
    at_limit = (header + "Bram;3511\n" * limits.MAX_ROWS).encode()
    assert read_all("lijst.csv", at_limit) == (["voornaam", "postcode"], limits.MAX_ROWS)
    with pytest.raises(UnreadableFile, match=r"meer dan 20\.000 regels"):
        read_all("lijst.csv", at_limit + b"Anna;3512\n")
    assert read_all("lijst.xlsx", xlsx([["voornaam"]] + [["Bram"]] * limits.MAX_ROWS))[1] == limits.MAX_ROWS


def test_empty_lines_count_towards_a_bound_of_their_own():
    content = ("voornaam\nBram\n" + "\n;\n" * limits.MAX_LINES).encode()
    with pytest.raises(UnreadableFile, match="lege regels meegeteld"):
        read_all("lijst.csv", content)


@pytest.mark.parametrize("length", [limits.MAX_CELL_CHARS + 1, 131_073])
def test_a_cell_longer_than_the_bound_is_a_dutch_message_with_its_line(length):
    content = f'voornaam;opmerkingen\nBram;kort\nAnna;"{"x" * length}"\n'.encode()
    with pytest.raises(UnreadableFile, match=r"Regel 3 heeft een cel met meer dan 5\.000 tekens"):
        read_all("lijst.csv", content)
    with pytest.raises(UnreadableFile, match=r"Regel 2 heeft een cel met meer dan 5\.000 tekens"):
        read_all("lijst.xlsx", xlsx([["voornaam"], ["x" * length]]))


def test_more_columns_than_the_bound_are_refused_but_trailing_empty_cells_do_not_count():
    wide = ";".join(f"k{i}" for i in range(limits.MAX_COLUMNS + 1))
    with pytest.raises(UnreadableFile, match="Regel 1 heeft meer dan 100 kolommen"):
        read_all("lijst.csv", f"{wide}\n".encode())
    trailing = "voornaam;postcode" + ";" * 500 + "\nBram;3511" + ";" * 500 + "\n"
    assert read_all("lijst.csv", trailing.encode()) == (["voornaam", "postcode"], 1)


def test_one_row_of_a_million_cells_is_refused_while_counting_without_holding_it():
    class Stream:
        """A sheet whose one row holds a million cells, made as it is read."""

        def __init__(self):
            self.parts = iter([f'<worksheet xmlns="{MAIN}"><sheetData><row r="1">'.encode()]
                              + [b"<c><v>1</v></c>" * 4096] * 250 + [b"</row></sheetData></worksheet>"])

        def read(self, _size):
            return next(self.parts, b"")

    tracemalloc.start()
    try:
        with pytest.raises(UnreadableFile, match="Regel 1 heeft meer dan 100 kolommen"):
            xlsx_shape.check_sheet(Stream())
        peak = tracemalloc.get_traced_memory()[1]
    finally:
        tracemalloc.stop()
    assert peak < 10 * 2**20


def test_archives_that_declare_absurd_sizes_are_refused_before_opening():
    out = io.BytesIO()
    import zipfile

    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("xl/styles.xml", b" " * (xlsx_reader.MAX_OTHER + 1))
    with pytest.raises(UnreadableFile, match="uitgepakt veel groter"):
        xlsx_reader.check_archive(out.getvalue())
    with pytest.raises(UnreadableFile, match="Excel"):
        xlsx_reader.check_archive(b"PK\x05\x06" + b"\x00" * 6 + b"\xff\xff" + b"\x00" * 10)  # 65,535 parts
    with pytest.raises(UnreadableFile, match="Excel"):
        read_all("lijst.xlsx", b"not a zip")


CSV_STATE = ("delimiter", "quotechar", "escapechar", "doublequote", "skipinitialspace", "lineterminator",
             "quoting", "strict")


def test_reading_a_csv_changes_no_global_csv_state():
    before = ({name: getattr(csv.excel, name, None) for name in CSV_STATE}, csv.field_size_limit(), csv.list_dialects())
    # the Sniffer cannot tell this file's delimiter: the reader falls back to ';' for this file only
    headers, count = read_all("lijst.csv", "voornaam;e-mail\nBram;b@example.org\nAnna\n".encode())
    assert headers == ["voornaam", "e-mail"] and count == 2
    with pytest.raises(UnreadableFile):
        read_all("lijst.csv", f'voornaam\n"{"x" * 131_073}"\n'.encode())
    after = ({name: getattr(csv.excel, name, None) for name in CSV_STATE}, csv.field_size_limit(), csv.list_dialects())
    assert after == before and csv.excel.delimiter == ","
    assert next(csv.reader(io.StringIO("a,b;c"))) == ["a", "b;c"]
