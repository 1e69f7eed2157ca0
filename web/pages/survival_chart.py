"""The dashboard's survival curve drawn as SVG on the server: step lines per start quarter, axes with
labels, and the same numbers as a table for screen readers and for anyone who prefers numbers."""
from __future__ import annotations

from typing import Any

# A phone shows it about 340 px wide: drawn at that size, its 13 px labels are never shrunk below 12 px.
WIDTH, HEIGHT = 340, 220
LEFT, RIGHT, TOP, BOTTOM = 44, 12, 12, 40
ALL = "Alle koppelingen"
QUARTERS = ("jan–mrt", "apr–jun", "jul–sep", "okt–dec")


def _x(month: float, months: int) -> float:
    return round(LEFT + month / max(months, 1) * (WIDTH - LEFT - RIGHT), 1)


def _y(share: float) -> float:
    return round(TOP + (1 - share) * (HEIGHT - TOP - BOTTOM), 1)


def _path(points: list[dict], months: int) -> str:
    """A step line: flat until the next month's share, then straight down (a Kaplan-Meier curve drops, never slopes)."""
    d = f"M {_x(0, months)} {_y(points[0]['share_active'])}"
    for point in points[1:]:
        d += f" H {_x(point['month'], months)} V {_y(point['share_active'])}"
    return d


def chart(survival: list[dict], by_quarter: dict[str, list[dict]]) -> dict[str, Any] | None:
    """Lines, axes and table rows for the template; None when no match has run yet."""
    curves = [(ALL, survival)] + [(_quarter(quarter), points) for quarter, points in by_quarter.items()
                                  if points]
    curves = [(label, points) for label, points in curves if len(points) > 1]
    if not curves:  # nobody followed for a month yet: a curve of one point says nothing
        return None
    months = max(12, max(p["month"] for _label, points in curves for p in points))
    lines = [{"label": label, "d": _path(points, months), "style": f"s{i}",
              "end": {p["month"]: p["share_active"] for p in points}} for i, (label, points) in enumerate(curves)]
    ticks_x = [{"x": _x(m, months), "label": str(m)} for m in range(0, months + 1, 3)]
    ticks_y = [{"y": _y(s / 100), "label": f"{s}%"} for s in (0, 25, 50, 75, 100)]
    rows = [{"month": m, "shares": [_percent(line["end"].get(m)) for line in lines]} for m in range(0, months + 1)
            if any(m in line["end"] for line in lines)]
    six = next((p["share_active"] for p in survival if p["month"] == 6), None)
    return {"width": WIDTH, "height": HEIGHT, "left": LEFT, "bottom": HEIGHT - BOTTOM, "right": WIDTH - RIGHT,
            "top": TOP, "lines": lines, "ticks_x": ticks_x, "ticks_y": ticks_y, "rows": rows,
            "six_months": _percent(six) if six is not None else None}


def _quarter(key: str) -> str:
    """"2026-K1" -> "begonnen jan–mrt 2026"."""
    year, number = key.split("-K")
    return f"begonnen {QUARTERS[int(number) - 1]} {year}"


def _percent(share: float | None) -> str:
    return "" if share is None else f"{round(share * 100)}%"
