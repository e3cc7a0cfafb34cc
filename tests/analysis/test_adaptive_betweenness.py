"""Betweenness above the exact threshold: exact trees, linear-scaled core sampling, halves that must agree.

References are NetworkX's exact betweenness and hand counts; no test runs a large graph.
"""

from __future__ import annotations

import importlib

import igraph as ig
import networkx as nx
import numpy as np
import pytest

from helixgraph.analysis import run_suite, top_agreement
from helixgraph.analysis.adaptive_betweenness import adaptive_betweenness
from helixgraph.analysis.hanging_trees import hanging_trees
from helixgraph.analysis.path_dependencies import csr_adjacency, linear_dependencies
from helixgraph.analysis.workers import task_runner
from helixgraph.errors import AnalysisError


def mixed_graph() -> nx.Graph:
    """A core with trees hanging off it, a second component with a cycle, a tree component, isolates."""
    G = nx.barabasi_albert_graph(150, 1, seed=4)  # a tree ...
    G.add_edges_from((i, i + 11) for i in range(0, 120, 13))  # ... with cycles: a core and hanging trees
    G.add_edges_from([("c0", "c1"), ("c1", "c2"), ("c2", "c0"), ("c2", "c3"), ("c3", "c4"), ("c1", "c5")])
    G.add_edges_from([("t0", "t1"), ("t1", "t2"), ("t1", "t3")])
    G.add_nodes_from(["lone", "alone"])
    return G


def test_tree_pairs_are_the_betweenness_of_a_forest():
    G = nx.disjoint_union_all([nx.random_labeled_tree(40, seed=1), nx.random_labeled_tree(9, seed=2),
                               nx.path_graph(2), nx.empty_graph(1)])
    graph = ig.Graph(n=len(G), edges=list(G.edges()))
    trees = hanging_trees(graph)
    n = len(G)
    expected = nx.betweenness_centrality(G)
    assert not trees.in_core.any()
    assert (trees.tree_pairs / ((n - 1) * (n - 2))).tolist() == pytest.approx([expected[v] for v in G], abs=1e-15)


def test_roots_and_weights_of_trees_hanging_off_a_cycle():
    # square 0-1-2-3 with 4-5 hanging off 0 and 6 off 2; 7-8 a component without a core
    graph = ig.Graph(n=9, edges=[(0, 1), (1, 2), (2, 3), (3, 0), (0, 4), (4, 5), (2, 6), (7, 8)])
    trees = hanging_trees(graph)
    assert trees.in_core.tolist() == [True] * 4 + [False] * 5
    assert trees.root.tolist() == [0, 1, 2, 3, 0, 0, 2, 7, 7]
    assert trees.weight.tolist() == [3, 1, 2, 1, 2, 1, 1, 2, 1]
    assert trees.component_size.tolist() == [7] * 7 + [2, 2]
    # 0 separates {4, 5} from the other four nodes: 2 * 4 ordered pairs each way
    assert trees.tree_pairs.tolist() == [16, 0, 10, 0, 10, 0, 0, 0, 0]


def test_linear_dependencies_over_every_source_give_the_betweenness():
    G = nx.gnm_random_graph(70, 110, seed=3)
    indptr, indices = csr_adjacency(len(G), np.array(G.edges()))
    found = linear_dependencies(indptr, indices, np.ones(len(G)), np.arange(len(G)), np.ones(len(G)))
    expected = nx.betweenness_centrality(G, normalized=False)  # unordered pairs
    assert found.tolist() == pytest.approx([expected[v] for v in G], rel=1e-12, abs=1e-12)


def test_a_target_weight_counts_like_that_many_targets():
    # path a-b-c; c with weight 3 is c and two leaves behind it: from a, b carries the path to c
    # (half of it, linear scaling: d(a,b)/d(a,c)) three times; from c (source weight 3) b carries
    # half of each path to a.
    indptr, indices = csr_adjacency(3, np.array([[0, 1], [1, 2]]))
    weight = np.array([1.0, 1.0, 3.0])
    from_a = linear_dependencies(indptr, indices, weight, np.array([0]), np.ones(1))
    from_c = linear_dependencies(indptr, indices, weight, np.array([2]), np.array([3.0]))
    assert from_a.tolist() == [0.0, 1.5, 0.0]
    assert from_c.tolist() == [0.0, 1.5, 0.0]


