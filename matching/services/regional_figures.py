"""The region's figures for the network page: per organisation and quarter, how many waited, were
matched, were handed to a partner and were referred; referrals per referrer type; and the
"bouwstenen" overview: which kinds of offer exist where, and where people wait without any.
Counts only, from bare facts (matching/adapters/read_models/network.py)."""
from __future__ import annotations

import csv
import io
from collections import Counter
from datetime import datetime, timezone
from typing import Any

from matching.domain.referral import ROLE_LABELS, ReferrerRole

QUARTERS = 4
KINDS = ("maatje", "werkervaringsplaats")


def quarters_until(now: datetime, count: int = QUARTERS) -> list[tuple[str, datetime, datetime]]:
    """The last `count` quarters up to and including the current one: (label, start, end), oldest first."""
    year, q = now.year, (now.month - 1) // 3 + 1
    out = []
    for _ in range(count):
        start = datetime(year, 3 * q - 2, 1, tzinfo=timezone.utc)
        end = datetime(year + (q == 4), 1 if q == 4 else 3 * q + 1, 1, tzinfo=timezone.utc)
        out.append((f"{year}-K{q}", start, end))
        year, q = (year - 1, 4) if q == 1 else (year, q - 1)
    return out[::-1]


def _waiting_at(row: dict, end: datetime) -> bool:
    """On the waiting list at the end of the quarter (as far as is known now)."""
    left = [at for at in (row["withdrawn_at"], row["matched_at"]) if at is not None]
    return row["created_at"] < end and not any(at < end for at in left)


def per_quarter(facts: dict[str, list[dict]], orgs: list[dict], now: datetime) -> list[dict[str, Any]]:
    """Rows of (quarter, organisation, waiting, matched, transferred, referred)."""
    rows = []
    for label, start, end in quarters_until(now):
        def within(at: datetime | None, start: datetime = start, end: datetime = end) -> bool:
            return at is not None and start <= at < end
        for org in orgs:
            mine = org["id"]
            rows.append({
                "quarter": label, "organization": org["name"],
                "waiting": sum(r["organization_id"] == mine and _waiting_at(r, end) for r in facts["requests"]),
                "matched": sum(m["organization_id"] == mine and within(m["confirmed_at"]) for m in facts["matches"]),
                "transferred": sum(t["from_organization_id"] == mine and within(t["transferred_at"])
                                   for t in facts["transfers"]),
                "referred": sum(r["organization_id"] == mine and within(r["created_at"]) for r in facts["referrals"]),
            })
    return rows


def per_role(facts: dict[str, list[dict]], now: datetime) -> list[dict[str, Any]]:
    """Referrals per referrer type and quarter, over the whole network."""
    out = []
    for label, start, end in quarters_until(now):
        counts = Counter(r["referrer_role"] for r in facts["referrals"] if start <= r["created_at"] < end)
        out.append({"quarter": label, "roles": {str(role): counts.get(role, 0) for role in ReferrerRole}})
    return out


def building_blocks(facts: dict[str, list[dict]], orgs: list[dict]) -> list[dict[str, Any]]:
    """Per organisation and kind of offer: active offers, people waiting now, and whether they wait
    without any offer of that kind there ("wacht zonder aanbod")."""
    rows = []
    for org in orgs:
        for kind in KINDS:
            offers = sum(org["id"] == v["organization_id"] and kind in (v["kinds"] or []) for v in facts["volunteers"])
            if kind == "werkervaringsplaats":
                offers += sum(org["id"] == p["organization_id"] for p in facts["placements"])
            waiting = sum(r["organization_id"] == org["id"] and r["kind"] == kind and r["status"] == "waiting"
                          for r in facts["requests"])
            rows.append({"organization": org["name"], "kind": kind, "offers": offers, "waiting": waiting,
                         "without_any": waiting > 0 and offers == 0})
    return rows


def regions_without_offer(facts: dict[str, list[dict]]) -> list[dict[str, Any]]:
    """Postcode regions (first two digits) where people of a kind wait and no organisation of the
    network has an offer of that kind in that region."""
    offered = {(v["postcode"][:2], kind) for v in facts["volunteers"] for kind in (v["kinds"] or [])}
    offered |= {(p["postcode"][:2], "werkervaringsplaats") for p in facts["placements"]}
    waiting = Counter((r["postcode"][:2], r["kind"]) for r in facts["requests"] if r["status"] == "waiting" and r["postcode"])
    return [{"region": f"{region}xx", "kind": kind, "waiting": n}
            for (region, kind), n in sorted(waiting.items()) if (region, kind) not in offered]


def as_csv(quarters: list[dict], roles: list[dict]) -> str:
    """Both tables in one file (semicolons, as Dutch spreadsheets expect)."""
    out = io.StringIO()
    writer = csv.writer(out, delimiter=";")
    writer.writerow(["kwartaal", "organisatie", "wachtend", "gekoppeld", "overgedragen", "verwezen"])
    for row in quarters:
        writer.writerow([row["quarter"], row["organization"], row["waiting"], row["matched"], row["transferred"],
                         row["referred"]])
    writer.writerow([])
    writer.writerow(["kwartaal", "verwijzer", "verwezen"])
    for row in roles:
        for role, n in row["roles"].items():
            writer.writerow([row["quarter"], ROLE_LABELS[ReferrerRole(role)], n])
    return out.getvalue()
