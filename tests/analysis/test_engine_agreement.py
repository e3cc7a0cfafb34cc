"""The igraph engine gives NetworkX's numbers.

Random seeded graphs of about 200 nodes, with a few isolated nodes so that disconnected cases
are covered. Exact measures must agree to rounding; sampled ones too, because both engines draw
the same pivots for the same seed.
"""

import networkx as nx
import pytest
from networkx.algorithms.link_analysis.pagerank_alg import _pagerank_python

from helixgraph.analysis import (
    betweenness,
    closeness,
    constraint,
    core_number,
    effective_size,
    eigenvector,
    harmonic,
    pagerank,
    research_to_clinic_betweenness,
)


def _random_graph(directed: bool) -> nx.Graph:
    G = nx.gnm_random_graph(200, 420, seed=11, directed=directed)
    G.add_nodes_from(range(200, 205))  # isolated nodes
    return nx.relabel_nodes(G, {v: f"n{v}" for v in G})


@pytest.fixture(params=[False, True], ids=["undirected", "directed"])
def graph(request) -> nx.Graph:
    return _random_graph(request.param)


@pytest.fixture
def undirected() -> nx.Graph:
    G = _random_graph(False)
    for i, (u, v) in enumerate(G.edges()):
        G[u][v]["weight"] = 1 + i % 3
    return G


def _assert_same(a: dict, b: dict, rel: float = 1e-9, abs_: float = 1e-12) -> None:
    assert list(a) == list(b)
    assert list(a.values()) == pytest.approx(list(b.values()), rel=rel, abs=abs_, nan_ok=True)


@pytest.mark.parametrize(
    "measure",
    [
        betweenness,
        lambda G, engine: betweenness(G, k=25, seed=3, engine=engine),
        harmonic,
        lambda G, engine: harmonic(G, k=25, seed=3, engine=engine),
        closeness,
        core_number,
    ],
    ids=["betweenness", "betweenness-k25", "harmonic", "harmonic-k25", "closeness", "core"],
)
def test_engines_agree(graph, measure):
    _assert_same(measure(graph, engine="igraph"), measure(graph, engine="networkx"))


def test_harmonic_is_networkx_harmonic_over_n_minus_1(graph):
    n = len(graph)
    expected = {v: h / (n - 1) for v, h in nx.harmonic_centrality(graph).items()}
    _assert_same(harmonic(graph, engine="networkx"), {v: expected[v] for v in graph})


def test_sampled_betweenness_matches_networkx_estimator(graph):
    # Same pivots and the same n/k scaling as networkx's own k= estimator.
    expected = nx.betweenness_centrality(graph, k=25, seed=3)
    _assert_same(betweenness(graph, k=25, seed=3, engine="igraph"), expected)


def test_sampled_betweenness_differs_from_exact(graph):
    # Guard against the sampled path silently computing the exact value.
    assert betweenness(graph, k=25, seed=3, engine="igraph") != pytest.approx(betweenness(graph))


@pytest.mark.parametrize("k", [None, 10], ids=["exact", "k10"])
def test_research_to_clinic_engines_agree(graph, k):
    nodes = list(graph)
    sources, targets = nodes[:40], nodes[150:180]
    kwargs = {"k": k, "seed": 5}
    _assert_same(
        research_to_clinic_betweenness(graph, sources, targets, engine="igraph", **kwargs),
        research_to_clinic_betweenness(graph, sources, targets, engine="networkx", **kwargs),
    )


def test_research_to_clinic_exact_is_networkx_subset_betweenness_per_pair(graph):
    # NetworkX's unnormalised subset betweenness halves undirected graphs' sums; the measure is the
    # full sum over ordered (source, target) pairs, divided by the pairs that do not end at the node.
    nodes = list(graph)
    sources, targets = nodes[:40], nodes[150:180]
    raw = nx.betweenness_centrality_subset(graph, sources, targets, normalized=False)
    scale = 1 if graph.is_directed() else 2
    expected = {v: b * scale / (len(sources) - (v in sources)) / (len(targets) - (v in targets))
                for v, b in raw.items()}
    _assert_same(research_to_clinic_betweenness(graph, sources, targets, engine="igraph"), expected)


@pytest.mark.parametrize("measure", [constraint, effective_size], ids=["constraint", "effective_size"])
def test_structural_holes_engines_agree(undirected, measure):
    _assert_same(measure(undirected, engine="igraph"), measure(undirected, engine="networkx"))


def test_weighted_eigenvector_engines_agree(undirected):
    _assert_same(
        eigenvector(undirected, engine="igraph"),
        eigenvector(undirected, engine="networkx"),
        rel=1e-4,
        abs_=1e-6,
    )


def test_pagerank_matches_networkx_reference(graph):
    # networkx.pagerank needs SciPy; its pure-Python implementation is the same algorithm.
    weighted = graph.copy()
    for i, (u, v) in enumerate(weighted.edges()):
        weighted[u][v]["weight"] = 1 + i % 4
    expected = _pagerank_python(weighted, alpha=0.85, tol=1e-12, max_iter=1000)
    _assert_same(pagerank(weighted, engine="igraph"), expected, rel=1e-6, abs_=1e-9)
