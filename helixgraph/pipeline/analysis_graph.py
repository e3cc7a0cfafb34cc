"""An analysis run as RDF: a named graph with the run's description and every node's measures, so
that SPARQL can ask "who are the top brokers" and compare snapshots.

The run over all sources is the graph ``hxg:analysis``; a run restricted to the sources issued by
a date is ``hxg:analysis-as-of-YYYY-MM-DD``, kept beside it. Each graph holds:

* the run (the graph's own IRI) as an ``eco:AnalysisRun`` and ``prov:Activity``: when it ended,
  the software version, the graphs it read (``prov:used``), its as-of date, and every parameter as
  an ``eco:setting`` node (name as ``rdfs:label``, typed value as ``rdf:value``);
* the E-I index, modularity and robustness figures, and each figure tested against chance as an
  ``eco:ChanceTest`` (observed, expected, null mean and sd, p-value, draws, seed, null model);
* the sector mixing matrix as RDF Data Cube observations (``qb:Observation``: from sector, to
  sector, tie count);
* one value per node and ``eco:NetworkMeasure`` property.
"""

from __future__ import annotations

import datetime as dt
import math
import re
from collections.abc import Iterator
from importlib.metadata import PackageNotFoundError, version

import networkx as nx
import pyoxigraph as ox
from rdflib import PROV, RDF, RDFS, XSD, Namespace

from helixgraph.analysis.suite import AnalysisResult
from helixgraph.ontology.namespace import ECO
from helixgraph.ontology.prefixes import GRAPH_NS
from helixgraph.ontology.vocabulary import load_vocabulary

__all__ = ["ANALYSIS_GRAPH", "add_analysis", "analysis_graph_name", "analysis_quads", "measure_nquad_chunks",
           "measure_nquads", "set_measures"]

#: The named graph that holds the analysis over all sources.
ANALYSIS_GRAPH = str(GRAPH_NS["analysis"])

_QB = Namespace("http://purl.org/linked-data/cube#")
_UNSAFE = re.compile(r"[^A-Za-z0-9._-]+")
_DOUBLE, _INTEGER, _BOOLEAN = (ox.NamedNode(str(t)) for t in (XSD.double, XSD.integer, XSD.boolean))


def analysis_graph_name(as_of: str | None = None) -> str:
    """The named graph of the analysis run over all sources, or over the sources issued by ``as_of``.

    >>> analysis_graph_name()
    'https://w3id.org/helixgraph/graph/analysis'
    >>> analysis_graph_name("2025-10-01")
    'https://w3id.org/helixgraph/graph/analysis-as-of-2025-10-01'
    """
    return ANALYSIS_GRAPH if not as_of else str(GRAPH_NS[f"analysis-as-of-{as_of}"])


def _node(term) -> ox.NamedNode:
    return ox.NamedNode(str(term))


def _double(value: float) -> ox.Literal:
    return ox.Literal(repr(float(value)), datatype=_DOUBLE)


def _integer(value: int) -> ox.Literal:
    return ox.Literal(str(int(value)), datatype=_INTEGER)


def _value(value) -> ox.Literal | None:
    """A parameter's value as a typed literal: booleans, integers and numbers as such, else text."""
    if value is None:
        return None
    if isinstance(value, bool):
        return ox.Literal("true" if value else "false", datatype=_BOOLEAN)
    if isinstance(value, int):
        return _integer(value)
    if isinstance(value, float):
        return None if math.isnan(value) else _double(value)
    return ox.Literal(str(value))


def _finite(value) -> bool:
    return value is not None and not (isinstance(value, float) and math.isnan(value))


def _software_version() -> str:
    try:
        return f"helixgraph {version('helixgraph')}"
    except PackageNotFoundError:  # pragma: no cover - running from a source tree without install
        return "helixgraph (not installed)"


def _flat(parameters: dict, prefix: str = ""):
    """``(name, value)`` for every scalar parameter; nested ones as ``outer.inner``; lists joined."""
    for name, value in sorted(parameters.items()):
        key = f"{prefix}{name}"
        if isinstance(value, dict):
            yield from _flat(value, f"{key}.")
        elif isinstance(value, (list, tuple)):
            yield key, ", ".join(map(str, value))
        else:
            yield key, value


