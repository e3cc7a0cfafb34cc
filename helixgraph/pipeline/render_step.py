"""The explorer as a build step: the projected network with its measures and statistics, drawn."""

from __future__ import annotations

from pathlib import Path

import networkx as nx
import pyoxigraph as ox

from helixgraph.analysis.projection import project
from helixgraph.dates import as_of_day
from helixgraph.ontology.vocabulary import load_vocabulary
from helixgraph.pipeline.analysis_graph import ANALYSIS_GRAPH
from helixgraph.pipeline.connection import Runner, runner
from helixgraph.pipeline.projection_share import take_projection
from helixgraph.pipeline.report import BuildReport
from helixgraph.pipeline.snapshots import (
    LARGE_NETWORK,
    LARGE_SNAPSHOTS,
    MAX_SNAPSHOTS,
    snapshot_days,
    snapshot_measures,
    snapshots,
    timeline_note,
    timeline_wanted,
)
from helixgraph.views.explorer import write_explorer
from helixgraph.views.pages.scope import ALL_PAGES_LIMIT
from helixgraph.views.snapshot import AsOf

__all__ = [
    "DEFAULT_TITLE",
    "EXPLORER_FILE",
    "PAGES_DIR",
    "cite_paragraphs",
    "drawing_inputs",
    "explorer_network",
    "render_outputs",
    "render_step",
    "render_store",
    "timeline_days",
    "timeline_of",
]

#: The folder of the entity profile pages in a build.
PAGES_DIR = "pages"

#: The explorer's file in a build.
EXPLORER_FILE = "ecosystem.html"

#: The explorer's title when none is given.
DEFAULT_TITLE = "helixgraph explorer"

_MEASURES = """SELECT ?node ?measure ?value WHERE {
  GRAPH hxg:analysis { ?node ?measure ?value }
  ?measure a eco:NetworkMeasure }"""

_STATS = """SELECT ?node ?measureLabel ?statedAs ?unit WHERE {
  ?stat a eco:Statistic ; eco:aboutEntity ?node ; eco:measure ?m ; eco:statedAs ?statedAs ; eco:unit ?unit .
  ?m rdfs:label ?measureLabel . FILTER (langMatches(lang(?measureLabel), "en"))
} ORDER BY ?node ?measureLabel"""


def explorer_network(run: Runner, *, as_of: str | None = None,
                     projection: nx.MultiDiGraph | None = None, store: ox.Store | None = None) -> nx.MultiDiGraph:
    """The projected network with each node's measures and statistics.

    The measures are those the analysis graph holds for the whole network; as of a date they are
    computed on that snapshot instead (degree, betweenness, PageRank, see
    :func:`~helixgraph.pipeline.snapshots.snapshot_measures`), so they describe what is drawn.
    ``projection`` is the whole network when already projected (the analysis step's, shared); it
    gets the measures and statistics added. It is projected here when None or ``as_of`` is given.
    ``store``, the store ``run`` answers from, lets the measures be read from its analysis graph
    directly, measure by measure, rather than as the rows of one query (at 1M entities, 8M rows). A
    projection marked ``measured`` (:func:`~helixgraph.pipeline.analysis_graph.set_measures`, by the
    analysis step) has them already.

    >>> import tempfile
    >>> from helixgraph.pipeline import BuildReport, analysis_step
    >>> from helixgraph.pipeline.build import load_store
    >>> store = load_store()
    >>> G = explorer_network(runner(store=store))
    >>> "betweenness" in G.nodes["https://w3id.org/helixgraph/id/nibs"]
    False
    >>> _ = analysis_step(store, Path(tempfile.mkdtemp()), BuildReport(out=Path("out")))
    >>> G = explorer_network(runner(store=store))
    >>> huahui = G.nodes["https://w3id.org/helixgraph/id/huahui-health"]
    >>> round(huahui["betweenness"], 4), type(huahui["community"]).__name__
    (0.0395, 'int')
    """
    G = project(run, as_of=as_of) if projection is None or as_of is not None else projection
    if as_of is not None:
        for name, values in snapshot_measures(G).items():
            nx.set_node_attributes(G, values, name)
    elif not G.graph.pop("measured", False):
        vocabulary = load_vocabulary()
        column_of, whole = vocabulary.measure_of_property, vocabulary.integer_measures
        if store is not None:
            _stored_measures(store, G, column_of, whole)
        else:
            for node, measure, value in run(_MEASURES).rows:
                if node in G and measure in column_of:
                    name = column_of[measure]
                    G.nodes[node][name] = (_whole if name in whole else float)(value)
    for node, measure, stated, unit in run(_STATS).rows:
        if node in G:
            G.nodes[node].setdefault("stats", []).append(f"{measure}: {stated} ({unit})")
    return G


