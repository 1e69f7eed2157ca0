"""The bewijs van werkervaring on A4 (reportlab): layout only; the words come from the service."""
from __future__ import annotations

import io
from xml.sax.saxutils import escape

from reportlab.lib import colors
from reportlab.lib.pagesizes import A4
from reportlab.lib.styles import ParagraphStyle
from reportlab.lib.units import mm
from reportlab.platypus import Paragraph, SimpleDocTemplate, Spacer, Table

from matching.domain.certificate import Certificate

BODY = ParagraphStyle("body", fontName="Helvetica", fontSize=12, leading=17, spaceAfter=6)
TITLE = ParagraphStyle("title", parent=BODY, fontName="Helvetica-Bold", fontSize=24, leading=30, spaceAfter=4)
ISSUER = ParagraphStyle("issuer", parent=BODY, fontSize=13, leading=18, textColor=colors.HexColor("#444444"))
NAME = ParagraphStyle("name", parent=BODY, fontName="Helvetica-Bold", fontSize=20, leading=26, spaceBefore=6)
LABEL = ParagraphStyle("label", parent=BODY, fontName="Helvetica-Bold", spaceAfter=0)
SIGN = ParagraphStyle("sign", parent=BODY, fontSize=10, leading=13)
QUOTE = ParagraphStyle("quote", parent=BODY, fontName="Helvetica-Oblique", leftIndent=8 * mm)


def _p(text: str, style: ParagraphStyle = BODY) -> Paragraph:
    return Paragraph(escape(text).replace("\n", "<br/>"), style)


def render(cert: Certificate) -> bytes:
    """One A4 page: title, name, a table of what and where, the supervisor's words, the date."""
    out = io.BytesIO()
    doc = SimpleDocTemplate(out, pagesize=A4, leftMargin=24 * mm, rightMargin=24 * mm, topMargin=24 * mm,
                            bottomMargin=20 * mm, title=f"Bewijs van werkervaring – {cert.person}",
                            author=cert.organization, subject="Bewijs van werkervaring")
    rows = [("Werk", cert.place), *([("Bij", cert.host)] if cert.host else []), ("Periode", cert.period),
            ("Uren per week", str(cert.hours_per_week) if cert.hours_per_week else "–"),
            ("Soort werk", ", ".join(cert.work_areas) or "–")]
    if cert.tasks:
        rows.append(("Taken", cert.tasks))
    if cert.supervisor:
        rows.append(("Werkbegeleider", cert.supervisor))
    table = Table([[_p(label, LABEL), _p(value)] for label, value in rows], colWidths=[42 * mm, None],
                  style=[("VALIGN", (0, 0), (-1, -1), "TOP"), ("LEFTPADDING", (0, 0), (-1, -1), 0),
                         ("LINEBELOW", (0, 0), (-1, -2), 0.5, colors.HexColor("#bbbbbb")),
                         ("TOPPADDING", (0, 0), (-1, -1), 4), ("BOTTOMPADDING", (0, 0), (-1, -1), 4)])
    story = [_p("Bewijs van werkervaring", TITLE), _p(cert.organization, ISSUER), Spacer(1, 8 * mm),
             _p("Hierbij verklaren wij dat", BODY), _p(cert.person, NAME),
             _p("werkervaring opdoet op een werkervaringsplaats." if cert.running
                else "werkervaring heeft opgedaan op een werkervaringsplaats.", BODY), Spacer(1, 4 * mm), table]
    if cert.closing_words:
        story += [Spacer(1, 6 * mm), _p("Wat de werkbegeleider zegt", LABEL), _p(f"“{cert.closing_words}”", QUOTE)]
    story += [Spacer(1, 10 * mm), _p(f"{cert.organization}, {cert.issued_on}"), Spacer(1, 14 * mm),
              Table([[_p("Handtekening werkbegeleider" + (f"\n{cert.supervisor}" if cert.supervisor else ""), SIGN),
                      "", _p("Handtekening coördinator", SIGN)]], colWidths=[70 * mm, 20 * mm, 70 * mm],
                    style=[("LINEABOVE", (0, 0), (0, 0), 0.5, colors.black), ("LINEABOVE", (2, 0), (2, 0), 0.5, colors.black),
                           ("VALIGN", (0, 0), (-1, -1), "TOP"), ("LEFTPADDING", (0, 0), (-1, -1), 0)])]
    doc.build(story)
    return out.getvalue()


class PdfCertificates:
    """The service layer's `CertificatePrinter` port."""

    def render(self, certificate: Certificate) -> bytes:
        return render(certificate)