def _run_quads(result: AnalysisResult, g: ox.NamedNode, when: dt.datetime, used: list[str]) -> list[ox.Quad]:
    run = g
    quads = [
        ox.Quad(run, _node(RDF.type), _node(ECO.AnalysisRun), g),
        ox.Quad(run, _node(RDF.type), _node(PROV.Activity), g),
        ox.Quad(run, _node(PROV.endedAtTime), ox.Literal(when.isoformat(), datatype=_node(XSD.dateTime)), g),
        ox.Quad(run, _node(ECO.softwareVersion), ox.Literal(_software_version()), g),
    ]
    quads += [ox.Quad(run, _node(PROV.used), ox.NamedNode(graph), g) for graph in sorted(used)]
    as_of = result.parameters.get("as_of")
    if as_of:
        quads.append(ox.Quad(run, _node(ECO.asOfDate), ox.Literal(as_of, datatype=_node(XSD.date)), g))
    for name, value in _flat(result.parameters):
        literal = _value(value)
        if literal is None:
            continue
        setting = ox.NamedNode(f"{g.value}#setting-{_UNSAFE.sub('-', name).strip('-')}")
        quads += [ox.Quad(run, _node(ECO.setting), setting, g),
                  ox.Quad(setting, _node(RDFS.label), ox.Literal(name), g),
                  ox.Quad(setting, _node(RDF.value), literal, g)]
    return quads


def _figure_quads(result: AnalysisResult, g: ox.NamedNode) -> list[ox.Quad]:
    run = g
    quads = []
    for prop, value in ((ECO.eiIndex, result.ei_index), (ECO.modularity, result.modularity)):
        if _finite(value):
            quads.append(ox.Quad(run, _node(prop), _double(value), g))
    rob = result.robustness
    if rob is not None and rob.broker is not None:
        quads.append(ox.Quad(run, _node(ECO.removedBroker), ox.NamedNode(rob.broker), g))
        for prop, value in ((ECO.componentsBefore, rob.components_before),
                            (ECO.componentsAfter, rob.components_after),
                            (ECO.largestComponentBefore, rob.largest_before),
                            (ECO.largestComponentAfter, rob.largest_after)):
            quads.append(ox.Quad(run, _node(prop), _integer(value), g))
    nulls = result.parameters.get("nulls", {})
    tests = []
    if result.ei_test is not None:
        test = result.ei_test
        tests.append(("ei-index", "E-I index", nulls.get("ei_index"), test.value, test.expected, test.null_mean,
                      test.null_sd, test.p_value, test.draws, test.seed, test.n_ties))
    if result.modularity_test is not None:
        test = result.modularity_test
        tests.append(("modularity", "modularity", nulls.get("modularity"), test.observed, None, test.null_mean,
                      test.null_sd, test.p_value, test.draws, test.seed, test.n_ties))
    if result.synergy is not None:
        test = result.synergy
        tests.append(("synergy", "Triple Helix synergy T(UIG), bits", nulls.get("synergy"), test.t_uig, None,
                      test.null_mean, test.null_sd, test.p_value, test.draws, test.seed, test.n_units))
    for key, figure, model, observed, expected, mean, sd, p, draws, seed, ties in tests:
        node = ox.NamedNode(f"{g.value}#test-{key}")
        quads += [ox.Quad(run, _node(ECO.chanceTest), node, g),
                  ox.Quad(node, _node(RDF.type), _node(ECO.ChanceTest), g),
                  ox.Quad(node, _node(ECO.testedFigure), ox.Literal(figure), g)]
        if model:
            quads.append(ox.Quad(node, _node(ECO.nullModel), ox.Literal(str(model)), g))
        for prop, value in ((ECO.observedValue, observed), (ECO.expectedValue, expected), (ECO.nullMean, mean),
                            (ECO.nullSd, sd), (ECO.pValue, p)):
            if _finite(value):
                quads.append(ox.Quad(node, _node(prop), _double(value), g))
        for prop, value in ((ECO.draws, draws), (ECO.seed, seed), (ECO.tieCount, ties)):
            if value is not None:
                quads.append(ox.Quad(node, _node(prop), _integer(value), g))
    return quads


