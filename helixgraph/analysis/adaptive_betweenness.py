"""Betweenness of a large undirected graph, sampled until two independent samples rank its top nodes alike.

Three things make the estimate converge where plain source sampling does not:

* Trees hanging off the graph's 2-core (:mod:`helixgraph.analysis.hanging_trees`) are counted
  exactly: every pair a tree node separates passes it, and a search from a core node stands for
  every node of its tree.
* Paths through the core are estimated from sampled sources with linear scaling
  (:mod:`helixgraph.analysis.path_dependencies`), so a node next to a sampled source is not credited
  with every path leaving it.
* The sources are drawn as two independent halves, and more are drawn (doubling) until the halves
  share at least `target` of their top `top` nodes, or `max_pivots` is reached. The agreement
  reached is part of the result: it is what a second seed would share with the first, measured on
  samples half the size.

Components of at most `exact_threshold` nodes are computed exactly, with every core node as a source.
"""

from __future__ import annotations

from dataclasses import dataclass, field

import networkx as nx
import numpy as np

from helixgraph.analysis.engine import DEFAULT_PIVOTS, DEFAULT_SEED, EXACT_THRESHOLD, to_igraph
from helixgraph.analysis.hanging_trees import hanging_trees
from helixgraph.analysis.path_dependencies import csr_adjacency, linear_dependencies
from helixgraph.analysis.workers import DEFAULT_WORKERS, check_workers, task_runner
from helixgraph.errors import AnalysisError

__all__ = [
    "AGREEMENT_TARGET",
    "AGREEMENT_TOP",
    "MAX_PIVOTS",
    "BetweennessEstimate",
    "adaptive_betweenness",
]

#: How many top nodes the two halves of the sample are compared on.
AGREEMENT_TOP = 100
#: Sampling stops once the halves share this many of their top :data:`AGREEMENT_TOP` nodes.
AGREEMENT_TARGET = 90
#: Sampling stops at this many sampled sources whatever the agreement.
MAX_PIVOTS = 8192
# Arcs a round of searches visits before it is worth spreading over worker processes (about a second).
_WORK_FOR_WORKERS = 50_000_000


@dataclass(frozen=True)
class BetweennessEstimate:
    """Normalized betweenness with what the estimate rests on.

    Attributes
    ----------
    values : dict
        Node to betweenness over ordered pairs, divided by ``(n - 1)(n - 2)`` (NetworkX's normalization).
    pivots : int
        Sampled source nodes, both halves together (0 when everything was computed exactly).
    searches : int
        Breadth-first searches run (a sampled tree node is searched from its root, once per half).
    agreement : int or None
        Nodes the two halves' top `top` share (ties broken by the node's text); None when exact.
    top, target, max_pivots : int
        The comparison's size, the agreement sought and the cap on sampled sources.
    seed : int or None
        Seed of the sample.
    halves : tuple of dict
        The estimates of the two halves alone (empty when nothing was sampled).
    complete : bool
        True when sampling drew every node of the components it sampled: the values are then exact
        (each half alone is not).
    """

    values: dict
    pivots: int
    searches: int
    agreement: int | None
    top: int
    target: int
    max_pivots: int
    seed: int | None
    halves: tuple = field(default=(), repr=False)
    complete: bool = False

    @property
    def exact(self) -> bool:
        """True when nothing was sampled, or every node of the sampled components was drawn."""
        return self.pivots == 0 or self.complete

    @property
    def reached(self) -> bool:
        """True when exact or when the halves share at least `target` of their top nodes."""
        return self.exact or self.agreement is None or self.agreement >= self.target


