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

:func:`brokerage_roles` counts ordered paths. :func:`gould_fernandez` adds what ``sna::brokerage``
reports beside the counts (expected counts, standard deviations and z-scores under random ties,
for each node and for the whole graph) and reads an undirected graph the only way it can be read:
an open pair ``{a, b}`` through ``v`` counts once, and since ``a -> v -> b`` and ``b -> v -> a``
cannot be told apart, representative and gatekeeper are one role,
``representative_gatekeeper``.
"""

from __future__ import annotations

from dataclasses import dataclass

import networkx as nx
import numpy as np
import pandas as pd

from helixgraph.analysis.brokerage_null import (
    DIRECTED_ROLES,
    UNDIRECTED_ROLES,
    global_moments,
    node_moments,
    sna_global_moments,
)
from helixgraph.analysis.nulls import SmallNetworkFlag, small_network_caveat

__all__ = [
    "BROKERAGE_ROLES",
    "UNDIRECTED_BROKERAGE_ROLES",
    "BrokerageResult",
    "brokerage_roles",
    "gould_fernandez",
]

#: The five roles, in the order of the returned columns.
BROKERAGE_ROLES = ("coordinator", "itinerant", "representative", "gatekeeper", "liaison")
#: The roles an undirected graph can show, in the order of :func:`gould_fernandez`'s columns.
UNDIRECTED_BROKERAGE_ROLES = ("coordinator", "itinerant", "representative_gatekeeper", "liaison")

#: Closed triads removed from the path counts at a time (bounds the memory of the count).
_CLOSED_CHUNK = 1 << 22


def brokerage_roles(G: nx.Graph, *, attribute: str = "sector") -> pd.DataFrame:
    """Count each node's open two-paths by Gould-Fernandez role.

    Parameters
    ----------
    G : networkx graph
        Directed graphs use their arcs. In an undirected graph every edge is read as two arcs,
        so each open path is counted in both directions and representative and gatekeeper
        counts come out equal; :func:`gould_fernandez` counts each open pair once instead.
        Parallel edges count once; self-loops are ignored.
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
    # Removed a chunk at a time: a network folded into cliques can close hundreds of millions of
    # triads, and lists of them all would take gigabytes.
    closed_v, closed_a, closed_b = [], [], []
    for a, v in zip(tail.tolist(), head.tolist(), strict=True):
        shared = out[a] & out[v]
        if not shared:
            continue
        closed_v.extend([v] * len(shared))
        closed_a.extend([a] * len(shared))
        closed_b.extend(shared)
        if len(closed_b) >= _CLOSED_CHUNK:
            counts.remove(*(np.array(x, dtype=np.int64) for x in (closed_v, closed_a, closed_b)))
            closed_v, closed_a, closed_b = [], [], []
    counts.remove(*(np.array(x, dtype=np.int64) for x in (closed_v, closed_a, closed_b)))
    return pd.DataFrame(
        counts.roles(),
        index=pd.Index(nodes, name="node", dtype=object),
        columns=[*BROKERAGE_ROLES, "total"],
    )


