"""Koppel's matching rules run through mentor-match (PyPI `mentor-match`, Munkres), for tests.bench.versus.

Runs inside a virtualenv of its own (mentor-match's top-level package is also called `matching`), so
it imports nothing of Koppel: it reads the people as JSON on stdin, expresses Koppel's rules the way
mentor-match is meant to be used (each hard rule a `Disqualify`, the soft score a rule that adds
points), runs `process.process_data` with one round per place a volunteer can hold (mentor-match
gives each mentor at most one mentee per round), and writes the pairs it made and its time as JSON.

The rules below are the plain ones of matching/scoring/rules.py, written out again.
"""
from __future__ import annotations

import json
import math
import sys
import time

from matching import process  # mentor-match's package, not Koppel's
from matching.mentee import Mentee
from matching.mentor import Mentor
from matching.rules.rule import Disqualify

EARTH_RADIUS_KM = 6371.0088
POINTS = 10_000  # mentor-match adds integer points: the score in units of 1/10,000
WEIGHTS = {"interests": 0.4, "distance": 0.3, "availability": 0.2, "language": 0.1}


def km(a: dict, b: dict) -> float:
    p1, p2 = math.radians(a["lat"]), math.radians(b["lat"])
    dp, dl = p2 - p1, math.radians(b["lon"] - a["lon"])
    h = math.sin(dp / 2) ** 2 + math.cos(p1) * math.cos(p2) * math.sin(dl / 2) ** 2
    return 2 * EARTH_RADIUS_KM * math.asin(min(1.0, math.sqrt(h)))


def breaks_a_rule(ask: dict, offer: dict) -> bool:
    """Koppel's hard rules (rules.broken_rule), offers already active with free places."""
    d = km(ask, offer)
    return (not set(ask["kinds"]) <= set(offer["kinds"])
            or d > ask["max_km"] or d > offer["max_km"]
            or not set(ask["slots"]) & set(offer["slots"])
            or not set(ask["languages"]) & set(offer["languages"])
            or bool(ask["wants"] and offer["type"] == "volunteer" and offer["gender"] != ask["wants"])
            or bool(offer["wants"] and ask["gender"] != offer["wants"]))


def points(ask: dict, offer: dict, weights: dict) -> int:
    """Koppel's soft score (rules.parts and rules.score) as integer points."""
    d = km(ask, offer)
    shared = sum(weights.get(key, 1.0) for key in set(ask["interests"]) & set(offer["interests"]))
    limit = min(ask["max_km"], offer["max_km"])
    slots = len(set(ask["slots"]) & set(offer["slots"]))
    parts = {
        "interests": 1.0 - math.exp(-shared / 2.5),
        "distance": min(1.0, max(0.0, 1.0 - d / limit)) if limit > 0 else 1.0,
        "availability": slots / (slots + 2.0),
        "language": 1.0 if ask["languages"][0] in offer["languages"] else 0.5,
    }
    return round(POINTS * sum(WEIGHTS[name] * value for name, value in parts.items()))


class Score:
    """A mentor-match rule that adds Koppel's soft score to a match."""

    def __init__(self, weights: dict):
        self.weights = weights

    def apply(self, match) -> int:
        return points(match.mentee.profile, match.mentor.profile, self.weights)

    def evaluate(self, match) -> bool:
        return True


def run(data: dict) -> dict:
    mentors = [Mentor(grade=0, email=f"offer{j}@example.org") for j in range(len(data["offers"]))]
    mentees = [Mentee(grade=0, email=f"ask{i}@example.org") for i in range(len(data["asks"]))]
    for person, profile in [*zip(mentors, data["offers"]), *zip(mentees, data["asks"])]:
        person.profile = profile
    one_round = [  # mentor-match applies a match's rules last first: the cheap checks come last here
        Score(data["weights"]),
        Disqualify(lambda m: breaks_a_rule(m.mentee.profile, m.mentor.profile)),
        Disqualify(lambda m: len(m.mentor.mentees) >= m.mentor.profile["capacity"]),
        Disqualify(lambda m: len(m.mentee.mentors) > 0),  # each ask at most once
    ]
    rounds = max(o["capacity"] for o in data["offers"])
    start = time.perf_counter()
    process.process_data(mentors, mentees, [one_round] * rounds)
    seconds = time.perf_counter() - start
    index = {id(m): j for j, m in enumerate(mentors)}
    pairs = [[i, index[id(mentor)]] for i, mentee in enumerate(mentees) for mentor in mentee.mentors]
    return {"seconds": seconds, "pairs": pairs, "rounds": rounds}


if __name__ == "__main__":
    json.dump(run(json.load(sys.stdin)), sys.stdout)
