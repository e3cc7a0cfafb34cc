"""The analysis as a build step: analyse the store, write ``centrality.csv`` and the analysis graph."""

from __future__ import annotations

from pathlib import Path

import pyoxigraph as ox

from helixgraph.analysis.projection import project
from helixgraph.analysis.suite import AnalysisResult, run_suite
from helixgraph.files import write_atomically
from helixgraph.pipeline.analysis_graph import analysis_quads
from helixgraph.pipeline.connection import Runner, runner
from helixgraph.pipeline.report import BuildReport

__all__ = ["analysis_step", "analyze", "ranked_summary", "write_csv"]

_SUMMARY_COLUMNS = ["label", "cls", "sector", "degree", "betweenness", "research_clinic_betweenness",
                    "constraint", "community"]


def analyze(run: Runner, *, as_of: str | None = None, edge_query: str | None = None,
            **suite_options) -> AnalysisResult:
    """Project the graph that ``run`` answers from to NetworkX and run every measure on it."""
    graph = project(run, as_of=as_of, edge_query=edge_query)
    result = run_suite(graph, **suite_options)
    result.parameters["as_of"] = as_of
    result.parameters["edge_query"] = "custom" if edge_query else "generated from the ontology's network declarations"
    return result


def write_csv(result: AnalysisResult, path: Path) -> Path:
    """Write one row per node (IRI, label, class, sector and every measure) to ``path`` atomically."""
    return write_atomically(
        path, lambda temporary: result.table.to_csv(temporary, index=False, encoding="utf-8", float_format="%.6g")
    )


def ranked_summary(result: AnalysisResult, *, by: str = "betweenness", top: int = 10) -> str:
    """The top actors (organisations, cohorts and people; not products) by a measure, as a plain-text table."""
    table = result.table
    if "kind" in table.columns and table["kind"].notna().any():
        table = table[table["kind"] == "actor"]
    table = table.sort_values([by, "label"], ascending=[False, True]).head(top)[_SUMMARY_COLUMNS]
    return table.to_string(index=False, float_format=lambda v: f"{v:.3f}")


def analysis_step(store: ox.Store, folder: Path, report: BuildReport) -> list[str]:
    """Build step: analyse the finished store, write centrality.csv and the analysis graph."""
    result = analyze(runner(store=store))
    write_csv(result, folder / "centrality.csv")
    store.bulk_extend(analysis_quads(result))
    report.notes += ["", "Top actors by betweenness:", ranked_summary(result)]
    return ["centrality.csv"]
