"""Query results read through Oxigraph's TSV agree with Oxigraph's own SPARQL JSON results."""

from __future__ import annotations

import json

import pandas as pd
import pyoxigraph as ox
import pytest

from helixgraph.graph.results import QueryResult, from_oxigraph

XSD = "http://www.w3.org/2001/XMLSchema#"

TERMS = [
    ox.Literal('tab\there, newline\nthere, return\r, quote " and backslash \\ end'),
    ox.Literal("北京 中关村", language="zh"),
    ox.Literal("x", language="en-GB"),
    ox.Literal(""),
    ox.Literal("-0042", datatype=ox.NamedNode(XSD + "integer")),
    ox.Literal("7", datatype=ox.NamedNode(XSD + "int")),
    ox.Literal("1.50", datatype=ox.NamedNode(XSD + "decimal")),
    ox.Literal("2.5E3", datatype=ox.NamedNode(XSD + "double")),
    ox.Literal("INF", datatype=ox.NamedNode(XSD + "double")),
    ox.Literal("1", datatype=ox.NamedNode(XSD + "boolean")),
    ox.Literal("2025-10-01", datatype=ox.NamedNode(XSD + "date")),
    ox.Literal("2025", datatype=ox.NamedNode(XSD + "gYear")),
    ox.Literal("odd", datatype=ox.NamedNode("urn:my-type")),
    ox.NamedNode("https://w3id.org/helixgraph/id/nibs"),
    ox.BlankNode("b0"),
]

QUERIES = [
    ("SELECT ?s ?o ?none WHERE { ?s <urn:p> ?o OPTIONAL { ?s <urn:q> ?none } } ORDER BY ?s", len(TERMS)),
    ("SELECT ?o WHERE { ?s <urn:p> ?o OPTIONAL { ?s <urn:q> ?x } } ORDER BY ?s", len(TERMS)),
    ("SELECT ?none WHERE { ?s <urn:p> ?o OPTIONAL { ?s <urn:q> ?none } }", len(TERMS)),
    ("SELECT * WHERE { }", 1),
    ("SELECT ?s WHERE { ?s <urn:nothing> ?o }", 0),
    ("SELECT (COUNT(*) AS ?n) (AVG(1.5) AS ?mean) (STR(NOW()) = '' AS ?never) WHERE { ?s ?p ?o }", 1),
]


@pytest.fixture(scope="module")
def store() -> ox.Store:
    store = ox.Store()
    for i, term in enumerate(TERMS):
        store.add(ox.Quad(ox.NamedNode(f"urn:s{i:02d}"), ox.NamedNode("urn:p"), term))
    return store


@pytest.mark.parametrize(("text", "expected_rows"), QUERIES)
def test_bindings_equal_oxigraphs_own_json(store, text, expected_rows):
    reference = json.loads(store.query(text).serialize(format=ox.QueryResultsFormat.JSON))
    result = from_oxigraph(store.query(text))
    assert result.variables == reference["head"]["vars"]
    assert result.bindings == reference["results"]["bindings"]
    assert len(result) == len(reference["results"]["bindings"]) == expected_rows
    assert result.rows == QueryResult(result.variables, reference["results"]["bindings"]).rows


def test_python_values(store):
    rows = from_oxigraph(store.query("SELECT ?o WHERE { ?s <urn:p> ?o } ORDER BY ?s")).rows
    values = [row[0] for row in rows]
    assert values[:4] == [TERMS[0].value, "北京 中关村", "x", ""]
    assert values[4:10] == [-42, 7, pytest.approx(1.5), 2500.0, float("inf"), True]
    assert values[10:] == ["2025-10-01", "2025", "odd", "https://w3id.org/helixgraph/id/nibs", "b0"]


def test_dataframe_columns_are_typed(store):
    text = """SELECT ?day ?n ?label WHERE {
      VALUES (?day ?n ?label) { ("2025-10-01"^^xsd:date 3 "a") ("2026-01-24"^^xsd:date UNDEF "b") } }"""
    frame = from_oxigraph(store.query(text, prefixes={"xsd": XSD})).to_dataframe()
    assert pd.api.types.is_datetime64_any_dtype(frame["day"])
    assert list(frame["day"].dt.month) == [10, 1]
    assert str(frame["n"].dtype) == "Int64" and frame["n"].iloc[0] == 3 and frame["n"].isna().iloc[1]
    assert list(frame["label"]) == ["a", "b"]


def test_mixed_column_keeps_python_values(store):
    frame = from_oxigraph(store.query("SELECT ?o WHERE { ?s <urn:p> ?o } ORDER BY ?s")).to_dataframe(
        short_iris=True)
    assert frame["o"].dtype == object
    assert frame["o"].iloc[13] == "hx:nibs" and frame["o"].iloc[5] == 7
