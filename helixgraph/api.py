"""The Python API that the command line and the notebooks share.

Each function is a thin call into :mod:`helixgraph.pipeline`, which ties the layers together.

>>> import helixgraph as hg
>>> sorted(hg.named_queries())[0]
'cq01-park-organisations'
"""

from __future__ import annotations

from collections.abc import Iterable
from pathlib import Path

import networkx as nx
import pyoxigraph as ox
from rdflib import Dataset

from helixgraph.data import bundled_sources
from helixgraph.generations import resolve_output
from helixgraph.graph.catalog import named_queries
from helixgraph.graph.dataset import make_dataset
from helixgraph.graph.query import query_text
from helixgraph.graph.results import QueryResult
from helixgraph.graph.store import open_store
from helixgraph.iris import local_name
from helixgraph.loaders import load_sources
from helixgraph.ontology.model import load_ontology
from helixgraph.pipeline import (
    BuildReport,
    analysis_step,
    explorer_network,
    reanalyze_build,
    render_step,
    render_store,
    runner,
)
from helixgraph.pipeline import analyze as analyze_graph
from helixgraph.pipeline import build as build_pipeline
from helixgraph.pipeline.render_step import EXPLORER_FILE
from helixgraph.pipeline.validate import validate_sources

__all__ = [
    "analyze",
    "build",
    "describe_ontology",
    "explore",
    "load",
    "named_queries",
    "network",
    "network_decisions",
    "open_store",
    "query",
    "render",
    "sensitivity",
    "validate",
]


def build(sources: Iterable[str | Path] | None = None, out: str | Path = "out", *, analyze: bool = True,
          render: bool = True, store_url: str | None = None,
          formats: Iterable[str] | None = None) -> BuildReport:
    """Build the dataset (the bundled one by default) into ``out``, with the analysis and the explorer.

    See :func:`helixgraph.pipeline.build`; ``store_url`` also loads the dataset into a SPARQL 1.1
    Graph Store Protocol endpoint; ``formats`` names the serialisations to write (the default
    leaves JSON-LD out above 2,000,000 quads).

    >>> import tempfile
    >>> report = build(out=Path(tempfile.mkdtemp()) / "out", render=False)
    >>> "centrality.csv" in report.files, report.violations
    (True, [])
    """
    steps = []
    if analyze:
        steps.append(analysis_step)
    if render:
        steps.append(render_step)
    report = build_pipeline(sources, out, steps=steps, formats=formats)
    if store_url:
        from helixgraph.server.graph_store import upload_dataset

        report.notes.append(upload_dataset(Path(out), store_url))
    return report


def validate(sources: Iterable[str | Path] | None = None, *, engine: str = "sparql") -> list[str]:
    """Load and validate sources without writing anything; return the ids of the sources checked.

    Raises :class:`~helixgraph.errors.LoadError` or :class:`~helixgraph.errors.ValidationError`;
    ``engine`` is ``"sparql"`` (fast) or ``"pyshacl"`` (the reference).

    >>> validate()
    ['caixin-2025-10-01', 'people-daily-2026-01-24']
    """
    return validate_sources(sources, engine=engine)


def load(sources: Iterable[str | Path] | None = None) -> Dataset:
    """Load sources into an rdflib Dataset: a named graph per source plus the ontology's, and their
    union as the default graph.

    >>> ds = load()
    >>> len(ds.query("SELECT ?h WHERE { ?h a eco:Hospital }")) > 0
    True
    """
    return make_dataset(load_sources(list(sources) if sources else [bundled_sources()]))


def query(query: str, *, out: str | Path = "out", store: ox.Store | None = None,
          endpoint: str | None = None, timeout: float | None = None) -> QueryResult:
    """Answer SPARQL text, a ``.rq`` file or a shipped query by name; ``.to_dataframe()`` gives pandas.

    The built store in ``out`` answers, unless a ``store`` is given (such as the in-memory copy from
    ``open_store(out, in_memory=True)``, faster for many queries) or an ``endpoint``.

    >>> query("SELECT (COUNT(*) AS ?n) WHERE { ?s a eco:Hospital }", store=ox.Store()).rows
    [(0,)]
    """
    return runner(out, store=store, endpoint=endpoint, timeout=timeout)(query_text(query))


def network(out: str | Path = "out", *, as_of: str | None = None, endpoint: str | None = None,
            store: ox.Store | None = None, edge_query: str | None = None,
            layers: Iterable[str] | None = None) -> nx.MultiDiGraph:
    """The projected network of actors, products and places as a NetworkX MultiDiGraph (see
    :func:`helixgraph.analysis.projection.project`); ``layers`` keeps the ties of those layers only.

    >>> network(store=ox.Store()).number_of_nodes()
    0
    >>> from helixgraph.pipeline import load_store
    >>> G = network(store=load_store(), layers=["translation"])
    >>> sorted({layer for *_, layer in G.edges(data="layer")})
    ['TranslationLayer']
    """
    from helixgraph.analysis.projection import project

    return project(runner(out, store=store, endpoint=endpoint), as_of=as_of, edge_query=edge_query,
                   layers=layers)


