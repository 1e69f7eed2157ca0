"""The region's latest quarter drawn as SVG on the server (as the dashboard's charts are): per
organisation a group of horizontal bars, with the same numbers as a table beside it."""
from __future__ import annotations

from typing import Any

SERIES = (("waiting", "Wachtend"), ("matched", "Gekoppeld"), ("transferred", "Overgedragen"), ("referred", "Verwezen"))
WIDTH, BAR, GAP, NAME = 360, 14, 12, 18  # narrow: on a phone it is drawn at about its own size


def chart(quarters: list[dict]) -> dict[str, Any] | None:
    """Bars for the newest quarter; None when there is nothing to draw."""
    if not quarters:
        return None
    latest = quarters[-1]["quarter"]
    rows = [row for row in quarters if row["quarter"] == latest]
    top = max([row[key] for row in rows for key, _ in SERIES] + [1])
    scale = (WIDTH - 40) / top
    groups, y = [], 0
    for row in rows:  # the organisation's name on its own line, its four bars below it
        bars = [{"key": key, "label": label, "value": row[key], "y": y + NAME + i * BAR,
                 "width": round(row[key] * scale, 1), "style": f"s{i}"} for i, (key, label) in enumerate(SERIES)]
        groups.append({"name": row["organization"], "y": y + NAME - 5, "bars": bars})
        y += NAME + len(SERIES) * BAR + GAP
    return {"quarter": latest.replace("-K", " K"), "width": WIDTH, "height": y, "groups": groups, "series": SERIES}
