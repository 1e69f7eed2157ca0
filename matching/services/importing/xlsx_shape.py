"""Counting a sheet's XML with expat, in constant memory, before openpyxl parses it.

openpyxl's parser (ElementTree's iterparse) builds each row whole before handing it over, and keeps
an emptied element for every row it has passed; opening a workbook, it reads each sheet up to its
`<dimension>`, or to the end when there is none. So a sheet's shape is bounded here first: lines,
filled rows, cells, cells in one row, and elements kept or built at once.
"""
from __future__ import annotations

import zipfile
import zlib
from typing import BinaryIO
from xml.parsers import expat

from matching.services.importing import limits
from matching.services.importing.limits import UnreadableFile

MAIN = "http://schemas.openxmlformats.org/spreadsheetml/2006/main"
MAX_ROW_CELLS = 16_384  # Excel's own widest sheet
MAX_KEPT = 2 * limits.MAX_LINES  # rows and other elements down to a row's level: the parser keeps each
MAX_BUILT = 4 * MAX_ROW_CELLS  # elements inside one row (or any element at a row's level), built at once
CANNOT_OPEN = "Dit Excel-bestand kan Koppel niet openen."


class _DimensionFound(Exception):
    """openpyxl stops reading at the sheet's declared dimension when it opens the workbook; so may we."""


class _Shape:
    """Raises UnreadableFile as soon as one bound is crossed."""

    def __init__(self, until_dimension: bool) -> None:
        self.until_dimension = until_dimension
        self.depth = self.kept = self.built = 0
        self.lines = self.filled_rows = self.cells = self.row_cells = self.row_number = 0
        self.row_filled = False

    def start(self, name: str, attributes: dict) -> None:
        self.depth += 1
        if self.depth <= 3:  # worksheet > sheetData > row
            self.kept, self.built = self.kept + 1, 0
            if self.kept > MAX_KEPT:
                raise UnreadableFile(CANNOT_OPEN)
            if self.until_dimension and name == f"{MAIN}}}dimension" and attributes.get("ref"):
                raise _DimensionFound
        else:
            self.built += 1
            if self.built > MAX_BUILT:
                raise limits.too_many_columns(self.row_number)
        tag = name.rpartition("}")[2]
        if tag == "row":
            self._row(attributes.get("r", ""))
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

    def end(self, _name: str) -> None:
        self.depth -= 1

    def _row(self, number: str) -> None:
        self.lines, self.row_cells, self.row_filled = self.lines + 1, 0, False
        self.row_number = int(number) if number.isdigit() else self.row_number + 1
        if self.lines > limits.MAX_LINES:
            raise limits.too_many_lines()


def check_sheet(source: BinaryIO, until_dimension: bool = False) -> None:
    """Read a sheet's XML once, holding nothing. With `until_dimension`, stop where openpyxl stops when it
    opens the workbook. A DOCTYPE (never in a real sheet) is refused."""
    shape, parser = _Shape(until_dimension), expat.ParserCreate(namespace_separator="}")
    parser.StartElementHandler, parser.EndElementHandler = shape.start, shape.end
    parser.StartDoctypeDeclHandler = _no_doctype
    try:
        while chunk := source.read(1 << 16):
            parser.Parse(chunk, False)
        parser.Parse(b"", True)
    except _DimensionFound:
        return
    except (expat.ExpatError, zipfile.BadZipFile, zlib.error, EOFError) as error:  # broken XML, a bad checksum, cut short
        raise UnreadableFile(CANNOT_OPEN) from error


def _no_doctype(*_args) -> None:
    raise UnreadableFile(CANNOT_OPEN)
