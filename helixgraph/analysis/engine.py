"""How a measure is computed: exact or sampled, with NetworkX or with igraph.

NetworkX is the reference implementation. igraph computes the same quantities in C and is used for
large graphs; the tests check that both engines give the same numbers on small graphs. Betweenness
and harmonic centrality need one shortest-path search per source node, so above a size threshold
they are estimated from a seeded random sample of source nodes ("pivots").

The module constants are defaults; the measures take ``k=``, ``exact_threshold=`` and ``engine=``
arguments to override them.
"""

from __future__ import annotations

import random
from collections.abc import Collection, Hashable, Iterator
from contextlib import contextmanager

import igraph as ig
import networkx as nx

from helixgraph.errors import AnalysisError

__all__ = [
    "DEFAULT_PIVOTS",
    "DEFAULT_SEED",
    "ENGINES",
    "EXACT_THRESHOLD",
    "IGRAPH_THRESHOLD",
    "igraph_random_state",
    "pivot_count",
    "resolve_engine",
    "sample_pivots",
    "to_igraph",
]

#: Graphs with more nodes than this get sampled (pivot) betweenness and harmonic centrality.
EXACT_THRESHOLD = 10_000
#: Number of pivots (sampled source nodes) used above :data:`EXACT_THRESHOLD` by harmonic centrality,
#: research-to-clinic betweenness and the betweenness of a directed graph; the first round of
#: :func:`~helixgraph.analysis.adaptive_betweenness.adaptive_betweenness`, which draws more until two
#: independent halves of its sample agree on the top nodes.
DEFAULT_PIVOTS = 512
#: With ``engine="auto"``, graphs with at least this many nodes are computed with igraph.
IGRAPH_THRESHOLD = 5000
#: Seed used wherever randomness enters (pivot sampling, Louvain) unless the caller passes one.
DEFAULT_SEED = 42
#: The engine names accepted by the ``engine=`` argument.
ENGINES = ("auto", "networkx", "igraph")


def resolve_engine(G: nx.Graph, engine: str = "auto", *, threshold: int = IGRAPH_THRESHOLD) -> str:
    """Return the engine that computes a measure on `G`: ``"networkx"`` or ``"igraph"``.

    Parameters
    ----------
    G : networkx.Graph
        The graph to analyse.
    engine : {"auto", "networkx", "igraph"}
        ``"auto"`` picks igraph when `G` has at least `threshold` nodes and NetworkX otherwise;
        the other two names are returned unchanged.
    threshold : int
        Node count from which ``"auto"`` switches to igraph (default :data:`IGRAPH_THRESHOLD`).

    Returns
    -------
    str

    Raises
    ------
    AnalysisError
        If `engine` is not one of :data:`ENGINES`.

    Examples
    --------
    >>> import networkx as nx
    >>> resolve_engine(nx.path_graph(3))
    'networkx'
    >>> resolve_engine(nx.path_graph(3), threshold=3)
    'igraph'
    >>> resolve_engine(nx.path_graph(3), "igraph")
    'igraph'
    """
    if engine not in ENGINES:
        raise AnalysisError("unknown engine", parameter="engine", value=engine, expected=f"one of {ENGINES}")
    if engine == "auto":
        return "igraph" if len(G) >= threshold else "networkx"
    return engine


def pivot_count(n: int, k: int | None = None, *, exact_threshold: float = EXACT_THRESHOLD) -> int | None:
    """Return how many pivots to sample in a graph of `n` nodes, or None for an exact computation.

    Parameters
    ----------
    n : int
        Number of nodes.
    k : int or None
        Pivots asked for by the caller. None lets the size decide: exact up to `exact_threshold`
        nodes, :data:`DEFAULT_PIVOTS` above. A `k` of at least `n` means exact.
    exact_threshold : int or float
        Largest node count computed exactly when `k` is None (default :data:`EXACT_THRESHOLD`);
        pass ``math.inf`` to always compute exactly.

    Returns
    -------
    int or None

    Raises
    ------
    AnalysisError
        If `k` is not a positive integer.

    Examples
    --------
    >>> pivot_count(100) is None
    True
    >>> pivot_count(100_000)
    512
    >>> pivot_count(100, k=10)
    10
    >>> pivot_count(100, k=500) is None
    True
    """
    if k is not None and (isinstance(k, bool) or not isinstance(k, int) or k < 1):
        raise AnalysisError("bad number of pivots", parameter="k", value=k, expected="a positive int or None")
    if k is None:
        k = None if n <= exact_threshold else DEFAULT_PIVOTS
    return None if k is None or k >= n else k


def sample_pivots(candidates: Collection[Hashable], k: int, seed: int | None) -> list:
    """Draw `k` pivots from `candidates` the way NetworkX's ``betweenness_centrality(k=, seed=)`` does.

    NetworkX calls ``random.Random(seed).sample(list(G), k)``; doing the same here means igraph
    and NetworkX use the very same pivots for the same seed.

    Examples
    --------
    >>> sample_pivots(["a", "b", "c", "d"], 2, seed=42)
    ['a', 'd']
    """
    return random.Random(seed).sample(list(candidates), k)


def to_igraph(G: nx.Graph, *, weight: str | None = None) -> tuple[ig.Graph, dict]:
    """Convert `G` to an igraph graph.

    Parameters
    ----------
    G : networkx.Graph or networkx.DiGraph
        The graph; node order is kept, so node ``i`` of the igraph graph is the ``i``-th node of `G`.
    weight : str or None
        Edge attribute copied to the igraph edge attribute ``"weight"`` (missing values count 1).

    Returns
    -------
    graph : igraph.Graph
    index : dict
        Maps each NetworkX node to its igraph vertex id.

    Examples
    --------
    >>> import networkx as nx
    >>> g, index = to_igraph(nx.Graph([("a", "b"), ("b", "c")]))
    >>> g.vcount(), g.ecount(), index["c"]
    (3, 2, 2)
    """
    index = {node: i for i, node in enumerate(G)}
    edges = [(index[u], index[v]) for u, v in G.edges()]
    graph = ig.Graph(n=len(index), edges=edges, directed=G.is_directed())
    if weight is not None:
        graph.es["weight"] = [d.get(weight, 1) for _, _, d in G.edges(data=True)]
    return graph, index


@contextmanager
def igraph_random_state(seed: int | None) -> Iterator[None]:
    """Run igraph's randomised algorithms with a private ``random.Random(seed)``.

    python-igraph draws from Python's global :mod:`random` module by default; this context
    manager swaps in a seeded generator and puts the module back on exit, so a seeded run is
    reproducible and leaves the global random state untouched.

    Examples
    --------
    >>> import igraph as ig
    >>> g = ig.Graph.Famous("Zachary")
    >>> with igraph_random_state(1):
    ...     a = g.community_multilevel().membership
    >>> with igraph_random_state(1):
    ...     b = g.community_multilevel().membership
    >>> a == b
    True
    """
    ig.set_random_number_generator(random.Random(seed))
    try:
        yield
    finally:
        ig.set_random_number_generator(random)
