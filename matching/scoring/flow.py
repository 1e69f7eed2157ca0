"""The proposal set as a min-cost circulation over given arcs, the prices that prove it optimal, and a repair.

hub -> each ask (capacity 1) -> each arc's offer (cost -profit) -> hub (capacity = free places): a
circulation of least cost is a proposal set of most profit (an ask without flow stays unassigned).
OR-Tools' SimpleMinCostFlow solves it exactly in integers; with every supply 0 it skips the
feasibility max-flow that a source-to-sink formulation pays for.

The prices are the LP dual: v[offer] >= 0 and u[ask] >= 0 with u + v >= profit on every arc,
equal on every chosen arc. When every pair left out of the arcs also has profit <= u + v, the
proposals are optimal over all pairs (weak duality), which is how assign can solve over a few
candidates per ask and still return the optimum over all of them. When some pairs beat the prices,
`improve` adds them and repairs the proposals exactly, solving only the part of the residual
network that an exchange raising the total can run through.
"""
from __future__ import annotations

import numpy as np
from ortools.graph.python import min_cost_flow
from scipy.sparse import csr_matrix
from scipy.sparse.csgraph import dijkstra

MAX_ROUNDS = 300  # relaxation rounds for the prices before giving up on a proof (then: solve over more)


def solve(ask: np.ndarray, offer: np.ndarray, profit: np.ndarray, capacity: np.ndarray) -> np.ndarray:
    """Positions of the chosen arcs: the most total profit, each ask at most once, each offer at most `capacity`."""
    n_asks = int(ask.max()) + 1 if len(ask) else 0
    hub = n_asks + len(capacity)
    asks = np.flatnonzero(np.bincount(ask, minlength=n_asks))
    offers = np.flatnonzero(np.bincount(offer, minlength=len(capacity)))
    tails = np.concatenate([ask, np.full(len(asks), hub), n_asks + offers])
    heads = np.concatenate([n_asks + offer, asks, np.full(len(offers), hub)])
    caps = np.concatenate([np.ones(len(ask) + len(asks), np.int64), capacity[offers]])
    costs = np.concatenate([-profit, np.zeros(len(asks) + len(offers), np.int64)])
    return _circulate(tails, heads, caps, costs, len(ask))


def improve(ask: np.ndarray, offer: np.ndarray, profit: np.ndarray, capacity: np.ndarray, chosen: np.ndarray,
            u: np.ndarray, v: np.ndarray, near: bool = True) -> np.ndarray:
    """The chosen arcs, optimal again after arcs that beat the prices (u, v) of the old choice were added.

    The change from the old choice to the new optimum is a least-cost circulation in the residual
    network of the old choice. At the prices, every residual arc costs u + v - profit >= 0 but the
    added ones, which cost less than 0. An exchange that raises the total is a cycle of negative
    cost, so no arc on it costs as much as all added arcs save together: dearer arcs are left out.

    `near`: most such cycles hold one added arc, so leave out too every arc that is not on a path
    from an added arc's offer back to an added arc's ask shorter than the most one added arc saves
    (two shortest-path searches). Then the result need not be optimal: `prices` tells, and the
    caller repairs again without `near`.
    """
    n_asks, n_offers = len(u), len(v)
    hub = n_asks + n_offers
    is_chosen = np.zeros(len(ask), bool)
    is_chosen[chosen] = True
    slack = np.where(is_chosen, 0, u[ask] + v[offer] - profit)
    budget = -int(slack[slack < 0].sum())  # no exchange saves more
    keep = np.flatnonzero(slack < budget)
    flip = is_chosen[keep]
    assigned = np.zeros(n_asks, bool)
    assigned[ask[chosen]] = True
    load = np.bincount(offer[chosen], minlength=n_offers)
    leave = np.flatnonzero(assigned & (u < budget))  # an assigned ask may give its offer up
    join = np.flatnonzero(~assigned & np.isin(np.arange(n_asks), ask[keep]))  # an unassigned one may take one
    free = np.flatnonzero(load < capacity)
    freed = np.flatnonzero((load > 0) & (v < budget))  # a full or partly used offer may lose one
    tails = np.concatenate([np.where(flip, n_asks + offer[keep], ask[keep]), leave, np.full(len(join), hub),
                            n_asks + free, np.full(len(freed), hub)])
    heads = np.concatenate([np.where(flip, ask[keep], n_asks + offer[keep]), np.full(len(leave), hub), join,
                            np.full(len(free), hub), n_asks + freed])
    caps = np.concatenate([np.ones(len(keep) + len(leave) + len(join), np.int64), (capacity - load)[free],
                           load[freed]])
    costs = np.concatenate([slack[keep], u[leave], np.zeros(len(join) + len(free), np.int64), v[freed]])
    if near:
        inside = np.flatnonzero(_near(tails, heads, costs, hub + 1))
        pair = inside[:np.count_nonzero(inside < len(keep))]  # the pair arcs come first
        changed = keep[pair[_circulate(tails[inside], heads[inside], caps[inside], costs[inside], len(pair))]]
    else:
        changed = keep[_circulate(tails, heads, caps, costs, len(keep))]
    is_chosen[changed] = ~is_chosen[changed]
    return np.flatnonzero(is_chosen)


