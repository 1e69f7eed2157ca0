"""What the demo's year holds in store, drawn once from the seed: when people arrive, how long a
coordinator takes to find someone, and how (and when) each match ends.

The spread is designed so every figure on the dashboard has something to show: most matches last,
some end early (no click, moved, the volunteer stopped), a few are struggling now, and the people
who signed up in the last months are still waiting."""
from __future__ import annotations

import random
from dataclasses import dataclass

DAYS = 365
# (reason, share, from day, to day, who started it, goodbye meeting, the person waits again)
ENDINGS = [
    ("no_click", 0.12, 21, 50, "both", False, True),
    ("drifted_apart", 0.08, 90, 220, "participant", False, False),
    ("moved", 0.06, 30, 300, "participant", True, False),
    ("life_change", 0.05, 60, 250, "participant", False, False),
    ("volunteer_stopped", 0.06, 60, 250, "volunteer", True, True),
    ("participant_stopped", 0.05, 40, 200, "participant", False, False),
    ("goal_reached", 0.18, 150, 330, "both", True, False),
]
NOTES = {
    "no_click": "Het klikte niet; allebei willen ze iemand anders proberen.",
    "drifted_apart": "Ze spraken steeds minder af.",
    "moved": "Verhuisd naar een andere gemeente.",
    "life_change": "Nieuw werk; geen tijd meer.",
    "volunteer_stopped": "De vrijwilliger stopt na een verhuizing.",
    "participant_stopped": "De deelnemer wil het even alleen proberen.",
    "goal_reached": "Doel bereikt: zelf een vaste wandelgroep gevonden.",
}


@dataclass(frozen=True)
class Fate:
    """How one match goes: the day (after confirmation) it ends, or None (it runs on), and whether
    its check-in answers are worried ones."""
    ends_after: int | None
    reason: str | None = None
    initiated_by: str | None = None
    goodbye: bool | None = None
    waits_again: bool = False
    struggling: bool = False


def arrival_days(rng: random.Random, count: int, backlog: int) -> list[int]:
    """Sign-up days: a backlog in the first fortnight, then steadily, a little busier lately."""
    days = [rng.randint(0, 14) for _ in range(backlog)]
    days += [min(DAYS - 1, int(DAYS * rng.random() ** 0.85)) for _ in range(count - backlog)]
    return sorted(days)


def wait_days(rng: random.Random) -> int:
    """How long before the coordinator first proposes someone: mostly weeks, sometimes months (whoever
    nobody fits waits longer still: the coordinator looks again every few weeks)."""
    roll = rng.random()
    if roll < 0.65:
        return rng.randint(10, 60)
    if roll < 0.92:
        return rng.randint(60, 160)
    return rng.randint(160, 280)


def match_fate(rng: random.Random) -> Fate:
    roll, share = rng.random(), 0.0
    for reason, chance, low, high, by, goodbye, waits_again in ENDINGS:
        share += chance
        if roll < share:
            return Fate(rng.randint(low, high), reason, by, goodbye, waits_again, reason == "drifted_apart")
    return Fate(None, struggling=rng.random() < 0.12)


def answers(rng: random.Random, keys: list[str], worried: bool) -> dict[str, int]:
    """A side's check-in answers (1–4): worried ones are low, the rest mostly good."""
    return {key: rng.choice((1, 2, 2, 3)) if worried else rng.choice((3, 3, 4, 4, 4)) for key in keys}
