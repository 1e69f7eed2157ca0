"""The proposal set as a min-cost flow over given arcs, and the prices that prove it optimal.

source -> each ask (capacity 1) -> each arc's offer (cost -profit) -> sink (capacity = free places),
plus a zero-cost bypass source -> sink so an ask may stay unassigned. OR-Tools' SimpleMinCostFlow
solves it exactly in integers.

The prices are the LP dual of that problem: v[offer] >= 0 and u[ask] >= 0 with u + v >= profit
on every arc, equal on every chosen arc. When every pair left out of the arcs also has
profit <= u + v, the flow is optimal over all pairs (weak duality), which is how assign can
solve over a few candidates per ask and still return the optimum over all of them.
"""
from __future__ import annotations

import numpy as np
from ortools.graph.python import min_cost_flow

MAX_ROUNDS = 10_000  # relaxation rounds for the prices; more means something is wrong (then: no proof)


def solve(n_asks: int, n_offers: int, ask: np.ndarray, offer: np.ndarray, profit: np.ndarray,
          capacity: np.ndarray) -> np.ndarray:
    """Positions of the chosen arcs: the most total profit, each ask at most once, each offer at most its capacity."""
    used, offer_node = np.unique(offer, return_inverse=True)
    source, sink = n_asks + len(used), n_asks + len(used) + 1
    tails = np.concatenate([np.full(n_asks, source), ask, n_asks + np.arange(len(used)), [source]])
    heads = np.concatenate([np.arange(n_asks), n_asks + offer_node, np.full(len(used), sink), [sink]])
    caps = np.concatenate([np.ones(n_asks + len(ask), np.int64), capacity[used], [n_asks]])
    costs = np.concatenate([np.zeros(n_asks, np.int64), -profit, np.zeros(len(used) + 1, np.int64)])
    flow = min_cost_flow.SimpleMinCostFlow()
    arcs = flow.add_arcs_with_capacity_and_unit_cost(tails, heads, caps, costs)
    flow.set_node_supply(source, n_asks)
    flow.set_node_supply(sink, -n_asks)
    status = flow.solve()
    if status != flow.OPTIMAL:
        raise RuntimeError(f"min-cost flow did not solve: status {status}")
    return np.flatnonzero(flow.flows(arcs[n_asks: n_asks + len(ask)]) > 0)


def prices(n_asks: int, n_offers: int, ask: np.ndarray, offer: np.ndarray, profit: np.ndarray,
           chosen: np.ndarray, capacity: np.ndarray) -> tuple[np.ndarray, np.ndarray] | None:
    """The least dual prices (u per ask, v per offer) for an optimal flow over these arcs; None if there are none.

    v is the longest-path solution of v[j] >= v[m(i)] + profit[i, j] - profit[i, m(i)] for every
    arc of an assigned ask i (m(i) its offer), v[j] >= profit[i, j] for an unassigned ask, v >= 0:
    found by vectorised relaxation rounds (Bellman-Ford).
    """
    match = np.full(n_asks, -1)
    match[ask[chosen]] = offer[chosen]
    matched_profit = np.zeros(n_asks, np.int64)
    matched_profit[ask[chosen]] = profit[chosen]
    v = np.zeros(n_offers, np.int64)
    free = match[ask] < 0
    np.maximum.at(v, offer[free], profit[free])
    edge = ~free & (offer != match[ask])
    tail, head, weight = match[ask[edge]], offer[edge], profit[edge] - matched_profit[ask[edge]]
    order = np.argsort(head, kind="stable")
    tail, head, weight = tail[order], head[order], weight[order]
    heads, starts = np.unique(head, return_index=True)
    for _ in range(MAX_ROUNDS):
        if not len(heads):
            break
        best = np.maximum.reduceat(v[tail] + weight, starts)
        grow = best > v[heads]
        if not grow.any():
            break
        v[heads[grow]] = best[grow]
    else:
        return None
    u = np.where(match >= 0, matched_profit - v[np.maximum(match, 0)], 0)
    load = np.bincount(offer[chosen], minlength=n_offers)
    if (u < 0).any() or (v[load < capacity] > 0).any():
        return None  # not the optimum of these arcs: no proof
    return u, v
