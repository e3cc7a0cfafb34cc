"""Known answers on the ecosystem of conftest.py (n = 8) and on stars, paths and small pieces.

Undirected simple view of the ecosystem::

    uni - lab - firm - drug - hosp         firm - biotech - incub - firm is a triangle
                                 drug - nmpa
"""

import math

import networkx as nx
import pytest

from helixgraph.analysis import (
    AnalysisError,
    betweenness,
    closeness,
    default_translation_sets,
    degree,
    eigenvector,
    harmonic,
    pagerank,
    research_to_clinic_betweenness,
    simple_view,
)

ENGINES = ["networkx", "igraph"]


@pytest.fixture
def U(ecosystem):
    return simple_view(ecosystem)


def test_degree(U):
    # distinct partners / (n - 1) = / 7; the parallel firm-lab edge counts once
    assert degree(U) == pytest.approx(
        {
            "uni": 1 / 7,
            "lab": 2 / 7,
            "firm": 4 / 7,
            "biotech": 2 / 7,
            "incub": 2 / 7,
            "drug": 3 / 7,
            "hosp": 1 / 7,
            "nmpa": 1 / 7,
        }
    )


@pytest.mark.parametrize("engine", ENGINES)
def test_betweenness_by_hand(U, engine):
    # Pairs whose shortest paths run through the node, over C(7, 2) = 21 pairs:
    #   lab separates {uni} from the 6 others: 6.
    #   firm separates {uni, lab}, {biotech, incub}, {drug, hosp, nmpa}: 2*2 + 2*3 + 2*3 = 16.
    #   drug separates {hosp}, {nmpa}, the 5 others: 1 + 5 + 5 = 11.
    #   biotech and incub: each reaches firm directly, so 0.
    expected = dict.fromkeys(U, 0.0) | {"lab": 6 / 21, "firm": 16 / 21, "drug": 11 / 21}
    assert betweenness(U, engine=engine) == pytest.approx(expected)


@pytest.mark.parametrize("engine", ENGINES)
def test_sampled_betweenness_on_the_three_path(engine):
    # k=2, seed=42 picks pivots 0 and 2 (NetworkX's docs). Only the path 0-1-2 runs through 1,
    # counted once from each pivot: raw 2, over k(n-2) = 2 -> 1.0; the ends are 0.
    assert betweenness(nx.path_graph(3), k=2, seed=42, engine=engine) == pytest.approx({0: 0, 1: 1, 2: 0})


@pytest.mark.parametrize("engine", ENGINES)
def test_betweenness_of_a_directed_path(engine):
    # a -> b -> c: only (a, c) runs through b, out of (n-1)(n-2) = 2 ordered pairs.
    G = nx.DiGraph([("a", "b"), ("b", "c")])
    assert betweenness(G, engine=engine) == {"a": 0.0, "b": 0.5, "c": 0.0}


@pytest.mark.parametrize("engine", ENGINES)
@pytest.mark.parametrize("G", [nx.empty_graph(0), nx.empty_graph(1), nx.path_graph(2)], ids=["0", "1", "2"])
def test_betweenness_of_tiny_graphs(G, engine):
    assert betweenness(G, engine=engine) == dict.fromkeys(G, 0.0)


@pytest.mark.parametrize("engine", ENGINES)
def test_harmonic_by_hand(U, engine):
    # firm: 4 nodes at 1, 3 at 2 -> (4 + 1.5) / 7.  uni: lab 1, firm 2, biotech/incub/drug 3,
    # hosp/nmpa 4 -> (1 + 1/2 + 3/3 + 2/4) / 7 = 3 / 7.
    values = harmonic(U, engine=engine)
    assert values["firm"] == pytest.approx(5.5 / 7)
    assert values["uni"] == pytest.approx(3 / 7)


@pytest.mark.parametrize("engine", ENGINES)
def test_sampled_harmonic_on_the_three_path(engine):
    # Pivots 0 and 2 (seed 42). Sums of 1/d from the pivots: node 0 gets 1/2 (from 2), node 1
    # gets 1 + 1, node 2 gets 1/2. Scale n / (k (n-1)) = 3/4.
    assert harmonic(nx.path_graph(3), k=2, seed=42, engine=engine) == pytest.approx(
        {0: 0.375, 1: 1.5, 2: 0.375}
    )


