"""Reading a spreadsheet (CSV in any common dialect, or XLSX) as header names and a stream of rows.

Rows come one at a time and every bound of `limits` is checked while they are read, so no step holds a
whole file's rows and a file that unpacks into millions of cells is refused after the first rows too many.
"""
from __future__ import annotations

import codecs
import csv
import io
from contextlib import contextmanager
from dataclasses import dataclass
from datetime import date, datetime
from pathlib import Path
from typing import Iterable, Iterator

from matching.services.importing import limits, xlsx
from matching.services.importing.limits import UnreadableFile

__all__ = ["Table", "UnreadableFile", "open_table"]
Line = tuple  # the raw values of one line, trailing empty cells left off


@dataclass
class Table:
    headers: list[str]
    rows: Iterator[dict[str, object]]  # header -> raw value (str, date or number), only filled cells, plus `_row`


@contextmanager
def open_table(name: str, content: bytes) -> Iterator[Table]:
    """The headers (the first line with something in it) and the rows after them, read while iterating;
    UnreadableFile, in plain Dutch, as soon as the file turns out unreadable or too big."""
    suffix = Path(name).suffix.lower()
    if suffix in (".xlsx", ".xlsm"):
        source = xlsx.sheet_lines(content)
    elif suffix in (".csv", ".txt", ""):
        source = _csv_lines(content)
    else:
        raise UnreadableFile(f"Bestanden van het type {suffix} kan Koppel niet lezen. Gebruik .csv of .xlsx.")
    with source as raw:
        lines = _bounded(raw)
        first = next((line for line in lines if line[1]), None)
        if first is None:
            raise UnreadableFile("Het bestand is leeg.")
        headers = [_text(h) or f"kolom {i + 1}" for i, h in enumerate(first[1])]
        rows = _rows(lines, headers)
        try:
            yield Table(headers, rows)
        finally:
            rows.close()


def _bounded(raw: Iterable[Iterable[object]]) -> Iterator[tuple[int, Line]]:
    """(line number, values) for every line, empty ones as (); refuses a line too many, too wide or too long."""
    for number, values in enumerate(raw, start=1):
        if number > limits.MAX_LINES:
            raise limits.too_many_lines()
        line = tuple(values)
        end = len(line)
        while end and not _text(line[end - 1]):
            end -= 1
        if end > limits.MAX_COLUMNS:
            raise limits.too_many_columns(number)
        if any(isinstance(v, str) and len(v) > limits.MAX_CELL_CHARS for v in line[:end]):
            raise limits.cell_too_long(number)
        yield number, line[:end]


def _rows(lines: Iterator[tuple[int, Line]], headers: list[str]) -> Iterator[dict[str, object]]:
    count = 0
    for number, line in lines:
        if not line:
            continue  # an empty line in the sheet
        count += 1
        if count > limits.MAX_ROWS:
            raise limits.too_many_rows()
        row: dict[str, object] = {header: value for header, value in zip(headers, line) if _text(value)}
        row["_row"] = number
        yield row


@contextmanager
def _csv_lines(content: bytes) -> Iterator[Iterator[list[str]]]:
    """The CSV's records, decoded while read. The dialect is this file's own (the Sniffer's, or a
    delimiter passed to the reader): csv.excel and csv.field_size_limit, shared by the process, stay as they are."""
    encoding = _encoding(content)
    sample = content[:16384].decode(encoding, errors="ignore")
    stream = io.TextIOWrapper(io.BytesIO(content), encoding=encoding, newline="")
    try:
        reader = csv.reader(stream, csv.Sniffer().sniff(sample[:4096], delimiters=";,\t"))
    except csv.Error:
        reader = csv.reader(stream, delimiter=";" if sample.count(";") > sample.count(",") else ",")
    yield _records(reader)


def _records(reader: Iterator[list[str]]) -> Iterator[list[str]]:
    number = 0
    try:
        for number, record in enumerate(reader, start=1):
            yield record
    except csv.Error as error:
        if "field larger than field limit" in str(error):  # longer than the csv module's own bound
            raise limits.cell_too_long(number + 1) from None
        raise UnreadableFile(f"Regel {number + 1} van dit CSV-bestand kan Koppel niet lezen.") from None


def _encoding(content: bytes) -> str:
    """UTF-8 (with or without BOM), else Windows-1252: decoded in pieces, so no second copy of the file."""
    for encoding in ("utf-8-sig", "cp1252"):
        decoder = codecs.getincrementaldecoder(encoding)()
        try:
            for start in range(0, len(content), 1 << 20):
                decoder.decode(content[start: start + (1 << 20)])
            decoder.decode(b"", final=True)
            return encoding
        except UnicodeDecodeError:
            continue
    raise UnreadableFile("De tekens in dit bestand zijn niet te lezen.")


def _text(value: object) -> str:
    if value is None:
        return ""
    if isinstance(value, (date, datetime)):
        return value.isoformat()
    return str(value).strip()