def _mixing_quads(result: AnalysisResult, g: ox.NamedNode) -> list[ox.Quad]:
    mixing = result.mixing
    if mixing is None or mixing.empty:
        return []
    dataset = ox.NamedNode(f"{g.value}#mixing")
    quads = [ox.Quad(dataset, _node(RDF.type), _node(_QB.DataSet), g),
             ox.Quad(dataset, _node(RDFS.label), ox.Literal("sector mixing matrix", language="en"), g)]
    for tail in mixing.index:
        for head in mixing.columns:
            cell = ox.NamedNode(f"{g.value}#mixing-{tail}-{head}")
            quads += [ox.Quad(cell, _node(RDF.type), _node(_QB.Observation), g),
                      ox.Quad(cell, _node(_QB.dataSet), dataset, g),
                      ox.Quad(cell, _node(ECO.tailSector), _node(ECO[str(tail)]), g),
                      ox.Quad(cell, _node(ECO.headSector), _node(ECO[str(head)]), g),
                      ox.Quad(cell, _node(ECO.tieCount), _integer(mixing.loc[tail, head]), g)]
    return quads


def analysis_quads(result: AnalysisResult, *, when: dt.datetime | None = None,
                   used: list[str] | None = None, measures: bool = True) -> list[ox.Quad]:
    """The run's named graph as quads (see the module's description).

    Measures are the properties the ontology types ``eco:NetworkMeasure``; a table column of the
    same name (in snake case) feeds each. ``used`` lists the named graphs the run read. Without
    ``measures``, the nodes' measures are left out (:func:`measure_nquads` writes them).

    Examples
    --------
    >>> import networkx as nx
    >>> from helixgraph.analysis import run_suite
    >>> G = nx.MultiDiGraph()
    >>> G.add_node("https://w3id.org/helixgraph/id/lab", label="Lab", cls="Laboratory", sector="AcademiaResearch")
    >>> G.add_node("https://w3id.org/helixgraph/id/firm", label="Firm", cls="Company", sector="Industry")
    >>> _ = G.add_edge("https://w3id.org/helixgraph/id/lab", "https://w3id.org/helixgraph/id/firm")
    >>> quads = analysis_quads(run_suite(G, null_draws=10))
    >>> sorted({q.graph_name.value for q in quads})
    ['https://w3id.org/helixgraph/graph/analysis']
    >>> cells = {q.subject.value.rsplit("#", 1)[1]: q.object.value for q in quads
    ...          if q.predicate.value.endswith("#tieCount") and "#mixing-" in q.subject.value}
    >>> cells["mixing-Industry-AcademiaResearch"], cells["mixing-Industry-Industry"]
    ('1', '0')
    """
    vocabulary = load_vocabulary()
    g = ox.NamedNode(analysis_graph_name(result.parameters.get("as_of")))
    when = when or dt.datetime.now(dt.UTC).replace(microsecond=0)
    quads = _run_quads(result, g, when, used or [])
    quads += _figure_quads(result, g)
    quads += _mixing_quads(result, g)
    if not measures:
        return quads
    measured = [(column, _node(prop), column in vocabulary.integer_measures)
                for column, prop in vocabulary.measure_columns.items() if column in result.table.columns]
    for row in result.table.to_dict("records"):
        node = ox.NamedNode(row["iri"])
        for column, prop, integer in measured:
            value = row.get(column)
            if _finite(value):
                quads.append(ox.Quad(node, prop, _integer(value) if integer else _double(value), g))
    return quads


def measure_nquads(result: AnalysisResult) -> bytes:
    """Every node's measures (the part of the run's graph that grows with the network) as N-Quads.

    The same quads as those :func:`analysis_quads` gives for the measures, in the same order (node
    by node), written as text, which Oxigraph parses in Rust: several times faster than making a
    Python object per quad.

    >>> import networkx as nx
    >>> from helixgraph.analysis import run_suite
    >>> G = nx.MultiDiGraph()
    >>> G.add_node("https://w3id.org/helixgraph/id/lab", label="Lab", cls="Laboratory", sector="AcademiaResearch")
    >>> G.add_node("https://w3id.org/helixgraph/id/firm", label="Firm", cls="Company", sector="Industry")
    >>> _ = G.add_edge("https://w3id.org/helixgraph/id/lab", "https://w3id.org/helixgraph/id/firm")
    >>> result = run_suite(G, null_draws=10)
    >>> store, reference = ox.Store(), ox.Store()
    >>> store.bulk_load(measure_nquads(result), ox.RdfFormat.N_QUADS)
    >>> reference.bulk_extend(q for q in analysis_quads(result) if "/id/" in q.subject.value)
    >>> set(store) == set(reference), len(store) > 10
    (True, True)
    """
    return b"".join(measure_nquad_chunks(result))


