"""The page data behind the explorer: the pyvis network stays usable, parallel edges stay visible."""

from __future__ import annotations

from helixgraph.views.fold import fold_graph
from helixgraph.views.payload import build_page
from helixgraph.views.values import numeric_measures


def _page(G, sources, **options):
    ranking = {node: value for node, value in G.nodes(data="betweenness")}
    folding = fold_graph(G, ranking, max_nodes=options.pop("max_nodes", 300), measure="betweenness")
    return build_page(G, folding, sources=sources, ranking=ranking, measures=numeric_measures(G), **options)


def test_the_pyvis_network_answers_for_its_nodes(park, park_sources):
    page = _page(park, park_sources, color_by="sector")
    net = page.net
    assert net.num_nodes() == len(net.nodes) == park.number_of_nodes() == 13
    assert net.num_edges() == len(net.edges) == park.number_of_edges() == 15
    assert net.get_node(0) is net.nodes[0]
    # Node 0 is the best-ranked node: the park (betweenness 0.40), drawn biggest.
    assert net.get_node(0)["label"] == "中关村生命科学园"
    assert net.get_node(0)["size"] == max(node["size"] for node in net.nodes) == 40.0
    assert page.data["nodes"] is net.nodes and page.data["edges"] is net.edges


def test_folded_groups_follow_the_kept_nodes(park, park_sources):
    page = _page(park, park_sources, color_by="community", max_nodes=5)
    # Four actors are kept: two brokers between communities (the park, and NeuCyber, tied to a
    # community-0 institute and a community-2 hospital) and the two best-ranked others; the other
    # nine are folded into one node, which carries them (hidden) to open in place.
    assert [(node["shape"], node["label"]) for node in page.net.nodes[:5]] == [
        ("dot", "中关村生命科学园"), ("dot", "北京生命科学研究所"), ("dot", "华辉安健"), ("dot", "北脑科技"),
        ("diamond", "4 other communities: 9 actors"),
    ]
    assert [node["id"] for node in page.net.nodes] == page.net.node_ids == list(range(14))
    (group,) = page.data["groups"]
    assert group == {"id": 4, "members": list(range(5, 14)), "more": 0}
    assert page.data["brokers"] == [0, 3]


def test_parallel_edges_bend_apart(park, park_sources):
    park.add_edge("http://example.org/park/nibs", "http://example.org/park/park", predicate_label="near")
    page = _page(park, park_sources, color_by="sector")
    between = [edge for edge in page.net.edges if {edge["from"], edge["to"]} == {0, 1}]
    assert [edge.get("smooth", {}).get("roundness") for edge in between] == [None, 0.15]
