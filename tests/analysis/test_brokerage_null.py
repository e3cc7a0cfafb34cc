"""The brokerage null, checked by enumerating every graph on a few nodes.

Under the null every possible tie is present independently with probability ``p``. On 4 nodes
(12 possible arcs, 4,096 digraphs) and 5 nodes (10 possible edges, 1,024 graphs) the exact mean
and variance of every role count follow by summing over all graphs with their probabilities
``p**m (1 - p)**(M - m)``; the roles are counted here from their definitions, one triple at a
time, independently of the code under test.
"""

from __future__ import annotations

import itertools
import math

import networkx as nx
import numpy as np
import pytest

from helixgraph.analysis import gould_fernandez
from helixgraph.analysis.brokerage_null import global_moments, node_moments, sna_global_moments

P = 0.3


def _directed_role(ga, gv, gb) -> int:
    if ga == gv == gb:
        return 0
    if ga == gb:
        return 1
    if gv == ga:
        return 2
    return 3 if gv == gb else 4


def _undirected_role(ga, gv, gb) -> int:
    if ga == gb:
        return 0 if gv == ga else 1
    return 2 if gv in (ga, gb) else 3


def _exact_moments(
    groups: list[str], directed: bool
) -> tuple[np.ndarray, np.ndarray, np.ndarray, np.ndarray]:
    """Exact node and graph-level mean and variance of each role (last column: total)."""
    n = len(groups)
    pairs = list(itertools.permutations(range(n), 2) if directed else itertools.combinations(range(n), 2))
    roles = 5 if directed else 4
    node_sum = np.zeros((n, roles + 1))
    node_square = np.zeros((n, roles + 1))
    graph_sum = np.zeros(roles + 1)
    graph_square = np.zeros(roles + 1)
    for present in itertools.product((False, True), repeat=len(pairs)):
        ties = {pair for pair, on in zip(pairs, present, strict=True) if on}

        def tie(a, b, ties=ties):
            return ((a, b) if directed else (min(a, b), max(a, b))) in ties

        weight = P ** len(ties) * (1 - P) ** (len(pairs) - len(ties))
        counts = np.zeros((n, roles + 1))
        for v in range(n):
            others = [x for x in range(n) if x != v]
            ends = itertools.permutations(others, 2) if directed else itertools.combinations(others, 2)
            for a, b in ends:
                if tie(a, v) and tie(v, b) and not tie(a, b):
                    role = (_directed_role if directed else _undirected_role)(groups[a], groups[v], groups[b])
                    counts[v, role] += 1
                    counts[v, roles] += 1
        node_sum += weight * counts
        node_square += weight * counts**2
        graph_sum += weight * counts.sum(axis=0)
        graph_square += weight * counts.sum(axis=0) ** 2
    return node_sum, node_square - node_sum**2, graph_sum, graph_square - graph_sum**2


CASES = [
    (["A", "A", "A", "B"], True),
    (["A", "A", "B", "C"], True),
    (["A", "A", "A", "B", "C"], False),
    (["A", "A", "B", "B", "C"], False),
    (["A", "A", "A", "A", "B"], False),
]


@pytest.mark.parametrize(("groups", "directed"), CASES)
def test_moments_are_exact(groups, directed):
    node_mean, node_variance, graph_mean, graph_variance = _exact_moments(groups, directed)
    labels = sorted(set(groups))
    sizes = [groups.count(g) for g in labels]
    mean, sd = node_moments(sizes, P, directed=directed)
    rows = [labels.index(g) for g in groups]
    np.testing.assert_allclose(mean[rows], node_mean, atol=1e-12)
    np.testing.assert_allclose(sd[rows] ** 2, node_variance, atol=1e-12)
    mean, sd = global_moments(sizes, P, directed=directed)
    np.testing.assert_allclose(mean, graph_mean, atol=1e-12)
    np.testing.assert_allclose(sd**2, graph_variance, atol=1e-12)
    assert (graph_variance > 0).sum() >= 3  # several roles are possible, so the check has teeth


