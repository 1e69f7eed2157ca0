"""Search, filters and pages for the workspace's lists: the API's parameters (web/schemas_lists.py) read
from the address bar, a bad one named in Dutch instead of a 500, and the active filters shown with a
link that removes each one."""
from __future__ import annotations

from dataclasses import dataclass, field

from flask import request, url_for
from marshmallow import EXCLUDE, Schema, ValidationError

from matching import vocabulary as vocab
from matching.domain.search import ListQuery
from web.schemas_lists import list_query

FIELD_LABELS = {"q": "Zoeken", "kind": "Soort", "status": "Status", "min_days": "Wachttijd", "sort": "Volgorde",
                "assigned": "Toegewezen", "health": "Gezondheid", "page": "Pagina", "per_page": "Aantal per pagina"}
MIN_DAYS = {30: "langer dan een maand", 90: "langer dan 3 maanden", 180: "langer dan een half jaar",
            365: "langer dan een jaar"}
SORT_LABELS = {"waiting": "langst wachtend eerst", "name": "op naam", "postcode": "op postcode"}
FILTERS = ("q", "kind", "status", "min_days", "health", "assigned", "sort")
ALIASES = {"gezondheid": "health"}  # older links on the dashboard and in reminders


@dataclass
class Listing:
    """What a list page needs besides its rows: the query, the active filters and the page links."""

    query: ListQuery
    values: dict[str, str]
    error: str | None = None
    active: list[tuple[str, str, str]] = field(default_factory=list)  # (label, value, address without it)

    def pages(self, total: int) -> dict:
        """Page n of m, with the addresses of the previous and the next page (same filters)."""
        count = max((total + self.query.per_page - 1) // self.query.per_page, 1)
        page = self.query.page

        def to(number: int) -> str:
            return _address({**self.values, "page": str(number)})
        return {"page": page, "pages": count, "total": total, "previous": to(page - 1) if page > 1 else None,
                "next": to(page + 1) if page < count else None}

    def back(self, anchor: str | None = None) -> str:
        """This list with the same filters and page, for a form to come back to after an action."""
        return _address({**self.values, "page": str(self.query.page)}) + (f"#{anchor}" if anchor else "")


def read(schema: type[Schema], labels: dict[str, dict[str, str]], user_id: str | None) -> Listing:
    """The list's parameters from the address. A bad value is left out and named in Dutch (the list is
    shown without it), so a mistyped address never ends in an error page."""
    raw = {ALIASES.get(k, k): v for k, v in request.args.items() if ALIASES.get(k, k) in schema().fields}
    raw = {k: v for k, v in raw.items() if v != ""}
    error = None
    try:
        args = schema(unknown=EXCLUDE).load(raw)
    except ValidationError as bad:
        names = [FIELD_LABELS.get(name, name) for name in bad.messages]
        error = f"Dit klopt niet en is weggelaten: {', '.join(names)}."
        raw = {k: v for k, v in raw.items() if k not in bad.messages}
        args = schema(unknown=EXCLUDE).load(raw)
    values = {k: v for k, v in raw.items() if k != "page" and not (k == "sort" and v == "waiting")}
    listing = Listing(list_query(args, user_id), values, error)
    for name in FILTERS:
        if name in values:
            shown = labels.get(name, {}).get(values[name], values[name])
            rest = {k: v for k, v in values.items() if k != name}
            listing.active.append((FIELD_LABELS[name], shown, _address(rest)))
    return listing


def kind_labels() -> dict[str, str]:
    return {key: labels[0] for key, labels in vocab.KINDS.items()}


def _address(values: dict[str, str]) -> str:
    return url_for(request.endpoint, **(request.view_args or {}), **values)
