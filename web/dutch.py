"""Numbers and months as a Dutch reader expects them on the coordinator's pages: "35,5" and "48"
(never "48.0"), "nov" on a chart's axis and "november 2026" in its table."""
from __future__ import annotations

MONTHS = ("januari", "februari", "maart", "april", "mei", "juni", "juli", "augustus", "september", "oktober",
          "november", "december")
SHORT = ("jan", "feb", "mrt", "apr", "mei", "jun", "jul", "aug", "sep", "okt", "nov", "dec")


def number(value: float | int | None, decimals: int = 1) -> str:
    """A decimal comma, and no ",0" for a whole number."""
    if value is None:
        return ""
    rounded = round(float(value), decimals)
    if rounded.is_integer():
        return str(int(rounded))
    return f"{rounded:.{decimals}f}".replace(".", ",")


def month_short(year_month: str) -> str:
    """"2026-11" -> "nov" (a chart's axis; its caption names the first and last month in full)."""
    return SHORT[int(year_month.split("-")[1]) - 1]


def month_long(year_month: str) -> str:
    """"2026-11" -> "november 2026"."""
    year, month = (int(part) for part in year_month.split("-"))
    return f"{MONTHS[month - 1]} {year}"


def register(app) -> None:
    app.add_template_filter(number, "nl_number")
    app.add_template_filter(month_short, "month_short")
    app.add_template_filter(month_long, "month_long")
