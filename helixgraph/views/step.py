"""Render the explorer from a store: the projected network with its measures and statistics."""

from __future__ import annotations

from pathlib import Path

import networkx as nx
import pyoxigraph as ox

from helixgraph.analysis.projection import project
from helixgraph.analysis.step import MEASURE_PROPERTIES
from helixgraph.graph.query import query_store
from helixgraph.views.explorer import write_explorer

__all__ = ["explorer_graph", "render_step", "render_store"]

_MEASURES = """SELECT ?node ?measure ?value WHERE {
  GRAPH hxg:analysis { ?node ?measure ?value }
  ?measure a eco:NetworkMeasure }"""

_STATS = """SELECT ?node ?measureLabel ?statedAs ?unit WHERE {
  ?stat a eco:Statistic ; eco:aboutEntity ?node ; eco:measure ?m ; eco:statedAs ?statedAs ; eco:unit ?unit .
  ?m rdfs:label ?measureLabel . FILTER (langMatches(lang(?measureLabel), "en"))
} ORDER BY ?node ?measureLabel"""


def explorer_graph(store: ox.Store, *, as_of: str | None = None) -> nx.MultiDiGraph:
    """The projected network with each node's measures (from the analysis graph) and statistics."""
    run = lambda text: query_store(store, text)
    G = project(run, as_of=as_of)
    column_of = {f"https://w3id.org/helixgraph/ontology#{p}": c for c, p in MEASURE_PROPERTIES.items()}
    for node, measure, value in run(_MEASURES).rows:
        if node in G and measure in column_of:
            G.nodes[node][column_of[measure]] = float(value)
    for node, measure, stated, unit in run(_STATS).rows:
        if node in G:
            G.nodes[node].setdefault("stats", []).append(f"{measure}: {stated} ({unit})")
    return G


def render_store(
    store: ox.Store,
    path: str | Path,
    *,
    size_by: str = "betweenness",
    color_by: str = "sector",
    as_of: str | None = None,
    max_nodes: int = 300,
    title: str | None = None,
) -> Path:
    """Write the explorer page for the graph in ``store`` to ``path`` (atomically)."""
    G = explorer_graph(store, as_of=as_of)
    return write_explorer(
        path,
        G,
        sources=G.graph["sources"],
        size_by=size_by,
        color_by=color_by,
        max_nodes=max_nodes,
        as_of=as_of,
        title=title or "helixgraph: Zhongguancun Life Science Park ecosystem",
    )


def render_step(store: ox.Store, folder: Path, report) -> list[str]:
    """Build step: the explorer sized by betweenness and coloured by sector."""
    render_store(store, folder / "ecosystem.html")
    return ["ecosystem.html"]
