"""The interactive explorer: one self-contained, offline HTML page per graph.

Pyvis holds the network (its node and edge dicts); the page around it is ours, because pyvis'
own template has no autoescape, points at CDNs and turns ``href`` titles into ``innerHTML`` popups.
Our template is rendered by a Jinja2 environment with autoescape on,
vis-network is inlined from the installed pyvis, graph data travels as escaped JSON in a
``<script type="application/json">`` element, and the page script builds tooltips, legend and
filters with DOM text nodes only. A Content-Security-Policy forbids every fetch and lets only our
two scripts run, named by their SHA-256 hashes.
"""

from __future__ import annotations

import os
from collections.abc import Hashable, Mapping, Sequence
from functools import cache
from pathlib import Path

import networkx as nx
from jinja2 import Environment, PackageLoader, StrictUndefined, Template

from helixgraph.errors import OptionError, OutputError, RenderError
from helixgraph.files import write_text_atomically
from helixgraph.views.assets import script_hash, template_asset, vis_network_js
from helixgraph.views.escaping import script_json
from helixgraph.views.fold import fold_graph
from helixgraph.views.payload import build_page
from helixgraph.views.snapshot import AsOf, graph_as_of
from helixgraph.views.timeline import Snapshot
from helixgraph.views.values import measure_value, numeric_measures

__all__ = ["COLOR_BY", "render_explorer", "write_explorer"]

#: What nodes can be coloured by.
COLOR_BY = ("sector", "class", "community")

_TEMPLATE = "explorer.html.j2"


@cache
def _template() -> Template:
    environment = Environment(
        loader=PackageLoader("helixgraph.views", "templates"),
        autoescape=True,
        undefined=StrictUndefined,
        trim_blocks=True,
        lstrip_blocks=True,
        keep_trailing_newline=True,
    )
    environment.filters["grouped"] = "{:,}".format
    return environment.get_template(_TEMPLATE)


def _check_arguments(G: object, size_by: object, color_by: object, max_nodes: object) -> list[str]:
    """Validate the options; return the names of the measures the graph offers."""
    if not isinstance(G, nx.Graph):
        raise RenderError(f"the explorer draws a networkx graph; got {type(G).__name__}")
    if color_by not in COLOR_BY:
        raise OptionError(f"unknown color_by {color_by!r}; choose one of: {', '.join(COLOR_BY)}")
    if isinstance(max_nodes, bool) or not isinstance(max_nodes, int) or max_nodes < 1:
        raise OptionError(f"max_nodes must be a positive whole number; got {max_nodes!r}")
    measures = numeric_measures(G)
    choices = sorted({*measures, "degree"})
    if size_by not in choices and G.number_of_nodes():  # an empty snapshot has nothing to size
        raise OptionError(f"unknown size measure {size_by!r}; choose one of: {', '.join(choices)}")
    return measures


