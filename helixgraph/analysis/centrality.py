"""Centrality: who is active, who bridges, who is close to everyone, who is tied to the well-tied.

Every function takes a simple graph (see :func:`helixgraph.analysis.actor_network.simple_view`) and returns
``dict[node, float]``. Path-based measures (betweenness, closeness, harmonic) count hops and ignore
edge weights; eigenvector centrality and PageRank use `weight` as tie strength.
"""

from __future__ import annotations

import importlib.util
import math
import warnings
from collections.abc import Collection, Hashable

import networkx as nx
import numpy as np

from helixgraph.analysis.adaptive_betweenness import adaptive_betweenness
from helixgraph.analysis.engine import (
    DEFAULT_SEED,
    EXACT_THRESHOLD,
    igraph_random_state,
    pivot_count,
    resolve_engine,
    sample_pivots,
    to_igraph,
)
from helixgraph.errors import AnalysisError
from helixgraph.iris import local_name
from helixgraph.ontology.vocabulary import load_vocabulary, snake_case

__all__ = [
    "betweenness",
    "closeness",
    "default_translation_sets",
    "degree",
    "eigenvector",
    "harmonic",
    "pagerank",
    "research_to_clinic_betweenness",
    "top_agreement",
]

# Distances are fetched from igraph this many sources at a time, to bound memory.
_DISTANCE_CHUNK = 32


def degree(G: nx.Graph) -> dict:
    """Degree centrality: the share of the other nodes a node is tied to.

    Wraps :func:`networkx.degree_centrality` (NetworkX's convention gives the only node of a
    one-node graph 1.0).

    Examples
    --------
    >>> import networkx as nx
    >>> degree(nx.star_graph(3))
    {0: 1.0, 1: 0.3333333333333333, 2: 0.3333333333333333, 3: 0.3333333333333333}

    References
    ----------
    .. [1] L. C. Freeman, "Centrality in social networks: conceptual clarification",
       Social Networks 1(3), 215-239, 1979. https://doi.org/10.1016/0378-8733(78)90021-7
    """
    return nx.degree_centrality(G)


def betweenness(
    G: nx.Graph,
    *,
    k: int | None = None,
    seed: int | None = DEFAULT_SEED,
    exact_threshold: float = EXACT_THRESHOLD,
    engine: str = "auto",
) -> dict:
    """Normalized shortest-path betweenness, exact or estimated from `k` pivots.

    Equals ``networkx.betweenness_centrality(G, k=k, seed=seed, normalized=True)``. The igraph
    engine draws the same pivots as NetworkX, computes betweenness from those sources and applies
    NetworkX's scaling (:math:`n/k` estimator, pivots themselves scaled by :math:`1/(k-1)`), so
    both engines give the same numbers. When `k` is None the size decides: exact up to
    `exact_threshold` nodes; above it an undirected graph gets
    :func:`~helixgraph.analysis.adaptive_betweenness.adaptive_betweenness` (exact through the trees
    hanging off its core, sampled in the core until two independent halves of the sample share 90
    of their top 100 nodes), and a directed graph :data:`~helixgraph.analysis.engine.DEFAULT_PIVOTS`
    pivots.

    Parameters
    ----------
    G : networkx.Graph or networkx.DiGraph
    k : int, optional
        Number of pivots; None decides by size.
    seed : int or None
        Seed of the pivot sample.
    exact_threshold : int or float
        Largest graph computed exactly when `k` is None.
    engine : {"auto", "networkx", "igraph"}

    Returns
    -------
    dict

    Examples
    --------
    >>> import networkx as nx
    >>> betweenness(nx.path_graph(3))
    {0: 0.0, 1: 1.0, 2: 0.0}
    >>> betweenness(nx.path_graph(3), engine="igraph")
    {0: 0.0, 1: 1.0, 2: 0.0}

    References
    ----------
    .. [1] U. Brandes, "A faster algorithm for betweenness centrality", Journal of Mathematical
       Sociology 25(2), 163-177, 2001. https://doi.org/10.1080/0022250X.2001.9990249
    .. [2] U. Brandes and C. Pich, "Centrality estimation in large networks", International
       Journal of Bifurcation and Chaos 17(7), 2303-2318, 2007.
    """
    pivots_k = pivot_count(len(G), k, exact_threshold=exact_threshold)
    if k is None and len(G) > exact_threshold and not (G.is_directed() or G.is_multigraph()):
        return adaptive_betweenness(G, seed=seed, exact_threshold=exact_threshold).values
    if resolve_engine(G, engine) == "networkx":
        return nx.betweenness_centrality(G, k=pivots_k, seed=seed)
    n = len(G)
    if n <= 2:
        return dict.fromkeys(G, 0.0)
    if pivots_k is None:
        raw = _igraph_dependencies(G, None, None)
        return {v: b / ((n - 1) * (n - 2)) for v, b in raw.items()}
    pivots = sample_pivots(G, pivots_k, seed)
    raw = _igraph_dependencies(G, pivots, None)
    pivot_set = set(pivots)
    on_pivot = math.nan if pivots_k == 1 else 1 / ((pivots_k - 1) * (n - 2))
    off_pivot = 1 / (pivots_k * (n - 2))
    return {v: b * (on_pivot if v in pivot_set else off_pivot) for v, b in raw.items()}


