"""The proposal set as a min-cost flow over given arcs, the prices that prove it optimal, and a local re-solve.

source -> each ask (capacity 1) -> each arc's offer (cost -profit) -> sink (capacity = free places),
plus a zero-cost bypass source -> sink so an ask may stay unassigned. OR-Tools' SimpleMinCostFlow
solves it exactly in integers.

The prices are the LP dual of that problem: v[offer] >= 0 and u[ask] >= 0 with u + v >= profit
on every arc, equal on every chosen arc. When every pair left out of the arcs also has
profit <= u + v, the flow is optimal over all pairs (weak duality), which is how assign can
solve over a few candidates per ask and still return the optimum over all of them. The same test
makes a local re-solve safe: after a few arcs are added, only the people near them are solved
again, and the prices say whether the whole is optimal (if not, assign solves everything again).
"""
from __future__ import annotations

import numpy as np
from ortools.graph.python import min_cost_flow

MAX_ROUNDS = 300  # relaxation rounds for the prices before giving up on a proof (then: solve over more)
DEPTH = 3  # steps from the added arcs that a local re-solve reaches


def solve(ask: np.ndarray, offer: np.ndarray, profit: np.ndarray, capacity: np.ndarray) -> np.ndarray:
    """Positions of the chosen arcs: the most total profit, each ask at most once, each offer at most `capacity`."""
    asks, ask_node = np.unique(ask, return_inverse=True)
    offers, offer_node = np.unique(offer, return_inverse=True)
    n, m = len(asks), len(offers)
    source, sink = n + m, n + m + 1
    tails = np.concatenate([np.full(n, source), ask_node, n + np.arange(m), [source]])
    heads = np.concatenate([np.arange(n), n + offer_node, np.full(m, sink), [sink]])
    caps = np.concatenate([np.ones(n + len(ask), np.int64), capacity[offers], [n]])
    costs = np.concatenate([np.zeros(n, np.int64), -profit, np.zeros(m + 1, np.int64)])
    flow = min_cost_flow.SimpleMinCostFlow()
    arcs = flow.add_arcs_with_capacity_and_unit_cost(tails, heads, caps, costs)
    flow.set_node_supply(source, n)
    flow.set_node_supply(sink, -n)
    status = flow.solve()
    if status != flow.OPTIMAL:
        raise RuntimeError(f"min-cost flow did not solve: status {status}")
    return np.flatnonzero(flow.flows(arcs[n: n + len(ask)]) > 0)


def prices(n_asks: int, n_offers: int, ask: np.ndarray, offer: np.ndarray, profit: np.ndarray,
           chosen: np.ndarray, capacity: np.ndarray) -> tuple[np.ndarray, np.ndarray] | None:
    """The least dual prices (u per ask, v per offer) proving the chosen arcs optimal; None when they are not.

    v is the longest-path solution of v[j] >= v[m(i)] + profit[i, j] - profit[i, m(i)] for every
    arc of an assigned ask i (m(i) its offer), v[j] >= profit[i, j] for an unassigned ask, v >= 0:
    found by vectorised relaxation rounds (Bellman-Ford). A price above the largest profit means a
    cycle that would raise the total: the choice is not optimal.
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
    ceiling = int(profit.max()) if len(profit) else 0
    for _ in range(MAX_ROUNDS):
        if not len(heads):
            break
        best = np.maximum.reduceat(v[tail] + weight, starts)
        grow = best > v[heads]
        if not grow.any():
            break
        v[heads[grow]] = best[grow]
        if best.max() > ceiling:
            return None
    else:
        return None
    u = np.where(match >= 0, matched_profit - v[np.maximum(match, 0)], 0)
    load = np.bincount(offer[chosen], minlength=n_offers)
    if (u < 0).any() or (v[load < capacity] > 0).any():
        return None
    return u, v


def resolve_near(ask: np.ndarray, offer: np.ndarray, profit: np.ndarray, capacity: np.ndarray, chosen: np.ndarray,
                 added: np.ndarray, u: np.ndarray, v: np.ndarray, n_asks: int, n_offers: int,
                 depth: int = DEPTH) -> np.ndarray:
    """The chosen arcs after solving again only the people near the `added` arcs.

    (u, v) are the prices from before the arcs were added. An exchange that raises the total runs
    over an added arc and then over arcs at their prices (slack u + v - profit of 0), such as the
    chosen ones: the people joined to the added arcs by such arcs, up to `depth` steps away, are
    solved again (with the places they hold now); everyone else keeps what they have. The result
    need not be optimal (a longer exchange, or several added arcs together); `prices` tells.
    """
    tight = u[ask] + v[offer] - profit <= 0
    near_ask, near_offer = np.zeros(n_asks, bool), np.zeros(n_offers, bool)
    near_ask[ask[added]] = True
    for _ in range(depth):
        near_offer[offer[tight & near_ask[ask]]] = True
        near_ask[ask[tight & near_offer[offer]]] = True
    near_offer[offer[chosen[near_ask[ask[chosen]]]]] = True  # each ask solved again may keep what it has
    inside = near_ask[ask] & near_offer[offer]
    kept = chosen[~near_ask[ask[chosen]]]
    held = np.bincount(offer[kept], minlength=n_offers)
    at = np.flatnonzero(inside)
    again = at[solve(ask[at], offer[at], profit[at], capacity - held)]
    return np.sort(np.concatenate([kept, again]))
