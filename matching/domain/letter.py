"""A printed letter's content: its words in order, without layout (the service writes it, an adapter
lays it out on A4)."""
from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class Section:
    title: str
    lines: tuple[str, ...]
    bullets: bool = False


@dataclass(frozen=True)
class Letter:
    title: str  # the PDF's title
    sender: tuple[str, ...]  # the organisation's name, then how to reach it
    date: str
    greeting: str
    before: tuple[Section, ...]  # above the link
    link_title: str
    link_lines: tuple[str, ...]
    short_url: str  # printed large, to type
    scan_text: str
    qr_url: str  # in the QR code, to scan
    after: tuple[Section, ...]
    sign_off: tuple[str, ...]