def top_agreement(first: dict, second: dict, *, top: int = 100) -> int:
    """How many nodes the top ``top`` of two scorings share (ties broken by the node's text).

    Two betweenness estimates from independent pivot samples that share most of their top nodes
    rank those nodes reliably; the suite reports this for every sampled run.

    >>> top_agreement({"a": 3, "b": 2, "c": 1}, {"a": 1, "b": 3, "c": 2}, top=2)
    1
    """
    def best(scores: dict) -> set:
        return set(sorted(scores, key=lambda v: (-scores[v], str(v)))[:top])

    return len(best(first) & best(second))


def research_to_clinic_betweenness(
    G: nx.Graph,
    sources: Collection[Hashable],
    targets: Collection[Hashable],
    *,
    k: int | None = None,
    seed: int | None = DEFAULT_SEED,
    exact_threshold: float = EXACT_THRESHOLD,
    engine: str = "auto",
) -> dict:
    """Betweenness counted only on shortest paths from `sources` to `targets`, as a share of those pairs.

    It answers "who brokers between basic research and clinical translation": pass research
    organisations as `sources` and hospitals, regulators and approved products as `targets`
    (:func:`default_translation_sets` picks them). A node's value is the sum, over the ordered
    pairs ``(s, t)`` with ``s`` in `sources`, ``t`` in `targets`, ``s != t`` and the node at
    neither end, of the share of shortest ``s``-``t`` paths through the node, divided by the
    number of such pairs: 1.0 means the node lies on every shortest path of every pair. (Dividing
    by ``(n - 1)(n - 2)``, all pairs of the graph, as plain normalised betweenness does, would cap
    the value far below 1 whenever the sets are small.) On a graph sampled by size (see
    :func:`betweenness`) only `k` of the sources are searched and the sum is scaled by
    ``len(sources) / k``.

    Parameters
    ----------
    G : networkx.Graph or networkx.DiGraph
    sources, targets : collections of nodes of `G`
    k, seed, exact_threshold, engine
        As for :func:`betweenness`.

    Returns
    -------
    dict

    Raises
    ------
    AnalysisError
        If a source or target is not a node of `G`.

    Examples
    --------
    >>> import networkx as nx
    >>> G = nx.path_graph(["lab", "firm", "hospital", "regulator"])
    >>> research_to_clinic_betweenness(G, ["lab"], ["regulator"])
    {'lab': 0.0, 'firm': 1.0, 'hospital': 1.0, 'regulator': 0.0}
    >>> G.add_edge("lab", "clinic")  # a second target, reached without the firm
    >>> research_to_clinic_betweenness(G, ["lab"], ["clinic", "regulator"])["firm"]
    0.5

    References
    ----------
    .. [1] U. Brandes, "On variants of shortest-path betweenness centrality and their generic
       computation", Social Networks 30(2), 136-145, 2008.
       https://doi.org/10.1016/j.socnet.2007.11.001
    """
    for name, given in (("sources", sources), ("targets", targets)):
        missing = [node for node in given if node not in G]
        if missing:
            raise AnalysisError(f"{name} not in the graph", parameter=name, value=missing[:5])
    # Node order of G, not set order, so that sampling is reproducible.
    source_set, target_set = set(sources), set(targets)
    source_list = [node for node in G if node in source_set]
    target_list = [node for node in G if node in target_set]
    n = len(G)
    if not source_list or not target_list or n <= 2:
        return dict.fromkeys(G, 0.0)
    pivots_k = pivot_count(n, k, exact_threshold=exact_threshold)
    pivots, factor = source_list, 1.0
    if pivots_k is not None and pivots_k < len(source_list):
        pivots, factor = sample_pivots(source_list, pivots_k, seed), len(source_list) / pivots_k
    if resolve_engine(G, engine) == "networkx":
        halved = nx.betweenness_centrality_subset(G, pivots, target_list, normalized=False)
        raw = {v: b * (1 if G.is_directed() else 2) for v, b in halved.items()}  # NetworkX halves undirected
    else:
        raw = _igraph_dependencies(G, pivots, target_list)
    both = len(source_set & target_set)
    values = {}
    for v, b in raw.items():
        pairs = ((len(source_list) - (v in source_set)) * (len(target_list) - (v in target_set))
                 - (both - (v in source_set and v in target_set)))
        values[v] = b * factor / pairs if pairs > 0 else 0.0
    return values


