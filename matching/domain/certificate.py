"""A bewijs van werkervaring: what someone did at a werkervaringsplaats, in words (the service writes it,
an adapter lays it out as a PDF)."""
from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class Certificate:
    organization: str  # who issues it
    person: str  # the person's name as we know it (a first name; no more is asked)
    place: str  # the placement's title: the work
    host: str | None  # where: the host organisation and its address
    period: str  # "2 maart 2026 tot 14 september 2026" or "sinds 2 maart 2026"
    hours_per_week: int | None  # the person's own hours when they gave them, else the placement's
    work_areas: tuple[str, ...]  # Dutch labels
    tasks: str | None
    supervisor: str | None
    closing_words: str | None
    issued_on: str
    running: bool = False  # the placement still runs: "doet werkervaring op" rather than "heeft opgedaan"
