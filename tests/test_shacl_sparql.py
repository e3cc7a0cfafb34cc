"""The SPARQL validator on Oxigraph reports exactly what pySHACL reports, on good and on broken data."""

from __future__ import annotations

from collections.abc import Callable
from functools import lru_cache

import pyoxigraph as ox
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from rdflib import RDF, RDFS, XSD, Graph, Literal, Namespace, URIRef
from rdflib.namespace import DCTERMS, PROV, SH

from helixgraph.data import bundled_sources
from helixgraph.errors import OntologyError
from helixgraph.graph.dataset import data_graph
from helixgraph.graph.store import load_graphs
from helixgraph.loaders import load_sources
from helixgraph.ontology.model import load_ontology
from helixgraph.ontology.shapes import SHAPES_NS, load_shapes
from helixgraph.shacl import Violation, bundled_checks, compile_shapes, validate_graph, validate_store

ECO = Namespace("https://w3id.org/helixgraph/ontology#")


@lru_cache(maxsize=1)
def bundled() -> Graph:
    """The bundled sources' triples, without the ontology (as ``helixgraph build`` validates them)."""
    return data_graph(load_sources([bundled_sources()]))


def fresh() -> Graph:
    """A copy of the bundled data to break."""
    g = Graph()
    g += bundled()
    return g


def to_store(data: Graph) -> ox.Store:
    store = ox.Store()
    load_graphs(store, [("urn:helixgraph:data", data), ("urn:helixgraph:ontology", load_ontology().graph)])
    return store


def both(data: Graph) -> tuple[list[Violation], list[Violation]]:
    """What the SPARQL validator and pySHACL report for ``data``."""
    return validate_store(to_store(data)), validate_graph(data)


def first(g: Graph, cls: str, *having: URIRef) -> URIRef:
    """The first (by IRI) instance of ``eco:cls`` in ``g`` that has a value for each of ``having``."""
    for node in sorted(g.subjects(RDF.type, ECO[cls])):
        if all(g.value(node, p) is not None for p in having):
            return node
    raise AssertionError(f"the bundled data has no {cls} with {having}")


def replace(g: Graph, node, predicate, *objects) -> None:
    g.remove((node, predicate, None))
    for o in objects:
        g.add((node, predicate, o))


# ---------------------------------------------------------------------------------------------


def test_bundled_data_conforms_in_both():
    store, reference = both(bundled())
    assert store == reference == []


def _missing_required(g):
    replace(g, first(g, "Company", ECO.sector), ECO.sector)


def _functional_twice(g):
    company = first(g, "Company", ECO.sector)
    other = next(s for s in sorted(load_ontology().graph.subjects(RDF.type, ECO.Sector))
                 if s != g.value(company, ECO.sector))
    g.add((company, ECO.sector, other))


def _wrong_class(g):
    replace(g, first(g, "Company", ECO.sector), ECO.sector, first(g, "AdministrativeArea"))


def _wrong_datatype(g):
    replace(g, first(g, "Statistic", ECO.value), ECO.value, Literal("many"))


def _ill_typed_date(g):
    event = first(g, "RegulatoryEvent", ECO.notLaterThan)
    replace(g, event, ECO.notLaterThan, Literal("soon", datatype=XSD.date))


def _ill_typed_decimal(g):
    replace(g, first(g, "Statistic", ECO.value), ECO.value, Literal("7,2", datatype=XSD.decimal))


def _zero_paragraph(g):
    replace(g, first(g, "Passage", ECO.paragraphNumber), ECO.paragraphNumber,
            Literal("0", datatype=XSD.positiveInteger))


def _iri_for_literal(g):
    replace(g, first(g, "Statistic", ECO.refTime), ECO.refTime, ECO.Exact)


def _no_english_label(g):
    company = first(g, "Company", RDFS.label)
    replace(g, company, RDFS.label, Literal("华辉安健", lang="zh"))


def _no_source(g):
    replace(g, first(g, "Company", PROV.wasDerivedFrom), PROV.wasDerivedFrom)