def default_translation_sets(
    G: nx.Graph,
    *,
    research_sectors: Collection[str] | None = None,
    clinic_sectors: Collection[str] | None = None,
    clinic_classes: Collection[str] | None = None,
    approval_predicates: Collection[str] | None = None,
    product_classes: Collection[str] | None = None,
) -> tuple[list, list]:
    """Pick the research sources and the clinical targets of :func:`research_to_clinic_betweenness`.

    Sources are the nodes whose ``sector`` is in `research_sectors`. Targets are the nodes whose
    ``sector`` is in `clinic_sectors`, whose ``cls`` is in `clinic_classes`, or which are
    approved products: a node whose ``cls`` is in `product_classes` with an edge (either way)
    whose ``predicate`` has a local name in `approval_predicates`, or with a non-empty node
    attribute named after one (the projection keeps ``eco:approvedFor`` as the attribute
    ``approved_for``; both spellings count). Local names are read after the last ``#``, ``/`` or
    ``:``, so full IRIs and CURIEs both work.

    Each set left as None is read from the ontology (:mod:`helixgraph.ontology.vocabulary`): the
    members of the ``eco:ResearchSectors`` and ``eco:ClinicSectors`` collections, ``eco:Regulator``
    and its subclasses, the properties typed ``eco:ApprovalProperty``, and ``eco:Product`` and its
    subclasses.

    Returns
    -------
    sources, targets : list
        In the node order of `G`.

    Examples
    --------
    >>> import networkx as nx
    >>> G = nx.MultiDiGraph()
    >>> G.add_node("lab", cls="ResearchInstitute", sector="AcademiaResearch")
    >>> G.add_node("nmpa", cls="Regulator", sector="Government")
    >>> G.add_node("drug", cls="Drug", sector=None)
    >>> G.add_node("flu", cls="Disease", sector=None)
    >>> _ = G.add_edge("drug", "flu", predicate="https://w3id.org/helixgraph#approvedFor")
    >>> default_translation_sets(G)
    (['lab'], ['nmpa', 'drug'])
    >>> G.add_node("device", cls="MedicalDevice", sector=None, approved_for=["flu"])
    >>> default_translation_sets(G)[1]
    ['nmpa', 'drug', 'device']
    """
    vocabulary = load_vocabulary()
    research_sectors = vocabulary.research_sectors if research_sectors is None else set(research_sectors)
    clinic_sectors = vocabulary.clinic_sectors if clinic_sectors is None else set(clinic_sectors)
    clinic_classes = vocabulary.regulator_classes if clinic_classes is None else set(clinic_classes)
    approvals = vocabulary.approval_properties if approval_predicates is None else set(approval_predicates)
    products = vocabulary.product_classes if product_classes is None else set(product_classes)
    attributes = {*approvals, *(snake_case(name) for name in approvals)}
    approved = {node for node, data in G.nodes(data=True)
                if data.get("cls") in products and any(data.get(a) for a in attributes)}
    for u, v, predicate in G.edges(data="predicate"):
        if predicate is not None and local_name(predicate, prefixed=True) in approvals:
            approved.update(node for node in (u, v) if G.nodes[node].get("cls") in products)
    sources, targets = [], []
    for node, data in G.nodes(data=True):
        if data.get("sector") in research_sectors:
            sources.append(node)
        if data.get("sector") in clinic_sectors or data.get("cls") in clinic_classes or node in approved:
            targets.append(node)
    return sources, targets


