"""The explorer in headless Chromium: offline, searchable, filterable, and inert to injected labels."""

from __future__ import annotations

from pathlib import Path

import pytest

from helixgraph.views import render_explorer

pytestmark = pytest.mark.browser

EX = "http://example.org/park/"
ARTIFACTS = Path(__file__).resolve().parents[2] / "test-artifacts"
DIM = "rgba(210, 214, 220, 0.35)"


@pytest.fixture()
def opened(visit, park, park_sources):
    return visit(render_explorer(park, sources=park_sources, title="中关村生命科学园 ecosystem"))


def node_id(page, iri: str) -> int:
    return page.evaluate("iri => helixExplorer.data.nodeInfo.findIndex(info => info.iri === iri)", iri)


def screen_point(page, canvas_point: dict) -> tuple[float, float]:
    """Where on the screen a point of the network's canvas is drawn."""
    box = page.locator("#hx-network").bounding_box()
    dom = page.evaluate("p => helixExplorer.network.canvasToDOM(p)", canvas_point)
    return box["x"] + dom["x"], box["y"] + dom["y"]


def node_point_by_id(page, node: int) -> tuple[float, float]:
    return screen_point(page, page.evaluate("id => helixExplorer.network.getPosition(id)", node))


def node_point(page, iri: str) -> tuple[float, float]:
    position = page.evaluate("id => helixExplorer.network.getPosition(id)", node_id(page, iri))
    return screen_point(page, position)


def tooltip(page) -> str:
    page.wait_for_function("() => document.querySelector('div.vis-tooltip')?.style.visibility === 'visible'")
    return page.evaluate("document.querySelector('div.vis-tooltip').textContent")


def assert_quiet(opened):
    assert opened.console == [], opened.console
    assert opened.requests == [], opened.requests
    assert opened.dialogs == [], opened.dialogs


def test_page_loads_offline_with_every_node_and_edge(opened):
    page = opened.page
    counts = page.evaluate(
        "[helixExplorer.nodes.length, helixExplorer.edges.length,"
        " helixExplorer.visibleNodeIds().length, helixExplorer.visibleEdgeIds().length]"
    )
    assert counts == [13, 15, 13, 15]
    assert page.locator("#hx-visible").text_content() == "showing 13 nodes and 15 edges"
    assert page.locator("h1").text_content() == "中关村生命科学园 ecosystem"
    assert page.locator("#hx-legend li").count() == 6
    ARTIFACTS.mkdir(exist_ok=True)
    page.screenshot(path=str(ARTIFACTS / "explorer.png"))
    assert_quiet(opened)


def test_search_selects_and_focuses_a_node_by_any_label(opened):
    page = opened.page
    for query, iri, found in [
        ("生命科学园", EX + "park", "中关村生命科学园"),
        ("nibs", EX + "nibs", "北京生命科学研究所"),  # the alias is "NIBS": case does not matter
        ("ZHONGGUANCUN life", EX + "park", "中关村生命科学园"),
    ]:
        page.fill("#hx-search", query)
        page.press("#hx-search", "Enter")
        wanted = node_id(page, iri)
        assert page.evaluate("helixExplorer.network.getSelectedNodes()") == [wanted]
        assert page.evaluate("helixExplorer.highlighted.node") == wanted
        assert page.locator("#hx-search-status").text_content() == f"Found {found}."
        # the view ends centred on the node
        page.wait_for_function(
            """id => { const n = helixExplorer.network, p = n.getPosition(id), v = n.getViewPosition();
                       return Math.hypot(p.x - v.x, p.y - v.y) < 1; }""",
            arg=wanted,
        )
    page.fill("#hx-search", "no such actor")
    page.press("#hx-search", "Enter")
    assert page.locator("#hx-search-status").text_content() == "No node matches \u201cno such actor\u201d."
    assert_quiet(opened)


