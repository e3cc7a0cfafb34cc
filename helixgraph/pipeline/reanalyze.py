"""Rerun the analysis on a finished build, as a new generation of its output folder.

A run over all sources replaces the build's analysis (``hxg:analysis``, ``centrality.csv``); a run
as of a date is kept beside it (``hxg:analysis-as-of-DATE``, ``centrality-as-of-DATE.csv``), so
SPARQL can compare snapshots; a timeline runs one snapshot at every source's issue date.
"""

from __future__ import annotations

import json
import os
import shutil
from pathlib import Path

import pyoxigraph as ox

from helixgraph import generations
from helixgraph.analysis.suite import AnalysisResult
from helixgraph.files import output_errors
from helixgraph.generations import new_generation, resolve_output
from helixgraph.graph.query import query_store
from helixgraph.graph.store import STORE_DIR, open_store, triples_per_graph
from helixgraph.pipeline.analysis_graph import add_analysis, analysis_graph_name
from helixgraph.pipeline.analysis_step import analyze, csv_name, data_graphs, write_csv
from helixgraph.pipeline.connection import runner
from helixgraph.pipeline.render_step import EXPLORER_FILE, PAGES_DIR, render_outputs
from helixgraph.pipeline.serialisations import write_serialisations
from helixgraph.views.pages.site import read_manifest

__all__ = ["copy_generation", "reanalyze_build", "source_dates"]

_SOURCE_DATES = "SELECT DISTINCT ?issued WHERE { ?source a eco:Source ; dcterms:issued ?issued } ORDER BY ?issued"


def copy_generation(current: Path, new: Path) -> None:
    """Start ``new`` as a copy of the build in ``current``: the store as an Oxigraph backup (hard
    links to its immutable files where the file system allows), the other files hard-linked or copied.

    Files are replaced, never edited in place, so a hard link never changes the current build.

    >>> import tempfile
    >>> from helixgraph.generations import current_generation
    >>> from helixgraph.pipeline import build
    >>> out = Path(tempfile.mkdtemp()) / "out"
    >>> _ = build(out=out)
    >>> copy = Path(tempfile.mkdtemp()) / "copy"
    >>> copy_generation(current_generation(out), copy)
    >>> sorted(entry.name for entry in copy.iterdir())
    ['build-report.json', 'ecosystem.jsonld', 'ecosystem.trig', 'ecosystem.ttl', 'store']
    >>> len(ox.Store.read_only(str(copy / STORE_DIR))) == len(open_store(out))
    True
    """
    new.mkdir()
    ox.Store.read_only(str(current / STORE_DIR)).backup(str(new / STORE_DIR))
    for entry in current.iterdir():
        if entry.is_file() and not entry.name.startswith("."):
            try:
                os.link(entry, new / entry.name)
            except OSError:
                shutil.copy2(entry, new / entry.name)


def source_dates(store: ox.Store) -> list[str]:
    """The distinct issue dates of the sources in ``store``, in order (as ``YYYY-MM-DD``).

    Examples
    --------
    >>> from helixgraph.pipeline.build import load_store
    >>> source_dates(load_store())
    ['2025-10-01', '2026-01-24']
    >>> source_dates(ox.Store())
    []
    """
    return [str(issued)[:10] for (issued,) in query_store(store, _SOURCE_DATES).rows]


def _run(store: ox.Store, folder: Path, as_of: str | None, edge_query: str | None, suite_options) -> AnalysisResult:
    result = analyze(runner(store=store), as_of=as_of, edge_query=edge_query, **suite_options)
    generations.checkpoint("centrality.csv")
    write_csv(result, folder / csv_name(as_of))
    graph = ox.NamedNode(analysis_graph_name(as_of))
    if graph in set(store.named_graphs()):
        store.remove_graph(graph)
    add_analysis(store, result, used=data_graphs(store))
    return result


def reanalyze_build(out: str | Path, *, as_of: str | None = None, edge_query: str | None = None,
                    timeline: bool = False, **suite_options) -> AnalysisResult:
    """Rerun the analysis on the build in ``out``.

    Without ``as_of`` the run replaces ``centrality.csv`` and ``hxg:analysis``, and the explorer
    (when the build has one) is drawn again; with ``as_of`` the snapshot is added beside them; with
    ``timeline`` a snapshot is added at every source's issue date (and the run over all sources
    redone). The serialisations and ``build-report.json`` follow. The work is done in a copy of
    the current build that replaces it only when complete, so a reader of ``out`` sees the old
    analysis or the new one, never a mix. Returns the last run (the run over all sources for a
    timeline).

    Raises
    ------
    StoreError
        ``out`` holds no build.
    OutputError
        ``out`` cannot be written, or another process is writing into it.

    Examples
    --------
    >>> import tempfile
    >>> from helixgraph.generations import current_generation
    >>> from helixgraph.pipeline import build
    >>> out = Path(tempfile.mkdtemp()) / "out"
    >>> before = current_generation(build(out=out).out)
    >>> result = reanalyze_build(out, as_of="2025-12-31")
    >>> result.parameters["as_of"], current_generation(out) != before
    ('2025-12-31', True)
    >>> (current_generation(out) / "centrality-as-of-2025-12-31.csv").read_text(encoding="utf-8").count("\\n")
    22
    """
    open_store(out)  # says clearly when there is no build
    drawn = read_manifest(resolve_output(out) / PAGES_DIR).get("timeline")  # as the build chose
    with output_errors(out), new_generation(out, seed=copy_generation) as folder:
        store = ox.Store(str(folder / STORE_DIR))
        if timeline:
            for date in source_dates(store):
                _run(store, folder, date, edge_query, suite_options)
            result = _run(store, folder, None, edge_query, suite_options)
        else:
            result = _run(store, folder, as_of, edge_query, suite_options)
        store.flush()
        generations.checkpoint("serialisations")
        write_serialisations(store, folder)
        if (folder / EXPLORER_FILE).exists():  # the explorer and its profile pages (a folder, not copied)
            generations.checkpoint("explorer")
            render_outputs(store, folder, timeline=drawn)
        report_file = folder / "build-report.json"
        if report_file.exists():
            report = json.loads(report_file.read_text(encoding="utf-8"))
            report["triples_per_graph"] = triples_per_graph(store)
            report["files"] = sorted({*report.get("files", []),
                                      *(p.name for p in folder.iterdir() if p.name.startswith("centrality"))})
            report_file.unlink()  # a hard link to the current build's file: replace, never edit
            report_file.write_text(json.dumps(report, indent=2, ensure_ascii=False), encoding="utf-8")
        del store
    return result