@dataclass(frozen=True)
class BrokerageResult(SmallNetworkFlag):
    """Gould-Fernandez brokerage of every node, with what random ties would give.

    Attributes
    ----------
    directed : bool
        Whether paths were read along arcs (roles :data:`BROKERAGE_ROLES`) or as unordered pairs
        (roles :data:`UNDIRECTED_BROKERAGE_ROLES`).
    raw, expected, sd, z : pandas.DataFrame
        Indexed by node in the order of the graph, one column per role plus ``total``: the
        observed counts (``int64``), their expected values and standard deviations under the
        null, and ``(raw - expected) / sd`` (NaN where the sd is 0). Directed, these are
        ``sna::brokerage``'s ``raw.nli``, ``exp.nli``, ``sd.nli`` and ``z.nli``.
    overall : pandas.DataFrame
        Rows ``raw``, ``expected``, ``sd`` and ``z`` of the counts summed over all brokers, with
        the exact standard deviation under the null
        (:func:`~helixgraph.analysis.brokerage_null.global_moments`). Directed results add rows
        ``sd_sna`` and ``z_sna``, the figures ``sna::brokerage`` reports as ``sd.gli`` and
        ``z.gli``, whose variances leave out some dependencies between paths; ``raw`` and
        ``expected`` equal its ``raw.gli`` and ``exp.gli``.
    group_sizes : pandas.Series
        Number of nodes per group; each node without a group is a group of one, keyed
        ``(None, node)``.
    density : float
        Share of possible ties present, the tie probability of the null.
    n_ties : int
        Distinct ties (arcs when directed), self-loops left out.
    caveat : str or None
        Set when there are fewer than :data:`~helixgraph.analysis.nulls.SMALL_NETWORK_TIES` ties.
    """

    directed: bool
    raw: pd.DataFrame
    expected: pd.DataFrame
    sd: pd.DataFrame
    z: pd.DataFrame
    overall: pd.DataFrame
    group_sizes: pd.Series
    density: float
    n_ties: int
    caveat: str | None

    def table(self) -> pd.DataFrame:
        """The node figures in long form: columns ``node``, ``role``, ``raw``, ``expected``, ``sd``, ``z``."""
        frames = {"raw": self.raw, "expected": self.expected, "sd": self.sd, "z": self.z}
        long = {name: frame.stack(future_stack=True) for name, frame in frames.items()}
        table = pd.DataFrame(long)
        table.index.names = ["node", "role"]
        return table.reset_index()