def test_filters_hide_a_class_a_sector_and_a_source(opened):
    page = opened.page
    hospitals = {node_id(page, EX + "hospital"), node_id(page, EX + "tiantan")}
    page.locator("fieldset[data-kind=cls] label", has_text="hospital").locator("input").uncheck()
    visible = set(page.evaluate("helixExplorer.visibleNodeIds()"))
    assert len(visible) == 11 and not visible & hospitals
    assert len(page.evaluate("helixExplorer.visibleEdgeIds()")) == 13  # their two edges go too
    assert page.locator("#hx-visible").text_content() == "showing 11 nodes and 13 edges"
    page.locator("fieldset[data-kind=cls] label", has_text="hospital").locator("input").check()
    page.locator("fieldset[data-kind=sector] label", has_text="industry").locator("input").uncheck()
    assert len(page.evaluate("helixExplorer.visibleNodeIds()")) == 9  # four companies hidden
    page.locator("fieldset[data-kind=sector] label", has_text="industry").locator("input").check()
    page.locator("fieldset[data-kind=source] label", has_text="People's Daily").locator("input").uncheck()
    assert page.evaluate(
        "[helixExplorer.visibleNodeIds().length, helixExplorer.visibleEdgeIds().length]"
    ) == [
        13,
        12,
    ]
    assert_quiet(opened)


def test_clicking_a_node_highlights_its_neighbourhood(opened):
    page = opened.page
    page.mouse.click(*node_point(page, EX + "huahui"))
    neighbours = {EX + key for key in ("huahui", "park", "nibs", "li", "libevitug", "incubator")}
    assert set(page.evaluate("helixExplorer.highlighted.nodes")) == {node_id(page, iri) for iri in neighbours}
    assert len(page.evaluate("helixExplorer.highlighted.edges")) == 5
    colour = "id => helixExplorer.nodes.get(id).color.background"
    assert page.evaluate(colour, node_id(page, EX + "nmpa")) == DIM
    assert page.evaluate(colour, node_id(page, EX + "li")) != DIM
    # a click on empty canvas restores every colour
    box = page.locator("#hx-network").bounding_box()
    assert page.evaluate("helixExplorer.network.getNodeAt({x: 4, y: 4})") is None
    page.mouse.click(box["x"] + 4, box["y"] + 4)
    assert page.evaluate("helixExplorer.highlighted") is None
    assert page.evaluate(colour, node_id(page, EX + "nmpa")) == "#59a14f"
    assert_quiet(opened)


def test_injected_labels_show_as_literal_text(opened, hostile):
    page = opened.page
    page.mouse.move(*node_point(page, hostile["img_iri"]))
    assert hostile["img"] in tooltip(page)
    page.mouse.move(0, 0)
    # the edge between the two hostile nodes: its tooltip names the source whose title holds a link
    ends = page.evaluate(
        """() => { const n = helixExplorer.network, e = helixExplorer.data.edges
                     .find(e => helixExplorer.data.nodeInfo[e.from].iri.endsWith('imgnode'));
                   const a = n.getPosition(e.from), b = n.getPosition(e.to);
                   return {x: (a.x + b.x) / 2, y: (a.y + b.y) / 2}; }"""
    )
    page.mouse.move(*screen_point(page, ends))
    text = tooltip(page)
    assert "partner of" in text and hostile["href"] in text and hostile["script"][:20] in text
    assert page.evaluate("document.querySelectorAll('img, a[href], iframe, object, embed, b').length") == 0
    assert page.evaluate("document.scripts.length") == 3
    label = page.locator("fieldset[data-kind=source] label", has_text="Park office")
    assert hostile["href"] in label.text_content()
    assert_quiet(opened)
    # and were a script ever smuggled into the page, the policy would not run it
    ran = page.evaluate(
        """() => { const s = document.createElement('script'); s.textContent = 'window.smuggled = 1';
                   document.body.appendChild(s); return window.smuggled === 1; }"""
    )
    assert ran is False
    assert any("Content Security Policy" in message for message in opened.console)


