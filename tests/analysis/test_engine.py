import math
import random

import igraph as ig
import networkx as nx
import pytest

from helixgraph.analysis import (
    DEFAULT_PIVOTS,
    AnalysisError,
    igraph_random_state,
    pivot_count,
    resolve_engine,
    sample_pivots,
    to_igraph,
)


@pytest.mark.parametrize(
    ("n", "engine", "threshold", "expected"),
    [
        (10, "auto", 5000, "networkx"),
        (5000, "auto", 5000, "igraph"),
        (4999, "auto", 5000, "networkx"),
        (10, "igraph", 5000, "igraph"),
        (10_000, "networkx", 5000, "networkx"),
    ],
)
def test_resolve_engine(n, engine, threshold, expected):
    assert resolve_engine(nx.empty_graph(n), engine, threshold=threshold) == expected


def test_resolve_engine_rejects_unknown_name():
    with pytest.raises(AnalysisError, match="unknown engine") as info:
        resolve_engine(nx.path_graph(2), "gpu")
    assert (info.value.parameter, info.value.value) == ("engine", "gpu")


@pytest.mark.parametrize(
    ("n", "k", "exact_threshold", "expected"),
    [
        (5000, None, 5000, None),  # at the threshold: exact
        (5001, None, 5000, DEFAULT_PIVOTS),  # above: sampled
        (200, None, 100, None),  # above, but 256 pivots would cover every node
        (10**6, None, math.inf, None),  # always exact
        (100, 10, 5000, 10),  # k given: sampled even on a small graph
        (100, 100, 5000, None),  # k == n is exact
    ],
)
def test_pivot_count(n, k, exact_threshold, expected):
    assert pivot_count(n, k, exact_threshold=exact_threshold) == expected


@pytest.mark.parametrize("k", [0, -3, 2.5, True])
def test_pivot_count_rejects_bad_k(k):
    with pytest.raises(AnalysisError) as info:
        pivot_count(100, k)
    assert info.value.parameter == "k"


def test_sample_pivots_are_networkx_pivots():
    # NetworkX documents that k=2, seed=42 on the 3-path samples nodes 0 and 2.
    assert sorted(sample_pivots(nx.path_graph(3), 2, seed=42)) == [0, 2]
    # the seed chooses the pivots, from a generator of their own: the global one is left alone
    random.seed(0)
    expected_next = random.random()
    random.seed(0)
    one, other = sample_pivots(range(100), 5, seed=1), sample_pivots(range(100), 5, seed=2)
    assert random.random() == expected_next
    assert len(set(one)) == 5 and set(one) <= set(range(100)) and set(one) != set(other)


def test_to_igraph_maps_nodes_with_a_dict_and_copies_weights():
    G = nx.DiGraph()
    G.add_edge("b", "a", weight=3)
    G.add_edge("a", "c")
    graph, index = to_igraph(G, weight="weight")
    assert index == {"b": 0, "a": 1, "c": 2}
    assert graph.is_directed()
    assert graph.get_edgelist() == [(0, 1), (1, 2)]
    assert graph.es["weight"] == [3, 1]


def test_to_igraph_without_weight_has_no_weight_attribute():
    graph, _ = to_igraph(nx.path_graph(3))
    assert "weight" not in graph.es.attributes()
    assert not graph.is_directed()


def test_igraph_random_state_is_reproducible_and_leaves_global_random_alone():
    g = ig.Graph.Famous("Zachary")
    random.seed(7)
    expected_next = random.random()
    random.seed(7)
    with igraph_random_state(3):
        first = g.community_multilevel().membership
    assert random.random() == expected_next  # igraph did not draw from the global generator
    with igraph_random_state(3):
        second = g.community_multilevel().membership
    assert first == second
