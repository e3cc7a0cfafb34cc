"""The explorer over time: the as-of page counts what it hides and measures its own snapshot; the slider's data."""

from __future__ import annotations

import json
import re

import networkx as nx
import pytest

from helixgraph.analysis.projection import project
from helixgraph.pipeline import analyze, runner
from helixgraph.pipeline.render_step import explorer_network, render_store
from helixgraph.pipeline.snapshots import snapshot_days, snapshots
from helixgraph.views import render_explorer

from .conftest import EX, SRC

APPROVAL_SOURCE = "https://w3id.org/helixgraph/source/people-daily-2026-01-24"


def page_data(path) -> dict:
    text = path.read_text(encoding="utf-8")
    found = re.search(r'<script type="application/json" id="hx-data">(.*?)</script>', text, re.DOTALL)
    return json.loads(found.group(1))


def test_as_of_page_counts_the_edge_it_hides(store, tmp_path):
    path = render_store(store, tmp_path / "then.html", as_of="2025-12-01")
    text = path.read_text(encoding="utf-8")
    full = project(runner(store=store))
    later = [d for *_, d in full.edges(data=True) if d["source"] == APPROVAL_SOURCE]
    assert len(later) == 1
    assert ("As of 2025-12-01: 1 edges from sources issued later and 0 nodes known only from them are hidden."
            in text)
    data = page_data(path)
    assert len(data["edges"]) == full.number_of_edges() - 1


def test_as_of_measures_are_those_of_the_snapshot(store):
    then = explorer_network(runner(store=store), as_of="2025-12-01")
    reference = analyze(runner(store=store), as_of="2025-12-01").table.set_index("iri")
    for node, value in reference["betweenness"].items():
        assert then.nodes[node]["betweenness"] == pytest.approx(value)
    assert "harmonic" not in then.nodes["https://w3id.org/helixgraph/id/nibs"]  # nothing from the full analysis


def test_as_of_before_any_source_draws_an_empty_page(store, tmp_path):
    path = render_store(store, tmp_path / "early.html", as_of="2020-01-01")
    text = path.read_text(encoding="utf-8")
    assert "no node is known by then" in text and "36 edges from sources issued later" in text
    assert page_data(path)["nodes"] == []


def test_the_built_page_has_a_slider_over_the_source_dates(store, tmp_path):
    path = render_store(store, tmp_path / "now.html")
    timeline = page_data(path)["timeline"]
    assert timeline["days"] == ["2025-10-01", "2026-01-24"]
    assert timeline["counts"] == [[27, 35], [27, 36]]
    assert sorted(timeline["edgeSince"]).count(1) == 1 and len(timeline["edgeSince"]) == 36
    assert set(timeline["nodeSince"]) == {0}


def test_snapshot_measures_are_computed_on_each_snapshot(park, park_sources):
    park.graph["sources"] = park_sources
    days = snapshot_days(park_sources)
    taken = snapshots(park, days)
    assert [s.day for s in taken] == ["2021-03-15", "2023-06-01", "2026-01-24"]
    assert [s.edge_count for s in taken] == [7, 12, 15]
    # the reference: NetworkX on the first snapshot's actors (the park, a place, is context, not an actor)
    first = nx.Graph()
    first.add_nodes_from(node for node in taken[0].nodes if park.nodes[node]["cls"] != "SciencePark")
    first.add_edges_from((u, v) for u, v, src in park.edges(data="source")
                         if src == SRC + "caixin-2021" and u in first and v in first)
    expected = nx.betweenness_centrality(first)
    assert max(expected.values()) > 0
    for node, value in expected.items():
        assert taken[0].measures["betweenness"][node] == pytest.approx(value)
    assert EX + "tiantan" not in taken[0].nodes and EX + "tiantan" in taken[2].nodes


def test_timeline_resizes_nodes_and_changes_their_measures(park, park_sources, parse_page):
    park.graph["sources"] = park_sources
    taken = snapshots(park, snapshot_days(park_sources))
    data = parse_page(render_explorer(park, sources=park_sources, timeline=taken)).data
    timeline = data["timeline"]
    nibs = next(i for i, info in enumerate(data["nodeInfo"]) if info["iri"].endswith("/nibs"))
    tiantan = next(i for i, info in enumerate(data["nodeInfo"]) if info["iri"].endswith("/tiantan"))
    assert timeline["nodeSince"][tiantan] == 2 and timeline["nodeSince"][nibs] == 0
    shown = dict(timeline["measures"][0][nibs])
    assert shown["betweenness"] == pytest.approx(taken[0].measures["betweenness"]["http://example.org/park/nibs"],
                                                 rel=1e-3)
    assert timeline["sizes"][0] != timeline["sizes"][2]
    assert [sum(1 for since in timeline["edgeSince"] if since <= i) for i in range(3)] == [7, 12, 15]


def test_a_large_networks_timeline_is_left_out_with_a_note_unless_asked(store, tmp_path, monkeypatch):
    from helixgraph.pipeline import snapshots as timelines
    from helixgraph.pipeline.render_step import EXPLORER_FILE, PAGES_DIR, render_outputs
    from helixgraph.views.pages.site import read_manifest

    monkeypatch.setattr(timelines, "LARGE_NETWORK", 10)  # the bundled network counts as large
    (tmp_path / "auto").mkdir(), (tmp_path / "asked").mkdir()
    notes: list[str] = []
    render_outputs(store, tmp_path / "auto", notes=notes)
    nodes = explorer_network(runner(store=store)).number_of_nodes()
    assert notes == [(f"the explorer's date slider and the pages' snapshots were left out: the network has "
                      f"{nodes} nodes, above 10 (build with --timeline to draw them)")]
    assert "timeline" not in page_data(tmp_path / "auto" / EXPLORER_FILE)
    assert read_manifest(tmp_path / "auto" / PAGES_DIR)["timeline"] is False
    assert "Across snapshots" not in (tmp_path / "auto" / PAGES_DIR / "entity" / "nibs.html").read_text(encoding="utf-8")

    asked: list[str] = []
    render_outputs(store, tmp_path / "asked", notes=asked, timeline=True)
    assert asked == []
    assert page_data(tmp_path / "asked" / EXPLORER_FILE)["timeline"]["days"] == ["2025-10-01", "2026-01-24"]
    assert read_manifest(tmp_path / "asked" / PAGES_DIR)["timeline"] is True
    assert "Across snapshots" in (tmp_path / "asked" / PAGES_DIR / "entity" / "nibs.html").read_text(encoding="utf-8")


def test_a_small_networks_timeline_can_be_left_out(store, tmp_path):
    from helixgraph.pipeline.render_step import EXPLORER_FILE, PAGES_DIR, render_outputs
    from helixgraph.views.pages.site import read_manifest

    notes: list[str] = []
    render_outputs(store, tmp_path, notes=notes, timeline=False)
    assert notes == [] and "timeline" not in page_data(tmp_path / EXPLORER_FILE)
    assert read_manifest(tmp_path / PAGES_DIR)["timeline"] is False


def test_render_draws_the_slider_unless_told_not_to(built, tmp_path):
    from helixgraph import api

    for timeline, expected in [(None, True), (False, False)]:
        page = api.render(built, tmp_path / f"{timeline}.html", timeline=timeline)
        assert ("timeline" in page_data(page)) is expected, timeline