@pytest.mark.parametrize("engine", ENGINES)
def test_harmonic_counts_unreachable_as_zero(engine):
    G = nx.Graph([(0, 1)])
    G.add_node(2)
    assert harmonic(G, engine=engine) == {0: 0.5, 1: 0.5, 2: 0.0}


@pytest.mark.parametrize("engine", ENGINES)
def test_closeness_by_hand(U, engine):
    # firm: 7 reachable at total distance 4*1 + 3*2 = 10 -> 7/10.  uni: 1+2+3+3+3+4+4 = 20 -> 7/20.
    values = closeness(U, engine=engine)
    assert values["firm"] == pytest.approx(0.7)
    assert values["uni"] == pytest.approx(0.35)


@pytest.mark.parametrize("engine", ENGINES)
def test_closeness_of_disconnected_graph_uses_wasserman_faust(engine):
    # path 0-1-2 plus a separate edge 3-4 (n = 5): node 1 reaches 2 nodes at distance 1 each:
    # (2/2) * (2/4) = 0.5; node 3 reaches 1 node: (1/1) * (1/4) = 0.25.
    G = nx.Graph([(0, 1), (1, 2), (3, 4)])
    assert closeness(G, engine=engine) == pytest.approx(
        {0: 2 / 3 * 0.5, 1: 0.5, 2: 2 / 3 * 0.5, 3: 0.25, 4: 0.25}
    )


@pytest.mark.parametrize("engine", ENGINES)
def test_eigenvector_per_component(engine):
    # Star K(1,3) plus a triangle plus an isolated node: n = 8.
    # Star: centre 1/sqrt(2), leaves 1/sqrt(6), scaled by sqrt(4/8).
    # Triangle: each 1/sqrt(3), scaled by sqrt(3/8). Isolated node: 0.
    G = nx.Graph([("c", "l1"), ("c", "l2"), ("c", "l3"), ("t1", "t2"), ("t2", "t3"), ("t3", "t1")])
    G.add_node("alone")
    values = eigenvector(G, engine=engine)
    half = math.sqrt(0.5)
    assert values == pytest.approx(
        {
            "c": half * half,
            "l1": half / math.sqrt(6),
            "l2": half / math.sqrt(6),
            "l3": half / math.sqrt(6),
            "t1": math.sqrt(1 / 8),
            "t2": math.sqrt(1 / 8),
            "t3": math.sqrt(1 / 8),
            "alone": 0.0,
        },
        rel=1e-6,
    )
    assert sum(x * x for x in values.values()) == pytest.approx(1 - 1 / 8)  # the isolate's share is 0


@pytest.mark.parametrize("engine", ENGINES)
def test_eigenvector_of_connected_graph_is_networkx(engine):
    G = nx.krackhardt_kite_graph()
    expected = nx.eigenvector_centrality(G, max_iter=1000, tol=1e-12)
    assert eigenvector(G, engine=engine) == pytest.approx(expected, rel=1e-6)


@pytest.mark.parametrize("engine", ENGINES)
def test_eigenvector_of_a_lone_edge_and_empty_graph(engine):
    assert eigenvector(nx.Graph([(0, 1)]), engine=engine) == pytest.approx(
        {0: math.sqrt(0.5), 1: math.sqrt(0.5)}
    )
    assert eigenvector(nx.Graph(), engine=engine) == {}


def test_eigenvector_refuses_directed_graphs():
    with pytest.raises(AnalysisError, match="undirected") as info:
        eigenvector(nx.DiGraph([(0, 1)]))
    assert info.value.value == "DiGraph"


@pytest.mark.parametrize("engine", ["auto", "igraph"])
def test_pagerank_of_a_directed_edge(engine):
    # a -> b; b is dangling and spreads its rank evenly. With d = 0.85:
    # x_a = 0.075 + 0.425 x_b and x_a + x_b = 1  ->  x_a = 0.5 / 1.425.
    values = pagerank(nx.DiGraph([("a", "b")]), engine=engine)
    assert values == pytest.approx({"a": 0.5 / 1.425, "b": 1 - 0.5 / 1.425})


