"""Is a network figure more than chance? E-I against random mixing, modularity against rewiring.

Each test returns the observed value beside its null distribution, with the number of draws and
the seed that reproduce it (a :class:`numpy.random.Generator` drives every draw) and the number
of ties it rests on. Under :data:`SMALL_NETWORK_TIES` ties a summary says so in ``caveat``: tens of
ties rarely beat their null, and when they do the figure still rests on a handful of relations.
"""

from __future__ import annotations

import math
from collections.abc import Callable
from dataclasses import dataclass, field

import igraph as ig
import networkx as nx
import numpy as np

from helixgraph.analysis.communities import louvain_communities, modularity
from helixgraph.analysis.engine import DEFAULT_SEED, igraph_random_state, resolve_engine, to_igraph
from helixgraph.analysis.workers import DEFAULT_WORKERS, check_workers, run_in_background
from helixgraph.errors import AnalysisError

__all__ = [
    "DEFAULT_DRAWS",
    "SMALL_NETWORK_TIES",
    "EIIndexTest",
    "ModularityTest",
    "SmallNetworkFlag",
    "ei_index_test",
    "modularity_test",
    "null_moments",
    "small_network_caveat",
    "start_modularity_test",
]

#: Below this many ties a figure is reported with a caveat that it carries no weight.
SMALL_NETWORK_TIES = 50
#: Default number of label permutations for the E-I test.
DEFAULT_DRAWS = 1000
# Ties times rewired graphs from which the modularity null's draws are spread over worker processes,
# and about how much of it one task of draws holds.
_WORK_FOR_WORKERS = 200_000
_WORK_PER_TASK = 50_000


def small_network_caveat(n_ties: int) -> str | None:
    """The caveat for a figure resting on `n_ties` ties, or None when there are enough.

    Examples
    --------
    >>> small_network_caveat(9)
    'only 9 ties: under 50 ties the network is too small for this figure to carry weight'
    >>> small_network_caveat(50) is None
    True
    """
    if n_ties >= SMALL_NETWORK_TIES:
        return None
    return f"only {n_ties} ties: under {SMALL_NETWORK_TIES} ties the network is too small for this figure to carry weight"


class SmallNetworkFlag:
    """What every result against chance says of its size: ``too_small`` under
    :data:`SMALL_NETWORK_TIES` ties (the result's ``n_ties``)."""

    n_ties: int

    @property
    def too_small(self) -> bool:
        """True when the figure rests on fewer ties than it needs to carry weight."""
        return self.n_ties < SMALL_NETWORK_TIES


def null_moments(distribution: np.ndarray) -> tuple[float, float]:
    """The mean and the sample standard deviation of a null's draws (NaN for the sd of one draw).

    >>> null_moments(np.array([1.0, 2.0, 3.0]))
    (2.0, 1.0)
    """
    sd = float(np.std(distribution, ddof=1)) if len(distribution) > 1 else math.nan
    return float(np.mean(distribution)), sd


@dataclass(frozen=True)
class EIIndexTest(SmallNetworkFlag):
    """The E-I index against random mixing of the sector labels.

    Attributes
    ----------
    value : float
        Observed E-I index (NaN without ties between nodes with a sector).
    external, internal : int
        Ties across sectors and within one.
    expected : float
        Exact mean under random mixing: ``2 * share - 1``, where ``share`` is the fraction of
        pairs of sector nodes that lie in different sectors.
    null_mean, null_sd : float
        Mean and standard deviation of the permutation draws.
    p_value : float
        Two-sided: ``(1 + number of draws at least as far from expected) / (draws + 1)``.
        With few ties the index takes few values, so this can be 1 for a value that is as close
        to the expected one as the ties allow.
    p_greater, p_less : float
        One-sided: ``(1 + draws >= value) / (draws + 1)`` (as many ties across sectors or more)
        and ``(1 + draws <= value) / (draws + 1)`` (as few or fewer).
    draws, seed : int
        Number of permutations and the seed of the generator that drew them.
    distribution : numpy.ndarray
        The E-I index of each draw.
    n_ties : int
        Ties between nodes with a sector, the ones the index counts.
    caveat : str or None
        See :func:`small_network_caveat`.
    """

    value: float
    external: int
    internal: int
    expected: float
    null_mean: float
    null_sd: float
    p_value: float
    p_greater: float
    p_less: float
    draws: int
    seed: int | None
    distribution: np.ndarray = field(repr=False)
    n_ties: int = 0
    caveat: str | None = None


