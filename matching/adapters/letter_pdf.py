"""A printed letter on A4 (reportlab), with the private link as a QR code drawn as vector squares
(segno's matrix), so it stays sharp on any printer. Layout only: the words come from the service."""
from __future__ import annotations

import io

import segno
from reportlab.lib import colors
from reportlab.lib.enums import TA_RIGHT
from reportlab.lib.pagesizes import A4
from reportlab.lib.styles import ParagraphStyle
from reportlab.lib.units import mm
from reportlab.platypus import Flowable, KeepTogether, ListFlowable, ListItem, Paragraph, SimpleDocTemplate, Spacer, Table
from xml.sax.saxutils import escape

from matching.domain.letter import Letter, Section

BODY = ParagraphStyle("body", fontName="Helvetica", fontSize=12, leading=17, spaceAfter=4)
HEAD = ParagraphStyle("head", parent=BODY, fontName="Helvetica-Bold", fontSize=14, leading=18, spaceBefore=10,
                      spaceAfter=4)
SENDER = ParagraphStyle("sender", parent=BODY, fontSize=10, leading=13, spaceAfter=0)
SENDER_NAME = ParagraphStyle("sender_name", parent=SENDER, fontName="Helvetica-Bold", fontSize=13, leading=17)
DATE = ParagraphStyle("date", parent=BODY, alignment=TA_RIGHT)
ADDRESS = ParagraphStyle("address", parent=BODY, fontName="Courier-Bold", fontSize=15, leading=20)


class QrCode(Flowable):
    """The QR code as black squares on the page (with its quiet zone), `size` wide."""

    def __init__(self, data: str, size: float):
        super().__init__()
        self.matrix = segno.make(data, error="m").matrix
        self.size = size
        self.width = self.height = size

    def draw(self) -> None:
        count = len(self.matrix) + 8  # four modules of white on every side
        module = self.size / count
        self.canv.setFillColor(colors.black)
        for row, cells in enumerate(self.matrix):
            for col, dark in enumerate(cells):
                if dark:
                    self.canv.rect((col + 4) * module, self.size - (row + 5) * module, module, module,
                                   stroke=0, fill=1)


def _p(text: str, style: ParagraphStyle = BODY) -> Paragraph:
    return Paragraph(escape(text), style)


def _section(section: Section) -> list[Flowable]:
    out: list[Flowable] = [_p(section.title, HEAD)] if section.title else []
    if section.bullets:
        out.append(ListFlowable([ListItem(_p(line), leftIndent=14) for line in section.lines], bulletType="bullet",
                                start="•", leftIndent=14, bulletFontSize=12))
    else:
        out += [_p(line) for line in section.lines]
    return [KeepTogether(out)]


def render(letter: Letter) -> bytes:
    """The letter as PDF bytes: one A4 page for the usual length."""
    out = io.BytesIO()
    doc = SimpleDocTemplate(out, pagesize=A4, leftMargin=22 * mm, rightMargin=22 * mm, topMargin=18 * mm,
                            bottomMargin=16 * mm, title=letter.title, author=letter.sender[0], subject=letter.title)
    story: list[Flowable] = [_p(letter.sender[0], SENDER_NAME), *[_p(line, SENDER) for line in letter.sender[1:]],
                             _p(letter.date, DATE), Spacer(1, 4 * mm), _p(letter.greeting)]
    for section in letter.before:
        story += _section(section)
    link = [_p(letter.link_title, HEAD), *[_p(line) for line in letter.link_lines], _p(letter.short_url, ADDRESS),
            Table([[_p(letter.scan_text), QrCode(letter.qr_url, 36 * mm)]], colWidths=[None, 38 * mm],
                  style=[("VALIGN", (0, 0), (-1, -1), "MIDDLE"), ("LEFTPADDING", (0, 0), (-1, -1), 0)])]
    story += [Spacer(1, 3 * mm), Table([[link]], style=[  # framed: the part to keep safe
        ("BOX", (0, 0), (-1, -1), 1.2, colors.black), ("LEFTPADDING", (0, 0), (-1, -1), 5 * mm),
        ("RIGHTPADDING", (0, 0), (-1, -1), 4 * mm), ("BOTTOMPADDING", (0, 0), (-1, -1), 2 * mm)])]
    for section in letter.after:
        story += _section(section)
    story += [Spacer(1, 3 * mm), *[_p(line) for line in letter.sign_off]]
    doc.build(story)
    return out.getvalue()


class PdfLetters:
    """The service layer's `LetterPrinter` port."""

    def render(self, letter: Letter) -> bytes:
        return render(letter)