def _source_not_a_source(g):
    company = first(g, "Company", PROV.wasDerivedFrom)
    replace(g, company, PROV.wasDerivedFrom, first(g, "Person"))


def _statistic_without_number(g):
    statistic = first(g, "Statistic", ECO.value)
    for p in (ECO.value, ECO.minValue, ECO.maxValue):
        g.remove((statistic, p, None))


def _qualifier_not_matching(g):
    statistic = first(g, "Statistic", ECO.value)
    replace(g, statistic, ECO.approximation, ECO.MoreThan)


def _percent_without_denominator(g):
    statistic = next(s for s in sorted(g.subjects(ECO.unit, Literal("percent"))))
    g.remove((statistic, ECO.denominatorMeasure, None))
    g.remove((statistic, ECO.denominatorArea, None))


def _event_undated(g):
    event = first(g, "RegulatoryEvent", ECO.notLaterThan)
    g.remove((event, ECO.date, None))
    g.remove((event, ECO.notLaterThan, None))


def _event_after_source(g):
    event = first(g, "RegulatoryEvent", PROV.wasDerivedFrom)
    assert g.value(g.value(event, PROV.wasDerivedFrom), DCTERMS.issued) is not None
    replace(g, event, ECO.date, Literal("2099-12-31", datatype=XSD.date))


def _forecast_reversed(g):
    forecast = first(g, "Forecast", ECO.expectedFrom, ECO.expectedUntil)
    start, end = g.value(forecast, ECO.expectedFrom), g.value(forecast, ECO.expectedUntil)
    replace(g, forecast, ECO.expectedFrom, end)
    replace(g, forecast, ECO.expectedUntil, start)


def _bound_read_as_value(g):
    statistic = first(g, "Statistic", ECO.maxValue)
    g.add((statistic, ECO.value, g.value(statistic, ECO.maxValue)))


def _about_without_interval(g):
    statistic = next(iter(sorted(g.subjects(ECO.approximation, ECO.Approximately))))
    g.remove((statistic, ECO.maxValue, None))


def _statement_not_saying_who_states_it(g):
    claim = next(iter(sorted(g.subjects(ECO.inferred, Literal(False)))))
    g.remove((claim, ECO.inferred, None))


BREAKAGES: dict[str, tuple[Callable[[Graph], None], str]] = {
    "required field missing": (_missing_required, "Less than 1 values on"),
    "functional property twice": (_functional_twice, "More than 1 values on"),
    "reference to the wrong class": (_wrong_class, "Value does not have class eco:Sector"),
    "wrong datatype": (_wrong_datatype, "Value is not Literal with datatype xsd:decimal"),
    "ill-typed date": (_ill_typed_date, "must conform to one or more shapes in"),
    "ill-typed decimal": (_ill_typed_decimal, "Value is not Literal with datatype xsd:decimal"),
    "paragraph number zero": (_zero_paragraph, "Value is not Literal with datatype xsd:positiveInteger"),
    "IRI where a date belongs": (_iri_for_literal, "Node <https://w3id.org/helixgraph/ontology#Exact> must conform"),
    "no English label": (_no_english_label, "has no English rdfs:label"),
    "no source": (_no_source, "has no source"),
    "source of the wrong class": (_source_not_a_source, "has no source"),
    "statistic without a number": (_statistic_without_number, "gives neither eco:value"),
    "qualifier not matching the bound": (_qualifier_not_matching, "the approximation qualifier"),
    "percent share without denominator": (_percent_without_denominator, "is a percentage but lacks"),
    "event with neither date nor notLaterThan": (_event_undated, "has neither eco:date nor eco:notLaterThan"),
    "event dated after its source": (_event_after_source, "after its source was issued (2025-10-01)"),
    "forecast window reversed": (_forecast_reversed, "before the window opens"),
    "a bound read as a value": (_bound_read_as_value, "keep only the qualifier's bounds"),
    "'about' without its interval": (_about_without_interval, "needs https://w3id.org/helixgraph/ontology#minValue and"),
    "statement not saying who states it": (_statement_not_saying_who_states_it, "does not say whether the source"),
}


