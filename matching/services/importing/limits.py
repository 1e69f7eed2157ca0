"""How much of a spreadsheet Koppel reads, and the plain Dutch refusal when a file asks for more.

An organisation moves in with hundreds or a few thousand people; these bounds leave room for that many
times over, and keep a small file that unpacks into millions of cells (a zip bomb) from filling the
memory of a web worker. Each bound is checked while reading, before the next row is read.
"""
from __future__ import annotations

MAX_ROWS = 20_000  # rows with something in them, the header not counted
MAX_LINES = 2 * MAX_ROWS  # every line read, empty ones included
MAX_COLUMNS = 100  # up to the last cell with something in it
MAX_CELL_CHARS = 5_000  # the longest free text Koppel keeps is 2,000 characters


class UnreadableFile(ValueError):
    """The file is not a CSV or XLSX Koppel can read, or holds more than it reads; the message says why
    in plain Dutch."""


def _number(n: int) -> str:
    return f"{n:,}".replace(",", ".")


def too_many_rows() -> UnreadableFile:
    return UnreadableFile(f"Dit bestand heeft meer dan {_number(MAX_ROWS)} regels. Koppel leest er hoogstens "
                          f"{_number(MAX_ROWS)} per keer. Splits het bestand in delen en importeer ze na elkaar.")


def too_many_lines() -> UnreadableFile:
    return UnreadableFile(f"Dit bestand heeft meer dan {_number(MAX_LINES)} regels, lege regels meegeteld. "
                          "Haal de lege regels weg of splits het bestand in delen.")


def too_many_columns(line: int) -> UnreadableFile:
    return UnreadableFile(f"Regel {line} heeft meer dan {MAX_COLUMNS} kolommen. Koppel leest hoogstens "
                          f"{MAX_COLUMNS} kolommen. Haal de kolommen weg die je niet nodig hebt.")


def cell_too_long(line: int) -> UnreadableFile:
    return UnreadableFile(f"Regel {line} heeft een cel met meer dan {_number(MAX_CELL_CHARS)} tekens. "
                          "Zo lang kan een cel in Koppel niet zijn. Maak de tekst korter en probeer het opnieuw.")


def too_many_cells() -> UnreadableFile:
    return UnreadableFile(f"Dit bestand heeft te veel cellen: Koppel leest hoogstens {_number(MAX_ROWS)} regels "
                          f"van {MAX_COLUMNS} kolommen. Splits het bestand in delen.")


def packed_too_tightly() -> UnreadableFile:
    return UnreadableFile("Dit Excel-bestand is uitgepakt veel groter dan een lijst van "
                          f"{_number(MAX_ROWS)} regels kan zijn. Koppel opent het daarom niet. "
                          "Sla de lijst op als .csv of splits hem in delen.")