def adaptive_betweenness(
    G: nx.Graph,
    *,
    seed: int | None = DEFAULT_SEED,
    pivots: int = DEFAULT_PIVOTS,
    max_pivots: int = MAX_PIVOTS,
    top: int = AGREEMENT_TOP,
    target: int = AGREEMENT_TARGET,
    exact_threshold: float = EXACT_THRESHOLD,
    workers: int = DEFAULT_WORKERS,
) -> BetweennessEstimate:
    """Normalized shortest-path betweenness of an undirected graph, sampled until it ranks its top stably.

    Parameters
    ----------
    G : networkx.Graph
        Undirected; self-loops are ignored.
    seed : int or None
        Seed of the source sample (:func:`numpy.random.default_rng`).
    pivots : int
        Sources sampled in the first round (at most `max_pivots`), both halves together; each further
        round doubles them.
    max_pivots : int
        No further round once this many sources are sampled.
    top, target : int
        Stop once the halves share `target` of their top `top` nodes (`top` capped at the node count).
    exact_threshold : int or float
        Components of at most this many nodes are computed exactly.
    workers : int
        Processes the searches are spread over (:func:`~helixgraph.analysis.workers.task_runner`);
        the result does not depend on it.

    Returns
    -------
    BetweennessEstimate

    Raises
    ------
    AnalysisError
        If `G` is directed or a multigraph, or a count is not a positive integer.

    Examples
    --------
    A star of five leaves with a path of two hanging off one leaf: every node lies in a tree, so the
    result is exact (and equals NetworkX's) without a single search.

    >>> import networkx as nx
    >>> G = nx.star_graph(5)
    >>> G.add_edges_from([(5, 6), (6, 7)])
    >>> estimate = adaptive_betweenness(G, exact_threshold=0)
    >>> estimate.exact, estimate.searches
    (True, 0)
    >>> estimate.values == nx.betweenness_centrality(G)
    True

    References
    ----------
    .. [1] R. Geisberger, P. Sanders and D. Schultes, "Better approximation of betweenness
       centrality", Proc. ALENEX 2008, 90-100. https://doi.org/10.1137/1.9781611972887.9
    .. [2] A. E. Sariyuce, E. Saule, K. Kaya and U. V. Catalyurek, "Shattering and compressing
       networks for betweenness centrality", Proc. SIAM SDM 2013, 686-694.
       https://doi.org/10.1137/1.9781611972832.76
    """
    if G.is_directed() or G.is_multigraph():
        raise AnalysisError("adaptive betweenness needs a simple undirected graph", parameter="G",
                            value=type(G).__name__, expected="networkx.Graph, e.g. simple_view(G)")
    for name, value in (("pivots", pivots), ("max_pivots", max_pivots), ("top", top), ("target", target)):
        if isinstance(value, bool) or not isinstance(value, int) or value < 1:
            raise AnalysisError("bad sampling setting", parameter=name, value=value, expected="a positive int")
    check_workers(workers)
    n = len(G)
    top = min(top, n)
    settings = {"top": top, "target": target, "max_pivots": max_pivots, "seed": seed}
    if n <= 2:
        return BetweennessEstimate(values=dict.fromkeys(G, 0.0), pivots=0, searches=0, agreement=None, **settings)
    graph, index = to_igraph(G)
    graph.simplify(multiple=False, loops=True)
    trees = hanging_trees(graph)
    core = np.flatnonzero(trees.in_core)
    position = np.full(n, -1, dtype=np.int64)
    position[core] = np.arange(len(core))
    edges = np.asarray(graph.get_edgelist(), dtype=np.int64).reshape(-1, 2)
    core_edges = edges[trees.in_core[edges[:, 0]] & trees.in_core[edges[:, 1]]]
    indptr, indices = csr_adjacency(len(core), position[core_edges])
    weight = trees.weight[core].astype(float)

    with task_runner(workers) as run:

        def searched(groups: list[tuple[np.ndarray, np.ndarray]]) -> list[np.ndarray]:
            """Per group of roots and their counts: linear-scaled dependencies of the core nodes."""
            tasks = [(indptr, indices, weight, position[roots], counts.astype(float)) for roots, counts in groups]
            if sum(len(roots) for roots, _ in groups) * max(len(indices), 1) < _WORK_FOR_WORKERS:
                return [linear_dependencies(*task) for task in tasks]
            return run(linear_dependencies, tasks)

        sampled = trees.in_core & (trees.component_size > exact_threshold)
        exact_roots = core[~sampled[core]]
        base = trees.tree_pairs.astype(float)
        exact_halves = [exact_roots[half::2] for half in (0, 1)]
        base[core] += 2 * sum(searched([(roots, trees.weight[roots]) for roots in exact_halves]))
        searches = len(exact_roots)
        components = np.unique(trees.component[sampled])
        nodes = list(index)
        if len(components) == 0:
            return BetweennessEstimate(values=_normalized(nodes, base), pivots=0, searches=searches,
                                       agreement=None, **settings)

        rng = np.random.default_rng(seed)
        members = [np.flatnonzero(trees.component == c) for c in components]
        orders = [rng.permutation(m) for m in members]
        sizes = np.array([len(m) for m in members])
        taken = np.zeros(len(components), dtype=np.int64)
        sums = [np.zeros(len(core)), np.zeros(len(core))]
        counts = np.zeros((2, len(components)), dtype=np.int64)
        slot = np.searchsorted(components, trees.component[core])  # sampled component of each core node
        in_sampled = sampled[core]
        slot[~in_sampled] = 0
        ranks = _text_ranks(nodes)
        wanted = min(pivots, max_pivots)
        while True:
            goal = np.minimum(sizes, np.maximum(2, 2 * np.round(wanted * sizes / (2 * sizes.sum())).astype(np.int64)))
            fresh = [np.concatenate([order[taken[i] : goal[i]][(np.arange(taken[i], goal[i]) % 2) == half]
                                     for i, order in enumerate(orders)]) for half in (0, 1)]
            for half in (0, 1):
                counts[half] += [np.count_nonzero((np.arange(taken[i], goal[i]) % 2) == half)
                                 for i in range(len(orders))]
            groups = [np.unique(trees.root[chosen], return_counts=True) for chosen in fresh]
            for half, found in enumerate(searched(groups)):
                sums[half] += found
            searches += sum(len(roots) for roots, _ in groups)
            taken = goal
            estimates = [_with_core(base, core, in_sampled, 2 * sizes[slot] / np.maximum(counts[h][slot], 1) * sums[h])
                         for h in (0, 1)]
            agreement = _shared_top(estimates[0], estimates[1], ranks, top)
            if agreement >= target or taken.sum() >= max_pivots or np.all(taken == sizes):
                break
            wanted *= 2
    combined = _with_core(base, core, in_sampled, 2 * sizes[slot] / np.maximum(counts.sum(0)[slot], 1) * sum(sums))
    return BetweennessEstimate(
        values=_normalized(nodes, combined),
        pivots=int(taken.sum()),
        searches=searches,
        agreement=agreement,
        halves=tuple(_normalized(nodes, e) for e in estimates),
        complete=bool(np.all(taken == sizes)),
        **settings,
    )


def _with_core(base: np.ndarray, core: np.ndarray, in_sampled: np.ndarray, core_values: np.ndarray) -> np.ndarray:
    """`base` with the sampled components' core nodes raised by their estimated core paths."""
    values = base.copy()
    values[core[in_sampled]] += core_values[in_sampled]
    return values


def _normalized(nodes: list, raw: np.ndarray) -> dict:
    n = len(nodes)
    return dict(zip(nodes, (raw / ((n - 1) * (n - 2))).tolist(), strict=True))


def _text_ranks(nodes: list) -> np.ndarray:
    """Each node's position when the nodes are sorted by their text (to break ties in a ranking)."""
    ranks = np.empty(len(nodes), dtype=np.int64)
    ranks[sorted(range(len(nodes)), key=lambda i: str(nodes[i]))] = np.arange(len(nodes))
    return ranks


def _shared_top(first: np.ndarray, second: np.ndarray, ranks: np.ndarray, top: int) -> int:
    """Nodes two scorings share in their top `top`, as :func:`~helixgraph.analysis.centrality.top_agreement`."""
    best = [set(np.lexsort((ranks, -scores))[:top].tolist()) for scores in (first, second)]
    return len(best[0] & best[1])
