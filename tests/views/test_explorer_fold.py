"""Folding large graphs, hiding what was published later, colours and layouts."""

from __future__ import annotations

import re

import networkx as nx
import pytest

from helixgraph.views import render_explorer
from helixgraph.views.fold import BROKERS, brokers, community_text, fold_graph, max_groups
from helixgraph.views.layout import SPRING_LIMIT, layout_positions
from helixgraph.views.palette import CYCLE, colour_table, palette
from helixgraph.views.snapshot import graph_as_of

EX = "http://example.org/park/"


def ranked(G, measure):
    return sorted(G.nodes, key=lambda node: -G.nodes[node][measure])


def test_small_graphs_are_not_folded(park):
    folding = fold_graph(park, {}, max_nodes=13, measure="betweenness")
    assert folding.kept == tuple(park.nodes) and folding.groups == () and folding.folded == 0
    assert folding.edge_total == park.number_of_edges() == len(folding.edges)


def test_folding_keeps_the_top_nodes_and_accounts_for_every_other(mid_graph):
    betweenness = nx.get_node_attributes(mid_graph, "betweenness")
    folding = fold_graph(mid_graph, betweenness, max_nodes=100, measure="betweenness")
    assert len(folding.kept) + len(folding.groups) <= 100
    assert len(folding.groups) == max_groups(100) == 20  # 80 communities: 19 own nodes + "others"
    # the top by betweenness, and the actors tied into the most other communities
    expected_brokers = brokers(mid_graph, nx.get_node_attributes(mid_graph, "community"))
    assert len(folding.brokers) == BROKERS and list(folding.brokers) == expected_brokers
    top = [node for node in ranked(mid_graph, "betweenness") if node not in expected_brokers]
    assert set(folding.kept) == set(top[: len(folding.kept) - BROKERS]) | set(expected_brokers)
    assert list(folding.kept) == sorted(folding.kept, key=lambda node: -betweenness[node])
    members = [node for group in folding.groups for node in group.members]
    assert sorted(members + list(folding.kept)) == sorted(mid_graph.nodes)
    assert folding.folded == len(members) == 1000 - len(folding.kept)
    assert folding.groups[-1].label.startswith("61 other communities: ")
    assert len(folding.groups[-1].communities) == 61
    for group in folding.groups[:-1]:  # named by its two most central members
        assert {mid_graph.nodes[node]["community"] for node in group.members} == {group.community}
        first, second = (mid_graph.nodes[node]["label"] for node in group.members[:2])
        assert group.label == f"{first} · {second} +{len(group.members) - 2}"
        assert group.members[0] == max(group.members, key=lambda node: betweenness[node])
    assert folding.edge_total == mid_graph.number_of_edges()
    # one weighted link per pair of displayed nodes, and no loop for the ties inside a community
    pairs = [(link.source, link.target) for link in folding.links]
    assert len(pairs) == len(set(pairs)) and all(a != b for a, b in pairs)
    for link in folding.links:
        assert link.count == sum(link.relations.values()) and link.relations.keys() == {"partner of"}


def test_nodes_without_the_measure_rank_last(park):
    ranking = {node: 1.0 for node in list(park.nodes)[:5]}
    folding = fold_graph(park, ranking, max_nodes=6, measure="x")
    assert folding.kept == tuple(list(park.nodes)[:5])
    (group,) = folding.groups  # a page of 6 has room for one group node: all communities merge
    assert group.label == "3 other communities: 8 actors" and group.communities == (1, 3, 2)


def test_the_page_reports_the_threshold_and_what_was_folded(mid_graph, parse_page):
    page = render_explorer(mid_graph, sources={}, max_nodes=100)
    data = parse_page(page).data
    carried = [member for group in data["groups"] for member in group["members"]]
    assert len(data["nodes"]) - len(carried) == 100
    summary = re.search(r"<summary>(.*?)</summary>", page, re.DOTALL).group(1)
    assert summary == (
        "Large graph: above 100 nodes, the top 80 of 1,000 by betweenness are shown (20 of them for brokering "
        "between communities); 920 are folded into 20 community nodes. Double-click a community to open it in place."
    )
    # the note names the five largest communities rather than listing every number
    assert len(re.findall(r"<li>[^<]* \([\d,]+ actors, [\d,]+ ties inside\)</li>", page)) == 5
    assert len(re.findall(r"<li>actor \d+ · actor \d+ \+\d+ \(", page)) == 4  # and "61 other communities"
    kept = [info["iri"] for info in data["nodeInfo"][:80]]
    assert "folded" not in data["nodeInfo"][79] and "folded" in data["nodeInfo"][80]
    assert kept == sorted(kept, key=lambda iri: -mid_graph.nodes[iri]["betweenness"])
    groups = [info for info in data["nodeInfo"] if "folded" in info]
    assert sum(info["folded"]["count"] for info in groups) == 920
    assert [node["shape"] for node in data["nodes"][80:100]] == ["diamond"] * 20
    assert {node["shape"] for node in data["nodes"][100:]} == {"dot"}  # the members a community opens to
    # folded nodes stay findable: the search index maps each one to its group node
    assert len(data["folded"]) == 920
    group_of = {entry[1]: entry[0] for entry in data["folded"]}
    member = groups[0]["folded"]["top"][0]
    assert data["nodeInfo"][group_of[member]]["labels"] == groups[0]["labels"]