@pytest.mark.parametrize("exact_threshold", [0, 10_000])
def test_every_source_drawn_gives_networkx_exact_betweenness(exact_threshold):
    G = mixed_graph()
    # an unreachable target keeps sampling going until every node of the sampled component is drawn
    estimate = adaptive_betweenness(G, exact_threshold=exact_threshold, pivots=8, max_pivots=10**6, target=101)
    expected = nx.betweenness_centrality(G)
    assert estimate.values == pytest.approx(expected, abs=1e-14)
    if exact_threshold:
        assert (estimate.pivots, estimate.agreement, estimate.exact, estimate.reached) == (0, None, True, True)
    else:  # the components with a core are sampled (150 and 6 nodes), every node of them drawn
        assert estimate.pivots == 150 + 6
        assert estimate.complete and estimate.exact and estimate.reached


def test_a_graph_of_trees_needs_no_search():
    G = nx.random_labeled_tree(60, seed=5)
    estimate = adaptive_betweenness(G, exact_threshold=0)
    assert (estimate.searches, estimate.pivots) == (0, 0)
    assert estimate.values == pytest.approx(nx.betweenness_centrality(G), abs=1e-15)


def test_the_halves_are_reported_and_their_agreement_is_their_top_overlap():
    G = nx.barabasi_albert_graph(300, 2, seed=1)
    estimate = adaptive_betweenness(G, exact_threshold=0, pivots=40, max_pivots=40, target=100, seed=3)
    first, second = estimate.halves
    assert estimate.pivots == 40
    assert estimate.agreement == top_agreement(first, second, top=100)
    assert 0 < estimate.agreement < 100  # 20 sources a half do not rank 300 nodes alike
    assert not estimate.reached
    # equal halves: the estimate is their mean
    assert estimate.values == pytest.approx({v: (first[v] + second[v]) / 2 for v in G}, rel=1e-12)


def test_sampling_doubles_until_the_target_or_the_cap():
    G = nx.barabasi_albert_graph(300, 2, seed=1)
    first_round = adaptive_betweenness(G, exact_threshold=0, pivots=16, target=1, seed=3)
    assert first_round.pivots == 16 and first_round.reached
    capped = adaptive_betweenness(G, exact_threshold=0, pivots=16, max_pivots=50, target=101, seed=3)
    assert capped.pivots == 64  # 16, 32, 64: the round that passes the cap is the last
    reached = adaptive_betweenness(G, exact_threshold=0, pivots=16, top=20, target=18, seed=3)
    assert reached.reached and reached.agreement >= 18 and not reached.exact
    assert reached.agreement == top_agreement(*reached.halves, top=20)
    # drawing every node is exact, whatever the halves alone share
    everything = adaptive_betweenness(G, exact_threshold=0, pivots=16, target=101, seed=3)
    assert everything.exact and everything.reached and everything.pivots == 300 and everything.agreement < 101


def test_same_seed_same_estimate_and_two_seeds_rank_the_top_alike():
    G = nx.barabasi_albert_graph(400, 2, seed=2)
    a = adaptive_betweenness(G, exact_threshold=0, seed=1)
    assert adaptive_betweenness(G, exact_threshold=0, seed=1).values == a.values
    b = adaptive_betweenness(G, exact_threshold=0, seed=2)
    assert a.reached and b.reached
    assert top_agreement(a.values, b.values, top=100) >= 90


@pytest.mark.parametrize("graph", [nx.DiGraph([(0, 1)]), nx.MultiGraph([(0, 1)])])
def test_directed_and_multigraphs_are_refused(graph):
    with pytest.raises(AnalysisError, match="simple undirected graph"):
        adaptive_betweenness(graph)


