"""Burt's structural holes: constraint, effective size and efficiency.

Ties are binary and undirected here (pass the undirected simple view; its weights are not used): a
structural hole is about who is tied to whom, and binary ties keep the three measures consistent
with one another. Directed graphs are refused: NetworkX's pure-Python path gives NaN to a node
without out-arcs while igraph (and NetworkX with SciPy) count all its contacts, so the answer
would depend on the engine.
"""

from __future__ import annotations

import math
from collections.abc import Mapping

import networkx as nx

from helixgraph.analysis.engine import resolve_engine, to_igraph
from helixgraph.errors import AnalysisError

__all__ = ["constraint", "effective_size", "efficiency"]


def constraint(G: nx.Graph, *, engine: str = "auto") -> dict:
    """Burt's constraint: how much a node's contacts are tied to one another.

    Low constraint means brokerage opportunities. Equals ``networkx.constraint(G)``; igraph's
    ``Graph.constraint`` computes the same formula. ``engine="auto"`` uses igraph at every size:
    NetworkX sums over Python sets, so its last digits can change from one process to the next.
    An isolated node gets NaN.

    Raises
    ------
    AnalysisError
        If `G` is directed.

    Examples
    --------
    >>> import networkx as nx
    >>> constraint(nx.star_graph(2))
    {0: 0.5, 1: 1.0, 2: 1.0}
    >>> constraint(nx.star_graph(2), engine="igraph")
    {0: 0.5, 1: 1.0, 2: 1.0}

    References
    ----------
    .. [1] R. S. Burt, Structural Holes: The Social Structure of Competition, Harvard
       University Press, 1992.
    """
    _require_undirected(G)
    # threshold=0: "auto" means igraph at every size.
    if resolve_engine(G, engine, threshold=0) == "networkx":
        return nx.constraint(G)
    graph, index = to_igraph(G)
    return dict(zip(index, graph.constraint(), strict=True))


def effective_size(G: nx.Graph, *, engine: str = "auto") -> dict:
    """Burt's effective size: the number of contacts minus their redundancy.

    Equals ``networkx.effective_size(G)``: Borgatti's ``deg - 2t/deg``, with ``t`` ties among
    the contacts, which igraph gets from the local clustering coefficient. An isolated node gets
    NaN.

    Raises
    ------
    AnalysisError
        If `G` is directed.

    Examples
    --------
    >>> import networkx as nx
    >>> G = nx.Graph([("hub", "a"), ("hub", "b"), ("hub", "c"), ("a", "b")])
    >>> effective_size(G)["hub"]
    2.3333333333333335
    >>> effective_size(G, engine="igraph")["hub"]
    2.3333333333333335

    References
    ----------
    .. [1] R. S. Burt, Structural Holes: The Social Structure of Competition, Harvard
       University Press, 1992.
    .. [2] S. P. Borgatti, "Structural holes: unpacking Burt's redundancy measures",
       Connections 20(1), 35-38, 1997.
    """
    _require_undirected(G)
    if resolve_engine(G, engine) == "networkx":
        return nx.effective_size(G)
    graph, index = to_igraph(G)
    clustering = graph.transitivity_local_undirected(mode="zero")
    return {
        node: math.nan if deg == 0 else deg - (deg - 1) * c
        for node, deg, c in zip(index, graph.degree(), clustering, strict=True)
    }


def efficiency(G: nx.Graph, *, effective_sizes: Mapping | None = None, engine: str = "auto") -> dict:
    """Burt's efficiency: effective size divided by the number of distinct contacts.

    Parameters
    ----------
    G : networkx graph
    effective_sizes : mapping, optional
        Precomputed :func:`effective_size` values, to avoid computing them twice.
    engine : {"auto", "networkx", "igraph"}
        Used to compute the effective sizes when they are not given.

    Raises
    ------
    AnalysisError
        If `G` is directed.

    Examples
    --------
    >>> import networkx as nx
    >>> G = nx.Graph([("hub", "a"), ("hub", "b"), ("hub", "c"), ("a", "b")])
    >>> round(efficiency(G)["hub"], 4)
    0.7778
    """
    _require_undirected(G)
    if effective_sizes is None:
        effective_sizes = effective_size(G, engine=engine)
    result = {}
    for node in G:
        contacts = len(set(G[node]) - {node})
        result[node] = effective_sizes[node] / contacts if contacts else math.nan
    return result


def _require_undirected(G: nx.Graph) -> None:
    if G.is_directed():
        raise AnalysisError(
            "structural holes are computed on undirected graphs",
            parameter="G",
            value=type(G).__name__,
            expected="networkx.Graph, e.g. simple_view(G)",
        )