@pytest.mark.parametrize("name", list(BREAKAGES))
def test_breakage_is_reported(name):
    g = fresh()
    breakage, expected = BREAKAGES[name]
    breakage(g)
    found = validate_store(to_store(g))
    assert any(expected in v.message for v in found), found


# pySHACL takes about three seconds on the bundled data: the comparison with the reference runs in
# the slow tier, for every breakage.
@pytest.mark.slow
@pytest.mark.parametrize("name", list(BREAKAGES))
def test_breakage_reported_like_pyshacl(name):
    g = fresh()
    breakage, expected = BREAKAGES[name]
    breakage(g)
    store, reference = both(g)
    assert store == reference
    assert any(expected in v.message for v in store), store


# ---------------------------------------------------------------------------------------------


@lru_cache(maxsize=1)
def _pools() -> tuple[list, list, list, set]:
    """Triples to mutate, replacement objects, and the functional properties."""
    g = bundled()
    triples = sorted(g)
    # Oxigraph stores a valid xsd:positiveInteger as xsd:integer (see the module docstring), which the
    # default sh:or message then prints differently: such literals are not moved onto other properties.
    objects = sorted({o for o in g.objects() if not (isinstance(o, Literal) and o.datatype == XSD.positiveInteger)})
    odd = [Literal("abc", datatype=XSD.date), Literal("x"), Literal("x", lang="zh"), Literal("1.5", datatype=XSD.decimal),
           Literal("true", datatype=XSD.boolean), ECO.Company, URIRef("urn:nowhere")]
    functional = {p.iri for p in load_ontology().properties.values() if p.functional}
    return triples, objects + odd, [t for t in triples if t[1] in functional], functional


@st.composite
def mutation(draw):
    triples, objects, functional_triples, _ = _pools()
    kind = draw(st.sampled_from(["drop", "duplicate", "swap"]))
    if kind == "drop":
        return ("drop", draw(st.sampled_from(triples)), None)
    if kind == "duplicate":
        s, p, o = draw(st.sampled_from(functional_triples))
        same_kind = [x for x in objects if type(x) is type(o) and x != o]
        return ("add", (s, p, o), draw(st.sampled_from(same_kind)))
    s, p, o = draw(st.sampled_from(triples))
    return ("swap", (s, p, o), draw(st.sampled_from([x for x in objects if x != o])))


def reported_like_pyshacl(mutations: list) -> None:
    """Apply the mutations to a copy of the bundled data: both validators report the same violations."""
    g = fresh()
    for kind, (s, p, o), new in mutations:
        if kind in ("drop", "swap"):
            g.remove((s, p, o))
        if kind in ("add", "swap"):
            g.add((s, p, new))
    store, reference = both(g)
    assert store == reference


# Each example runs pySHACL on the whole bundled dataset (about three seconds): a few in the default
# tier, a long run in the slow tier.
@settings(max_examples=3, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.lists(mutation(), min_size=1, max_size=2))
def test_random_mutations_reported_like_pyshacl(mutations):
    reported_like_pyshacl(mutations)


@pytest.mark.slow
@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.lists(mutation(), min_size=1, max_size=3))
def test_many_random_mutations_reported_like_pyshacl(mutations):
    reported_like_pyshacl(mutations)


# ---------------------------------------------------------------------------------------------


def test_positive_integer_typed_as_integer_is_the_known_gap():
    """Oxigraph keeps a valid ``xsd:positiveInteger`` as ``xsd:integer``: this slip only pySHACL sees."""
    g = fresh()
    passage = first(g, "Passage", ECO.paragraphNumber)
    number = g.value(passage, ECO.paragraphNumber)
    replace(g, passage, ECO.paragraphNumber, Literal(int(number), datatype=XSD.integer))
    store, reference = both(g)
    assert store == []
    assert [v.message for v in reference] == ["Value is not Literal with datatype xsd:positiveInteger"]


