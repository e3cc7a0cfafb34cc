"""The analysis as a build step: analyse the store, write ``centrality.csv`` and the analysis graph."""

from __future__ import annotations

import math
from collections.abc import Iterable
from pathlib import Path

import networkx as nx
import pyoxigraph as ox

from helixgraph.analysis.projection import layer_names, project
from helixgraph.analysis.suite import AnalysisResult, run_suite
from helixgraph.dates import as_of_day, known_by
from helixgraph.files import write_atomically
from helixgraph.pipeline.analysis_graph import ANALYSIS_GRAPH, add_analysis, set_measures
from helixgraph.pipeline.connection import Runner, runner
from helixgraph.pipeline.projection_share import keep_projection
from helixgraph.pipeline.report import BuildReport
from helixgraph.progress import stage

__all__ = ["LARGE_BROKERAGE_Z", "analysis_step", "analyze", "chance_summary", "csv_name", "data_graphs",
           "ranked_summary", "write_csv"]

_SUMMARY_COLUMNS = ["label", "cls", "sector", "degree", "betweenness", "research_clinic_betweenness",
                    "constraint", "community"]

#: A broker's z above which the summary says what such a z does and does not mean.
LARGE_BROKERAGE_Z = 100.0


def analyze(run: Runner, *, as_of: str | None = None, edge_query: str | None = None,
            layers: Iterable[str] | None = None, graph: nx.MultiDiGraph | None = None,
            **suite_options) -> AnalysisResult:
    """Project the graph that ``run`` answers from to NetworkX and run every measure on it.

    ``as_of``, ``edge_query`` and ``layers`` are those of
    :func:`~helixgraph.analysis.projection.project`, ``suite_options`` those of
    :func:`~helixgraph.analysis.suite.run_suite` (``view``, ``weighted``, ``seed``, ...). ``graph``
    is the projection when it has been made already (with the same ``as_of``, ``edge_query`` and
    ``layers``).

    >>> from helixgraph.pipeline import runner
    >>> from helixgraph.pipeline.build import load_store
    >>> store = load_store()
    >>> result = analyze(runner(store=store))
    >>> len(result.table), result.parameters["edge_query"]
    (21, "generated from the ontology's network declarations")
    >>> top = result.table.sort_values("betweenness", ascending=False).iloc[0]
    >>> top["label"], top["kind"], round(float(top["betweenness"]), 3)
    ('Libeiweita', 'product', 0.063)
    """
    if graph is None:
        graph = project(run, as_of=as_of, edge_query=edge_query, layers=layers)
    result = run_suite(graph, **suite_options)
    day = as_of_day(as_of)
    result.parameters["sources"] = sum(1 for meta in graph.graph.get("sources", {}).values()
                                       if known_by(meta.get("issued") or "0001", day))
    result.parameters["as_of"] = day.isoformat() if day else None
    result.parameters["layers"] = sorted(layer_names(layers)) if layers is not None else "all"
    result.parameters["edge_query"] = "custom" if edge_query else "generated from the ontology's network declarations"
    return result


def write_csv(result: AnalysisResult, path: Path) -> Path:
    """Write one row per node (IRI, label, class, sector and every measure) to ``path`` atomically.

    The last two columns say what the whole run rests on, the same on every row: ``run_sources``
    (the sources read) and ``run_ties`` (the ties of the undirected network).

    >>> import tempfile
    >>> from helixgraph.pipeline import runner
    >>> from helixgraph.pipeline.build import load_store
    >>> store = load_store()
    >>> path = write_csv(analyze(runner(store=store)), Path(tempfile.mkdtemp()) / "centrality.csv")
    >>> lines = path.read_text(encoding="utf-8").splitlines()
    >>> len(lines), lines[0].split(",")[:6]
    (22, ['iri', 'label', 'cls', 'kind', 'sector', 'degree'])
    >>> [line for line in lines if "/id/huahui-health," in line][0].split(",")[1:6]
    ['Huahui Health', 'Company', 'actor', 'Industry', '0.15']
    >>> lines[0].split(",")[-2:], lines[1].split(",")[-2:]
    (['run_sources', 'run_ties'], ['2', '11'])
    """
    table = result.table.assign(run_sources=result.parameters.get("sources"),
                                run_ties=result.parameters.get("ties"))
    return write_atomically(
        path, lambda temporary: table.to_csv(temporary, index=False, encoding="utf-8", float_format="%.6g")
    )