def _near(tails: np.ndarray, heads: np.ndarray, costs: np.ndarray, n_nodes: int) -> np.ndarray:
    """Whether each arc saves (costs < 0) or lies on a path from a saving arc's head to a saving arc's tail
    that costs less than the largest single saving."""
    saving = costs < 0
    limit = float(-costs[saving].min())
    weight = costs.astype(float)
    ahead = csr_matrix((weight[~saving], (tails[~saving], heads[~saving])), shape=(n_nodes, n_nodes))
    back = csr_matrix((weight[~saving], (heads[~saving], tails[~saving])), shape=(n_nodes, n_nodes))
    start = dijkstra(ahead, indices=np.unique(heads[saving]), min_only=True, limit=limit)
    end = dijkstra(back, indices=np.unique(tails[saving]), min_only=True, limit=limit)
    return saving | (start[tails] + weight + end[heads] < limit)


def _circulate(tails: np.ndarray, heads: np.ndarray, caps: np.ndarray, costs: np.ndarray, first: int) -> np.ndarray:
    """The least-cost circulation over the given arcs: which of the `first` arcs carry flow."""
    flow = min_cost_flow.SimpleMinCostFlow()
    arcs = flow.add_arcs_with_capacity_and_unit_cost(tails, heads, caps, costs)
    status = flow.solve()
    if status != flow.OPTIMAL:
        raise RuntimeError(f"min-cost flow did not solve: status {status}")
    return np.flatnonzero(flow.flows(arcs[:first]) > 0)


def prices(n_asks: int, n_offers: int, ask: np.ndarray, offer: np.ndarray, profit: np.ndarray,
           chosen: np.ndarray, capacity: np.ndarray) -> tuple[np.ndarray, np.ndarray] | None:
    """The least dual prices (u per ask, v per offer) proving the chosen arcs optimal; None when they are not.

    v is the longest-path solution of v[j] >= v[m(i)] + profit[i, j] - profit[i, m(i)] for every
    arc of an assigned ask i (m(i) its offer), v[j] >= profit[i, j] for an unassigned ask, v >= 0:
    found by vectorised relaxation rounds (Bellman-Ford), each over the arcs leaving the offers whose
    price rose in the round before. A price above the largest profit means a cycle that would raise
    the total: the choice is not optimal.
    """
    match = np.full(n_asks, -1)
    match[ask[chosen]] = offer[chosen]
    matched_profit = np.zeros(n_asks, np.int64)
    matched_profit[ask[chosen]] = profit[chosen]
    v = np.zeros(n_offers, np.int64)
    owner = match[ask]
    free = owner < 0
    np.maximum.at(v, offer[free], profit[free])
    edge = np.flatnonzero(~free & (offer != owner))
    tails = owner[edge]
    order = edge[np.argsort(tails.astype(np.uint16) if n_offers <= 1 << 16 else tails, kind="stable")]  # radix
    tail, head, weight = owner[order], offer[order], profit[order] - matched_profit[ask[order]]
    count = np.bincount(tail, minlength=n_offers)
    start = np.cumsum(count) - count
    ceiling = int(profit.max()) if len(profit) else 0
    at = None  # the first round: every arc
    risen = np.zeros(n_offers, bool)  # marks the heads of this round's arcs (np.unique sorts: slower)
    for _ in range(MAX_ROUNDS):
        if at is None:
            reach = v[tail] + weight
            up = reach > v[head]
            at, reach = head[up], reach[up]
        else:  # the arcs `at` leave the offers `rose`, count[rose] each, in order
            reach = v[rose].repeat(count[rose]) + weight[at]
            up = reach > v[head[at]]
            at, reach = head[at[up]], reach[up]
        if not len(at):
            break
        risen[at] = True
        rose = risen.nonzero()[0]
        risen[rose] = False
        old = v[rose]
        np.maximum.at(v, at, reach)
        rose = rose[v[rose] > old]
        if v[rose].max(initial=0) > ceiling:
            return None
        at = _runs(start[rose], count[rose])  # the arcs leaving the offers whose price rose
    else:
        return None
    u = np.where(match >= 0, matched_profit - v[np.maximum(match, 0)], 0)
    load = np.bincount(offer[chosen], minlength=n_offers)
    if (u < 0).any() or (v[load < capacity] > 0).any():
        return None
    return u, v


def _runs(starts: np.ndarray, lengths: np.ndarray) -> np.ndarray:
    """The integers of the ranges [starts[i], starts[i] + lengths[i]) back to back."""
    total = int(lengths.sum())
    return (starts - lengths.cumsum() + lengths).repeat(lengths) + np.arange(total)