def ei_index_test(
    G: nx.Graph, *, attribute: str = "sector", draws: int = DEFAULT_DRAWS, seed: int | None = DEFAULT_SEED
) -> EIIndexTest:
    """Krackhardt's E-I index with its expected value and a permutation p-value.

    The ties are those :func:`~helixgraph.analysis.mixing.ei_index` counts: every non-loop edge
    (every parallel edge of a multigraph) between two nodes that have a sector. The null keeps
    the ties and the sector sizes and deals the sector labels out to the sector nodes at random:
    each draw is a uniform permutation of the labels.

    Parameters
    ----------
    G : networkx graph
    attribute : str
        Node attribute holding the sector; nodes without one take no part.
    draws : int
        Number of permutations (at least 1).
    seed : int or None
        Seed of :func:`numpy.random.default_rng`.

    Returns
    -------
    EIIndexTest

    Raises
    ------
    AnalysisError
        If `draws` is not a positive integer.

    Notes
    -----
    Under a uniform permutation both ends of a tie are a uniform pair of distinct sector nodes,
    so a tie is external with probability ``share = 1 - sum(n_g (n_g - 1)) / (M (M - 1))`` for
    sector sizes ``n_g`` summing to ``M``. The number of ties is fixed, so the expected index is
    exactly ``2 * share - 1``: the value a network with no preference for its own sector shows.

    Examples
    --------
    A star whose centre is the only industry node among three universities: all three ties
    cross, but three of the four labels are U, so random mixing crosses only half the pairs.

    >>> import networkx as nx
    >>> G = nx.star_graph(3)
    >>> nx.set_node_attributes(G, {0: "I", 1: "U", 2: "U", 3: "U"}, "sector")
    >>> test = ei_index_test(G, draws=200, seed=1)
    >>> test.value, test.expected
    (1.0, 0.0)
    >>> test.draws, test.seed, test.n_ties
    (200, 1, 3)

    References
    ----------
    .. [1] D. Krackhardt and R. N. Stern, "Informal networks and organizational crises: an
       experimental simulation", Social Psychology Quarterly 51(2), 123-140, 1988.
       https://doi.org/10.2307/2786835
    """
    _check_draws(draws)
    labelled = [node for node, sector in G.nodes(data=attribute) if sector is not None]
    position = {node: i for i, node in enumerate(labelled)}
    codes = {sector: i for i, sector in enumerate(sorted({G.nodes[v][attribute] for v in labelled}, key=str))}
    labels = np.array([codes[G.nodes[v][attribute]] for v in labelled], dtype=np.int64)
    ends = np.array(
        [(position[u], position[v]) for u, v in G.edges() if u != v and u in position and v in position],
        dtype=np.int64,
    ).reshape(-1, 2)
    n_ties = len(ends)
    external = int(np.count_nonzero(labels[ends[:, 0]] != labels[ends[:, 1]]))
    internal = n_ties - external
    value = (external - internal) / n_ties if n_ties else math.nan

    sizes = np.bincount(labels, minlength=len(codes)).astype(float)
    m = float(len(labels))
    share = 1 - float(np.sum(sizes * (sizes - 1))) / (m * (m - 1)) if m > 1 else math.nan
    expected = 2 * share - 1 if n_ties else math.nan

    rng = np.random.default_rng(seed)
    compact = labels.astype(np.min_scalar_type(max(len(codes) - 1, 0)))  # small labels shuffle faster
    tails, heads = np.ascontiguousarray(ends[:, 0]), np.ascontiguousarray(ends[:, 1])
    distribution = np.empty(draws)
    for i in range(draws):
        shuffled = rng.permutation(compact)
        crossing = np.count_nonzero(shuffled[tails] != shuffled[heads])
        distribution[i] = (2 * crossing - n_ties) / n_ties if n_ties else math.nan
    if n_ties:
        # A small tolerance keeps draws equal to the observed value from being lost to rounding.
        extreme = np.abs(distribution - expected) >= abs(value - expected) - 1e-12
        p_value = (1 + int(np.count_nonzero(extreme))) / (draws + 1)
        p_greater = (1 + int(np.count_nonzero(distribution >= value - 1e-12))) / (draws + 1)
        p_less = (1 + int(np.count_nonzero(distribution <= value + 1e-12))) / (draws + 1)
    else:
        p_value = p_greater = p_less = math.nan
    null_mean, null_sd = null_moments(distribution)
    return EIIndexTest(
        value=value,
        external=external,
        internal=internal,
        expected=expected,
        null_mean=null_mean,
        null_sd=null_sd,
        p_value=p_value,
        p_greater=p_greater,
        p_less=p_less,
        draws=draws,
        seed=seed,
        distribution=distribution,
        n_ties=n_ties,
        caveat=small_network_caveat(n_ties),
    )


