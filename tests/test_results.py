"""Query results read through Oxigraph's TSV agree with Oxigraph's own SPARQL JSON results."""

from __future__ import annotations

import json
import subprocess
import sys
import threading

import pandas as pd
import pyoxigraph as ox
import pytest

from helixgraph.graph import results
from helixgraph.graph.results import QueryResult, from_oxigraph
from helixgraph.graph.tsv_columns import tsv_columns
from helixgraph.graph.tsv_sink import TsvSink

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


@pytest.mark.parametrize("short_iris", [False, True])
@pytest.mark.parametrize(("text", "expected_rows"), QUERIES)
def test_dataframe_from_tsv_equals_the_one_from_oxigraphs_json(store, text, expected_rows, short_iris, monkeypatch):
    reference = json.loads(store.query(text).serialize(format=ox.QueryResultsFormat.JSON))
    expected = QueryResult(reference["head"]["vars"], reference["results"]["bindings"]).to_dataframe(
        short_iris=short_iris)
    for threshold in (1 << 40, 0):  # split in Python, then read column by column by pyarrow
        monkeypatch.setattr(results, "COLUMNAR_BYTES", threshold)
        frame = from_oxigraph(store.query(text)).to_dataframe(short_iris=short_iris)
        pd.testing.assert_frame_equal(frame, expected)
        assert len(frame) == expected_rows


def test_each_tsv_term_has_the_value_and_kind_of_its_cell(store):
    body = store.query("SELECT ?o WHERE { ?s <urn:p> ?o }").serialize(format=ox.QueryResultsFormat.TSV)
    tokens = body.split(b"\n")[1:-1] + [b"", b"12", b"-1.5", b"2E1", b"true", b"_:x"]
    assert len(tokens) == len(TERMS) + 6
    for token in tokens:
        cell = results._tsv_cell(token)
        assert results._typed_token(token) == (results._python(cell), results._datatype(cell)), token


@pytest.mark.parametrize(("text", "expected_rows"), QUERIES)
def test_columnar_reading_gives_the_same_values(store, text, expected_rows, monkeypatch):
    split_in_python = from_oxigraph(store.query(text))
    rows, frame = split_in_python.rows, split_in_python.to_dataframe()
    monkeypatch.setattr(results, "COLUMNAR_BYTES", 0)  # every result read by pyarrow (imported by pandas here)
    columnar = from_oxigraph(store.query(text))
    assert columnar.rows == rows and len(rows) == expected_rows
    assert [type(v) for row in columnar.rows for v in row] == [type(v) for row in rows for v in row]
    pd.testing.assert_frame_equal(columnar.to_dataframe(), frame)
    assert columnar.bindings == split_in_python.bindings


def test_columns_read_in_blocks_share_one_dictionary():
    lines = [f'<urn:s{i % 7}>\t"{i % 5}"^^<{XSD}int>\t{"" if i % 3 else "_:b"}\n' for i in range(2000)]
    terms_and_rows = tsv_columns("".join(lines).encode(), 3, block_size=4096)
    decoded = [[terms[i] for i in rows] for terms, rows in terms_and_rows]
    assert [len(terms) for terms, _ in terms_and_rows] == [7, 5, 2]
    assert ["\t".join(t.decode() for t in row) + "\n" for row in zip(*decoded)] == lines


def test_without_pyarrow_the_text_is_split_in_python(store, monkeypatch):
    text = QUERIES[0][0]
    expected = from_oxigraph(store.query(text)).rows
    monkeypatch.setattr(results, "COLUMNAR_BYTES", 0)
    monkeypatch.setattr(results, "COLD_COLUMNAR_BYTES", 0)
    monkeypatch.setitem(sys.modules, "pyarrow", None)  # what an environment without pyarrow sees
    assert tsv_columns(b"<urn:a>\n", 1) is None
    assert from_oxigraph(store.query(text)).rows == expected


def test_a_few_megabytes_of_rows_do_not_import_pyarrow_or_numpy():
    probe = ("import sys; from helixgraph.graph.results import QueryResult; "
             "rows = QueryResult.from_tsv(['s', 'n'], b'<urn:a>\\t1\\n' * 300_000).rows; "
             "print(len(rows), rows[-1], sorted({'pyarrow', 'numpy'} & set(sys.modules)))")
    done = subprocess.run([sys.executable, "-c", probe], capture_output=True, text=True, check=True)
    assert done.stdout.strip() == "300000 ('urn:a', 1) []"


def test_a_large_result_is_split_into_columns_while_it_is_written():
    store = ox.Store()
    store.bulk_load(b"".join(b'<urn:s%d> <urn:p> "v%d"@en .\n' % (i, i % 50) for i in range(60_000)),
                    ox.RdfFormat.N_TRIPLES)
    text = "SELECT ?s ?o WHERE { ?s ?p ?o }"
    assert len(store.query(text).serialize(format=ox.QueryResultsFormat.TSV)) > results.COLUMNAR_BYTES
    streamed = from_oxigraph(store.query(text))
    assert streamed._tsv is None and streamed._split is not None  # the text was never held whole
    assert len(streamed) == 60_000
    reference = QueryResult(["s", "o"], json.loads(store.query(text).serialize(
        format=ox.QueryResultsFormat.JSON))["results"]["bindings"])
    assert sorted(streamed.rows) == sorted(reference.rows)
    assert min(streamed.rows) == ("urn:s0", "v0")
    assert sorted(map(repr, streamed.bindings)) == sorted(map(repr, reference.bindings))


def test_an_error_reading_the_columns_reaches_the_caller():
    sink = TsvSink(2, threshold=0)
    sink.write(b"?a\t?b\n")
    for _ in range(200):  # far more than a pipe holds: the reader keeps draining after its error
        sink.write(b"<urn:a>\t<urn:b>\t<urn:c>\n" * 1000)
    with pytest.raises(Exception, match="columns"):
        sink.finish()


def test_a_failed_serialisation_leaves_no_reader_behind():
    sink = TsvSink(1, threshold=0)
    sink.write(b"?a\n<urn:a>\n")
    sink.close()  # what from_oxigraph does when Oxigraph raises while writing
    assert not any(thread.name == "helixgraph-tsv-columns" for thread in threading.enumerate())