def test_the_bundled_shapes_are_compiled_once():
    validate_store(ox.Store())
    before = bundled_checks.cache_info()
    validate_store(ox.Store())
    assert bundled_checks.cache_info().hits == before.hits + 1
    assert bundled_checks() == compile_shapes(load_shapes())


def test_every_constraint_of_our_shapes_compiles_to_one_query():
    components = {check.component for check in compile_shapes(load_shapes())}
    assert components == {"sh:minCount", "sh:maxCount", "sh:class", "sh:datatype", "sh:or", "sh:sparql"}


SHAPES_HEAD = """
@prefix sh: <http://www.w3.org/ns/shacl#> . @prefix ex: <http://example.org/> .
@prefix xsd: <http://www.w3.org/2001/XMLSchema#> . @prefix owl: <http://www.w3.org/2002/07/owl#> .
ex: a owl:Ontology ; sh:declare [ sh:prefix "ex" ; sh:namespace "http://example.org/"^^xsd:anyURI ] .
"""


def test_a_custom_shapes_graph_and_its_placeholders():
    shapes = Graph().parse(format="turtle", data=SHAPES_HEAD + """
        ex:Pair a sh:NodeShape ; sh:targetClass ex:Thing ;
            sh:property [ sh:path ex:size ; sh:minCount 2 ; sh:datatype xsd:integer ] ;
            sh:sparql [ sh:prefixes ex: ; sh:message "{$this} is as big as {?other}, size {?value}" ;
                sh:select \"\"\"SELECT $this ?other ?value WHERE { $this ex:size ?value . ?other ex:size ?value .
                           FILTER (?other != $this) }\"\"\" ] .""")
    data = Graph().parse(format="turtle", data="""
        @prefix ex: <http://example.org/> .
        ex:a a ex:Thing ; ex:size 3 . ex:b a ex:Thing ; ex:size 3, "4" .""")
    store = ox.Store()
    load_graphs(store, [("urn:g", data)])
    assert validate_store(store, shapes=compile_shapes(shapes)) == validate_store(store, shapes=shapes) == [
        Violation("a", "", "http://example.org/a is as big as http://example.org/b, size 3", "3"),
        Violation("a", "size", "Less than 2 values on <http://example.org/a>->ex:size"),
        Violation("b", "", "http://example.org/b is as big as http://example.org/a, size 3", "3"),
        Violation("b", "size", "Value is not Literal with datatype xsd:integer", "4"),
    ]


@pytest.mark.parametrize(
    ("shape", "feature"),
    [
        ("ex:S sh:targetClass ex:C ; sh:property [ sh:path ex:p ; sh:pattern \"^a\" ] .", "sh:pattern"),
        ("ex:S sh:targetNode ex:n ; sh:property [ sh:path ex:p ; sh:minCount 1 ] .", "sh:targetNode"),
        ("ex:S sh:targetClass ex:C ; sh:closed true .", "sh:closed"),
        ("ex:S sh:targetClass ex:C ; sh:property [ sh:path [ sh:inversePath ex:p ] ; sh:minCount 1 ] .",
         "a complex sh:path"),
        ("ex:S sh:targetClass ex:C ; sh:property [ sh:path ex:p ; sh:datatype xsd:time ] .", "xsd:time"),
        ("ex:S sh:targetClass ex:C ; sh:or ( [ sh:path ex:p ; sh:minCount 2 ] ) .", "an sh:or member"),
        (('ex:S sh:targetClass ex:C ; sh:sparql [ sh:message "m" ; sh:prefixes ex: ; '
          'sh:select "SELECT $this WHERE { OPTIONAL { $this ex:p ?o } }" ] .'), "nested group pattern"),
        (('ex:S sh:targetClass ex:C ; sh:sparql [ sh:message "m" ; '
          'sh:select "SELECT $this WHERE { $this nope:p ?o }" ] .'), "does not compile to valid SPARQL"),
        (('ex:S sh:targetClass ex:C ; sh:sparql [ sh:prefixes ex: ; '
          'sh:select "SELECT $this WHERE { $this ex:p ?o }" ] .'), "without sh:message"),
        ("ex:S sh:targetClass ex:C ; sh:property [ sh:path ex:p ; sh:minCount 1 ; sh:severity sh:Warning ] .",
         "sh:severity"),
    ],
)
def test_unsupported_features_are_refused_by_name(shape, feature):
    shapes = Graph().parse(format="turtle", data=SHAPES_HEAD + shape)
    with pytest.raises(OntologyError, match="ex:S") as caught:
        compile_shapes(shapes)
    assert feature in str(caught.value)