def measure_nquad_chunks(result: AnalysisResult, *, nodes: int = 20_000) -> Iterator[bytes]:
    """:func:`measure_nquads` in pieces of at most ``nodes`` nodes each, so that a network of a
    million nodes never has all its measures' text in memory at once.

    >>> from helixgraph.pipeline import analyze, runner
    >>> from helixgraph.pipeline.build import load_store
    >>> result = analyze(runner(store=load_store()))
    >>> chunks = list(measure_nquad_chunks(result, nodes=5))
    >>> len(chunks), b"".join(chunks) == measure_nquads(result)
    (5, True)
    """
    g = f"<{analysis_graph_name(result.parameters.get('as_of'))}>"
    columns = [(values, integer, f'> <{prop}> "', f'"^^<{_INTEGER.value if integer else _DOUBLE.value}> {g} .\n')
               for _, prop, integer, values in _measure_columns(result)]
    iris = result.table["iri"].tolist()
    for start in range(0, len(iris), nodes):
        lines = []
        for i in range(start, min(start + nodes, len(iris))):  # node by node: writers group each node's lines
            iri = iris[i]
            for values, integer, head, tail in columns:
                value = values[i]
                if _finite(value):
                    lines.append(f"<{iri}{head}{int(value) if integer else repr(float(value))}{tail}")
        yield "".join(lines).encode("utf-8")


def set_measures(G: nx.Graph, result: AnalysisResult) -> None:
    """Give the nodes of ``G`` the measures the analysis graph of ``result`` states, with the values a
    reader of that graph gets (whole numbers as ``int``, the rest as ``float``, no NaN), and mark
    ``G.graph["measured"]``: the explorer then need not read them back from the store.

    >>> from helixgraph.pipeline import analyze, runner
    >>> from helixgraph.pipeline.build import load_store
    >>> from helixgraph.analysis.projection import project
    >>> run = runner(store=load_store())
    >>> G = project(run)
    >>> set_measures(G, analyze(run, graph=G))
    >>> huahui = G.nodes["https://w3id.org/helixgraph/id/huahui-health"]
    >>> round(huahui["betweenness"], 4), type(huahui["community"]).__name__, G.graph["measured"]
    (0.0395, 'int', True)
    """
    nodes, iris = G.nodes, result.table["iri"].tolist()
    for column, _, integer, values in _measure_columns(result):
        convert = int if integer else float
        for iri, value in zip(iris, values, strict=True):
            if _finite(value) and iri in nodes:
                nodes[iri][column] = convert(value)
    G.graph["measured"] = True


def _measure_columns(result: AnalysisResult) -> list[tuple[str, str, bool, list]]:
    """The table's measure columns the ontology declares: (column, property IRI, whole numbers?, values)."""
    vocabulary, table = load_vocabulary(), result.table
    return [(column, str(prop), column in vocabulary.integer_measures, table[column].tolist())
            for column, prop in vocabulary.measure_columns.items() if column in table.columns]


def add_analysis(store: ox.Store, result: AnalysisResult, *, used: list[str] | None = None) -> None:
    """Add the run's named graph (:func:`analysis_quads`) to ``store``, its measures bulk-loaded as N-Quads.

    >>> import networkx as nx
    >>> from helixgraph.analysis import run_suite
    >>> G = nx.MultiDiGraph()
    >>> G.add_node("https://w3id.org/helixgraph/id/lab", label="Lab", cls="Laboratory", sector="AcademiaResearch")
    >>> G.add_node("https://w3id.org/helixgraph/id/firm", label="Firm", cls="Company", sector="Industry")
    >>> _ = G.add_edge("https://w3id.org/helixgraph/id/lab", "https://w3id.org/helixgraph/id/firm")
    >>> result, store = run_suite(G, null_draws=10), ox.Store()
    >>> add_analysis(store, result)
    >>> len(store) == len(analysis_quads(result)), [g.value for g in store.named_graphs()]
    (True, ['https://w3id.org/helixgraph/graph/analysis'])
    """
    store.bulk_extend(analysis_quads(result, used=used, measures=False))
    for chunk in measure_nquad_chunks(result):
        store.bulk_load(chunk, ox.RdfFormat.N_QUADS)
