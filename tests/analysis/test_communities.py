import math

import networkx as nx
import pytest

from helixgraph.analysis import (
    AnalysisError,
    community_ids,
    core_number,
    louvain_communities,
    main_core,
    modularity,
    simple_view,
)

ENGINES = ["networkx", "igraph"]


@pytest.fixture
def cliques() -> nx.Graph:
    """Three cliques (sizes 5, 4, 4) in a chain, one edge between neighbours."""
    G = nx.Graph()
    G.add_edges_from(nx.complete_graph(["d1", "d2", "d3", "d4", "d5"]).edges)
    G.add_edges_from(nx.complete_graph(["b1", "b2", "b3", "b4"]).edges)
    G.add_edges_from(nx.complete_graph(["a1", "a2", "a3", "a4"]).edges)
    G.add_edges_from([("d1", "b1"), ("b2", "a1")])
    return G


@pytest.mark.parametrize("engine", ENGINES)
def test_louvain_finds_the_cliques_in_a_fixed_order(cliques, engine):
    found = louvain_communities(cliques, seed=3, engine=engine)
    # largest first; the two 4-cliques ordered by their smallest member, "a1" < "b1"
    assert found == [{"d1", "d2", "d3", "d4", "d5"}, {"a1", "a2", "a3", "a4"}, {"b1", "b2", "b3", "b4"}]


@pytest.mark.parametrize("engine", ENGINES)
def test_louvain_is_reproducible(engine):
    G = nx.gnm_random_graph(120, 300, seed=1)
    assert louvain_communities(G, seed=9, engine=engine) == louvain_communities(G, seed=9, engine=engine)


def test_igraph_louvain_refuses_directed_graphs():
    with pytest.raises(AnalysisError, match="undirected") as info:
        louvain_communities(nx.DiGraph([(0, 1)]), engine="igraph")
    assert info.value.parameter == "engine"


def test_community_ids():
    assert community_ids([{"x", "y"}, {"z"}]) == {"x": 0, "y": 0, "z": 1}


def test_modularity_of_two_triangles():
    # m = 7; each triangle: 3 internal edges, degree sum 2 + 2 + 3 = 7.
    # Q = 2 * (3/7 - (7/14)^2) = 5/14.
    G = nx.Graph([(1, 2), (2, 3), (3, 1), (4, 5), (5, 6), (6, 4), (3, 4)])
    assert modularity(G, [{1, 2, 3}, {4, 5, 6}]) == pytest.approx(5 / 14)


def test_modularity_uses_weights():
    # Two pairs joined by a heavy edge: all weight between the communities.
    G = nx.Graph()
    G.add_weighted_edges_from([(1, 2, 1), (3, 4, 1), (2, 3, 10)])
    assert modularity(G, [{1, 2}, {3, 4}]) < modularity(G, [{1, 2}, {3, 4}], weight=None)


def test_modularity_without_edges_is_nan():
    assert math.isnan(modularity(nx.empty_graph(3), [{0}, {1}, {2}]))


@pytest.mark.parametrize("engine", ENGINES)
def test_core_number_of_the_ecosystem(ecosystem, engine):
    # The triangle firm-biotech-incub is the 2-core; everything else hangs off it.
    U = simple_view(ecosystem)
    expected = dict.fromkeys(U, 1) | {"firm": 2, "biotech": 2, "incub": 2}
    assert core_number(U, engine=engine) == expected
    assert main_core(U, engine=engine) == {"firm", "biotech", "incub"}


@pytest.mark.parametrize("engine", ENGINES)
def test_core_number_of_a_clique_with_a_tail_and_an_isolate(engine):
    G = nx.complete_graph(4)
    G.add_edge(3, 4)
    G.add_node(5)
    assert core_number(G, engine=engine) == {0: 3, 1: 3, 2: 3, 3: 3, 4: 1, 5: 0}


def test_main_core_from_given_core_numbers_and_of_empty_graph():
    assert main_core(nx.Graph(), core_numbers={"a": 1, "b": 2, "c": 2}) == {"b", "c"}
    assert main_core(nx.Graph()) == set()
