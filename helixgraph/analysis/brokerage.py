"""Gould-Fernandez brokerage roles, counted per node from the groups of the actors around it.

A broker ``v`` sits on an open two-path ``a -> v -> b``: ``a != b`` and there is no arc
``a -> b``. The groups of ``a``, ``v`` and ``b`` name the role, following R ``sna::brokerage``:

============== ==============================================
coordinator    ``a``, ``v`` and ``b`` in one group
itinerant      ``a`` and ``b`` in one group, ``v`` in another
representative ``v`` in ``a``'s group, ``b`` in another
gatekeeper     ``v`` in ``b``'s group, ``a`` in another
liaison        all three in different groups
============== ==============================================

A node whose group is None (a person, a product, a place) belongs to no sector, so it shares a
group with no other node: it is a group of its own. As a broker it can then only be an itinerant
or a liaison, which is how a scientist-founder linking a lab and a firm shows up.
"""

from __future__ import annotations

import networkx as nx
import numpy as np
import pandas as pd

__all__ = ["BROKERAGE_ROLES", "brokerage_roles"]

#: The five roles, in the order of the returned columns.
BROKERAGE_ROLES = ("coordinator", "itinerant", "representative", "gatekeeper", "liaison")


def brokerage_roles(G: nx.Graph, *, attribute: str = "sector") -> pd.DataFrame:
    """Count each node's open two-paths by Gould-Fernandez role.

    Parameters
    ----------
    G : networkx graph
        Directed graphs use their arcs. In an undirected graph every edge is read as two arcs,
        so each open path is counted in both directions and representative and gatekeeper
        counts come out equal. Parallel edges count once; self-loops are ignored.
    attribute : str
        Node attribute holding the group (the Triple-Helix sector by default). A node without
        one is a group of its own (see the module notes).

    Returns
    -------
    pandas.DataFrame
        Indexed by node in the order of `G`, one ``int64`` column per role in
        :data:`BROKERAGE_ROLES` plus ``total``.

    Notes
    -----
    Paths are counted, not enumerated. For each broker the in- and out-contacts are tallied by
    group; the pairs where ``a == b`` and the closed triads (``a -> b`` present) are then
    subtracted. Closed triads are found by intersecting out-neighbour sets along each arc, so
    the cost is that of listing triangles rather than ``sum(deg**2)``.

    Examples
    --------
    A lab passes knowledge to a firm, which passes it to a hospital:

    >>> import networkx as nx
    >>> G = nx.DiGraph([("lab", "firm"), ("firm", "hospital")])
    >>> nx.set_node_attributes(G, {"lab": "U", "firm": "I", "hospital": "H"}, "sector")
    >>> brokerage_roles(G).loc["firm"].tolist()
    [0, 0, 0, 0, 1, 1]

    References
    ----------
    .. [1] R. V. Gould and R. M. Fernandez, "Structures of mediation: a formal approach to
       brokerage in transaction networks", Sociological Methodology 19, 89-126, 1989.
       https://doi.org/10.2307/270949
    .. [2] C. T. Butts, ``sna::brokerage``, https://rdrr.io/cran/sna/man/brokerage.html
    """
    nodes = list(G)
    index = {node: i for i, node in enumerate(nodes)}
    groups = sorted({g for _, g in G.nodes(data=attribute) if g is not None}, key=str)
    group_id = {g: i for i, g in enumerate(groups)}
    # -1: no group, i.e. a group of the node's own.
    group = np.array([group_id.get(G.nodes[v].get(attribute), -1) for v in nodes], dtype=np.int64)
    adjacency = G.succ if G.is_directed() else G.adj
    out = [{index[w] for w in adjacency[v] if w != v} for v in nodes]
    tail = np.fromiter((a for a, heads in enumerate(out) for _ in heads), dtype=np.int64)
    head = np.fromiter((b for heads in out for b in heads), dtype=np.int64)

    counts = _PathCounts(len(nodes), len(groups), group)
    counts.add_two_paths(tail, head)
    # a == b: the arc a -> v is reciprocated by v -> a.
    mutual = np.array([a in out[v] for a, v in zip(tail.tolist(), head.tolist(), strict=True)], dtype=bool)
    counts.remove(head[mutual], tail[mutual], tail[mutual])
    # a -> b present: b is an out-neighbour of both a and v, for each arc a -> v.
    closed_v, closed_a, closed_b = [], [], []
    for a, v in zip(tail.tolist(), head.tolist(), strict=True):
        shared = out[a] & out[v]
        closed_v.extend([v] * len(shared))
        closed_a.extend([a] * len(shared))
        closed_b.extend(shared)
    counts.remove(*(np.array(x, dtype=np.int64) for x in (closed_v, closed_a, closed_b)))
    return pd.DataFrame(
        counts.roles(),
        index=pd.Index(nodes, name="node", dtype=object),
        columns=[*BROKERAGE_ROLES, "total"],
    )


