"""An exact reference for assign, independent of its code: the plain rules and scipy's Hungarian method.

Every offer is copied once per free place, and every ask gets a column of its own that means "not
assigned" (score 0). linear_sum_assignment then maximises the total over that dense matrix.
"""
from __future__ import annotations

import numpy as np
from scipy.optimize import linear_sum_assignment

from matching import vocabulary as vocab
from matching.scoring import rules

FORBIDDEN = -1e6


def plain_scores(asks, offers, excluded=()) -> dict[tuple[int, int], float]:
    """Score of every allowed (ask, offer) pair by the plain rules (rules.py)."""
    weights = rules.interest_weights(offers, list(vocab.INTERESTS))
    table = {}
    for i, ask in enumerate(asks):
        for j, offer in enumerate(offers):
            km = rules.distance_km(ask, offer)
            if rules.broken_rule(ask, offer, km, declined=(i, j) in excluded) is None:
                table[i, j] = rules.score(rules.parts(ask, offer, km, weights))
    return table


def best_total(asks, offers, excluded=()) -> float:
    """The highest total score any proposal set can reach under every hard rule and capacity."""
    table = plain_scores(asks, offers, excluded)
    columns = [j for j, offer in enumerate(offers) for _ in range(max(0, offer.capacity) if offer.active else 0)]
    matrix = np.full((len(asks), len(columns) + len(asks)), FORBIDDEN)
    matrix[:, len(columns):] = 0.0
    for c, j in enumerate(columns):
        for i in range(len(asks)):
            if (i, j) in table:
                matrix[i, c] = table[i, j]
    rows, cols = linear_sum_assignment(matrix, maximize=True)
    return float(sum(matrix[r, c] for r, c in zip(rows, cols) if matrix[r, c] > FORBIDDEN / 2))
