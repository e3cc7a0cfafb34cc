"""Run the analysis on a store and write it back: ``centrality.csv`` and a named analysis graph.

The analysis graph holds one value per node and measure (``eco:betweenness`` and friends) and a
description of the run (what was computed, when, with which parameters), so that SPARQL can ask
"who are the top brokers".
"""

from __future__ import annotations

import datetime as dt
import json
import math
import os
import shutil
import tempfile
from pathlib import Path

import pyoxigraph as ox

from helixgraph.analysis.projection import project
from helixgraph.analysis.suite import AnalysisResult, run_suite
from helixgraph.graph.query import query_store
from helixgraph.ontology.prefixes import ECO_NS, GRAPH_NS

__all__ = [
    "ANALYSIS_GRAPH",
    "MEASURE_PROPERTIES",
    "analysis_quads",
    "analysis_step",
    "analyze_store",
    "ranked_summary",
    "write_csv",
]

ANALYSIS_GRAPH = str(GRAPH_NS["analysis"])
_XSD = "http://www.w3.org/2001/XMLSchema#"
_PROV = "http://www.w3.org/ns/prov#"

#: DataFrame column -> ontology property of the measure (see the ontology's NetworkMeasure terms).
MEASURE_PROPERTIES = {
    "degree": "degree", "betweenness": "betweenness", "research_clinic_betweenness": "researchClinicBetweenness",
    "harmonic": "harmonic", "eigenvector": "eigenvector", "pagerank": "pagerank", "constraint": "constraint",
    "effective_size": "effectiveSize", "efficiency": "efficiency", "coordinator": "coordinator",
    "itinerant": "itinerant", "gatekeeper": "gatekeeper", "representative": "representative",
    "liaison": "liaison", "community": "community", "core_number": "coreNumber",
}
_INTEGER_COLUMNS = ("community", "core_number")


def analyze_store(store: ox.Store, *, as_of: str | None = None, edge_query: str | None = None,
                  **suite_options) -> AnalysisResult:
    """Project the store's graph to NetworkX and run every measure on it."""
    graph = project(lambda text: query_store(store, text), as_of=as_of, edge_query=edge_query)
    result = run_suite(graph, **suite_options)
    result.parameters["as_of"] = as_of
    result.parameters["edge_query"] = "custom" if edge_query else "projection-edges"
    return result


def _literal(value, column: str) -> ox.Literal | None:
    if value is None or (isinstance(value, float) and math.isnan(value)):
        return None
    if column in _INTEGER_COLUMNS:
        return ox.Literal(str(int(value)), datatype=ox.NamedNode(_XSD + "integer"))
    return ox.Literal(repr(float(value)), datatype=ox.NamedNode(_XSD + "double"))