def render_explorer(
    G: nx.Graph,
    *,
    sources: Mapping[str, Mapping] | None,
    size_by: str = "betweenness",
    color_by: str = "sector",
    max_nodes: int = 300,
    title: str = "helixgraph explorer",
    description: str = "",
    as_of: str | None = None,
    as_of_report: AsOf | None = None,
    timeline: Sequence[Snapshot] = (),
    pages: Mapping[Hashable, str] | None = None,
) -> str:
    """Render an interactive, offline HTML page of an ecosystem graph.

    Nodes are coloured by sector, class or community (with a legend) and sized by a measure;
    edges are labelled by relation. Hovering shows a node's class, sector, stats and measures, or
    an edge's relation, role, date and sources. The page has a search box over every label
    (case-insensitive substring, Chinese included), checkboxes to hide classes, sectors and
    sources, and a click on a node highlights its neighbourhood. Above ``max_nodes`` nodes the
    top nodes by ``size_by`` are kept and the rest folded into one node per community (see
    :func:`~helixgraph.views.fold.fold_graph`); positions are always computed here and the page
    runs no physics.

    Parameters
    ----------
    G : networkx.MultiDiGraph
        Nodes are IRIs with ``label``, ``labels``, ``cls``, ``cls_label``, ``sector``,
        ``sector_label``, optional ``stats``, ``sources``, ``community`` and numeric measures;
        edges carry ``predicate``, ``predicate_label``, optional ``role``, ``date``, ``source``.
    sources : mapping or None
        Source IRI to a dict with ``title``, ``publisher`` and ``issued`` (ISO date).
    size_by : str
        A numeric node attribute, or ``"degree"`` (computed when the graph has no such attribute).
    color_by : {"sector", "class", "community"}
    max_nodes : int
        The most nodes the page shows before folding.
    title : str
        Heading and window title.
    description : str
        A sentence or two under the heading (the project's description), as text.
    as_of : str, optional
        ISO date: hide what was only published later (see
        :func:`~helixgraph.views.snapshot.graph_as_of`).
    as_of_report : AsOf, optional
        When ``G`` already is the network as of a date (projected so, with its own measures), what
        the full network has beyond it; ``as_of`` is then not applied again.
    timeline : sequence of Snapshot
        The network as known at each source date, oldest first, with each snapshot's measures:
        the page gets a date slider (see :mod:`~helixgraph.views.timeline`).
    pages : mapping, optional
        Node to the (relative) address of its profile page; the page links each node to it.

    Returns
    -------
    str
        The whole HTML document.

    Raises
    ------
    OptionError
        For an unknown ``color_by`` or ``size_by`` (the message lists the choices), a bad
        ``max_nodes`` or ``as_of``, or a source with an unreadable ``issued`` date.

    Examples
    --------
    >>> G = nx.MultiDiGraph()
    >>> G.add_node("ex:a", label="中关村生命科学园", cls="SciencePark", degree=1)
    >>> G.add_node("ex:b", label="<b>Beta</b>", cls="Company", sector="Industry", degree=1)
    >>> _ = G.add_edge("ex:b", "ex:a", predicate_label="located in", source="ex:s1")
    >>> page = render_explorer(G, sources={"ex:s1": {"title": "Annual report"}}, size_by="degree")
    >>> page.startswith("<!DOCTYPE html>"), "中关村生命科学园" in page, "<b>Beta" in page
    (True, True, False)
    >>> render_explorer(G, sources={}, size_by="pagerank")
    Traceback (most recent call last):
    helixgraph.errors.OptionError: unknown size measure 'pagerank'; choose one of: degree
    """
    measures = _check_arguments(G, size_by, color_by, max_nodes)
    sources = dict(sources or {})
    total_nodes = G.number_of_nodes()
    report = as_of_report
    if as_of is not None and report is None:
        G, report = graph_as_of(G, sources, as_of)
    if size_by in measures:
        values = ((node, measure_value(value)) for node, value in G.nodes(data=size_by))
        ranking = {node: value for node, value in values if value is not None}
    else:
        ranking = dict(G.degree())
    folding = fold_graph(G, ranking, max_nodes=max_nodes, measure=size_by)
    page = build_page(G, folding, sources=sources, ranking=ranking, color_by=color_by, measures=measures,
                      timeline=timeline, pages=pages)
    scripts = (vis_network_js(), template_asset("explorer.js"))
    return _template().render(
        title=str(title),
        description=str(description or ""),
        counts={
            "nodes": len(folding.kept) + len(folding.groups),  # members carried to open in place not counted
            "edges": len(folding.edges) + len(folding.links),
            "total_nodes": total_nodes,
            "total_edges": folding.edge_total + (report.hidden_edges if report else 0),
        },
        size_by=size_by,
        color_by=color_by,
        legend=page.legend,
        filters=page.filters,
        as_of=report,
        folding=folding if folding.groups else None,
        largest=sorted(folding.groups, key=lambda group: -len(group.members))[:5],
        brokers=len(folding.brokers),
        timeline=page.data.get("timeline"),
        data_json=script_json(page.data),
        css=template_asset("explorer.css"),
        vis_js=scripts[0],
        app_js=scripts[1],
        script_hashes=[script_hash(script) for script in scripts],
    )


def write_explorer(path: str | os.PathLike, G: nx.Graph, **kw) -> Path:
    """Render :func:`render_explorer` and write it to ``path`` atomically, as UTF-8.

    The page goes to a temporary file in the same folder, which then replaces ``path`` in one
    step, so a reader never sees half a page. An existing file keeps its permission bits.

    Parameters
    ----------
    path : str or os.PathLike
        Where the page goes; its folder must exist.
    G : networkx graph
    **kw
        Passed to :func:`render_explorer` (``sources`` is required there).

    Returns
    -------
    pathlib.Path
        ``path``.

    Examples
    --------
    >>> G = nx.MultiDiGraph()
    >>> G.add_node("ex:a", label="中关村生命科学园", cls="SciencePark", degree=1)
    >>> G.add_node("ex:b", label="Beta", cls="Company", sector="Industry", degree=1)
    >>> _ = G.add_edge("ex:b", "ex:a", predicate_label="located in", source="ex:s1")
    >>> import tempfile
    >>> folder = tempfile.TemporaryDirectory()
    >>> written = write_explorer(Path(folder.name, "explorer.html"), G, sources={}, size_by="degree")
    >>> written.name, sorted(p.name for p in Path(folder.name).iterdir())
    ('explorer.html', ['explorer.html'])
    >>> text = written.read_text(encoding="utf-8")
    >>> text.startswith("<!DOCTYPE html>"), "中关村生命科学园" in text
    (True, True)
    >>> write_explorer(Path(folder.name, "missing", "explorer.html"), G, sources={}, size_by="degree")
    Traceback (most recent call last):
    ...
    helixgraph.errors.OutputError: cannot write the explorer to '...': folder '...' does not exist
    >>> folder.cleanup()
    """
    target = Path(path)
    html = render_explorer(G, **kw)
    if not target.parent.is_dir():
        raise OutputError(
            f"cannot write the explorer to {str(target)!r}: folder {str(target.parent)!r} does not exist"
        )
    return write_text_atomically(target, html)