def gould_fernandez(G: nx.Graph, *, attribute: str = "sector") -> BrokerageResult:
    """Gould-Fernandez brokerage counts with expected values and z-scores, as ``sna::brokerage``.

    Parameters
    ----------
    G : networkx graph
        Directed: every open two-path ``a -> v -> b`` (``a != b``, no arc ``a -> b``) counts
        once, by the roles of :data:`BROKERAGE_ROLES`, exactly as ``sna::brokerage(net, cl)``
        with one class per group. Undirected: every open pair ``{a, b}`` through ``v`` (no edge
        ``a - b``) counts once, by the roles of :data:`UNDIRECTED_BROKERAGE_ROLES`. Parallel
        edges count once; self-loops are ignored.
    attribute : str
        Node attribute holding the group; a node without one is a group of its own.

    Returns
    -------
    BrokerageResult

    Notes
    -----
    The null keeps the group sizes and draws every tie independently with the observed density
    (:mod:`helixgraph.analysis.brokerage_null`). For an undirected graph it is the random graph
    with edge probability equal to the edge density. Reading each edge as two arcs gives a
    directed graph with the same density in which every open pair is two open paths: one in each
    direction, of the same role except that a representative path's reverse is a gatekeeper
    path. So the undirected counts are half the directed ones for coordinator, itinerant,
    liaison and total, and equal the directed representative (= gatekeeper) count for
    ``representative_gatekeeper``; the expected counts relate in the same way. The variances
    follow from the same derivation over unordered pairs (see
    :func:`~helixgraph.analysis.brokerage_null.node_moments`), which makes the undirected node
    z-score ``1/sqrt(2)`` times the directed one for the halved roles and equal to it for
    ``representative_gatekeeper``.

    The z-scores assume a normal distribution, which Gould and Fernandez do not establish; in a
    small or sparse graph read them as a ranking, not as a test.

    Examples
    --------
    A lab passes knowledge to a firm and the firm to a hospital: the firm is a liaison.

    >>> import networkx as nx
    >>> G = nx.DiGraph([("lab", "firm"), ("firm", "hospital")])
    >>> nx.set_node_attributes(G, {"lab": "U", "firm": "I", "hospital": "H"}, "sector")
    >>> result = gould_fernandez(G)
    >>> result.raw.loc["firm"].tolist()
    [0, 0, 0, 0, 1, 1]
    >>> round(result.density, 4), round(float(result.expected.loc["firm", "liaison"]), 4)
    (0.3333, 0.1481)

    Undirected, the same path is one open pair:

    >>> result = gould_fernandez(G.to_undirected())
    >>> result.raw.loc["firm"].tolist()
    [0, 0, 0, 1, 1]

    References
    ----------
    .. [1] R. V. Gould and R. M. Fernandez, "Structures of mediation: a formal approach to
       brokerage in transaction networks", Sociological Methodology 19, 89-126, 1989.
       https://doi.org/10.2307/270949
    .. [2] C. T. Butts, ``sna::brokerage``, https://rdrr.io/cran/sna/man/brokerage.html
    """
    directed = G.is_directed()
    nodes = list(G)
    counts = brokerage_roles(G, attribute=attribute)
    if directed:
        roles = DIRECTED_ROLES
        raw = counts
        ties = {(u, v) for u, v in G.edges() if u != v}
    else:
        roles = UNDIRECTED_ROLES
        # Every edge was read as two arcs: each open pair was counted once from each end.
        raw = pd.DataFrame(
            {
                "coordinator": counts["coordinator"] // 2,
                "itinerant": counts["itinerant"] // 2,
                "representative_gatekeeper": counts["representative"],
                "liaison": counts["liaison"] // 2,
                "total": counts["total"] // 2,
            },
            index=counts.index,
        )
        ties = {frozenset((u, v)) for u, v in G.edges() if u != v}
    n_nodes, n_ties = len(nodes), len(ties)
    possible = n_nodes * (n_nodes - 1) if directed else n_nodes * (n_nodes - 1) // 2
    density = n_ties / possible if possible else 0.0

    keys = [_group_key(node, G.nodes[node].get(attribute)) for node in nodes]
    group_sizes = pd.Series(keys, dtype=object).value_counts(sort=False)
    position = {key: i for i, key in enumerate(group_sizes.index)}
    sizes = group_sizes.to_numpy(dtype=np.int64).tolist()
    group_mean, group_sd = node_moments(sizes, density, directed=directed)
    of_node = np.array([position[key] for key in keys], dtype=np.int64)
    index = pd.Index(nodes, name="node", dtype=object)
    expected = pd.DataFrame(group_mean[of_node], index=index, columns=list(roles))
    sd = pd.DataFrame(group_sd[of_node], index=index, columns=list(roles))
    total_mean, total_sd = global_moments(sizes, density, directed=directed)
    observed = raw.sum().to_numpy(dtype=float)
    rows = {"raw": observed, "expected": total_mean, "sd": total_sd, "z": _z(observed, total_mean, total_sd)}
    if directed:
        _, sna_sd = sna_global_moments(sizes, density)
        rows |= {"sd_sna": sna_sd, "z_sna": _z(observed, total_mean, sna_sd)}
    overall = pd.DataFrame(list(rows.values()), index=pd.Index(list(rows)), columns=list(roles))
    raw = raw.set_axis(index).set_axis(list(roles), axis=1)
    z = pd.DataFrame(
        _z(raw.to_numpy(dtype=float), expected.to_numpy(), sd.to_numpy()), index=index, columns=list(roles)
    )
    return BrokerageResult(
        directed=directed,
        raw=raw,
        expected=expected,
        sd=sd,
        z=z,
        overall=overall,
        group_sizes=group_sizes.rename("size").rename_axis("group"),
        density=density,
        n_ties=n_ties,
        caveat=small_network_caveat(n_ties),
    )


def _group_key(node, group):
    """The group of `node`: its attribute value, or a group of its own when it has none."""
    return (None, node) if group is None else group


def _z(observed: np.ndarray, mean: np.ndarray, sd: np.ndarray) -> np.ndarray:
    """``(observed - mean) / sd``, NaN where ``sd`` is 0."""
    with np.errstate(divide="ignore", invalid="ignore"):
        return np.where(sd > 0, (observed - mean) / np.where(sd > 0, sd, 1.0), np.nan)


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