def test_unsupported_feature_in_our_shapes_names_the_shape():
    shapes = Graph()
    shapes += load_shapes()
    for prefix, namespace in load_shapes().namespaces():
        shapes.bind(prefix, namespace)
    prop = shapes.value(SHAPES_NS["Provenance"], SH.property)
    shapes.add((prop, SH.pattern, Literal("^https://")))
    with pytest.raises(OntologyError, match=r"hxs:Provenance.*sh:pattern"):
        compile_shapes(shapes)


@pytest.mark.parametrize(
    ("select", "feature"),
    [
        ("SELECT $this WHERE { { SELECT $this WHERE { $this ex:p ?o } } }", "a sub-SELECT"),
        ("SELECT $this WHERE { $this ex:p ?o } ORDER BY ?o", "solution modifiers"),
        ("SELECT $this WHERE { $this ex:p ?o } VALUES ?o { 1 }", "solution modifiers"),
        ("SELECT $this FROM <urn:g> WHERE { $this ex:p ?o }", "FROM"),
        ("BASE <urn:b> SELECT $this WHERE { $this ex:p ?o }", "prologue other than PREFIX"),
        ("SELECT * WHERE { $this ex:p ?o }", "projection other than plain variables"),
        ("SELECT $this (STR(?o) AS ?s) WHERE { $this ex:p ?o }", "projection other than plain variables"),
        ("ASK { $this ex:p ?o }", "not a SELECT query"),
        ("SELECT $this WHERE { $this ex:p ?o FILTER EXISTS { ?o ex:q ?r MINUS { ?r ex:q ?s } } }",
         "nested group pattern"),
        ("SELECT $this WHERE { $this ex:p $currentShape }", "$currentShape"),
        ("SELECT $this WHERE { $this $PATH ?o }", "$PATH"),
        ("SELECT $this WHERE { $this ex:p ?o", "not valid SPARQL"),
    ],
)
def test_sparql_constraints_that_cannot_be_run_in_one_pass_are_refused(select, feature):
    shapes = Graph().parse(format="turtle", data=SHAPES_HEAD + f"""
        ex:S sh:targetClass ex:C ; sh:sparql [ sh:message "m" ; sh:prefixes ex: ; sh:select "{select}" ] .""")
    with pytest.raises(OntologyError, match="ex:S") as caught:
        compile_shapes(shapes)
    assert feature in str(caught.value)


def test_braces_in_strings_and_comments_do_not_confuse_the_sparql_constraint():
    shapes = Graph().parse(format="turtle", data=SHAPES_HEAD + """
        ex:S sh:targetClass ex:Thing ; sh:sparql [ sh:prefixes ex: ; sh:message "{$this} is named {?name}" ;
            sh:select \"\"\"SELECT $this ?name # the projection { and a brace
                        WHERE { $this ex:name ?name . FILTER (?name IN ("}", "{")) }  # a closing } in a comment
                        \"\"\" ] .""")
    data = Graph().parse(format="turtle", data="""
        @prefix ex: <http://example.org/> .
        ex:a a ex:Thing ; ex:name "}" . ex:b a ex:Thing ; ex:name "b" . ex:c ex:name "{" .""")
    store = ox.Store()
    load_graphs(store, [("urn:g", data)])
    assert validate_store(store, shapes=shapes) == [Violation("a", "", "http://example.org/a is named }", "a")]
