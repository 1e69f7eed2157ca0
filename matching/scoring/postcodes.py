"""Dutch four-digit postcode areas and great-circle distances between them.

Data: GeoNames postal codes, CC BY 4.0 (see data/nl_postcode_areas.csv and
scripts/derive_postcode_areas.py). Only the four digits place a person; the letters are ignored.
"""
from __future__ import annotations

import csv
import math
import re
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

EARTH_RADIUS_KM = 6371.0088
_DATA = Path(__file__).with_name("data") / "nl_postcode_areas.csv"
_POSTCODE = re.compile(r"^\s*([1-9][0-9]{3})\s*(?:[A-Za-z]{2})?\s*$")


class UnknownPostcode(ValueError):
    """The text is not a Dutch postcode, or its four digits name no known area."""


@dataclass(frozen=True, slots=True)
class Area:
    postcode: str
    place: str
    province: str
    lat: float
    lon: float


@lru_cache(maxsize=1)
def areas() -> dict[str, Area]:
    """All known areas by four-digit code, read once from the bundled file."""
    with _DATA.open(encoding="utf-8") as handle:
        rows = csv.DictReader(line for line in handle if not line.startswith("#"))
        return {
            row["postcode"]: Area(row["postcode"], row["place"], row["province"], float(row["lat"]), float(row["lon"]))
            for row in rows
        }


def area_code(text: str) -> str:
    """Return the four digits of a Dutch postcode (`1234 AB`, `1234AB`, `1234`), checked against the known areas."""
    found = _POSTCODE.match(text or "")
    if not found:
        raise UnknownPostcode(text)
    code = found.group(1)
    if code not in areas():
        raise UnknownPostcode(text)
    return code


def locate(text: str) -> Area:
    """The area of a postcode."""
    return areas()[area_code(text)]


def great_circle_km(lat1: float, lon1: float, lat2: float, lon2: float) -> float:
    """Haversine distance in km between two points given in degrees."""
    p1, p2 = math.radians(lat1), math.radians(lat2)
    dp, dl = p2 - p1, math.radians(lon2 - lon1)
    h = math.sin(dp / 2) ** 2 + math.cos(p1) * math.cos(p2) * math.sin(dl / 2) ** 2
    return 2 * EARTH_RADIUS_KM * math.asin(min(1.0, math.sqrt(h)))
