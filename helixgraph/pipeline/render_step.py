"""The explorer as a build step: the projected network with its measures and statistics, drawn."""

from __future__ import annotations

from pathlib import Path

import networkx as nx
import pyoxigraph as ox

from helixgraph.analysis.projection import project
from helixgraph.ontology.vocabulary import load_vocabulary
from helixgraph.pipeline.connection import Runner, runner
from helixgraph.pipeline.report import BuildReport
from helixgraph.views.explorer import write_explorer

__all__ = ["DEFAULT_TITLE", "EXPLORER_FILE", "explorer_network", "render_step", "render_store"]

#: The explorer's file in a build.
EXPLORER_FILE = "ecosystem.html"

#: The explorer's title when none is given.
DEFAULT_TITLE = "helixgraph: Zhongguancun Life Science Park ecosystem"

_MEASURES = """SELECT ?node ?measure ?value WHERE {
  GRAPH hxg:analysis { ?node ?measure ?value }
  ?measure a eco:NetworkMeasure }"""

_STATS = """SELECT ?node ?measureLabel ?statedAs ?unit WHERE {
  ?stat a eco:Statistic ; eco:aboutEntity ?node ; eco:measure ?m ; eco:statedAs ?statedAs ; eco:unit ?unit .
  ?m rdfs:label ?measureLabel . FILTER (langMatches(lang(?measureLabel), "en"))
} ORDER BY ?node ?measureLabel"""


def explorer_network(run: Runner, *, as_of: str | None = None) -> nx.MultiDiGraph:
    """The projected network with each node's measures (from the analysis graph) and statistics."""
    G = project(run, as_of=as_of)
    column_of = load_vocabulary().measure_of_property
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
    G = explorer_network(runner(store=store), as_of=as_of)
    return write_explorer(
        path,
        G,
        sources=G.graph["sources"],
        size_by=size_by,
        color_by=color_by,
        max_nodes=max_nodes,
        as_of=as_of,
        title=title or DEFAULT_TITLE,
    )


def render_step(store: ox.Store, folder: Path, report: BuildReport) -> list[str]:
    """Build step: the explorer sized by betweenness and coloured by sector."""
    render_store(store, folder / EXPLORER_FILE)
    return [EXPLORER_FILE]