@dataclass(frozen=True)
class ModularityTest(SmallNetworkFlag):
    """Modularity of the communities found, against the same search on rewired graphs.

    Attributes
    ----------
    observed : float
        Unweighted modularity of the Louvain partition of the graph (NaN without edges).
    communities : int
        Number of communities in that partition.
    null_mean, null_sd : float
        Mean and standard deviation of the modularity Louvain finds on the rewired graphs.
    z : float
        ``(observed - null_mean) / null_sd``; NaN when the draws do not vary.
    p_value : float
        One-sided: ``(1 + number of draws at least as modular) / (draws + 1)``.
    draws, seed : int
        Number of rewired graphs and the seed of the generator behind them.
    engine : str
        ``"networkx"`` or ``"igraph"``, the Louvain implementation used for all of them.
    distribution : numpy.ndarray
        Modularity found on each rewired graph.
    n_ties : int
        Edges of the graph.
    caveat : str or None
        See :func:`small_network_caveat`.
    """

    observed: float
    communities: int
    null_mean: float
    null_sd: float
    z: float
    p_value: float
    draws: int
    seed: int | None
    engine: str
    distribution: np.ndarray = field(repr=False)
    n_ties: int = 0
    caveat: str | None = None


def modularity_test(
    G: nx.Graph,
    *,
    draws: int = 100,
    seed: int | None = DEFAULT_SEED,
    engine: str = "auto",
    resolution: float = 1.0,
    workers: int = DEFAULT_WORKERS,
) -> ModularityTest:
    """Compare the modularity Louvain finds with what it finds on degree-preserving rewirings.

    Any graph has partitions of positive modularity, and random graphs with the same degrees
    often have partitions as modular as the observed one; only a modularity above that
    configuration-model null says the communities are more than the degree sequence implies.

    Parameters
    ----------
    G : networkx.Graph
        Undirected. Read as a simple unweighted graph: parallel edges count once, self-loops
        are dropped, weights are ignored (rewiring keeps degrees, not weights).
    draws : int
        Number of rewired graphs.
    seed : int or None
        Seed of :func:`numpy.random.default_rng`, which gives the observed Louvain run `seed` and
        each draw its own seed for the rewiring and the Louvain run on it.
    engine : {"auto", "networkx", "igraph"}
        Louvain implementation (see :func:`~helixgraph.analysis.communities.louvain_communities`),
        the same for the graph and its rewirings.
    resolution : float
    workers : int
        Processes the draws are spread over when the graph is large (each draw has its own seed, so
        the result does not depend on it).

    Returns
    -------
    ModularityTest

    Raises
    ------
    AnalysisError
        If `G` is directed or `draws` is not a positive integer.

    Notes
    -----
    Each draw rewires the graph with igraph's ``Graph.rewire`` (ten times as many edge swap
    attempts as edges, no loops or multi-edges created), which keeps every node's degree.

    Examples
    --------
    In a star every rewiring gives the star back, so the null is the observed value itself:

    >>> import networkx as nx
    >>> test = modularity_test(nx.star_graph(4), draws=5, seed=3)
    >>> test.observed == test.null_mean, test.null_sd, test.p_value
    (True, 0.0, 1.0)

    References
    ----------
    .. [1] R. Guimera, M. Sales-Pardo and L. A. N. Amaral, "Modularity from fluctuations in
       random graphs and complex networks", Phys. Rev. E 70, 025101, 2004.
       https://doi.org/10.1103/PhysRevE.70.025101
    """
    return start_modularity_test(
        G, draws=draws, seed=seed, engine=engine, resolution=resolution, workers=workers
    )()