def _stored_measures(store: ox.Store, G: nx.MultiDiGraph, column_of: dict[str, str], whole: frozenset) -> None:
    """Give the nodes of ``G`` their measures from the analysis graph of ``store``, one property at a time."""
    graph, nodes = ox.NamedNode(ANALYSIS_GRAPH), G.nodes
    for measure, name in column_of.items():
        convert = _whole if name in whole else float
        for node, _, value, _ in store.quads_for_pattern(None, ox.NamedNode(measure), None, graph):
            if node.value in nodes:
                nodes[node.value][name] = convert(value.value)


def _whole(text: str) -> int:
    return int(float(text))


def timeline_of(G: nx.MultiDiGraph) -> list:
    """The snapshots of ``G`` at its sources' issue dates (fewer above
    :data:`~helixgraph.pipeline.snapshots.LARGE_NETWORK` nodes), with their measures.

    >>> from helixgraph.pipeline.build import load_store
    >>> [s.day for s in timeline_of(explorer_network(runner(store=load_store())))]
    ['2025-10-01', '2026-01-24']
    """
    return snapshots(G, timeline_days(G))


def timeline_days(G: nx.Graph) -> list[str]:
    """The dates of :func:`timeline_of`: the sources' issue days, at most
    :data:`~helixgraph.pipeline.snapshots.MAX_SNAPSHOTS` (:data:`~helixgraph.pipeline.snapshots.LARGE_SNAPSHOTS`
    above :data:`~helixgraph.pipeline.snapshots.LARGE_NETWORK` nodes).

    >>> G = nx.MultiDiGraph(sources={f"s{i}": {"issued": f"{2000 + i}-01-01"} for i in range(30)})
    >>> len(timeline_days(G)), G.add_nodes_from(range(10_001)), len(timeline_days(G))
    (24, None, 6)
    """
    limit = LARGE_SNAPSHOTS if G.number_of_nodes() > LARGE_NETWORK else MAX_SNAPSHOTS
    return snapshot_days(G.graph.get("sources", {}), limit=limit)