def analyze(out: str | Path = "out", *, as_of: str | None = None, edge_query: str | None = None,
            endpoint: str | None = None, store: ox.Store | None = None, write: bool = True,
            timeline: bool = False, **suite_options):
    """Rerun the network analysis on the built store (or an endpoint); ``.table`` is a pandas DataFrame.

    With ``write`` (and neither an endpoint nor a store given) the results go into a new generation
    of ``out``: a run over all sources replaces ``centrality.csv`` and the analysis graph
    ``hxg:analysis``; a run ``as_of`` a date is kept beside them (``centrality-as-of-DATE.csv``,
    ``hxg:analysis-as-of-DATE``); ``timeline`` adds a snapshot at every source's issue date. See
    :func:`helixgraph.pipeline.reanalyze_build`.

    >>> import tempfile
    >>> out = Path(tempfile.mkdtemp()) / "out"
    >>> _ = build(out=out, render=False)
    >>> result = analyze(out, as_of="2025-12-31")
    >>> result.parameters["as_of"], len(result.table)
    ('2025-12-31', 21)
    >>> (resolve_output(out) / "centrality-as-of-2025-12-31.csv").read_text(encoding="utf-8").count("\\n")
    22

    Without writing, from any store:

    >>> analyze(store=ox.Store(), write=False).parameters["nodes"]
    0
    """
    if write and not endpoint and store is None:
        return reanalyze_build(Path(out), as_of=as_of, edge_query=edge_query, timeline=timeline, **suite_options)
    result = analyze_graph(runner(out, store=store, endpoint=endpoint), as_of=as_of, edge_query=edge_query,
                           **suite_options)
    if endpoint:
        result.parameters["endpoint"] = endpoint
    return result


def sensitivity(out: str | Path = "out", *, measure: str = "betweenness", top: int = 10,
                as_of: str | None = None, store: ox.Store | None = None, endpoint: str | None = None,
                **suite_options):
    """Leave-one-source-out: the actors' ranks by ``measure`` on all sources and without each one,
    and the sources an actor's place in the top ``top`` rests on (a pandas DataFrame; see
    :func:`helixgraph.pipeline.leave_one_source_out`).

    >>> from helixgraph.pipeline import load_store
    >>> sensitivity(store=load_store(), top=2)["depends_on"].tolist()
    ['caixin-2025-10-01', 'caixin-2025-10-01']
    """
    from helixgraph.pipeline import leave_one_source_out

    return leave_one_source_out(runner(out, store=store, endpoint=endpoint), measure=measure, top=top,
                                as_of=as_of, **suite_options)


def render(out: str | Path = "out", path: str | Path | None = None, **options) -> Path:
    """Write the interactive explorer for the built store.

    The page goes to ``path``, or into the build (``ecosystem.html``) when ``path`` is None;
    ``options`` are those of :func:`helixgraph.pipeline.render_store`.

    >>> import tempfile
    >>> out = Path(tempfile.mkdtemp()) / "out"
    >>> _ = build(out=out, render=False)
    >>> page = render(out, title="ZGC life science")
    >>> page == resolve_output(out) / "ecosystem.html"
    True
    >>> "<title>ZGC life science</title>" in page.read_text(encoding="utf-8")
    True
    """
    return render_store(open_store(out), path or resolve_output(out) / EXPLORER_FILE, **options)


def explore(out: str | Path = "out", *, as_of: str | None = None, store: ox.Store | None = None, **options):
    """Show the explorer inline in a notebook (JupyterLab, VS Code), writing no files.

    The returned object shows itself as the page in an ``<iframe>`` when it ends a notebook cell.

    >>> from helixgraph.pipeline import load_store
    >>> shown = explore(store=load_store(), size_by="degree", height=400)
    >>> shown._repr_html_().startswith("<iframe srcdoc="), "Huahui Health" in shown.html
    (True, True)
    """
    from helixgraph.views.notebook import display_explorer

    G = explorer_network(runner(out, store=store), as_of=as_of)
    return display_explorer(G, sources=G.graph["sources"], as_of=as_of, **options)


def network_decisions() -> str:
    """What the ontology makes of every object property for the network, as a text table: a tie
    (with its layer and flow), a role of an n-ary tie pattern, a node attribute, or excluded (with
    the reason).

    >>> network_decisions().splitlines()[0].split()[:4]
    ['property', 'or', 'pattern', 'decision']
    >>> [line.split()[:2] for line in network_decisions().splitlines() if "eco:supports" in line]
    [['eco:supports', 'tie']]
    """
    from helixgraph.ontology.ties import decision_table

    rows = [("property or pattern", "decision", "layer", "flow, attribute or reason"), *decision_table()]
    widths = [max(len(row[i]) for row in rows) for i in range(3)]
    return "\n".join("  ".join([*(cell.ljust(w) for cell, w in zip(row[:3], widths)), row[3]]).rstrip()
                     for row in rows)


def describe_ontology() -> str:
    """The ontology's classes with their required and optional fields, as text.

    >>> describe_ontology().splitlines()[0].startswith("helixgraph ontology:")
    True
    """
    onto = load_ontology()
    lines = [f"helixgraph ontology: {len(onto.classes)} classes, {len(onto.properties)} properties", ""]
    for cls in onto.classes.values():
        lines.append(f"{cls.name}: required {', '.join(cls.required) or '-'}")
    lines += ["", "Fields (property: range, [functional]):"]
    for prop in onto.properties.values():
        lines.append(f"  {prop.name}: {local_name(prop.range)}{' [functional]' if prop.functional else ''}")
    return "\n".join(lines)
