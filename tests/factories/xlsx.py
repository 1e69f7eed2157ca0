"""Hand-built XLSX files for the import's limits: a sheet's XML written as a stream into a zip, so a file of
millions of cells takes a second to make (openpyxl would write them cell by cell)."""
from __future__ import annotations

import io
import zipfile
from typing import Iterable, Iterator

MAIN = "http://schemas.openxmlformats.org/spreadsheetml/2006/main"
_REL = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"
_PARTS = {
    "[Content_Types].xml": (
        '<?xml version="1.0" encoding="UTF-8"?>'
        '<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">'
        '<Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/>'
        '<Default Extension="xml" ContentType="application/xml"/>'
        '<Override PartName="/xl/workbook.xml" '
        'ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml"/>'
        '<Override PartName="/xl/worksheets/sheet1.xml" '
        'ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml"/></Types>'),
    "_rels/.rels": (
        '<?xml version="1.0" encoding="UTF-8"?>'
        '<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">'
        '<Relationship Id="rId1" Target="xl/workbook.xml" '
        'Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument"/></Relationships>'),
    "xl/workbook.xml": (
        f'<?xml version="1.0" encoding="UTF-8"?><workbook xmlns="{MAIN}" xmlns:r="{_REL}">'
        '<sheets><sheet name="Blad1" sheetId="1" r:id="rId1"/></sheets></workbook>'),
    "xl/_rels/workbook.xml.rels": (
        '<?xml version="1.0" encoding="UTF-8"?>'
        '<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">'
        '<Relationship Id="rId1" Target="worksheets/sheet1.xml" '
        'Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/worksheet"/></Relationships>'),
}


class Number(str):
    """A number cell written exactly as given (say "1e400", which Excel never writes)."""


def _cell(value: object) -> str:
    if isinstance(value, (int, float, Number)):
        return f"<c><v>{value}</v></c>"
    text = str(value).replace("&", "&amp;").replace("<", "&lt;")
    return f'<c t="inlineStr"><is><t>{text}</t></is></c>'


def _sheet(rows: Iterable[Iterable[object]]) -> Iterator[bytes]:
    yield f'<?xml version="1.0" encoding="UTF-8"?><worksheet xmlns="{MAIN}"><sheetData>'.encode()
    batch: list[str] = []
    for row in rows:
        batch.append("<row>" + "".join(_cell(v) for v in row) + "</row>")
        if len(batch) >= 10_000:
            yield "".join(batch).encode()
            batch = []
    yield ("".join(batch) + "</sheetData></worksheet>").encode()


def xlsx(rows: Iterable[Iterable[object]]) -> bytes:
    """A one-sheet workbook whose rows are streamed into the zip (deflated), never held as a whole."""
    return _archive(_sheet(rows))


def _archive(sheet_parts: Iterable[bytes]) -> bytes:
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as archive:
        for name, text in _PARTS.items():
            archive.writestr(name, text)
        with archive.open("xl/worksheets/sheet1.xml", "w", force_zip64=True) as sheet:
            for part in sheet_parts:
                sheet.write(part)
    return out.getvalue()


def bomb(rows: int) -> bytes:
    """A header and then `rows` lines of one identical cell: three million of them pack into 190 KB."""
    return _archive([f'<?xml version="1.0" encoding="UTF-8"?><worksheet xmlns="{MAIN}"><sheetData>'
                     '<row><c t="inlineStr"><is><t>Voornaam</t></is></c></row>'.encode()]
                    + [b"<row><c><v>1</v></c></row>" * 10_000] * (rows // 10_000)
                    + [b"<row><c><v>1</v></c></row>" * (rows % 10_000) + b"</sheetData></worksheet>"])
