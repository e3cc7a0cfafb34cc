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
    """Project the graph that ``run`` answers from to NetworkX and run every measure on it.

    ``as_of`` and ``edge_query`` are those of :func:`~helixgraph.analysis.projection.project`,
    ``suite_options`` those of :func:`~helixgraph.analysis.suite.run_suite`.

    >>> from helixgraph.pipeline import runner
    >>> from helixgraph.data import bundled_sources
    >>> from helixgraph.graph.store import load_graphs
    >>> from helixgraph.loaders import load_sources
    >>> from helixgraph.pipeline.build import graphs_of
    >>> store = load_graphs(ox.Store(), graphs_of(load_sources([bundled_sources()])))
    >>> result = analyze(runner(store=store))
    >>> len(result.table), result.parameters["edge_query"]
    (22, 'projection-edges')
    >>> top = result.table.sort_values("betweenness", ascending=False).iloc[0]
    >>> top["label"], round(float(top["betweenness"]), 3)
    ('Zhongguancun Life Science Park', 0.595)
    """
    graph = project(run, as_of=as_of, edge_query=edge_query)
    result = run_suite(graph, **suite_options)
    result.parameters["as_of"] = as_of
    result.parameters["edge_query"] = "custom" if edge_query else "projection-edges"
    return result


def write_csv(result: AnalysisResult, path: Path) -> Path:
    """Write one row per node (IRI, label, class, sector and every measure) to ``path`` atomically.

    >>> import tempfile
    >>> from helixgraph.pipeline import runner
    >>> from helixgraph.data import bundled_sources
    >>> from helixgraph.graph.store import load_graphs
    >>> from helixgraph.loaders import load_sources
    >>> from helixgraph.pipeline.build import graphs_of
    >>> store = load_graphs(ox.Store(), graphs_of(load_sources([bundled_sources()])))
    >>> path = write_csv(analyze(runner(store=store)), Path(tempfile.mkdtemp()) / "centrality.csv")
    >>> lines = path.read_text(encoding="utf-8").splitlines()
    >>> len(lines), lines[0].split(",")[:6]
    (23, ['iri', 'label', 'cls', 'sector', 'degree', 'betweenness'])
    >>> [line for line in lines if "/id/huahui-health," in line][0].split(",")[1:6]
    ['Huahui Health', 'Company', 'Industry', '0.190476', '0.271429']
    """
    return write_atomically(
        path, lambda temporary: result.table.to_csv(temporary, index=False, encoding="utf-8", float_format="%.6g")
    )


def ranked_summary(result: AnalysisResult, *, by: str = "betweenness", top: int = 10) -> str:
    """The top nodes by a measure as a plain-text table.

    >>> from helixgraph.pipeline import runner
    >>> from helixgraph.data import bundled_sources
    >>> from helixgraph.graph.store import load_graphs
    >>> from helixgraph.loaders import load_sources
    >>> from helixgraph.pipeline.build import graphs_of
    >>> store = load_graphs(ox.Store(), graphs_of(load_sources([bundled_sources()])))
    >>> print(ranked_summary(analyze(runner(store=store)), top=3))  # doctest: +NORMALIZE_WHITESPACE
    label cls sector degree betweenness research_clinic_betweenness constraint community
    Zhongguancun Life Science Park SciencePark None 0.524 0.595 0.019 0.091 0
    Huahui Health Company Industry 0.190 0.271 0.005 0.250 1
    Libeiweita Drug None 0.190 0.162 0.014 0.250 2
    """
    table = result.table.sort_values([by, "label"], ascending=[False, True]).head(top)[_SUMMARY_COLUMNS]
    return table.to_string(index=False, float_format=lambda v: f"{v:.3f}")


def analysis_step(store: ox.Store, folder: Path, report: BuildReport) -> list[str]:
    """Build step: analyse the finished store, write centrality.csv and the analysis graph.

    >>> import tempfile
    >>> from helixgraph.pipeline import BuildReport
    >>> from helixgraph.data import bundled_sources
    >>> from helixgraph.graph.store import load_graphs
    >>> from helixgraph.loaders import load_sources
    >>> from helixgraph.pipeline.build import graphs_of
    >>> store = load_graphs(ox.Store(), graphs_of(load_sources([bundled_sources()])))
    >>> folder = Path(tempfile.mkdtemp())
    >>> report = BuildReport(out=folder)
    >>> analysis_step(store, folder, report), (folder / "centrality.csv").is_file()
    (['centrality.csv'], True)
    >>> ox.NamedNode("https://w3id.org/helixgraph/graph/analysis") in set(store.named_graphs())
    True
    >>> report.notes[1]
    'Top actors by betweenness:'
    """
    result = analyze(runner(store=store))
    write_csv(result, folder / "centrality.csv")
    store.bulk_extend(analysis_quads(result))
    report.notes += ["", "Top actors by betweenness:", ranked_summary(result)]
    return ["centrality.csv"]