def render_store(
    store: ox.Store,
    path: str | Path,
    *,
    size_by: str = "betweenness",
    color_by: str = "sector",
    as_of: str | None = None,
    max_nodes: int = 300,
    title: str | None = None,
    description: str | None = None,
    timeline: bool | None = None,
    pages: str | None = None,
    network: nx.MultiDiGraph | None = None,
    snapshots_taken: list | None = None,
    projection: nx.MultiDiGraph | None = None,
) -> Path:
    """Write the explorer page for the graph in ``store`` to ``path`` (atomically).

    ``size_by`` names the node measure that sizes the nodes and ``color_by`` the attribute that
    colours them; at most ``max_nodes`` nodes are drawn. As of ``as_of`` the page draws the
    network projected as of that date, with the measures of that snapshot, and says how many
    edges and nodes of the whole network it leaves out. Otherwise the page has a date slider over
    the sources' issue dates when ``timeline`` is True, or when it is None and the network is not
    large (see :func:`~helixgraph.pipeline.snapshots.timeline_wanted`). ``pages`` is the folder (relative to the
    page) of the profile pages to link each node to; ``network`` and ``snapshots_taken`` reuse a
    projection and snapshots already made, and ``projection`` is the bare projection to start from
    (the analysis step's, shared).


    >>> import tempfile
    >>> from helixgraph.pipeline.build import load_store
    >>> store = load_store()
    >>> path = render_store(store, Path(tempfile.mkdtemp()) / "park.html", size_by="degree", title="The park")
    >>> page = path.read_text(encoding="utf-8")
    >>> "<title>The park</title>" in page, "Huahui Health" in page
    (True, True)
    """
    run = runner(store=store)
    if network is None:
        from helixgraph.views.pages.evidence import statements_by_entity

        network = explorer_network(run, projection=projection, store=store)
        cite_paragraphs(network, statements_by_entity(store))
    G = network
    _measure_when_unanalysed(G)
    report, taken = None, ()
    if as_of is not None:
        full_nodes, full_edges = G.number_of_nodes(), G.number_of_edges()
        G = explorer_network(run, as_of=as_of)
        report = AsOf(day=as_of_day(as_of), hidden_edges=full_edges - G.number_of_edges(),
                      hidden_nodes=full_nodes - G.number_of_nodes())
    elif snapshots_taken is not None:
        taken = snapshots_taken if timeline is not False else ()
    elif timeline_wanted(G, timeline):
        taken = timeline_of(G)
    links = None
    if pages is not None:
        from helixgraph.views.pages.site import page_name

        links = {node: f"{pages}/{page_name(node)}" for node in G}
    return write_explorer(
        path,
        G,
        sources=G.graph["sources"],
        size_by=size_by,
        color_by=color_by,
        max_nodes=max_nodes,
        as_of=as_of,
        as_of_report=report,
        timeline=taken,
        pages=links,
        **_heading(title, description),
    )


def _heading(title: str | None, description: str | None) -> dict[str, str]:
    """The page's title and description: those given, else the project's in effect (see
    :func:`helixgraph.project.resolve_project`)."""
    if title is None or description is None:
        from helixgraph.project import resolve_project

        project = resolve_project()
        title = title or project.title or DEFAULT_TITLE
        description = project.description if description is None else description
    return {"title": title, "description": description}


def cite_paragraphs(G: nx.MultiDiGraph, statements: dict) -> None:
    """Give each edge of ``G`` the ``paragraphs`` of its source that state it (see
    :func:`~helixgraph.views.pages.evidence.tie_paragraphs`).

    >>> from helixgraph.pipeline.build import load_store
    >>> from helixgraph.views.pages.evidence import statements_by_entity
    >>> store = load_store()
    >>> G = explorer_network(runner(store=store))
    >>> cite_paragraphs(G, statements_by_entity(store))
    >>> sum(1 for *_, d in G.edges(data=True) if d["paragraphs"]), G.number_of_edges()
    (36, 36)
    >>> G.edges["https://w3id.org/helixgraph/id/huahui-health", "https://w3id.org/helixgraph/id/zgc-life-science-park", 0]["paragraphs"]
    (2,)
    """
    from helixgraph.views.pages.evidence import tie_paragraphs

    cite = tie_paragraphs(statements)
    for u, v, data in G.edges(data=True):
        data["paragraphs"] = cite(u, v, data.get("source")) if data.get("source") else ()


def _measure_when_unanalysed(G: nx.MultiDiGraph) -> None:
    """Give a network the store has no analysis for (a build without it) the snapshot measures."""
    if G.number_of_nodes() and not any("betweenness" in data for _, data in G.nodes(data=True)):
        for name, values in snapshot_measures(G).items():
            nx.set_node_attributes(G, values, name)