def test_sna_graph_level_variance_leaves_out_exclusive_paths():
    # One group of three nodes: sna's coordinator variance misses, for each of the 6 ordered
    # paths, the two other paths on the same triple that need its missing arc present (a->b->v
    # and v->a->b for a->v->b), i.e. 6 * 2 covariances of -q^2.
    q = P**2 * (1 - P)
    _, exact = global_moments([3, 1], P)
    _, sna = sna_global_moments([3, 1], P)
    assert sna[0] ** 2 - exact[0] ** 2 == pytest.approx(12 * q**2)
    _, _, _, enumerated = _exact_moments(["A", "A", "A", "B"], directed=True)
    assert exact[0] ** 2 == pytest.approx(enumerated[0])


def test_directed_path_by_hand():
    # lab -> firm -> hosp: 2 arcs of 6, d = 1/3, an open path has probability q = d^2 (1 - d) = 2/27.
    # The firm can broker (lab, hosp) and (hosp, lab), both liaison; they share no arc, so the
    # count has mean 2q = 4/27 and variance 2q(1 - q) = 100/729, sd 10/27: z = (1 - 4/27) / (10/27) = 2.3.
    G = nx.DiGraph([("lab", "firm"), ("firm", "hosp")])
    nx.set_node_attributes(G, {"lab": "U", "firm": "I", "hosp": "H"}, "sector")
    result = gould_fernandez(G)
    assert result.density == pytest.approx(1 / 3)
    assert result.raw.loc["firm", "liaison"] == 1
    assert result.expected.loc["firm", "liaison"] == pytest.approx(4 / 27)
    assert result.sd.loc["firm", "liaison"] == pytest.approx(10 / 27)
    assert result.z.loc["firm", "liaison"] == pytest.approx(2.3)
    assert result.z.loc["firm", "total"] == pytest.approx(2.3)
    # Lab and hospital have no one of their group to coordinate and no in- or out-arc: z is NaN
    # where nothing could happen (sd 0), and negative where something could but did not.
    assert math.isnan(result.z.loc["lab", "coordinator"])
    assert result.z.loc["lab", "liaison"] == pytest.approx(-(4 / 27) / (10 / 27))
    assert result.n_ties == 2 and result.too_small and "2 ties" in result.caveat


def test_undirected_path_by_hand():
    # lab - firm - hosp: 2 edges of 3, p = 2/3, q = p^2 (1 - p) = 4/27. The one pair {lab, hosp}
    # is a liaison pair: mean 4/27, variance q(1 - q) = 92/729, z = (23/27) / (sqrt(92)/27) = 23/sqrt(92).
    G = nx.Graph([("lab", "firm"), ("firm", "hosp")])
    nx.set_node_attributes(G, {"lab": "U", "firm": "I", "hosp": "H"}, "sector")
    result = gould_fernandez(G)
    assert result.raw.loc["firm"].tolist() == [0, 0, 0, 1, 1]
    assert result.expected.loc["firm", "liaison"] == pytest.approx(4 / 27)
    assert result.z.loc["firm", "liaison"] == pytest.approx(23 / math.sqrt(92))
    assert result.overall.loc["raw", "liaison"] == 1


def test_undirected_representative_gatekeeper_by_hand():
    # u(A) - v(A) - w(B) and v - x(B): v brokers {u, w} and {u, x} (one end in its group) and
    # {w, x} (both ends in another group): 2 representative_gatekeeper, 1 itinerant.
    G = nx.Graph([("u", "v"), ("v", "w"), ("v", "x")])
    nx.set_node_attributes(G, {"u": "A", "v": "A", "w": "B", "x": "B"}, "sector")
    result = gould_fernandez(G)
    assert result.raw.loc["v"].tolist() == [0, 1, 2, 0, 3]
    assert result.raw.drop(index="v").to_numpy().sum() == 0