def test_pagerank_uses_weights():
    # From a, 3/4 of the walk goes to b and 1/4 to c; b and c return to a. With n = 3 and
    # d = 0.85: x_b = 0.05 + 0.85 * 3/4 * x_a and x_c = 0.05 + 0.85 * 1/4 * x_a.
    G = nx.DiGraph()
    G.add_weighted_edges_from([("a", "b", 3), ("a", "c", 1), ("b", "a", 1), ("c", "a", 1)])
    values = pagerank(G)
    assert values["b"] - 0.05 == pytest.approx(3 * (values["c"] - 0.05), rel=1e-6)
    assert pagerank(G, weight=None)["b"] == pytest.approx(pagerank(G, weight=None)["c"])


def test_pagerank_of_empty_graph():
    assert pagerank(nx.DiGraph()) == {}


def test_pagerank_networkx_engine_needs_scipy():
    try:
        import scipy  # noqa: F401
    except ModuleNotFoundError:
        with pytest.raises(AnalysisError, match="SciPy") as info:
            pagerank(nx.path_graph(3), engine="networkx")
        assert info.value.parameter == "engine"
    else:
        assert pagerank(nx.path_graph(3), engine="networkx") == pytest.approx(pagerank(nx.path_graph(3)))


def test_default_translation_sets(ecosystem):
    sources, targets = default_translation_sets(ecosystem)
    assert sources == ["uni", "lab"]
    assert targets == ["hosp", "nmpa"]  # the drug is not approved in this graph


@pytest.mark.parametrize(
    "predicate",
    ["eco:approvedFor", "https://w3id.org/helixgraph/ontology#approvedFor", "approvedFor"],
)
def test_default_translation_sets_finds_approved_products(ecosystem, predicate):
    ecosystem.add_node("flu", label="Influenza", cls="Disease", sector=None)
    ecosystem.add_edge("drug", "flu", predicate=predicate)
    assert default_translation_sets(ecosystem)[1] == ["drug", "hosp", "nmpa"]


def test_default_translation_sets_are_configurable(ecosystem):
    sources, targets = default_translation_sets(
        ecosystem, research_sectors=("Industry",), clinic_sectors=(), clinic_classes=("Incubator",)
    )
    assert (sources, targets) == (["firm", "biotech"], ["incub"])


@pytest.mark.parametrize("engine", ENGINES)
def test_research_to_clinic_betweenness_by_hand(U, engine):
    # Sources uni, lab; targets hosp, nmpa. The four pairs' only shortest paths:
    #   uni-lab-firm-drug-hosp, uni-...-drug-nmpa, lab-firm-drug-hosp, lab-firm-drug-nmpa.
    # firm and drug lie on all 4 pairs: 4/4. lab is an end of 2 pairs and lies on the other 2: 2/2.
    values = research_to_clinic_betweenness(U, ["uni", "lab"], ["hosp", "nmpa"], engine=engine)
    assert values == pytest.approx(dict.fromkeys(U, 0.0) | {"lab": 1.0, "firm": 1.0, "drug": 1.0})
    # with biotech as a third target (reached uni-lab-firm-biotech): drug lies on 4 of the 6 pairs
    values = research_to_clinic_betweenness(U, ["uni", "lab"], ["hosp", "nmpa", "biotech"], engine=engine)
    assert values["drug"] == pytest.approx(4 / 6) and values["firm"] == pytest.approx(1.0)


@pytest.mark.parametrize("engine", ENGINES)
def test_research_to_clinic_sampled_scales_by_sources_over_k(engine):
    # Star centre 0 with leaves 1..4; sources 1, 2, 3; target 4. Each source's path to 4 runs
    # through 0, so the exact raw count is 3 over 3 pairs. With k=1 one source is searched (raw 1),
    # scaled by 3/1 -> 3 again, over the same 3 pairs; a leaf lies on no path.
    G = nx.star_graph(4)
    values = research_to_clinic_betweenness(G, [1, 2, 3], [4], k=1, seed=0, engine=engine)
    assert values[0] == pytest.approx(1.0) and values[1] == 0.0


def test_research_to_clinic_rejects_unknown_nodes(U):
    with pytest.raises(AnalysisError, match="sources not in the graph") as info:
        research_to_clinic_betweenness(U, ["lab", "mars"], ["hosp"])
    assert (info.value.parameter, info.value.value) == ("sources", ["mars"])


def test_research_to_clinic_without_targets_is_zero(U):
    assert research_to_clinic_betweenness(U, ["lab"], []) == dict.fromkeys(U, 0.0)