class _PathCounts:
    """Two-paths ``a -> v -> b`` through each broker ``v``, tallied by the groups of a and b.

    ``total[v]`` counts all paths, ``by_tail[v, g]`` those with ``a`` in sector ``g``,
    ``by_head[v, h]`` those with ``b`` in sector ``h``, and ``pairs[v, g, h]`` both. Nodes without
    a group enter only ``total`` and the margins of the other end.
    """

    def __init__(self, n: int, k: int, group: np.ndarray) -> None:
        self.group = group
        self.total = np.zeros(n, dtype=np.int64)
        self.by_tail = np.zeros((n, k), dtype=np.int64)
        self.by_head = np.zeros((n, k), dtype=np.int64)
        self.pairs = np.zeros((n, k, k), dtype=np.int64)

    def add_two_paths(self, tail: np.ndarray, head: np.ndarray) -> None:
        """Add every in-contact times out-contact combination, from the arc list."""
        n, k = self.by_tail.shape
        grouped_tail, grouped_head = self.group[tail] >= 0, self.group[head] >= 0
        in_degree = np.bincount(head, minlength=n)
        out_degree = np.bincount(tail, minlength=n)
        inflow = np.zeros((n, k), dtype=np.int64)
        outflow = np.zeros((n, k), dtype=np.int64)
        np.add.at(inflow, (head[grouped_tail], self.group[tail[grouped_tail]]), 1)
        np.add.at(outflow, (tail[grouped_head], self.group[head[grouped_head]]), 1)
        self.total += in_degree * out_degree
        self.by_tail += inflow * out_degree[:, None]
        self.by_head += in_degree[:, None] * outflow
        self.pairs += inflow[:, :, None] * outflow[:, None, :]

    def remove(self, v: np.ndarray, a: np.ndarray, b: np.ndarray) -> None:
        """Take away the two-paths ``a[i] -> v[i] -> b[i]``."""
        ga, gb = self.group[a], self.group[b]
        np.subtract.at(self.total, v, 1)
        np.subtract.at(self.by_tail, (v[ga >= 0], ga[ga >= 0]), 1)
        np.subtract.at(self.by_head, (v[gb >= 0], gb[gb >= 0]), 1)
        both = (ga >= 0) & (gb >= 0)
        np.subtract.at(self.pairs, (v[both], ga[both], gb[both]), 1)

    def roles(self) -> np.ndarray:
        """Columns coordinator, itinerant, representative, gatekeeper, liaison, total."""
        n = len(self.total)
        same_group = np.trace(self.pairs, axis1=1, axis2=2)  # a and b in one sector
        coordinator = np.zeros(n, dtype=np.int64)
        representative = np.zeros(n, dtype=np.int64)
        gatekeeper = np.zeros(n, dtype=np.int64)
        grouped = np.flatnonzero(self.group >= 0)
        own = self.group[grouped]
        coordinator[grouped] = self.pairs[grouped, own, own]
        representative[grouped] = self.by_tail[grouped, own] - coordinator[grouped]
        gatekeeper[grouped] = self.by_head[grouped, own] - coordinator[grouped]
        itinerant = same_group - coordinator
        liaison = self.total - coordinator - itinerant - representative - gatekeeper
        return np.column_stack([coordinator, itinerant, representative, gatekeeper, liaison, self.total])