def test_a_folded_page_opens_laid_out_and_finds_folded_actors(visit, mid_graph):
    opened = visit(render_explorer(mid_graph, sources={}, max_nodes=300, color_by="community"), "folded.html")
    page = opened.page
    assert page.evaluate("helixExplorer.visibleNodeIds().length") == 300
    # positions come with the page: the browser runs no physics, and no two nodes share a place
    assert page.evaluate("helixExplorer.network.physics.options.enabled") is False
    places = page.evaluate("helixExplorer.visibleNodeIds().map(id => helixExplorer.network.getPosition(id))"
                           ".map(p => [p.x, p.y])")
    assert len(places) == 300 and len({tuple(p) for p in places}) == 300
    page.screenshot(path=str(ARTIFACTS / "explorer-folded.png"))
    # a folded actor the page carries: search opens its community in place and selects the actor
    folded = page.evaluate("helixExplorer.data.folded[0]")
    group = page.evaluate("id => helixExplorer.data.groups.find(g => g.id === id)", folded[0])
    group_label = page.evaluate("id => helixExplorer.data.nodeInfo[id].labels[0]", folded[0])
    page.fill("#hx-search", folded[2])  # the Chinese alias of a folded actor
    page.press("#hx-search", "Enter")
    status = page.locator("#hx-search-status").text_content()
    assert status == f"{folded[1]} is in {group_label}, opened."
    (selected,) = page.evaluate("helixExplorer.network.getSelectedNodes()")
    assert selected in group["members"]
    assert page.evaluate("id => helixExplorer.data.nodeInfo[id].labels[0]", selected) == folded[1]
    visible = set(page.evaluate("helixExplorer.visibleNodeIds()"))
    assert folded[0] not in visible and set(group["members"]) <= visible
    assert len(visible) == 300 - 1 + len(group["members"])
    # folding it back shows the community node again
    page.evaluate("id => helixExplorer.toggleGroup(id)", folded[0])
    assert page.evaluate("helixExplorer.visibleNodeIds().length") == 300
    # an actor beyond what the page carries: the search points at its community
    beyond = page.evaluate("""() => { const d = helixExplorer.data, carried = new Set();
        d.groups.forEach(g => g.members.forEach(m => carried.add(d.nodeInfo[m].labels[0])));
        return d.folded.find(entry => !carried.has(entry[1])); }""")
    page.fill("#hx-search", beyond[1])
    page.press("#hx-search", "Enter")
    status = page.locator("#hx-search-status").text_content()
    assert status.startswith(f"{beyond[1]} is folded into ")
    assert page.evaluate("helixExplorer.network.getSelectedNodes()") == [beyond[0]]
    assert_quiet(opened)


@pytest.mark.slow
def test_double_click_opens_a_folded_community_in_place_and_folds_it_back(visit, mid_graph):
    opened = visit(render_explorer(mid_graph, sources={}, max_nodes=300, color_by="community"), "open.html")
    page = opened.page
    group = page.evaluate("helixExplorer.data.groups[0]")
    before = set(page.evaluate("helixExplorer.visibleNodeIds()"))
    page.evaluate("id => helixExplorer.network.moveTo({position: helixExplorer.network.getPosition(id),"
                  " scale: 1.0, animation: false})", group["id"])
    x, y = node_point_by_id(page, group["id"])
    assert page.evaluate("p => helixExplorer.network.getNodeAt(p)", {"x": x - page.locator("#hx-network")
                         .bounding_box()["x"], "y": y - page.locator("#hx-network").bounding_box()["y"]}) == group["id"]
    page.mouse.dblclick(x, y)
    after = set(page.evaluate("helixExplorer.visibleNodeIds()"))
    assert after == (before - {group["id"]}) | set(group["members"])
    # the members' ties to the drawn actors come with them
    edges = page.evaluate("helixExplorer.visibleEdgeIds().map(id => helixExplorer.edges.get(id))")
    assert any(e["from"] in group["members"] or e["to"] in group["members"] for e in edges)
    page.mouse.click(*node_point_by_id(page, group["members"][0]))
    assert page.locator("#hx-open").text_content() == "Fold this community"
    page.click("#hx-open")
    assert set(page.evaluate("helixExplorer.visibleNodeIds()")) == before
    assert_quiet(opened)
