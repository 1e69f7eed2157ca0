"""Reading a spreadsheet (CSV in any common dialect, or XLSX) into header names and rows of raw values."""
from __future__ import annotations

import csv
import io
from datetime import date, datetime
from pathlib import Path

from openpyxl import load_workbook


class UnreadableFile(ValueError):
    """The file is not a CSV or XLSX Koppel can read; the message says why in plain Dutch."""


def read_table(name: str, content: bytes) -> tuple[list[str], list[dict[str, object]]]:
    """Headers and non-empty rows; each row maps header -> raw value (str, date or number), plus `_row`."""
    suffix = Path(name).suffix.lower()
    if suffix in (".xlsx", ".xlsm"):
        grid = _xlsx_rows(content)
    elif suffix in (".csv", ".txt", ""):
        grid = _csv_rows(content)
    else:
        raise UnreadableFile(f"Bestanden van het type {suffix} kan Koppel niet lezen. Gebruik .csv of .xlsx.")
    grid = iter(grid)
    headers = next((row for row in grid if any(_text(v) for v in row)), None)
    if headers is None:
        raise UnreadableFile("Het bestand is leeg.")
    headers = [_text(h) or f"kolom {i + 1}" for i, h in enumerate(headers)]
    rows = []
    for number, row in enumerate(grid, start=2):
        if not any(_text(v) for v in row):
            continue  # an empty line in the sheet
        values = {header: row[i] if i < len(row) else None for i, header in enumerate(headers)}
        values["_row"] = number
        rows.append(values)
    return headers, rows


def _xlsx_rows(content: bytes) -> list[tuple]:
    try:
        book = load_workbook(io.BytesIO(content), read_only=True, data_only=True)
    except Exception as error:
        raise UnreadableFile("Dit Excel-bestand kan Koppel niet openen.") from error
    try:
        return list(book.worksheets[0].iter_rows(values_only=True))
    finally:
        book.close()


def _csv_rows(content: bytes) -> list[list[str]]:
    for encoding in ("utf-8-sig", "cp1252"):
        try:
            text = content.decode(encoding)
            break
        except UnicodeDecodeError:
            continue
    else:  # pragma: no cover - cp1252 decodes nearly anything
        raise UnreadableFile("De tekens in dit bestand zijn niet te lezen.")
    try:
        dialect = csv.Sniffer().sniff(text[:4096], delimiters=";,\t")
    except csv.Error:
        dialect = csv.excel
        dialect.delimiter = ";" if text.count(";") > text.count(",") else ","
    return list(csv.reader(io.StringIO(text), dialect))


def _text(value: object) -> str:
    if value is None:
        return ""
    if isinstance(value, (date, datetime)):
        return value.isoformat()
    return str(value).strip()
