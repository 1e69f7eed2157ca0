"""The first sheet of an XLSX, read in bounded memory.

An XLSX is a zip of XML parts; a megabyte of it can unpack into millions of cells. So, in this order:
the zip's central directory is checked before anything is unpacked (zipfile never unpacks more than the
size declared there), the sheet's XML is counted by expat in constant memory (openpyxl builds each row
whole before handing it over), and only then does openpyxl read the sheet row by row in read-only mode.
"""
from __future__ import annotations

import io
import struct
import zipfile
from contextlib import contextmanager
from typing import Iterator
from xml.parsers import expat

from openpyxl import load_workbook

from matching.services.importing import limits
from matching.services.importing.limits import UnreadableFile

MB = 1 << 20
MAX_PARTS = 500  # parts in the zip; a workbook has a few dozen
MAX_DIRECTORY = MB  # bytes of the zip's central directory
MAX_SHEET = 50 * MB  # unpacked; 20,000 rows of 100 filled cells need about 40 MB
MAX_STRINGS = 10 * MB  # the shared strings: openpyxl loads them all when it opens the file
MAX_OTHER = 5 * MB  # styles, workbook, theme, pictures: parsed whole or never read
MAX_TOTAL = 100 * MB
MAX_RATIO = 100  # real sheets pack 4 to 12 times; a zip bomb 400 times and more
RATIO_FROM = MB  # small parts may pack tighter
MAX_ROW_CELLS = 16_384  # Excel's own widest sheet
CANNOT_OPEN = "Dit Excel-bestand kan Koppel niet openen."
_END_OF_DIRECTORY = b"PK\x05\x06"


@contextmanager
def sheet_lines(content: bytes) -> Iterator[Iterator[tuple]]:
    """The first sheet's lines as tuples of raw values (dates as datetime); UnreadableFile when the file
    cannot be opened or is bigger than a list of `limits.MAX_ROWS` rows can be."""
    check_archive(content)
    try:
        book = load_workbook(io.BytesIO(content), read_only=True, data_only=True)
    except Exception as error:  # openpyxl raises many kinds on a broken file
        raise UnreadableFile(CANNOT_OPEN) from error
    try:
        if not book.worksheets:
            raise UnreadableFile("Dit Excel-bestand heeft geen werkblad.")
        sheet = book.worksheets[0]
        with book._archive.open(sheet._worksheet_path) as source:  # read-only sheets keep their part's name
            check_sheet(source)
        sheet.reset_dimensions()  # the sheet's own claim of its size is not trusted: rows come as they are
        yield _values(sheet)
    finally:
        book.close()


def check_archive(content: bytes) -> None:
    """Refuse an archive whose table of contents declares more than a spreadsheet of this size needs."""
    at = content.rfind(_END_OF_DIRECTORY, max(0, len(content) - 22 - 0xFFFF))
    if at < 0 or len(content) < at + 22:
        raise UnreadableFile(CANNOT_OPEN)
    parts, directory = struct.unpack("<HL", content[at + 10: at + 16])
    if parts > MAX_PARTS or directory > MAX_DIRECTORY:  # checked before zipfile reads the directory
        raise UnreadableFile(CANNOT_OPEN)
    try:
        infos = zipfile.ZipFile(io.BytesIO(content)).infolist()
    except (zipfile.BadZipFile, zipfile.LargeZipFile, ValueError, EOFError) as error:
        raise UnreadableFile(CANNOT_OPEN) from error
    for info in infos:
        ratio_too_high = info.file_size > RATIO_FROM and info.file_size > MAX_RATIO * max(info.compress_size, 1)
        if info.file_size > _bound(info.filename) or ratio_too_high:
            raise limits.packed_too_tightly()
    if sum(info.file_size for info in infos) > MAX_TOTAL:
        raise limits.packed_too_tightly()


def _bound(name: str) -> int:
    if name.startswith("xl/worksheets/") and name.endswith(".xml"):
        return MAX_SHEET
    return MAX_STRINGS if name == "xl/sharedStrings.xml" else MAX_OTHER


class _Shape:
    """Counts a sheet's rows and cells as expat reads it; raises as soon as one bound is crossed."""

    def __init__(self) -> None:
        self.lines = self.filled_rows = self.cells = self.row_cells = self.row_number = 0
        self.row_filled = False

    def start(self, name: str, attributes: dict) -> None:
        tag = name.rpartition(":")[2]  # a prefix (x:row) is allowed
        if tag == "row":
            self.lines, self.row_cells, self.row_filled = self.lines + 1, 0, False
            number = attributes.get("r", "")
            self.row_number = int(number) if number.isdigit() else self.row_number + 1
            if self.lines > limits.MAX_LINES:
                raise limits.too_many_lines()
        elif tag == "c":
            self.row_cells, self.cells = self.row_cells + 1, self.cells + 1
            if self.row_cells > MAX_ROW_CELLS:
                raise limits.too_many_columns(self.row_number)
            if self.cells > limits.MAX_ROWS * limits.MAX_COLUMNS:
                raise limits.too_many_cells()
        elif tag in ("v", "is") and not self.row_filled:
            self.row_filled, self.filled_rows = True, self.filled_rows + 1
            if self.filled_rows > limits.MAX_ROWS + 1:  # the header and MAX_ROWS rows
                raise limits.too_many_rows()


def check_sheet(source) -> None:
    """Read the sheet's XML once with expat, holding nothing: too many rows, cells or cells in one row
    are refused before openpyxl holds any of them. A DOCTYPE (never in a real sheet) is refused too."""
    shape, parser = _Shape(), expat.ParserCreate()
    parser.StartElementHandler = shape.start
    parser.StartDoctypeDeclHandler = _no_doctype
    try:
        while chunk := source.read(1 << 16):
            parser.Parse(chunk, False)
        parser.Parse(b"", True)
    except (expat.ExpatError, zipfile.BadZipFile, EOFError) as error:
        raise UnreadableFile(CANNOT_OPEN) from error


def _no_doctype(*_args) -> None:
    raise UnreadableFile(CANNOT_OPEN)


def _values(sheet) -> Iterator[tuple]:
    try:
        yield from sheet.iter_rows(values_only=True)
    except Exception as error:  # a cell openpyxl cannot read: the file is broken, not Koppel
        raise UnreadableFile(CANNOT_OPEN) from error
