import networkx as nx
import pytest

from helixgraph.analysis import actor_view, simple_view
from helixgraph.analysis.actor_network import directed_actor_view, flow_view


def test_simple_view_counts_parallel_edges_and_drops_self_loops(ecosystem):
    U = simple_view(ecosystem)
    assert type(U) is nx.Graph
    assert list(U) == list(ecosystem)  # node order kept
    assert U.number_of_edges() == 8  # 10 arcs - 1 parallel - 1 self-loop
    assert U["firm"]["lab"]["weight"] == 2
    assert U["drug"]["firm"]["weight"] == 1
    assert not U.has_edge("firm", "firm")


def test_simple_view_undirected_adds_both_directions():
    M = nx.MultiDiGraph([("a", "b"), ("b", "a"), ("a", "b")])
    assert simple_view(M)["a"]["b"]["weight"] == 3


def test_simple_view_directed_keeps_directions():
    M = nx.MultiDiGraph([("a", "b"), ("b", "a"), ("a", "b")])
    D = simple_view(M, directed=True)
    assert type(D) is nx.DiGraph
    assert (D["a"]["b"]["weight"], D["b"]["a"]["weight"]) == (2, 1)


def test_simple_view_custom_weight_name_ignores_existing_weights():
    M = nx.MultiGraph()
    M.add_edge("a", "b", weight=10)
    M.add_edge("a", "b", weight=10)
    U = simple_view(M, weight="relations")
    assert U["a"]["b"] == {"relations": 2}


def test_simple_view_copies_node_attributes_and_keeps_isolates(ecosystem):
    ecosystem.add_node("park", label="Park", cls="SciencePark", sector=None)
    U = simple_view(ecosystem)
    assert U.nodes["park"] == {"label": "Park", "cls": "SciencePark", "sector": None}
    U.nodes["firm"]["label"] = "changed"
    assert ecosystem.nodes["firm"]["label"] == "Firm"


@pytest.mark.parametrize("make", [simple_view, flow_view, actor_view, directed_actor_view],
                         ids=["simple", "flow", "actor", "directed actor"])
def test_views_share_node_attributes_only_when_asked(ecosystem, make):
    copied, shared = make(ecosystem), make(ecosystem, share_attributes=True)
    assert list(copied) == list(shared) and len(shared) >= 2
    assert dict(copied.nodes(data=True)) == dict(shared.nodes(data=True))
    assert sorted(copied.edges()) == sorted(shared.edges())
    node = next(iter(shared))
    assert shared.nodes[node] is ecosystem.nodes[node] and copied.nodes[node] is not ecosystem.nodes[node]
    copied.nodes[node]["label"] = "copy changed"
    assert ecosystem.nodes[node]["label"] != "copy changed"
    shared.nodes[node]["label"] = "shared changed"
    assert ecosystem.nodes[node]["label"] == "shared changed"


def test_actor_view_drops_nodes_without_sector_and_folds_their_ties(ecosystem):
    A = actor_view(ecosystem)
    assert "drug" not in A
    assert len(A) == 7
    assert type(A) is nx.MultiDiGraph
    # the parallel lab -> firm arcs survive; drug's three contacts are tied pairwise through it
    assert A.number_of_edges("lab", "firm") == 2
    folded = sorted((u, v) for u, v, d in A.edges(data=True) if d.get("via") == "drug")
    assert folded == [("firm", "hosp"), ("firm", "nmpa"), ("hosp", "nmpa")]
    assert A.number_of_edges() == 7 + 3


def test_actor_view_without_folding_drops_the_ties(ecosystem):
    A = actor_view(ecosystem, fold=False)
    assert A.number_of_edges() == 7
    assert not any("via" in d for _, _, d in A.edges(data=True))


def test_actor_view_never_folds_through_a_place():
    G = nx.MultiDiGraph()
    G.add_nodes_from([("a", {"cls": "Company", "sector": "Industry"}), ("b", {"cls": "Company", "sector": "Industry"}),
                      ("park", {"cls": "SciencePark", "sector": None})])
    G.add_edges_from([("a", "park"), ("b", "park")])
    assert actor_view(G).number_of_edges() == 0


@pytest.mark.parametrize(
    ("classes", "expected"),
    [
        ({"Company"}, ["firm", "biotech"]),
        ({"Drug", "Hospital"}, ["drug", "hosp"]),
        (set(), []),
    ],
)
def test_actor_view_by_class(ecosystem, classes, expected):
    assert list(actor_view(ecosystem, actor_classes=classes)) == expected