def harmonic(
    G: nx.Graph,
    *,
    k: int | None = None,
    seed: int | None = DEFAULT_SEED,
    exact_threshold: float = EXACT_THRESHOLD,
    engine: str = "auto",
) -> dict:
    """Harmonic centrality, normalized: the mean of ``1/d(u, v)`` over the other nodes ``u``.

    Exact values are ``networkx.harmonic_centrality(G)`` divided by ``n - 1``; unreachable nodes
    contribute 0, so the measure suits disconnected graphs. In a directed graph distances run
    from ``u`` to ``v`` (incoming), as in NetworkX. On a graph sampled by size (see
    :func:`betweenness`) the sum runs over `k` random sources and is scaled by ``n/k``
    (Eppstein and Wang's estimator), with the same pivots as betweenness.

    Examples
    --------
    >>> import networkx as nx
    >>> harmonic(nx.path_graph(3))
    {0: 0.75, 1: 1.0, 2: 0.75}
    >>> harmonic(nx.path_graph(3), engine="igraph")
    {0: 0.75, 1: 1.0, 2: 0.75}

    References
    ----------
    .. [1] M. Marchiori and V. Latora, "Harmony in the small-world", Physica A 285(3-4),
       539-546, 2000. https://doi.org/10.1016/S0378-4371(00)00311-3
    .. [2] D. Eppstein and J. Wang, "Fast approximation of centrality", Journal of Graph
       Algorithms and Applications 8(1), 39-45, 2004.
    """
    n = len(G)
    if n <= 1:
        return dict.fromkeys(G, 0.0)
    pivots_k = pivot_count(n, k, exact_threshold=exact_threshold)
    pivots = None if pivots_k is None else sample_pivots(G, pivots_k, seed)
    scale = 1 / (n - 1) if pivots_k is None else n / (pivots_k * (n - 1))
    if resolve_engine(G, engine) == "networkx":
        # What networkx.harmonic_centrality(G, sources=pivots) sums, but in the node order of G:
        # it iterates over sets, so its last digits vary from one process to the next.
        sums = dict.fromkeys(G, 0.0)
        for source in G if pivots is None else pivots:
            for node, d in nx.single_source_shortest_path_length(G, source).items():
                if d:
                    sums[node] += 1 / d
        return {node: total * scale for node, total in sums.items()}
    graph, index = to_igraph(G)
    if pivots is None:
        return dict(zip(index, graph.harmonic_centrality(mode="in", normalized=True), strict=True))
    sums = np.zeros(n)
    ids = [index[p] for p in pivots]
    for start in range(0, len(ids), _DISTANCE_CHUNK):
        dist = np.array(graph.distances(source=ids[start : start + _DISTANCE_CHUNK], mode="out"))
        with np.errstate(divide="ignore"):
            inverse = 1.0 / dist
        inverse[dist == 0] = 0.0
        sums += inverse.sum(axis=0)
    return dict(zip(index, (sums * scale).tolist(), strict=True))