def ranked_summary(result: AnalysisResult, *, by: str = "betweenness", top: int = 10) -> str:
    """The top actors (organisations, cohorts and people; not products) by a measure, as a plain-text table.

    >>> from helixgraph.pipeline import runner
    >>> from helixgraph.pipeline.build import load_store
    >>> store = load_store()
    >>> print(ranked_summary(analyze(runner(store=store)), top=3))  # doctest: +NORMALIZE_WHITESPACE
    label cls sector degree betweenness research_clinic_betweenness constraint community
    Huahui Health Company Industry 0.150 0.039 0.000 0.333 3
    Li Wenhui's research team ResearchGroup AcademiaResearch 0.150 0.024 0.300 0.559 1
    Li Wenhui Person None 0.150 0.016 0.000 0.559 1
    """
    table = result.table
    if "kind" in table.columns and table["kind"].notna().any():
        table = table[table["kind"] == "actor"]
    if (table[by] > 0).any():  # actors at zero are not ranked behind the others
        table = table[table[by] > 0]
    table = table.sort_values([by, "label"], ascending=[False, True]).head(top)[_SUMMARY_COLUMNS]
    return table.to_string(index=False, float_format=lambda v: f"{v:.3f}")


def _p(value: float | None) -> str:
    return "n/a" if value is None or math.isnan(value) else f"{value:.3f}"


def chance_summary(result: AnalysisResult, *, top: int = 5) -> str:
    """What the network's figures are worth: each against its null, the brokers with their z-scores,
    and what the result rests on.

    The lines read: the E-I index against random mixing of the same sector sizes, modularity
    against degree-preserving rewirings, Triple Helix synergy T(UIG) against shuffled
    participation, the organisations whose brokerage between sectors most exceeds chance (with a
    note on reading them when a z passes :data:`LARGE_BROKERAGE_Z`), and the number of sources and
    ties behind it all, with a caveat under 50 ties.

    Examples
    --------
    >>> from helixgraph.pipeline import runner
    >>> from helixgraph.pipeline.build import load_store
    >>> lines = chance_summary(analyze(runner(store=load_store())), top=1).splitlines()
    >>> lines[0]
    'Coverage: 2 source(s), 21 actors and products, 11 ties (places kept as context: 5).'
    >>> [line.split(" ", 2)[:2] for line in lines[1:4]]
    [['E-I', 'index'], ['Modularity', '0.471'], ['Triple', 'Helix']]
    >>> lines[-3].startswith("Brokers between sectors"), lines[-2]
    (True, '  Huahui Health: liaison 2; z = 1.21')
    >>> lines[-1].startswith("Caveat: only 9 ties")
    True
    """
    lines = []
    parameters = result.parameters
    lines.append(f"Coverage: {parameters.get('sources', '?')} source(s), {parameters.get('nodes', 0)} actors and "
                 f"products, {parameters.get('ties', 0)} ties (places kept as context: "
                 f"{len(parameters.get('places_excluded', []))}).")
    ei = result.ei_test
    if ei is not None:
        lines.append(f"E-I index {ei.value:.3f} over {ei.n_ties} actor ties; random mixing of the same sectors "
                     f"gives {ei.expected:.3f} (permutation p = {_p(ei.p_value)}, {ei.draws} draws).")
    mod = result.modularity_test
    if mod is not None:
        lines.append(f"Modularity {mod.observed:.3f} ({mod.communities} communities); degree-preserving rewirings "
                     f"give {mod.null_mean:.3f} ± {mod.null_sd:.3f} (p = {_p(mod.p_value)}, {mod.draws} draws).")
    synergy = result.synergy
    if synergy is not None:
        lines.append(f"Triple Helix synergy T(UIG) {synergy.t_uig:.3f} bits over {synergy.n_units} ties "
                     f"(negative: synergy); shuffled participation gives {synergy.null_mean:.3f} "
                     f"(p = {_p(synergy.p_value)}); T(UI) {synergy.t_ui:.3f}, T(UG) {synergy.t_ug:.3f}, "
                     f"T(IG) {synergy.t_ig:.3f}.")
    brokerage = result.brokerage
    if brokerage is not None and len(brokerage.z):
        total = brokerage.raw.sum(axis=1)
        z_total = brokerage.z.get("total")
        ranked = [node for node in total.sort_values(ascending=False).index if total[node] > 0][:top]
        if ranked:
            labels = result.table.set_index("iri")["label"]
            lines.append("Brokers between sectors (open pairs; z against the group-preserving null):")
            for node in ranked:
                roles = ", ".join(f"{role} {int(n)}" for role, n in brokerage.raw.loc[node].items()
                                  if n and role != "total")
                z = f"z = {z_total[node]:.2f}" if z_total is not None and not math.isnan(z_total[node]) else ""
                lines.append(f"  {labels.get(node, node)}: {roles}; {z}".rstrip("; "))
            if z_total is not None and (z_total[ranked] > LARGE_BROKERAGE_Z).any():
                lines.append(f"  A z above {LARGE_BROKERAGE_Z:g} mostly says that the node has many ties: the null "
                             "draws ties at random at the network's density and almost never gives a node this "
                             "many, so any hub lies far outside it; compare such brokers by their counts.")
    if parameters.get("betweenness_agreement"):
        lines.append(f"Betweenness {parameters['betweenness']}: {parameters['betweenness_agreement']}.")
    caveat = next((c for c in (getattr(ei, "caveat", None), getattr(brokerage, "caveat", None)) if c), None)
    if caveat:
        lines.append(f"Caveat: {caveat}; read these figures as a description, not as evidence.")
    return "\n".join(lines)


