"""An analysis run as RDF: the named graph ``hxg:analysis`` with the run's description and every
node's measures, so that SPARQL can ask "who are the top brokers"."""

from __future__ import annotations

import datetime as dt
import json
import math

import pyoxigraph as ox
from rdflib import PROV, RDF, XSD

from helixgraph.analysis.suite import AnalysisResult
from helixgraph.ontology.namespace import ECO
from helixgraph.ontology.prefixes import GRAPH_NS
from helixgraph.ontology.vocabulary import load_vocabulary

__all__ = ["ANALYSIS_GRAPH", "analysis_quads"]

#: The named graph that holds the analysis results.
ANALYSIS_GRAPH = str(GRAPH_NS["analysis"])

_DOUBLE, _INTEGER = ox.NamedNode(str(XSD.double)), ox.NamedNode(str(XSD.integer))


def _node(term) -> ox.NamedNode:
    return ox.NamedNode(str(term))


def _double(value: float) -> ox.Literal:
    return ox.Literal(repr(float(value)), datatype=_DOUBLE)


def _integer(value: int) -> ox.Literal:
    return ox.Literal(str(int(value)), datatype=_INTEGER)


def _measure_literal(value, integer: bool) -> ox.Literal | None:
    if value is None or (isinstance(value, float) and math.isnan(value)):
        return None
    return _integer(value) if integer else _double(value)


def analysis_quads(result: AnalysisResult, *, when: dt.datetime | None = None) -> list[ox.Quad]:
    """The analysis graph as quads: the run's description and every node's measures.

    Measures are the properties the ontology types ``eco:NetworkMeasure``; a table column of the
    same name (in snake case) feeds each.

    >>> from helixgraph.pipeline import analyze, runner
    >>> from helixgraph.data import bundled_sources
    >>> from helixgraph.graph.store import load_graphs
    >>> from helixgraph.loaders import load_sources
    >>> from helixgraph.pipeline.build import graphs_of
    >>> store = load_graphs(ox.Store(), graphs_of(load_sources([bundled_sources()])))
    >>> quads = analysis_quads(analyze(runner(store=store)), when=dt.datetime(2026, 1, 20, tzinfo=dt.UTC))
    >>> {q.graph_name.value for q in quads} == {ANALYSIS_GRAPH}
    True
    >>> [q.object.value for q in quads if q.predicate.value.endswith("endedAtTime")]
    ['2026-01-20T00:00:00+00:00']
    >>> nibs = ox.NamedNode("https://w3id.org/helixgraph/id/nibs")
    >>> [round(float(q.object.value), 4) for q in quads
    ...  if q.subject == nibs and q.predicate == ox.NamedNode(ECO.betweenness)]
    [0.0786]
    """
    vocabulary = load_vocabulary()
    g = ox.NamedNode(ANALYSIS_GRAPH)
    run = g
    when = when or dt.datetime.now(dt.UTC).replace(microsecond=0)
    quads = [
        ox.Quad(run, _node(RDF.type), _node(ECO.AnalysisRun), g),
        ox.Quad(run, _node(PROV.endedAtTime), ox.Literal(when.isoformat(), datatype=_node(XSD.dateTime)), g),
        ox.Quad(run, _node(ECO.parameters),
                ox.Literal(json.dumps(result.parameters, sort_keys=True, default=str)), g),
    ]
    if result.parameters.get("as_of"):
        quads.append(ox.Quad(run, _node(ECO.asOfDate),
                             ox.Literal(result.parameters["as_of"], datatype=_node(XSD.date)), g))
    for prop, value in ((ECO.eiIndex, result.ei_index), (ECO.modularity, result.modularity)):
        if value is not None and not math.isnan(value):
            quads.append(ox.Quad(run, _node(prop), _double(value), g))
    rob = result.robustness
    if rob is not None and rob.broker is not None:
        quads.append(ox.Quad(run, _node(ECO.removedBroker), ox.NamedNode(rob.broker), g))
        for prop, value in ((ECO.componentsBefore, rob.components_before),
                            (ECO.componentsAfter, rob.components_after),
                            (ECO.largestComponentBefore, rob.largest_before),
                            (ECO.largestComponentAfter, rob.largest_after)):
            quads.append(ox.Quad(run, _node(prop), _integer(value), g))
    measures = [(column, _node(prop), column in vocabulary.integer_measures)
                for column, prop in vocabulary.measure_columns.items() if column in result.table.columns]
    for row in result.table.to_dict("records"):
        node = ox.NamedNode(row["iri"])
        for column, prop, integer in measures:
            literal = _measure_literal(row.get(column), integer)
            if literal is not None:
                quads.append(ox.Quad(node, prop, literal, g))
    return quads