def closeness(G: nx.Graph, *, engine: str = "auto") -> dict:
    """Closeness centrality with the Wasserman-Faust correction for disconnected graphs.

    Equals ``networkx.closeness_centrality(G)``: ``(r-1)/sum(d)`` over the ``r-1`` nodes that
    reach the node, times ``(r-1)/(n-1)``. Always exact; for large disconnected graphs prefer
    :func:`harmonic`.

    Examples
    --------
    >>> import networkx as nx
    >>> closeness(nx.path_graph(3))
    {0: 0.6666666666666666, 1: 1.0, 2: 0.6666666666666666}
    >>> closeness(nx.path_graph(3), engine="igraph")
    {0: 0.6666666666666666, 1: 1.0, 2: 0.6666666666666666}

    References
    ----------
    .. [1] S. Wasserman and K. Faust, Social Network Analysis: Methods and Applications,
       Cambridge University Press, 1994.
    """
    if resolve_engine(G, engine) == "networkx":
        return nx.closeness_centrality(G)
    n = len(G)
    if n <= 1:
        return dict.fromkeys(G, 0.0)
    graph, index = to_igraph(G)
    values = graph.closeness(mode="in", normalized=True)
    reach = graph.neighborhood_size(order=n, mode="in")
    return {
        node: 0.0 if r <= 1 else c * (r - 1) / (n - 1)
        for node, c, r in zip(index, values, reach, strict=True)
    }


def eigenvector(G: nx.Graph, *, weight: str | None = "weight", engine: str = "auto") -> dict:
    """Eigenvector centrality computed in each connected component separately.

    On a disconnected graph the leading eigenvector of the whole adjacency matrix lives on one
    component and gives every other node 0, so each component of three or more nodes gets its
    own unit-length eigenvector, which is then multiplied by ``sqrt(|C| / n)``: the whole vector
    has unit length and a connected graph gives exactly NetworkX's result. A two-node component
    gives both nodes ``1/sqrt(n)``; an isolated node gets 0.

    Parameters
    ----------
    G : networkx.Graph
        Undirected (a directed graph's eigenvector centrality vanishes on acyclic parts).
    weight : str or None
        Edge attribute used as tie strength.
    engine : {"auto", "networkx", "igraph"}

    Raises
    ------
    AnalysisError
        If `G` is directed, or NetworkX's power iteration does not converge.

    Examples
    --------
    >>> import networkx as nx
    >>> G = nx.Graph([(0, 1), (1, 2)])
    >>> G.add_node(3)
    >>> {v: round(x, 4) for v, x in eigenvector(G).items()}
    {0: 0.433, 1: 0.6124, 2: 0.433, 3: 0.0}

    References
    ----------
    .. [1] P. Bonacich, "Power and centrality: a family of measures", American Journal of
       Sociology 92(5), 1170-1182, 1987. https://doi.org/10.1086/228631
    """
    if G.is_directed():
        raise AnalysisError(
            "eigenvector centrality needs an undirected graph",
            parameter="G",
            value=type(G).__name__,
            expected="networkx.Graph, e.g. simple_view(G)",
        )
    n = len(G)
    result = dict.fromkeys(G, 0.0)
    if resolve_engine(G, engine) == "networkx":
        position = {node: i for i, node in enumerate(G)}
        # Components in the node order of G, so that sums run in a reproducible order.
        components = [sorted(c, key=position.__getitem__) for c in nx.connected_components(G)]
        solve = _eigenvector_networkx(G, weight)
    else:
        graph, index = to_igraph(G, weight=weight)
        nodes = list(index)
        # induced_subgraph keeps vertices in increasing id order, so components are sorted.
        components = [[nodes[i] for i in sorted(c)] for c in graph.connected_components()]
        solve = _eigenvector_igraph(graph, index, weight)
    for component in components:
        size = len(component)
        if size == 1:
            continue
        values = dict.fromkeys(component, math.sqrt(0.5)) if size == 2 else solve(component)
        scale = math.sqrt(size / n)
        for node, x in values.items():
            result[node] = x * scale
    return result


