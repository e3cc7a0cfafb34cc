"""Rerun the analysis on a finished build and replace its results in place."""

from __future__ import annotations

import shutil
import tempfile
from pathlib import Path

import pyoxigraph as ox

from helixgraph.analysis.suite import AnalysisResult
from helixgraph.files import move_into_place
from helixgraph.graph.store import STORE_DIR, open_store
from helixgraph.pipeline.analysis_graph import ANALYSIS_GRAPH, analysis_quads
from helixgraph.pipeline.analysis_step import analyze, write_csv
from helixgraph.pipeline.connection import runner
from helixgraph.pipeline.serialisations import write_serialisations

__all__ = ["reanalyze_build"]


def reanalyze_build(out: str | Path, *, as_of: str | None = None, edge_query: str | None = None,
                    **suite_options) -> AnalysisResult:
    """Rerun the analysis on the build in ``out`` and replace ``centrality.csv``, the analysis graph
    and the serialisations.

    The files are replaced atomically one by one; in the store the analysis graph is removed and
    the new one added.
    """
    out = Path(out)
    open_store(out)  # says clearly when there is no build
    store = ox.Store(str(out / STORE_DIR))
    result = analyze(runner(store=store), as_of=as_of, edge_query=edge_query, **suite_options)
    write_csv(result, out / "centrality.csv")
    graph = ox.NamedNode(ANALYSIS_GRAPH)
    if graph in set(store.named_graphs()):
        store.remove_graph(graph)
    store.bulk_extend(analysis_quads(result))
    store.flush()
    scratch = Path(tempfile.mkdtemp(prefix=".analysis-", dir=out))
    try:
        move_into_place(scratch, out, write_serialisations(store, scratch))
    finally:
        shutil.rmtree(scratch, ignore_errors=True)
    return result