def analysis_quads(result: AnalysisResult, *, when: dt.datetime | None = None) -> list[ox.Quad]:
    """The analysis graph as quads: the run's description and every node's measures."""
    g = ox.NamedNode(ANALYSIS_GRAPH)
    run = g
    eco = {name: ox.NamedNode(ECO_NS[name]) for name in (*MEASURE_PROPERTIES.values(), "AnalysisRun",
           "parameters", "asOfDate", "eiIndex", "modularity", "removedBroker", "componentsBefore",
           "componentsAfter", "largestComponentBefore", "largestComponentAfter")}
    when = when or dt.datetime.now(dt.UTC).replace(microsecond=0)
    rdf_type = ox.NamedNode("http://www.w3.org/1999/02/22-rdf-syntax-ns#type")
    quads = [
        ox.Quad(run, rdf_type, eco["AnalysisRun"], g),
        ox.Quad(run, ox.NamedNode(_PROV + "endedAtTime"),
                ox.Literal(when.isoformat(), datatype=ox.NamedNode(_XSD + "dateTime")), g),
        ox.Quad(run, eco["parameters"], ox.Literal(json.dumps(result.parameters, sort_keys=True, default=str)), g),
    ]
    if result.parameters.get("as_of"):
        quads.append(ox.Quad(run, eco["asOfDate"],
                             ox.Literal(result.parameters["as_of"], datatype=ox.NamedNode(_XSD + "date")), g))
    for name, value in (("eiIndex", result.ei_index), ("modularity", result.modularity)):
        if value is not None and not math.isnan(value):
            quads.append(ox.Quad(run, eco[name], ox.Literal(repr(float(value)),
                                                           datatype=ox.NamedNode(_XSD + "double")), g))
    rob = result.robustness
    if rob is not None and rob.broker is not None:
        quads.append(ox.Quad(run, eco["removedBroker"], ox.NamedNode(rob.broker), g))
        for name, value in (("componentsBefore", rob.components_before), ("componentsAfter", rob.components_after),
                            ("largestComponentBefore", rob.largest_before),
                            ("largestComponentAfter", rob.largest_after)):
            quads.append(ox.Quad(run, eco[name], ox.Literal(str(value), datatype=ox.NamedNode(_XSD + "integer")),
                                 g))
    for row in result.table.to_dict("records"):
        node = ox.NamedNode(row["iri"])
        for column, prop in MEASURE_PROPERTIES.items():
            literal = _literal(row.get(column), column)
            if literal is not None:
                quads.append(ox.Quad(node, eco[prop], literal, g))
    return quads


def write_csv(result: AnalysisResult, path: Path) -> None:
    """Write one row per node: IRI, label, class, sector and every measure."""
    result.table.to_csv(path, index=False, encoding="utf-8", float_format="%.6g")


def ranked_summary(result: AnalysisResult, *, by: str = "betweenness", top: int = 10) -> str:
    """The top nodes by a measure as a plain-text table."""
    cols = ["label", "cls", "sector", "degree", "betweenness", "research_clinic_betweenness", "constraint",
            "community"]
    table = result.table.sort_values([by, "label"], ascending=[False, True]).head(top)[cols]
    return table.to_string(index=False, float_format=lambda v: f"{v:.3f}")


def analysis_step(store: ox.Store, folder: Path, report) -> list[str]:
    """Build step: analyse the finished store, write centrality.csv and the analysis graph."""
    result = analyze_store(store)
    write_csv(result, folder / "centrality.csv")
    store.bulk_extend(analysis_quads(result))
    report.notes += ["", "Top actors by betweenness:", ranked_summary(result)]
    return ["centrality.csv"]


def reanalyze_build(out: Path, *, as_of: str | None = None, edge_query: str | None = None,
                    **suite_options) -> AnalysisResult:
    """Rerun the analysis on a finished build and replace its results in place.

    ``centrality.csv`` and the serialisations are replaced atomically file by file; in the store the
    analysis graph is removed and the new one added.
    """
    from helixgraph.graph.build import SERIALISATIONS, write_serialisations
    from helixgraph.graph.store import STORE_DIR, open_store

    open_store(out)  # says clearly when there is no build
    store = ox.Store(str(out / STORE_DIR))
    result = analyze_store(store, as_of=as_of, edge_query=edge_query, **suite_options)
    tmp = out / f".centrality-{os.getpid()}.csv"
    try:
        write_csv(result, tmp)
        os.replace(tmp, out / "centrality.csv")
    finally:
        tmp.unlink(missing_ok=True)
    graph = ox.NamedNode(ANALYSIS_GRAPH)
    if graph in set(store.named_graphs()):
        store.remove_graph(graph)
    store.bulk_extend(analysis_quads(result))
    store.flush()
    scratch = Path(tempfile.mkdtemp(prefix=".analysis-", dir=out))
    try:
        write_serialisations(store, scratch)
        for name in SERIALISATIONS:
            os.replace(scratch / name, out / name)
    finally:
        shutil.rmtree(scratch, ignore_errors=True)
    return result