def data_graphs(store: ox.Store) -> list[str]:
    """The named graphs an analysis reads: every graph but the analysis runs' own.

    >>> store = ox.Store()
    >>> store.add(ox.Quad(ox.NamedNode("urn:s"), ox.NamedNode("urn:p"), ox.NamedNode("urn:o"), ox.NamedNode("urn:g")))
    >>> data_graphs(store)
    ['urn:g']
    """
    prefix = ANALYSIS_GRAPH
    return sorted(g.value for g in store.named_graphs() if not g.value.startswith(prefix))


def csv_name(as_of: str | None = None) -> str:
    """The measures' file of a run: ``centrality.csv``, or ``centrality-as-of-DATE.csv`` for a snapshot.

    >>> csv_name(), csv_name("2025-10-01")
    ('centrality.csv', 'centrality-as-of-2025-10-01.csv')
    """
    return "centrality.csv" if not as_of else f"centrality-as-of-{as_of}.csv"


def analysis_step(store: ox.Store, folder: Path, report: BuildReport) -> list[str]:
    """Build step: analyse the finished store, write centrality.csv and the analysis graph.

    >>> import tempfile
    >>> from helixgraph.pipeline import BuildReport
    >>> from helixgraph.pipeline.build import load_store
    >>> store = load_store()
    >>> folder = Path(tempfile.mkdtemp())
    >>> report = BuildReport(out=folder)
    >>> analysis_step(store, folder, report), (folder / "centrality.csv").is_file()
    (['centrality.csv'], True)
    >>> ox.NamedNode("https://w3id.org/helixgraph/graph/analysis") in set(store.named_graphs())
    True
    >>> report.notes[1]
    'Top actors by betweenness:'
    """
    run = runner(store=store)
    with stage("projection"):
        graph = project(run)
    keep_projection(store, graph)  # the explorer step draws the same network
    with stage("measures and their nulls"):
        result = analyze(run, graph=graph)
    with stage("analysis graph and table"):
        write_csv(result, folder / csv_name())
        add_analysis(store, result, used=data_graphs(store))
        set_measures(graph, result)  # the explorer draws the kept projection with them
    report.notes += ["", "Top actors by betweenness:", ranked_summary(result), "", chance_summary(result)]
    return [csv_name()]


analysis_step.stage_name = "analysis"