def pagerank(
    G: nx.Graph, *, alpha: float = 0.85, weight: str | None = "weight", engine: str = "auto"
) -> dict:
    """PageRank with damping `alpha`, edges weighted by `weight`.

    ``engine="auto"`` uses igraph (PRPACK) at every size: NetworkX's ``pagerank`` needs SciPy,
    which helixgraph does not require. ``engine="networkx"`` calls ``networkx.pagerank``.

    Raises
    ------
    AnalysisError
        If ``engine="networkx"`` and SciPy is not installed.

    Examples
    --------
    >>> import networkx as nx
    >>> {v: round(x, 4) for v, x in pagerank(nx.star_graph(2)).items()}
    {0: 0.4865, 1: 0.2568, 2: 0.2568}

    References
    ----------
    .. [1] S. Brin and L. Page, "The anatomy of a large-scale hypertextual Web search engine",
       Computer Networks and ISDN Systems 30(1-7), 107-117, 1998.
    """
    # threshold=0: "auto" means igraph at every size.
    if resolve_engine(G, engine, threshold=0) == "networkx":
        if importlib.util.find_spec("scipy") is None:
            raise AnalysisError(
                "networkx.pagerank needs SciPy, which is not installed",
                parameter="engine",
                value=engine,
                expected="'auto' or 'igraph'",
            )
        return nx.pagerank(G, alpha=alpha, weight=weight)
    if len(G) == 0:
        return {}
    graph, index = to_igraph(G, weight=weight)
    values = graph.pagerank(directed=G.is_directed(), damping=alpha, weights="weight" if weight else None)
    return dict(zip(index, values, strict=True))


def _igraph_dependencies(G: nx.Graph, sources: list | None, targets: list | None) -> dict:
    """Sum over sources (all if None) of each node's share of shortest paths, NetworkX's raw count.

    igraph counts an undirected path once where NetworkX's accumulation counts it from both
    ends, hence the factor 2.
    """
    graph, index = to_igraph(G)
    values = graph.betweenness(
        directed=True,
        sources=None if sources is None else [index[s] for s in sources],
        targets=None if targets is None else [index[t] for t in targets],
    )
    factor = 1 if G.is_directed() else 2
    return {node: value * factor for node, value in zip(index, values, strict=True)}


def _eigenvector_networkx(G: nx.Graph, weight: str | None):
    def solve(component: list) -> dict:
        H = nx.Graph()
        H.add_nodes_from(component)
        H.add_edges_from((u, v, data) for u in component for v, data in G.adj[u].items())
        try:
            return nx.eigenvector_centrality(H, max_iter=1000, tol=1e-9, weight=weight)
        except nx.PowerIterationFailedConvergence as error:
            raise AnalysisError(
                "eigenvector power iteration did not converge",
                parameter="engine",
                value="networkx",
                expected="engine='igraph'",
            ) from error

    return solve


def _eigenvector_igraph(graph, index: dict, weight: str | None):
    def solve(component: list) -> dict:
        sub = graph.induced_subgraph(
            [index[node] for node in component], implementation="create_from_scratch"
        )
        # ARPACK may draw a random start vector. Each call gets one connected component, so
        # igraph's warning that some values are near zero (as on a star's leaves) says nothing
        # about disconnection here, and is not passed on.
        with igraph_random_state(0), warnings.catch_warnings():
            warnings.filterwarnings("ignore", message="Some eigenvector centralities are nearly zero",
                                    category=RuntimeWarning)
            raw = sub.eigenvector_centrality(weights="weight" if weight else None)
        values = np.abs(np.array(raw))
        values /= np.linalg.norm(values)
        return dict(zip(component, values.tolist(), strict=True))

    return solve
