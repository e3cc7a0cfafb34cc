"""Communities (seeded Louvain) and the core-periphery structure (k-cores)."""

from __future__ import annotations

import math
from collections.abc import Iterable

import networkx as nx

from helixgraph.analysis.engine import DEFAULT_SEED, igraph_random_state, resolve_engine, to_igraph
from helixgraph.errors import AnalysisError

__all__ = ["community_ids", "core_number", "louvain_communities", "main_core", "modularity"]


def louvain_communities(
    G: nx.Graph,
    *,
    seed: int | None = DEFAULT_SEED,
    weight: str | None = "weight",
    resolution: float = 1.0,
    engine: str = "auto",
) -> list[set]:
    """Louvain communities, in a deterministic order.

    The NetworkX engine calls ``networkx.community.louvain_communities(seed=seed)``; the igraph
    engine calls ``Graph.community_multilevel`` with igraph's random generator seeded by `seed`
    (see :func:`~helixgraph.analysis.engine.igraph_random_state`). Both are reproducible for a
    given seed, but they visit nodes in different orders, so where moves tie they can settle on
    different (equally good or nearly so) partitions.

    Parameters
    ----------
    G : networkx.Graph
        Undirected for the igraph engine; NetworkX also accepts a directed graph (directed
        modularity).
    seed : int or None
    weight : str or None
        Edge attribute used as tie strength.
    resolution : float
        Below 1 favours larger communities, above 1 smaller ones.
    engine : {"auto", "networkx", "igraph"}

    Returns
    -------
    list of set
        Largest community first; equal sizes are ordered by their smallest member (compared as
        ``str``).

    Raises
    ------
    AnalysisError
        If the igraph engine is given a directed graph.

    Examples
    --------
    Two triangles joined by one edge:

    >>> import networkx as nx
    >>> G = nx.Graph([(1, 2), (2, 3), (3, 1), (4, 5), (5, 6), (6, 4), (3, 4)])
    >>> louvain_communities(G, seed=1)
    [{1, 2, 3}, {4, 5, 6}]
    >>> louvain_communities(G, seed=1, engine="igraph")
    [{1, 2, 3}, {4, 5, 6}]

    References
    ----------
    .. [1] V. D. Blondel, J.-L. Guillaume, R. Lambiotte and E. Lefebvre, "Fast unfolding of
       communities in large networks", J. Stat. Mech. P10008, 2008.
       https://doi.org/10.1088/1742-5468/2008/10/P10008
    """
    if resolve_engine(G, engine) == "networkx":
        found = nx.community.louvain_communities(G, weight=weight, resolution=resolution, seed=seed)
    else:
        if G.is_directed():
            raise AnalysisError(
                "igraph's Louvain needs an undirected graph",
                parameter="engine",
                value=engine,
                expected="'networkx' for a directed graph",
            )
        graph, index = to_igraph(G, weight=weight)
        with igraph_random_state(seed):
            clustering = graph.community_multilevel(
                weights="weight" if weight else None, resolution=resolution
            )
        nodes = list(index)
        found = [{nodes[i] for i in members} for members in clustering]
    return sorted(found, key=lambda c: (-len(c), min(map(str, c))))


def community_ids(communities: Iterable[Iterable]) -> dict:
    """Map each node to the position of its community in `communities`.

    Examples
    --------
    >>> community_ids([{"a", "b"}, {"c"}])["c"]
    1
    """
    return {node: i for i, community in enumerate(communities) for node in community}


def modularity(
    G: nx.Graph, communities: Iterable[Iterable], *, weight: str | None = "weight", resolution: float = 1.0
) -> float:
    """Newman's modularity of a partition; NaN for a graph without edges.

    Wraps :func:`networkx.community.modularity`.

    Examples
    --------
    >>> import networkx as nx
    >>> G = nx.Graph([(1, 2), (3, 4)])
    >>> modularity(G, [{1, 2}, {3, 4}])
    0.5
    >>> modularity(nx.empty_graph(2), [{0}, {1}])
    nan

    References
    ----------
    .. [1] M. E. J. Newman, "Modularity and community structure in networks", PNAS 103(23),
       8577-8582, 2006. https://doi.org/10.1073/pnas.0601602103
    """
    if G.number_of_edges() == 0:
        return math.nan
    return nx.community.modularity(G, communities, weight=weight, resolution=resolution)


def core_number(G: nx.Graph, *, engine: str = "auto") -> dict:
    """The core number of each node: the largest ``k`` of a k-core that contains it.

    Equals ``networkx.core_number(G)``; igraph's ``coreness`` is used for large graphs. In a
    directed graph the degree is in-degree plus out-degree.

    Examples
    --------
    >>> import networkx as nx
    >>> G = nx.Graph([(1, 2), (2, 3), (3, 1), (3, 4)])
    >>> core_number(G)
    {1: 2, 2: 2, 3: 2, 4: 1}
    >>> core_number(G, engine="igraph")
    {1: 2, 2: 2, 3: 2, 4: 1}

    References
    ----------
    .. [1] V. Batagelj and M. Zaversnik, "An O(m) algorithm for cores decomposition of
       networks", 2003. https://arxiv.org/abs/cs/0310049
    """
    if resolve_engine(G, engine) == "networkx":
        return nx.core_number(G)
    graph, index = to_igraph(G)
    return dict(zip(index, graph.coreness(mode="all"), strict=True))


def main_core(G: nx.Graph, *, core_numbers: dict | None = None, engine: str = "auto") -> set:
    """The nodes of the main core: the k-core with the largest ``k``.

    Parameters
    ----------
    G : networkx graph
    core_numbers : dict, optional
        Precomputed :func:`core_number` values.
    engine : {"auto", "networkx", "igraph"}

    Examples
    --------
    >>> import networkx as nx
    >>> sorted(main_core(nx.Graph([(1, 2), (2, 3), (3, 1), (3, 4)])))
    [1, 2, 3]
    """
    if core_numbers is None:
        core_numbers = core_number(G, engine=engine)
    if not core_numbers:
        return set()
    top = max(core_numbers.values())
    return {node for node, k in core_numbers.items() if k == top}
