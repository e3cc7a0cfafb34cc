"""In headless Chromium with the network cut off: the date slider, and the way from the explorer to a profile and back."""

from __future__ import annotations

from pathlib import Path

import pytest

from helixgraph.pipeline import runner
from helixgraph.pipeline.build import load_store
from helixgraph.pipeline.render_step import PAGES_DIR, explorer_network, render_store, timeline_of
from helixgraph.pipeline.snapshots import snapshot_days, snapshots
from helixgraph.views import render_explorer
from helixgraph.views.pages import write_site

pytestmark = [pytest.mark.browser, pytest.mark.slow]

ARTIFACTS = Path(__file__).resolve().parents[2] / "test-artifacts"


def quiet(seen):
    assert seen.console == [] and seen.requests == [] and seen.dialogs == [], (seen.console, seen.requests)


def test_the_slider_shows_the_network_as_known_at_each_source_date(visit, park, park_sources):
    park.graph["sources"] = park_sources
    taken = snapshots(park, snapshot_days(park_sources))
    opened = visit(render_explorer(park, sources=park_sources, timeline=taken), "timeline.html")
    page = opened.page
    assert page.locator("#hx-time-day").text_content() == "2026-01-24"
    assert page.evaluate("helixExplorer.visibleEdgeIds().length") == 15
    # a node whose first-snapshot betweenness differs most from the one the page was drawn with
    broker = max(taken[0].measures["betweenness"].items(),
                 key=lambda item: abs(item[1] - park.nodes[item[0]]["betweenness"]))[0]
    nibs = page.evaluate("iri => helixExplorer.data.nodeInfo.findIndex(i => i.iri === iri)", broker)
    size_now = page.evaluate("id => helixExplorer.nodes.get(id).size", nibs)
    counts = []
    for position, day in enumerate(["2021-03-15", "2023-06-01", "2026-01-24"]):
        page.locator("#hx-time").fill(str(position))
        assert page.locator("#hx-time-day").text_content() == day
        counts.append(page.evaluate("[helixExplorer.visibleNodeIds().length, helixExplorer.visibleEdgeIds().length]"))
    assert [edges for _, edges in counts] == [7, 12, 15]
    assert [nodes for nodes, _ in counts] == [len(s.nodes) for s in taken]
    page.locator("#hx-time").fill("0")
    assert "network then: 7 nodes, 7 edges" in page.locator("#hx-time-note").text_content()
    # the tooltip shows the first snapshot's measures, and the node is sized by them
    tip = page.evaluate("id => helixExplorer.nodes.get(id).title.textContent", nibs)
    then = taken[0].measures["betweenness"][broker]
    assert then != park.nodes[broker]["betweenness"]
    shown = str(int(then)) if float(then).is_integer() else str(float(f"{then:.4g}"))  # as the page writes it
    assert "as of: 2021-03-15" in tip and f"betweenness: {shown}pagerank" in tip
    assert page.evaluate("id => helixExplorer.nodes.get(id).size", nibs) != size_now
    page.screenshot(path=str(ARTIFACTS / "explorer-timeline.png"))
    quiet(opened)


@pytest.fixture(scope="module")
def built_site(tmp_path_factory):
    store = load_store()
    folder = tmp_path_factory.mktemp("built")
    G = explorer_network(runner(store=store))
    taken = timeline_of(G)
    render_store(store, folder / "ecosystem.html", network=G, snapshots_taken=taken, pages=PAGES_DIR,
                 size_by="degree")
    write_site(store, folder / PAGES_DIR, network=G, timeline=taken, explorer="../ecosystem.html")
    return folder


def test_from_the_explorer_to_a_profile_and_back_offline(browser, built_site):
    context = browser.new_context(viewport={"width": 1400, "height": 900})
    page = context.new_page()
    console, requests = [], []
    page.on("console", lambda m: m.type in ("error", "warning") and console.append(m.text))
    page.on("pageerror", lambda error: console.append(str(error)))
    inside = built_site.as_uri()

    def route(r):
        if r.request.url.startswith(inside + "/"):
            r.continue_()
        else:
            requests.append(r.request.url)
            r.abort()

    page.route("**/*", route)
    try:
        page.goto((built_site / "ecosystem.html").as_uri())
        page.wait_for_function("() => window.helixExplorer && helixExplorer.ready")
        page.fill("#hx-search", "Huahui")
        page.press("#hx-search", "Enter")
        node = page.evaluate("helixExplorer.network.getSelectedNodes()[0]")
        box = page.locator("#hx-network").bounding_box()
        point = page.evaluate("id => helixExplorer.network.canvasToDOM(helixExplorer.network.getPosition(id))", node)
        page.mouse.click(box["x"] + point["x"], box["y"] + point["y"])
        assert page.locator("#hx-selected-name").text_content() == "Huahui Health"
        assert page.locator("#hx-profile").get_attribute("href") == "pages/entity/huahui-health.html"
        page.click("#hx-profile")
        page.wait_for_url("**/pages/entity/huahui-health.html")
        assert page.locator("h1").text_content() == "Huahui Health"
        located = page.locator("#facts tr", has=page.locator("a[href='../entity/zgc-life-science-park.html']"))
        assert "stated by the source" in located.text_content() and "2025-10-01" in located.text_content()
        assert page.locator("#snapshots tr").count() == 3
        assert page.locator("#neighbourhood a").count() >= 3
        page.screenshot(path=str(ARTIFACTS / "profile.png"), full_page=True)
        page.click("#to-explorer")
        page.wait_for_function("() => window.helixExplorer && helixExplorer.ready")
        assert console == [] and requests == [], (console, requests)
    finally:
        context.close()


def test_a_profile_shows_hostile_data_as_text(browser, tmp_path):
    from .test_pages import HOSTILE, _store_with

    folder = write_site(_store_with(HOSTILE, inferred=False), tmp_path / "pages")
    context = browser.new_context()
    page = context.new_page()
    dialogs, requests = [], []
    page.on("dialog", lambda d: (dialogs.append(d.message), d.dismiss()))
    page.route("**/*", lambda r: r.continue_() if r.request.url.startswith("file:") else
               (requests.append(r.request.url), r.abort()))
    try:
        page.goto((folder / "entity" / "x.html").as_uri())
        assert page.locator("h1").text_content() == HOSTILE
        assert page.evaluate("document.querySelectorAll('script, img').length") == 0
        assert dialogs == [] and requests == []
    finally:
        context.close()
