"""Query parameters: declared in a query's header, checked by type, bound as RDF terms, never pasted."""

from __future__ import annotations

import datetime as dt

import pyoxigraph as ox
import pytest
from click.testing import CliRunner

from helixgraph import api
from helixgraph.cli import cli
from helixgraph.errors import QueryError
from helixgraph.graph.catalog import named_queries
from helixgraph.graph.parameters import (
    Parameter,
    bind_parameters,
    declared_parameters,
    parse_parameter,
    to_term,
)
from helixgraph.graph.query import bound_query, query_store

XSD = "http://www.w3.org/2001/XMLSchema#"
HX = "https://w3id.org/helixgraph/id/"


def spec(kind, **kw):
    return Parameter("p", kind, "a value", **kw)


@pytest.mark.parametrize(("kind", "value", "term"), [
    ("iri", "nibs", ox.NamedNode(HX + "nibs")),
    ("iri", "hx:li-wenhui", ox.NamedNode(HX + "li-wenhui")),
    ("iri", "eco:Drug", ox.NamedNode("https://w3id.org/helixgraph/ontology#Drug")),
    ("iri", "Hepatology", ox.NamedNode("https://w3id.org/helixgraph/ontology#Hepatology")),  # a concept's id
    ("iri", "<https://example.org/x>", ox.NamedNode("https://example.org/x")),
    ("iri", "https://ror.org/02v51f717", ox.NamedNode("https://ror.org/02v51f717")),
    ("date", "2026-01-20", ox.Literal("2026-01-20", datatype=ox.NamedNode(XSD + "date"))),
    ("date", dt.date(2025, 10, 1), ox.Literal("2025-10-01", datatype=ox.NamedNode(XSD + "date"))),
    ("integer", " 42 ", ox.Literal("42", datatype=ox.NamedNode(XSD + "integer"))),
    ("integer", 7, ox.Literal("7", datatype=ox.NamedNode(XSD + "integer"))),
    ("decimal", "2.50", ox.Literal("2.50", datatype=ox.NamedNode(XSD + "decimal"))),
    ("decimal", "1e3", ox.Literal("1000", datatype=ox.NamedNode(XSD + "decimal"))),
    ("boolean", "TRUE", ox.Literal("true", datatype=ox.NamedNode(XSD + "boolean"))),
    ("boolean", False, ox.Literal("false", datatype=ox.NamedNode(XSD + "boolean"))),
    ("string", 'say "hi"', ox.Literal('say "hi"')),
])
def test_each_type_becomes_its_rdf_term(kind, value, term):
    assert to_term(spec(kind), value) == term


@pytest.mark.parametrize(("kind", "value", "expected"), [
    ("iri", "a b", "expected an IRI"),
    ("iri", "nibs> } ; DROP ALL ; #", "expected an IRI"),
    ("iri", "nope:thing", "unknown prefix 'nope'"),
    ("date", "2026-02-30", "expected a day as YYYY-MM-DD"),
    ("date", "2026-01", "expected a day as YYYY-MM-DD"),
    ("integer", "4.5", "expected a whole number"),
    ("decimal", "NaN", "expected a number"),
    ("decimal", "ten", "expected a number"),
    ("boolean", "yes", "expected true or false"),
])
def test_mistyped_values_are_refused_with_name_value_and_expectation(kind, value, expected):
    with pytest.raises(QueryError) as info:
        to_term(spec(kind), value, query="q7")
    message = str(info.value)
    assert message.startswith(f"q7: parameter 'p' got {str(value)!r}")
    assert expected in message


def test_string_injection_stays_one_literal():
    text = "# Parameter: label (string): a label\nSELECT ?x WHERE { ?x rdfs:label ?label }"
    attack = '"} ?x ?y ?z . } #'
    store = ox.Store()
    store.add(ox.Quad(ox.NamedNode(HX + "a"), ox.NamedNode("http://www.w3.org/2000/01/rdf-schema#label"),
                      ox.Literal(attack)))
    store.add(ox.Quad(ox.NamedNode(HX + "b"), ox.NamedNode("http://www.w3.org/2000/01/rdf-schema#label"),
                      ox.Literal("other")))
    bound = bound_query(text, {"label": attack})
    assert query_store(store, bound).rows == [(HX + "a",)]
    assert query_store(store, bound_query(text, {"label": "other"})).rows == [(HX + "b",)]


def test_iri_injection_is_refused_before_any_query_runs(built):
    with pytest.raises(QueryError, match="parameter 'entity' got"):
        api.query("entity-timeline", out=built, entity="libevitug> } UNION { ?s ?p ?o")


