"""E-I and modularity against chance, on graphs whose null distributions are worked out by hand.

E-I graph: five nodes, sectors A = {0, 1}, B = {2, 3}, C = {4}; edges 0-1 (A-A), 1-2 (A-B),
2-3 (B-B), 3-4 (B-C), 0-2 (A-B). External 3, internal 2: E-I = (3 - 2) / 5 = 0.2. Of the C(5, 2) = 10
pairs of nodes, 1 lies in A, 1 in B, so 8 cross sectors: random mixing makes each tie external with
probability 8/10 and E-I = 2 * 0.8 - 1 = 0.6 on average. The permutation distribution is
enumerated below over all 5! = 120 ways to deal the labels.
"""

from __future__ import annotations

import itertools
import math
from collections import Counter

import networkx as nx
import numpy as np
import pytest

from helixgraph.analysis import AnalysisError, ei_index, ei_index_test, modularity_test

LABELS = ["A", "A", "B", "B", "C"]
EDGES = [(0, 1), (1, 2), (2, 3), (3, 4), (0, 2)]


@pytest.fixture
def five() -> nx.Graph:
    G = nx.Graph(EDGES)
    nx.set_node_attributes(G, dict(enumerate(LABELS)), "sector")
    return G


def _enumerated() -> np.ndarray:
    """E-I of every permutation of the labels over the five nodes."""
    values = []
    for labels in itertools.permutations(LABELS):
        external = sum(labels[u] != labels[v] for u, v in EDGES)
        values.append((2 * external - len(EDGES)) / len(EDGES))
    return np.array(values)


def test_enumerated_null_by_hand():
    # The distribution itself: a tie is internal only if both ends are A or both B.
    counts = Counter(_enumerated().round(6).tolist())
    assert sum(counts.values()) == 120
    assert _enumerated().mean() == pytest.approx(0.6)
    assert set(counts) <= {-0.2, 0.2, 0.6, 1.0}


def test_value_and_expected(five):
    test = ei_index_test(five, draws=10, seed=1)
    assert (test.value, test.external, test.internal) == (0.2, 3, 2)
    assert test.value == pytest.approx(ei_index(five))
    assert test.expected == pytest.approx(0.6)
    assert (test.draws, test.seed, test.n_ties, len(test.distribution)) == (10, 1, 5, 10)


def test_permutation_draws_follow_the_enumerated_distribution(five):
    exact = _enumerated()
    exact_p = np.mean(np.abs(exact - 0.6) >= 0.4 - 1e-12)
    test = ei_index_test(five, draws=20_000, seed=7)
    # 20,000 draws: standard errors about 0.0035 for p and 0.003 for the mean.
    assert test.p_value == pytest.approx(exact_p, abs=0.015)
    assert test.p_greater == pytest.approx(np.mean(exact >= 0.2 - 1e-12), abs=0.015)
    assert test.p_less == pytest.approx(np.mean(exact <= 0.2 + 1e-12), abs=0.015)
    assert test.null_mean == pytest.approx(exact.mean(), abs=0.015)
    assert test.null_sd == pytest.approx(exact.std(), abs=0.015)
    assert 0.2 < exact_p < 0.9  # the observed 0.2 is not unusual here


def test_two_sided_p_value_counts_both_tails():
    # Ties 0-2 and 1-3, labels A, A, B, B. Dealing the labels picks the two A nodes among 6 pairs:
    # {0, 1}, {2, 3}, {0, 3}, {1, 2} make both ties external (E-I = 1); {0, 2} and {1, 3} make both
    # internal (E-I = -1). Mean 4/6 - 2/6 = 1/3, which is 2 * (4/6) - 1 (4 of the 6 pairs cross).
    # Observed 1 lies 2/3 above it; every draw lies at least that far (1 at 2/3, -1 at 4/3), so
    # the two-sided p is (1 + draws) / (draws + 1) = 1, although the upper tail alone holds 4/6.
    G = nx.Graph([(0, 2), (1, 3)])
    nx.set_node_attributes(G, {0: "A", 1: "A", 2: "B", 3: "B"}, "sector")
    test = ei_index_test(G, draws=500, seed=2)
    assert test.expected == pytest.approx(1 / 3)
    assert test.value == 1.0
    assert set(test.distribution.tolist()) == {1.0, -1.0}
    assert test.p_value == 1.0
    assert np.mean(test.distribution == 1.0) == pytest.approx(4 / 6, abs=0.07)
    # One-sided: as many crossing ties or more is the upper tail, 4 of 6 dealings; every draw is
    # at most 1, so the lower tail holds them all.
    upper = np.count_nonzero(test.distribution == 1.0)
    assert test.p_greater == (1 + upper) / 501
    assert test.p_less == 1.0