@pytest.mark.parametrize("setting", [{"pivots": 0}, {"max_pivots": 1.5}, {"target": True}, {"workers": 0}])
def test_bad_settings_are_refused(setting):
    with pytest.raises(AnalysisError):
        adaptive_betweenness(nx.path_graph(4), **setting)


def test_the_suite_reports_the_agreement_reached():
    G = nx.MultiDiGraph(nx.barabasi_albert_graph(700, 2, seed=1))
    result = run_suite(G, exact_threshold=50, null_draws=10, modularity_draws=0, seed=3, engine="igraph")
    sampling = result.parameters["betweenness_sampling"]
    assert sampling["agreement"] >= sampling["target"] == 90 and sampling["reached"] is True
    assert sampling["top"] == 100 and sampling["sources"] == result.parameters["betweenness_k"] >= 512
    assert result.parameters["betweenness_agreement"] == (
        f"{sampling['agreement']} of the top 100 shared by two independent halves of the sources (target 90: reached)")
    assert result.parameters["betweenness"].startswith(f"estimated from {sampling['sources']} sampled sources")


def test_the_analysis_graph_holds_the_agreement_as_an_integer():
    from helixgraph.pipeline.analysis_graph import analysis_quads

    G = nx.relabel_nodes(nx.MultiDiGraph(nx.barabasi_albert_graph(700, 2, seed=1)), lambda v: f"urn:x:{v}")
    result = run_suite(G, exact_threshold=50, betweenness_max_pivots=64, null_draws=10, modularity_draws=0,
                       engine="igraph")
    quads = analysis_quads(result)
    labels = {q.subject: q.object.value for q in quads if q.predicate.value.endswith("label")}
    values = {labels[q.subject]: q.object for q in quads if q.subject in labels and q.predicate.value.endswith("#value")}
    agreement = values["betweenness_sampling.agreement"]
    assert agreement.datatype.value.endswith("#integer")
    assert int(agreement.value) == result.parameters["betweenness_sampling"]["agreement"]
    assert values["betweenness_sampling.reached"].value == "false"  # 64 sources do not reach 90 on 700 nodes


@pytest.mark.slow
def test_the_estimate_is_unbiased():
    # The mean over many seeds of a small sample approaches the exact values.
    G = mixed_graph()
    exact = nx.betweenness_centrality(G)
    runs = [adaptive_betweenness(G, exact_threshold=0, pivots=12, max_pivots=12, seed=s).values for s in range(400)]
    mean = {v: sum(r[v] for r in runs) / len(runs) for v in G}
    top = sorted(exact, key=exact.get, reverse=True)[:10]
    assert [mean[v] for v in top] == pytest.approx([exact[v] for v in top], rel=0.08)
    assert sum(mean.values()) == pytest.approx(sum(exact.values()), rel=0.02)


@pytest.mark.slow
def test_worker_processes_give_the_same_sums():
    G = nx.barabasi_albert_graph(500, 3, seed=9)
    indptr, indices = csr_adjacency(len(G), np.array(G.edges()))
    tasks = [(indptr, indices, np.ones(len(G)), np.arange(i, len(G), 3), np.ones(len(range(i, len(G), 3))))
             for i in range(3)]
    with task_runner(2) as run:
        spread = run(linear_dependencies, tasks)
    with task_runner(1) as run:
        alone = run(linear_dependencies, tasks)
    assert all(np.array_equal(a, b) for a, b in zip(spread, alone, strict=True))


@pytest.mark.slow
def test_the_estimate_does_not_depend_on_the_workers(monkeypatch):
    # below this much work the searches stay in the calling process; zero sends every round to workers
    monkeypatch.setattr(importlib.import_module("helixgraph.analysis.adaptive_betweenness"), "_WORK_FOR_WORKERS", 0)
    G = nx.barabasi_albert_graph(400, 2, seed=2)
    one = adaptive_betweenness(G, exact_threshold=0, seed=5, workers=1)
    two = adaptive_betweenness(G, exact_threshold=0, seed=5, workers=2)
    assert one == two