def start_modularity_test(
    G: nx.Graph,
    *,
    draws: int = 100,
    seed: int | None = DEFAULT_SEED,
    engine: str = "auto",
    resolution: float = 1.0,
    workers: int = DEFAULT_WORKERS,
) -> Callable[[], ModularityTest]:
    """Start :func:`modularity_test` and return a function that gives its result.

    The observed partition is found at once. On a large graph (ties times draws from 200,000) the
    draws run in `workers` background processes while the caller goes on, and the returned function
    draws those no worker has started yet itself, then waits for the rest; on a smaller one they are
    made at once. The result is the same either way.

    Examples
    --------
    >>> import networkx as nx
    >>> result = start_modularity_test(nx.karate_club_graph(), draws=5, seed=3)
    >>> result().distribution.tolist() == modularity_test(nx.karate_club_graph(), draws=5, seed=3).distribution.tolist()
    True
    """
    if G.is_directed():
        raise AnalysisError(
            "the modularity null needs an undirected graph", parameter="G", value=type(G).__name__,
            expected="an undirected graph, e.g. simple_view(G)",
        )  # fmt: skip
    _check_draws(draws)
    simple = nx.Graph()
    simple.add_nodes_from(G)
    simple.add_edges_from((u, v) for u, v in G.edges() if u != v)
    chosen = resolve_engine(simple, engine)
    n_ties = simple.number_of_edges()
    observed_parts = louvain_communities(simple, seed=seed, weight=None, resolution=resolution, engine=chosen)
    observed = modularity(simple, observed_parts, weight=None, resolution=resolution)

    check_workers(workers)
    rng = np.random.default_rng(seed)
    seeds = [int(rng.integers(2**31)) for _ in range(draws)]
    graph, _ = to_igraph(simple)
    edges = np.asarray(graph.get_edgelist(), dtype=np.int64).reshape(-1, 2)

    def finish(found: list[float]) -> ModularityTest:
        distribution = np.array(found, dtype=float)
        null_mean, null_sd = null_moments(distribution)
        at_least = int(np.count_nonzero(distribution >= observed - 1e-12))
        return ModularityTest(
            observed=observed,
            communities=len(observed_parts),
            null_mean=null_mean,
            null_sd=null_sd,
            z=(observed - null_mean) / null_sd if null_sd > 0 else math.nan,
            p_value=(1 + at_least) / (draws + 1) if n_ties else math.nan,
            draws=draws,
            seed=seed,
            engine=chosen,
            distribution=distribution,
            n_ties=n_ties,
            caveat=small_network_caveat(n_ties),
        )

    if n_ties * draws < _WORK_FOR_WORKERS:
        test = finish(_rewired_modularities(graph.vcount(), edges, seeds, chosen, resolution))
        return lambda: test
    # Tasks of a few draws each, so that the caller can take over the ones not started when it asks.
    per_task = max(1, _WORK_PER_TASK // max(n_ties, 1))
    chunks = [seeds[i:i + per_task] for i in range(0, draws, per_task)]
    pending = run_in_background(
        _rewired_modularities, [(graph.vcount(), edges, chunk, chosen, resolution) for chunk in chunks], workers
    )

    def collect() -> ModularityTest:
        return finish([value for part in pending() for value in part])

    return collect
def _rewired_modularities(n: int, edges: np.ndarray, seeds: list[int], engine: str, resolution: float) -> list[float]:
    """Per seed: rewire the graph with that seed and return the modularity Louvain finds on it."""
    graph = ig.Graph(n=n, edges=edges.tolist())
    found = []
    for draw_seed in seeds:
        rewired = graph.copy()
        with igraph_random_state(draw_seed):
            rewired.rewire(allowed_edge_types="simple")
        found.append(_louvain_modularity(rewired, draw_seed, engine, resolution))
    return found


def _louvain_modularity(graph, seed: int, engine: str, resolution: float) -> float:
    """Modularity of the Louvain partition of an igraph graph, found with `engine`."""
    if graph.ecount() == 0:
        return math.nan
    if engine == "igraph":
        with igraph_random_state(seed):
            clustering = graph.community_multilevel(resolution=resolution)
        return graph.modularity(clustering.membership, resolution=resolution)
    H = nx.Graph()
    H.add_nodes_from(range(graph.vcount()))
    H.add_edges_from(graph.get_edgelist())
    parts = louvain_communities(H, seed=seed, weight=None, resolution=resolution, engine="networkx")
    return modularity(H, parts, weight=None, resolution=resolution)


def _check_draws(draws: int) -> None:
    if isinstance(draws, bool) or not isinstance(draws, int) or draws < 1:
        raise AnalysisError("bad number of draws", parameter="draws", value=draws, expected="a positive int")