def test_declarations_are_read_from_the_header_only():
    text = ("# Question: x?\n# Parameter: a (iri): first\n# Parameter: b (date, optional): second\n"
            "# Parameter: c (integer, default 3): third\nSELECT * WHERE { }\n# Parameter: d (iri): not read")
    found = declared_parameters(text)
    assert [(p.name, p.type, p.default, p.optional, p.required) for p in found] == [
        ("a", "iri", None, False, True), ("b", "date", None, True, False), ("c", "integer", "3", False, False)]


@pytest.mark.parametrize(("line", "message"), [
    ("x (iri) the thing", "cannot read the parameter declaration"),
    ("x (colour): a colour", "has type 'colour'; expected one of iri, date"),
    ("out (iri): a clash", "'out' cannot name a parameter"),
    ("n (integer, default many): rows", "parameter 'n' got 'many'; expected a whole number"),
])
def test_bad_declarations_name_the_query(line, message):
    with pytest.raises(QueryError, match=message) as info:
        parse_parameter(line, query="my-query")
    assert str(info.value).startswith("my-query: ")


def test_a_parameter_declared_twice_is_refused():
    with pytest.raises(QueryError, match="'a' is declared twice"):
        declared_parameters("# Parameter: a (iri): one\n# Parameter: a (date): two\nASK {}")


def test_missing_unknown_and_optional_parameters():
    declared = declared_parameters("# Parameter: who (iri): a person\n# Parameter: day (date, optional): a day\n")
    text = "SELECT * WHERE {\n  ?who ?p ?o }"
    with pytest.raises(QueryError, match="'who' is required: --param who=IRI"):
        bind_parameters(text, declared, {})
    with pytest.raises(QueryError, match=r"no parameter 'whom' \(it takes who, day\)"):
        bind_parameters(text, declared, {"who": "nibs", "whom": "x"})
    assert bind_parameters(text, declared, {"who": "nibs"}) == (
        f"SELECT * WHERE {{ VALUES (?who ?day) {{ (<{HX}nibs> UNDEF) }}\n\n  ?who ?p ?o }}")


def test_values_go_into_the_where_group_not_a_template_or_comment():
    text = ("# Parameter: who (iri): x\n# a comment that says WHERE { too\n"
            "CONSTRUCT { ?who a eco:Person } WHERE { ?who ?p ?o }")
    bound = bound_query(text, {"who": "nibs"})
    assert bound.endswith(f"CONSTRUCT {{ ?who a eco:Person }} WHERE {{ VALUES (?who) {{ (<{HX}nibs>) }}\n ?who ?p ?o }}")
    with pytest.raises(QueryError, match="needs a WHERE"):
        bound_query("# Parameter: who (iri): x\nDESCRIBE ?who", {"who": "nibs"})


def test_every_library_query_declares_parameters_with_descriptions():
    library = [q for q in named_queries().values() if q.kind == "library"]
    assert len(library) >= 6
    for q in library:
        assert q.parameters, q.name
        assert all(p.description for p in q.parameters)


def test_cli_binds_params_and_refuses_bad_ones_with_exit_2(built):
    runner = CliRunner()
    ok = runner.invoke(cli, ["query", "entity-timeline", "--out", str(built), "--param", "entity=libevitug",
                             "--param", "as_of=2025-12-01", "--format", "csv"])
    assert ok.exit_code == 0, ok.output
    assert "libevitug-conditional-approval" not in ok.output and "libevitug-nda-accepted" in ok.output
    for args, message in [
        (["--param", "entity"], "'entity' is not NAME=VALUE"),
        (["--param", "entity=nibs", "--param", "entity=nibs"], "'entity' is given twice"),
        (["--param", "out=elsewhere"], "'out' is an option of the command"),
        (["--param", "entity=nibs", "--param", "as_of=soon"], "parameter 'as_of' got 'soon'"),
        ([], "parameter 'entity' is required"),
    ]:
        bad = runner.invoke(cli, ["query", "entity-timeline", "--out", str(built), *args])
        assert bad.exit_code == 2, (args, bad.output)
        assert message in bad.output
        assert "Traceback" not in bad.output


def test_list_shows_each_parameter():
    result = CliRunner().invoke(cli, ["query", "--list"])
    assert result.exit_code == 0
    assert "--param as_of=DATE (optional): keep only events reported by sources issued" in result.output
    assert "--param product_class=IRI (default eco:Product)" in result.output
