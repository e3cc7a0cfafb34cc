"""The explorer `helixgraph build` writes for the bundled dataset, opened in a real browser."""

from __future__ import annotations

from pathlib import Path

import pytest

from helixgraph.graph.store import open_store
from helixgraph.pipeline import render_step

pytestmark = pytest.mark.browser


@pytest.fixture(scope="module")
def built_page(built, tmp_path_factory):
    folder = tmp_path_factory.mktemp("page")
    assert render_step(open_store(built), folder, None) == ["ecosystem.html", "pages"]
    return (folder / "ecosystem.html").read_text(encoding="utf-8")


def test_built_explorer_is_offline_sized_by_betweenness_and_coloured_by_sector(visit, built_page):
    seen = visit(built_page, "ecosystem.html")
    assert (seen.console, seen.requests, seen.dialogs) == ([], [], [])
    counts = seen.page.evaluate("() => [window.helixExplorer.nodes.length, window.helixExplorer.edges.length]")
    # 21 actors and products and the 5 places they are tied to (context, drawn but not ranked);
    # 16 ties among the former and 19 that reach a place (17 co-location, 2 plans or policies)
    assert counts == [27, 36]
    text = seen.page.inner_text("body")
    assert "size: betweenness" in text and "colour: sector" in text
    assert "academia and research" in text and "intermediary" in text
    # the drug, on the shortest paths from the research team to the regulators, has the highest
    # betweenness and is drawn largest; places have no measures
    sizes = seen.page.evaluate("""() => {
        const h = window.helixExplorer;
        return h.nodes.get().map(n => [h.data.nodeInfo[n.id].iri, n.size]); }""")
    largest = max(sizes, key=lambda pair: pair[1])[0]
    assert largest == "https://w3id.org/helixgraph/id/libevitug"
    Path("test-artifacts").mkdir(exist_ok=True)
    seen.page.screenshot(path="test-artifacts/ecosystem.png")


def test_built_explorer_search_finds_chinese_labels(visit, built_page):
    seen = visit(built_page, "ecosystem.html")
    found = seen.page.evaluate("() => window.helixExplorer.search('华辉')")
    selected = seen.page.evaluate(
        "() => window.helixExplorer.network.getSelectedNodes().map(id => window.helixExplorer.data.nodeInfo[id].iri)")
    assert found and selected == ["https://w3id.org/helixgraph/id/huahui-health"]
