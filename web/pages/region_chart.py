"""The region's latest quarter drawn as SVG on the server (as the dashboard's charts are): per
organisation a group of horizontal bars, with the same numbers as a table beside it."""
from __future__ import annotations

from typing import Any

SERIES = (("waiting", "Wachtend"), ("matched", "Gekoppeld"), ("transferred", "Overgedragen"), ("referred", "Verwezen"))
WIDTH, LABEL, BAR, GAP = 640, 200, 12, 14


def chart(quarters: list[dict]) -> dict[str, Any] | None:
    """Bars for the newest quarter; None when there is nothing to draw."""
    if not quarters:
        return None
    latest = quarters[-1]["quarter"]
    rows = [row for row in quarters if row["quarter"] == latest]
    top = max([row[key] for row in rows for key, _ in SERIES] + [1])
    scale = (WIDTH - LABEL - 40) / top
    groups, y = [], 8
    for row in rows:
        bars = [{"key": key, "label": label, "value": row[key], "y": y + i * BAR, "width": round(row[key] * scale, 1),
                 "style": f"s{i}"} for i, (key, label) in enumerate(SERIES)]
        groups.append({"name": row["organization"], "y": y + 2 * BAR, "bars": bars})
        y += len(SERIES) * BAR + GAP
    return {"quarter": latest.replace("-K", " K"), "width": WIDTH, "height": y, "label_x": LABEL - 8,
            "bar_x": LABEL, "groups": groups, "series": SERIES}
