"""The first sheet of an XLSX, read in bounded memory.

An XLSX is a zip of XML parts; a megabyte of it can unpack into millions of cells. So, in this order:
the zip's central directory is checked before anything is unpacked (zipfile never unpacks more than the
size declared there); each sheet is counted by expat as far as openpyxl will read it when it opens the
workbook (see xlsx_shape); then the first sheet is counted whole, and only then does openpyxl read it
row by row in read-only mode.
"""
from __future__ import annotations

import io
import struct
import zipfile
from contextlib import contextmanager
from typing import Iterator

from openpyxl import load_workbook

from matching.services.importing import limits
from matching.services.importing.limits import UnreadableFile
from matching.services.importing.xlsx_shape import CANNOT_OPEN, check_sheet

MB = 1 << 20
MAX_PARTS = 500  # parts in the zip; a workbook has a few dozen
MAX_DIRECTORY = MB  # bytes of the zip's central directory
MAX_SHEET = 50 * MB  # unpacked; 20,000 rows of 100 filled cells need about 40 MB
MAX_STRINGS = 10 * MB  # the shared strings: openpyxl loads them all when it opens the file
MAX_OTHER = 2 * MB  # styles, workbook, properties: openpyxl parses these whole
MAX_TOTAL = 100 * MB
MAX_RATIO = 100  # real sheets pack 4 to 12 times; a zip bomb 400 times and more
RATIO_FROM = MB  # small parts may pack tighter
_END_OF_DIRECTORY = b"PK\x05\x06"


@contextmanager
def sheet_lines(content: bytes) -> Iterator[Iterator[tuple]]:
    """The first sheet's lines as tuples of raw values (dates as datetime); UnreadableFile when the file
    cannot be opened or is bigger than a list of `limits.MAX_ROWS` rows can be."""
    with _broken_means_unreadable(), check_archive(content) as archive:
        for name in filter(_is_sheet, archive.namelist()):
            with archive.open(name) as source:
                check_sheet(source, until_dimension=True)
    with _broken_means_unreadable():
        book = load_workbook(io.BytesIO(content), read_only=True, data_only=True)
    try:
        with _broken_means_unreadable():
            if not book.worksheets:
                raise UnreadableFile("Dit Excel-bestand heeft geen werkblad.")
            sheet = book.worksheets[0]
            with book._archive.open(sheet._worksheet_path) as source:  # read-only sheets keep their part's name
                check_sheet(source)
            sheet.reset_dimensions()  # the sheet's own claim of its size is not trusted: rows come as they are
        yield _values(sheet)
    finally:
        book.close()


@contextmanager
def _broken_means_unreadable() -> Iterator[None]:
    """zipfile, zlib, expat and openpyxl raise many kinds of errors on a broken file (a bad header, an
    unknown compression, a password): to the coordinator each means the same."""
    try:
        yield
    except UnreadableFile:
        raise
    except Exception as error:
        raise UnreadableFile(CANNOT_OPEN) from error


def check_archive(content: bytes) -> zipfile.ZipFile:
    """The archive, once its table of contents declares no more than a spreadsheet of this size needs."""
    at = content.rfind(_END_OF_DIRECTORY, max(0, len(content) - 22 - 0xFFFF))
    if at < 0 or len(content) < at + 22:
        raise UnreadableFile(CANNOT_OPEN)
    parts, directory = struct.unpack("<HL", content[at + 10: at + 16])
    if parts > MAX_PARTS or directory > MAX_DIRECTORY:  # checked before zipfile reads the directory
        raise UnreadableFile(CANNOT_OPEN)
    try:
        archive = zipfile.ZipFile(io.BytesIO(content))
    except (zipfile.BadZipFile, zipfile.LargeZipFile, ValueError, EOFError) as error:
        raise UnreadableFile(CANNOT_OPEN) from error
    infos = archive.infolist()
    if sum(info.file_size for info in infos) > MAX_TOTAL or any(map(_too_big, infos)):
        archive.close()
        raise limits.packed_too_tightly()
    return archive


def _too_big(info: zipfile.ZipInfo) -> bool:
    too_tight = info.file_size > RATIO_FROM and info.file_size > MAX_RATIO * max(info.compress_size, 1)
    return too_tight or info.file_size > _bound(info.filename)


def _is_sheet(name: str) -> bool:
    return name.startswith("xl/worksheets/") and name.endswith(".xml") and "/_rels/" not in name


def _bound(name: str) -> int:
    if _is_sheet(name):
        return MAX_SHEET
    return MAX_STRINGS if name == "xl/sharedStrings.xml" else MAX_OTHER


def _values(sheet) -> Iterator[tuple]:
    try:
        yield from sheet.iter_rows(values_only=True)
    except Exception as error:  # a cell openpyxl cannot read: the file is broken, not Koppel
        raise UnreadableFile(CANNOT_OPEN) from error