def test_100k_nodes_render_without_pyvis_per_item_calls(big_graph, parse_page, monkeypatch):
    from pyvis.network import Network

    def refuse(*args, **kwargs):
        raise AssertionError("quadratic pyvis call")

    for name in ("from_nx", "add_node", "add_edge", "add_nodes", "add_edges"):
        monkeypatch.setattr(Network, name, refuse)
    page = render_explorer(big_graph, sources={}, max_nodes=300, size_by="pagerank", color_by="community")
    data = parse_page(page).data
    carried = [member for group in data["groups"] for member in group["members"]]
    assert len(data["nodes"]) - len(carried) == 300 and len(data["folded"]) == 100_000 - 250
    assert len(carried) == 50 * 40
    assert len(page.encode("utf-8")) < 6_500_000  # the search index of 99,750 folded actors is most of it
    assert data["options"]["physics"] == {"enabled": False}
    assert "(graph: 100,000 nodes, 200,000 edges)" in page
    assert re.search(r'<span id="hx-count-nodes">300</span> nodes', page)
    assert re.search(r"https?://", page) is None


def test_as_of_hides_later_edges_and_nodes_known_only_later(park, park_sources, parse_page):
    H, report = graph_as_of(park, park_sources, "2024-12-31")
    assert report.hidden_edges == 3  # the three edges from the 2026 People's Daily report
    assert sorted(set(park) - set(H)) == [EX + "beinao", EX + "nmpa", EX + "tiantan"]
    assert report.hidden_nodes == 3
    assert H.number_of_edges() == 12 and park.number_of_edges() == 15  # the input is untouched
    page = render_explorer(park, sources=park_sources, as_of="2024-12-31")
    data = parse_page(page).data
    assert len(data["nodes"]) == 10 and len(data["edges"]) == 12
    assert "People's Daily" not in [source["publisher"] for source in data["sources"]]
    assert (
        "As of 2024-12-31: 3 edges from sources issued later and 3 nodes known only from them are hidden."
        in page
    )


def test_as_of_keeps_nodes_with_an_earlier_source_or_none(park, park_sources):
    park.add_node(EX + "lonely", label="孤立机构")  # no source at all: nothing says it is later
    park.add_node(EX + "early", label="early", sources=["http://example.org/source/caixin-2021"])
    H, report = graph_as_of(park, park_sources, "2022-01-01")
    assert {EX + "lonely", EX + "early", EX + "park", EX + "cibr"} <= set(H)
    assert EX + "hospital" not in H  # its only edge came from the 2023 report
    assert report.hidden_edges == 8


def test_partial_and_missing_issued_dates(park, park_sources):
    park_sources["http://example.org/source/daily-2026"]["issued"] = "2026"
    park_sources["http://example.org/source/report-2023"].pop("issued")
    _, report = graph_as_of(park, park_sources, "2025-12-31")
    assert report.hidden_edges == 3  # "2026" means 2026-01-01; an undated source is kept
    _, report = graph_as_of(park, park_sources, "2026-01-01")
    assert report.hidden_edges == 0


def test_colour_table_is_stable_and_keeps_fixed_colours_apart():
    table = colour_table("class", ["Company", "Spacecraft", "Hospital", None])
    assert (
        table["Company"] == palette()["class"]["Company"] and table["Hospital"] == palette()["class"]["Hospital"]
    )
    assert table["Spacecraft"] not in {palette()["class"]["Company"], palette()["class"]["Hospital"]}
    assert colour_table("class", [None, "Hospital", "Spacecraft", "Company"]) == table
    assert list(colour_table("community", range(25)).values()) == [*CYCLE, *CYCLE[:5]]


@pytest.mark.parametrize("count", [12, SPRING_LIMIT + 50])
def test_layout_is_seeded_and_gives_every_node_its_own_place(count):
    nodes = [f"n{i}" for i in range(count)]
    edges = [(nodes[i], nodes[(i * 7 + 1) % count]) for i in range(count)]
    clusters = {node: i % 9 for i, node in enumerate(nodes)}
    pos = layout_positions(nodes, edges, clusters)
    assert pos == layout_positions(nodes, edges, clusters)
    assert sorted(pos) == sorted(nodes) and len(set(pos.values())) == count


def test_community_numbers_read_as_whole_numbers():
    assert [community_text(key) for key in (42.0, 3, 2.5, None)] == ["42", "3", "2.5", "none"]