def drawing_inputs(store: ox.Store, *, projection: nx.MultiDiGraph | None = None,
                   timeline: bool | None = None) -> tuple[nx.MultiDiGraph, dict, list]:
    """What the explorer and the profile pages are drawn from: the network with its measures (and each
    tie's paragraphs), every source's statements by entity, and the snapshots (none when ``timeline``
    is False, or None and the network is large: see :func:`~helixgraph.pipeline.snapshots.timeline_wanted`).

    ``helixgraph serve`` reads the same to render a profile page the build did not write, so that
    page is the one the build would have written.

    >>> from helixgraph.pipeline.build import load_store
    >>> G, statements, taken = drawing_inputs(load_store())
    >>> G.number_of_nodes() > 0, "https://w3id.org/helixgraph/id/nibs" in statements, [s.day for s in taken]
    (True, True, ['2025-10-01', '2026-01-24'])
    """
    from helixgraph.views.pages.evidence import statements_by_entity

    G = explorer_network(runner(store=store), projection=projection, store=store)
    statements = statements_by_entity(store)
    cite_paragraphs(G, statements)
    _measure_when_unanalysed(G)
    return G, statements, timeline_of(G) if timeline_wanted(G, timeline) else []


def render_outputs(store: ox.Store, folder: Path, *, projection: nx.MultiDiGraph | None = None,
                   title: str | None = None, description: str | None = None,
                   pages_limit: int | None = ALL_PAGES_LIMIT, timeline: bool | None = None,
                   notes: list[str] | None = None) -> list[str]:
    """Write the build's explorer and its profile pages (``pages/``) into ``folder``; return their names.

    One projection (``projection``, the analysis step's when shared) and one set of snapshots serve both;
    ``timeline`` says whether they are drawn (None: up to
    :data:`~helixgraph.pipeline.snapshots.LARGE_NETWORK` nodes), and ``notes`` gets a line when a large
    network's are left out.
    Above ``pages_limit`` entities (:data:`~helixgraph.views.pages.scope.ALL_PAGES_LIMIT`; None for
    no limit) only the actors' entity pages are written (see :func:`~helixgraph.views.pages.site.write_site`).

    >>> import tempfile
    >>> from helixgraph.pipeline.build import load_store
    >>> folder = Path(tempfile.mkdtemp())
    >>> render_outputs(load_store(), folder), (folder / PAGES_DIR / "entity" / "nibs.html").is_file()
    (['ecosystem.html', 'pages'], True)
    """
    from helixgraph.views.pages.site import write_site

    G, statements, taken = drawing_inputs(store, projection=projection, timeline=timeline)
    drawn = timeline_wanted(G, timeline)
    if not drawn and timeline is None and notes is not None:
        notes.append(timeline_note(G))
    render_store(store, folder / EXPLORER_FILE, network=G, snapshots_taken=taken, pages=PAGES_DIR, title=title,
                 description=description)
    write_site(store, folder / PAGES_DIR, network=G, timeline=taken, explorer=f"../{EXPLORER_FILE}",
               statements=statements, limit=pages_limit, timeline_drawn=drawn)
    return [EXPLORER_FILE, PAGES_DIR]


def render_step(store: ox.Store, folder: Path, report: BuildReport | None, *, title: str | None = None,
                description: str | None = None, timeline: bool | None = None) -> list[str]:
    """Build step: the explorer sized by betweenness and coloured by sector, and the profile pages;
    ``title`` and ``description`` head the explorer (the project's, see :func:`helixgraph.api.build`);
    ``timeline`` as for :func:`render_outputs`.

    It runs after :func:`~helixgraph.pipeline.analysis_step`, which stores the measures.

    >>> import tempfile
    >>> from helixgraph.pipeline import analysis_step
    >>> from helixgraph.pipeline.build import load_store
    >>> store = load_store()
    >>> folder, report = Path(tempfile.mkdtemp()), BuildReport(out=Path("out"))
    >>> analysis_step(store, folder, report) + render_step(store, folder, report)
    ['centrality.csv', 'ecosystem.html', 'pages']
    >>> "<title>Zhongguancun Life Science Park</title>" in (folder / EXPLORER_FILE).read_text(encoding="utf-8")
    True
    >>> (folder / PAGES_DIR / "index.html").is_file()
    True
    """
    return render_outputs(store, folder, projection=take_projection(store), title=title, description=description,
                          timeline=timeline, notes=report.notes if report is not None else None)


render_step.stage_name = "explorer"
render_step.reads_only = True  # the serialisations are written beside it