def test_p_value_has_plus_one_smoothing():
    # A perfectly sorted graph: two triangles, one per sector, and no tie between them. Only
    # dealing each triangle one label (2 of C(6, 3) = 20 choices of the A nodes) gives E-I = -1,
    # so with few draws the most extreme p possible is 1 / (draws + 1).
    G = nx.disjoint_union(nx.complete_graph(3), nx.complete_graph(3))
    nx.set_node_attributes(G, {v: "AB"[v // 3] for v in G}, "sector")
    test = ei_index_test(G, draws=9, seed=3)
    assert test.value == -1.0
    assert test.expected == pytest.approx(0.2)  # 9 of the 15 pairs cross: 2 * 0.6 - 1
    extreme = np.count_nonzero(np.abs(test.distribution - test.expected) >= abs(-1.0 - test.expected) - 1e-12)
    assert test.p_value == (1 + extreme) / 10
    assert test.p_value >= 0.1


def test_nodes_without_sector_take_no_part():
    G = nx.Graph([(0, 1), (1, 2), (2, "drug"), ("drug", 0)])
    nx.set_node_attributes(G, {0: "A", 1: "B", 2: "A", "drug": None}, "sector")
    test = ei_index_test(G, draws=50, seed=0)
    assert (test.n_ties, test.external, test.internal) == (2, 2, 0)
    # Three sector nodes, 2 A and 1 B: 2 of 3 pairs cross.
    assert test.expected == pytest.approx(2 * (2 / 3) - 1)


def test_same_seed_same_draws_other_seed_other_draws(five):
    first, again = ei_index_test(five, draws=200, seed=11), ei_index_test(five, draws=200, seed=11)
    other = ei_index_test(five, draws=200, seed=12)
    assert np.array_equal(first.distribution, again.distribution)
    assert not np.array_equal(first.distribution, other.distribution)


def test_small_network_caveat(five):
    assert ei_index_test(five, draws=5).caveat.startswith("only 5 ties")
    assert ei_index_test(five, draws=5).too_small
    big = nx.gnm_random_graph(40, 60, seed=1)
    nx.set_node_attributes(big, {v: "AB"[v % 2] for v in big}, "sector")
    test = ei_index_test(big, draws=5)
    assert (test.n_ties, test.caveat, test.too_small) == (60, None, False)


def test_without_ties_everything_is_nan():
    G = nx.empty_graph(3)
    nx.set_node_attributes(G, "A", "sector")
    test = ei_index_test(G, draws=3)
    assert math.isnan(test.value) and math.isnan(test.expected) and math.isnan(test.p_value)


@pytest.mark.parametrize("draws", [0, -1, 2.5, True])
def test_bad_draws(five, draws):
    with pytest.raises(AnalysisError, match="draws"):
        ei_index_test(five, draws=draws)


def _two_cliques() -> nx.Graph:
    G = nx.disjoint_union(nx.complete_graph(5), nx.complete_graph(5))
    G.add_edge(4, 5)
    return G


@pytest.mark.parametrize("engine", ["networkx", "igraph"])
def test_two_cliques_beat_their_rewirings(engine):
    # 21 edges; each clique has 10 inside and degree sum 21: Q = 2 (10/21 - (21/42)^2) = 20/21 - 1/2.
    test = modularity_test(_two_cliques(), draws=50, seed=5, engine=engine)
    assert test.observed == pytest.approx(20 / 21 - 1 / 2)
    assert test.communities == 2
    assert test.distribution.max() < test.observed
    assert test.p_value == pytest.approx(1 / 51)
    assert test.z > 3
    assert (test.draws, test.seed, test.engine, test.n_ties) == (50, 5, engine, 21)
    assert test.caveat.startswith("only 21 ties")


def test_random_graph_is_not_more_modular_than_its_rewirings():
    G = nx.gnm_random_graph(60, 150, seed=3)
    test = modularity_test(G, draws=40, seed=9)
    assert test.p_value > 0.05
    assert abs(test.z) < 3
    assert test.caveat is None


def test_star_cannot_be_rewired():
    test = modularity_test(nx.star_graph(5), draws=10, seed=1)
    assert np.all(test.distribution == test.observed)
    assert (test.null_sd, test.p_value) == (0.0, 1.0)
    assert math.isnan(test.z)


def test_modularity_test_is_reproducible():
    G = nx.gnm_random_graph(30, 70, seed=4)
    first, again = modularity_test(G, draws=8, seed=2), modularity_test(G, draws=8, seed=2)
    assert np.array_equal(first.distribution, again.distribution)
    assert first.observed == again.observed


def test_modularity_test_needs_an_undirected_graph():
    with pytest.raises(AnalysisError, match="undirected"):
        modularity_test(nx.DiGraph([(0, 1)]))
