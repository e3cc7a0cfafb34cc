"""The Python API that the command line and the notebooks share.

>>> import helixgraph as hg
>>> sorted(hg.named_queries())[0]
'cq01-park-organisations'
"""

from __future__ import annotations

from collections.abc import Iterable
from pathlib import Path

import pyoxigraph
from rdflib import Dataset

from helixgraph.errors import HelixError, ValidationError
from helixgraph.graph import build as _build
from helixgraph.graph.catalog import named_queries
from helixgraph.graph.dataset import data_graph, make_dataset
from helixgraph.graph.query import run_query
from helixgraph.graph.results import QueryResult
from helixgraph.graph.shacl_sparql import validate_store
from helixgraph.graph.store import load_graphs, open_store
from helixgraph.graph.validate import validate_graph
from helixgraph.loaders import load_sources
from helixgraph.ontology.model import load_ontology
from helixgraph.output_folder import check_output_folder, output_error

__all__ = [
    "analyze",
    "build",
    "describe_ontology",
    "explore",
    "load",
    "named_queries",
    "network",
    "open_store",
    "query",
    "render",
    "validate",
]


def _paths(sources: Iterable[str | Path] | None) -> list:
    return list(sources) if sources else [_build.bundled_sources()]


def build(sources: Iterable[str | Path] | None = None, out: str | Path = "out", *, analyze: bool = True,
          render: bool = True, store_url: str | None = None) -> _build.BuildReport:
    """Build the dataset (the bundled one by default) into ``out``; see :func:`helixgraph.graph.build.build`."""
    steps = []
    if analyze:
        from helixgraph.analysis.step import analysis_step

        steps.append(analysis_step)
    if render:
        from helixgraph.views.step import render_step

        steps.append(render_step)
    check_output_folder(out)
    try:
        report = _build.build(sources, out, steps=steps)
    except OSError as exc:
        raise output_error(out, exc) from exc
    if store_url:
        from helixgraph.server.graph_store import upload_dataset

        report.notes.append(upload_dataset(Path(out), store_url))
    return report


def validate(sources: Iterable[str | Path] | None = None, *, engine: str = "sparql") -> int:
    """Load and validate sources without writing anything; return how many sources conform.

    ``engine="sparql"`` checks the shapes as SPARQL on an in-memory Oxigraph store (fast at any
    size); ``engine="pyshacl"`` runs pySHACL, the reference, on an rdflib graph.
    """
    loaded = load_sources(_paths(sources))
    if engine == "pyshacl":
        violations = validate_graph(data_graph(loaded))
    elif engine == "sparql":
        violations = validate_store(load_graphs(pyoxigraph.Store(), _build.graphs_of(loaded)))
    else:
        raise HelixError(f"unknown validation engine {engine!r}; expected 'sparql' or 'pyshacl'")
    if violations:
        raise ValidationError(violations)
    return len(loaded)


def load(sources: Iterable[str | Path] | None = None) -> Dataset:
    """Load sources into an rdflib Dataset (a named graph per source, plus the ontology)."""
    return make_dataset(load_sources(_paths(sources)))


def query(query: str, *, out: str | Path = "out", store: pyoxigraph.Store | None = None,
          endpoint: str | None = None, timeout: float | None = None) -> QueryResult:
    """Answer SPARQL text, a ``.rq`` file or a shipped query by name; ``.to_dataframe()`` gives pandas.

    The built store in ``out`` answers, unless a ``store`` is given (such as the in-memory copy from
    ``open_store(out, in_memory=True)``, faster for many queries) or an ``endpoint``.
    """
    return run_query(query, out=out, store=store, endpoint=endpoint, timeout=timeout)


def _runner(out: str | Path, endpoint: str | None, timeout: float | None = None):
    if endpoint:
        from helixgraph.server.client import SparqlClient

        client = SparqlClient(endpoint, timeout=timeout)
        return client.query
    store = open_store(out)
    from helixgraph.graph.query import query_store

    return lambda text: query_store(store, text)


def network(out: str | Path = "out", *, as_of: str | None = None, endpoint: str | None = None,
            edge_query: str | None = None):
    """The projected actor-product network as a NetworkX MultiDiGraph (see :mod:`helixgraph.analysis.projection`)."""
    from helixgraph.analysis.projection import project

    return project(_runner(out, endpoint), as_of=as_of, edge_query=edge_query)


def analyze(out: str | Path = "out", *, as_of: str | None = None, edge_query: str | None = None,
            endpoint: str | None = None, write: bool = True, **suite_options):
    """Rerun the network analysis on the built store (or an endpoint); ``.table`` is a pandas DataFrame.

    With ``write`` (and no endpoint), ``centrality.csv`` and the store's analysis graph are replaced.
    """
    from helixgraph.analysis import step

    if endpoint:
        from helixgraph.analysis.suite import run_suite

        result = run_suite(network(out, as_of=as_of, endpoint=endpoint, edge_query=edge_query), **suite_options)
        result.parameters.update(as_of=as_of, endpoint=endpoint)
        return result
    if not write:
        return step.analyze_store(open_store(out), as_of=as_of, edge_query=edge_query, **suite_options)
    return step.reanalyze_build(Path(out), as_of=as_of, edge_query=edge_query, **suite_options)


def render(out: str | Path = "out", path: str | Path | None = None, **options) -> Path:
    """Write the interactive explorer for the built store; ``options`` as :func:`helixgraph.views.step.render_store`."""
    from helixgraph.views.step import render_store

    return render_store(open_store(out), path or Path(out) / "ecosystem.html", **options)


def explore(out: str | Path = "out", *, as_of: str | None = None, **options):
    """Show the explorer inline in a notebook (JupyterLab, VS Code), writing no files."""
    from helixgraph.views.notebook import display_explorer
    from helixgraph.views.step import explorer_graph

    G = explorer_graph(open_store(out), as_of=as_of)
    return display_explorer(G, sources=G.graph["sources"], as_of=as_of, **options)


def describe_ontology() -> str:
    """The ontology's classes with their required and optional fields, as text."""
    onto = load_ontology()
    lines = [f"helixgraph ontology: {len(onto.classes)} classes, {len(onto.properties)} properties", ""]
    for cls in onto.classes.values():
        lines.append(f"{cls.name}: required {', '.join(cls.required) or '-'}")
    lines += ["", "Fields (property: range, [functional]):"]
    for prop in onto.properties.values():
        rng = str(prop.range).rsplit("#", 1)[-1].rsplit("/", 1)[-1]
        lines.append(f"  {prop.name}: {rng}{' [functional]' if prop.functional else ''}")
    return "\n".join(lines)

