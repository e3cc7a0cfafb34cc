"""The explorer as a build step: the projected network with its measures and statistics, drawn."""

from __future__ import annotations

from pathlib import Path

import networkx as nx
import pyoxigraph as ox

from helixgraph.analysis.projection import project
from helixgraph.ontology.vocabulary import load_vocabulary
from helixgraph.pipeline.connection import Runner, runner
from helixgraph.pipeline.projection_share import take_projection
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


def explorer_network(run: Runner, *, as_of: str | None = None,
                     projection: nx.MultiDiGraph | None = None) -> nx.MultiDiGraph:
    """The projected network with each node's measures (from the analysis graph) and statistics.

    ``projection`` is the network already projected (as of ``as_of``), which gets the measures and
    statistics added; it is projected here when None.

    >>> import tempfile
    >>> from helixgraph.pipeline import BuildReport, analysis_step
    >>> from helixgraph.pipeline.build import load_store
    >>> store = load_store()
    >>> G = explorer_network(runner(store=store))
    >>> "betweenness" in G.nodes["https://w3id.org/helixgraph/id/nibs"]
    False
    >>> _ = analysis_step(store, Path(tempfile.mkdtemp()), BuildReport(out=Path("out")))
    >>> G = explorer_network(runner(store=store))
    >>> round(G.nodes["https://w3id.org/helixgraph/id/huahui-health"]["betweenness"], 4)
    0.0395
    """
    G = project(run, as_of=as_of) if projection is None else projection
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
    projection: nx.MultiDiGraph | None = None,
) -> Path:
    """Write the explorer page for the graph in ``store`` to ``path`` (atomically).

    ``size_by`` names the node measure that sizes the nodes and ``color_by`` the attribute that
    colours them; at most ``max_nodes`` nodes are drawn, the network as of ``as_of``. ``projection``
    is the network when already projected (see :func:`explorer_network`).

    >>> import tempfile
    >>> from helixgraph.pipeline.build import load_store
    >>> store = load_store()
    >>> path = render_store(store, Path(tempfile.mkdtemp()) / "park.html", size_by="degree", title="The park")
    >>> page = path.read_text(encoding="utf-8")
    >>> "<title>The park</title>" in page, "Huahui Health" in page
    (True, True)
    """
    G = explorer_network(runner(store=store), as_of=as_of, projection=projection)
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
    """Build step: the explorer sized by betweenness and coloured by sector.

    It runs after :func:`~helixgraph.pipeline.analysis_step`, which stores the measures.

    >>> import tempfile
    >>> from helixgraph.pipeline import analysis_step
    >>> from helixgraph.pipeline.build import load_store
    >>> store = load_store()
    >>> folder, report = Path(tempfile.mkdtemp()), BuildReport(out=Path("out"))
    >>> analysis_step(store, folder, report) + render_step(store, folder, report)
    ['centrality.csv', 'ecosystem.html']
    >>> DEFAULT_TITLE in (folder / EXPLORER_FILE).read_text(encoding="utf-8")
    True
    """
    render_store(store, folder / EXPLORER_FILE, projection=take_projection(store))
    return [EXPLORER_FILE]


render_step.stage_name = "explorer"
