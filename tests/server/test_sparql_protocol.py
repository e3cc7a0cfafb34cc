"""The endpoint speaks standard SPARQL 1.1 Protocol: other clients, every result format, graphs as
Turtle and N-Triples, errors with their status, no updates, concurrent queries."""

from __future__ import annotations

import csv
import io
import json
import urllib.error
import urllib.parse
import urllib.request
import xml.etree.ElementTree as ET
from concurrent.futures import ThreadPoolExecutor

import pyoxigraph as ox
import pytest
from SPARQLWrapper import JSON, SPARQLWrapper

from helixgraph.graph.query import query_store
from helixgraph.ontology.prefixes import sparql_prologue
from helixgraph.server.client import SparqlClient
from helixgraph.server.front import MAX_QUERY_BYTES

pytestmark = pytest.mark.server

ORGANISATIONS = sparql_prologue() + (
    "SELECT (COUNT(DISTINCT ?o) AS ?n) WHERE { ?o a/rdfs:subClassOf* eco:Organisation }")
LABELS = sparql_prologue() + "SELECT ?x ?label WHERE { ?x rdfs:label ?label }"
_RESULTS_NS = "{http://www.w3.org/2005/sparql-results#}"


def _get(endpoint: str, query: str, accept: str) -> tuple[str, str]:
    url = f"{endpoint}?{urllib.parse.urlencode({'query': query})}"
    with urllib.request.urlopen(urllib.request.Request(url, headers={"Accept": accept}), timeout=10) as r:
        return r.headers.get_content_type(), r.read().decode("utf-8")


def _json_rows(body: str) -> int:
    return len(json.loads(body)["results"]["bindings"])


def _xml_rows(body: str) -> int:
    return len(ET.fromstring(body).findall(f"{_RESULTS_NS}results/{_RESULTS_NS}result"))


def _csv_rows(body: str, delimiter: str) -> int:
    rows = list(csv.reader(io.StringIO(body, newline=""), delimiter=delimiter))
    assert len(rows[0]) == 2  # the header names both variables
    return len(rows) - 1


@pytest.mark.parametrize(("accept", "read"), [
    ("application/sparql-results+json", _json_rows),
    ("application/sparql-results+xml", _xml_rows),
    ("text/csv", lambda body: _csv_rows(body, ",")),
    ("text/tab-separated-values", lambda body: _csv_rows(body, "\t")),
])
def test_every_result_format_parses_to_the_same_row_count(endpoint, server_store, accept, read):
    content_type, body = _get(endpoint, LABELS, accept)
    assert content_type == accept
    expected = len(query_store(server_store, LABELS))
    assert expected > 100
    assert read(body) == expected


def test_sparqlwrapper_gets_the_same_count(endpoint, server_store):
    wrapper = SPARQLWrapper(endpoint)
    wrapper.setQuery(ORGANISATIONS)
    wrapper.setReturnFormat(JSON)
    answer = wrapper.query().convert()
    expected = query_store(server_store, ORGANISATIONS).rows[0][0]
    assert expected > 5
    assert int(answer["results"]["bindings"][0]["n"]["value"]) == expected


def test_update_is_refused_and_changes_nothing(endpoint, server_store):
    count = "SELECT (COUNT(*) AS ?n) WHERE { GRAPH ?g { ?s ?p ?o } }"
    client = SparqlClient(endpoint)
    before = client.select_rows(count)
    assert before == [(len(server_store),)]
    update_url = endpoint.removesuffix("/query") + "/update"
    update = "INSERT DATA { GRAPH <urn:x:g> { <urn:x:s> <urn:x:p> <urn:x:o> } }"
    request = urllib.request.Request(update_url, data=urllib.parse.urlencode({"update": update}).encode(),
                                     method="POST")
    with pytest.raises(urllib.error.HTTPError) as info:
        urllib.request.urlopen(request, timeout=10)
    assert info.value.code == 403
    assert client.select_rows(count) == before


def test_burst_of_concurrent_queries_all_answer(endpoint, server_store):
    expected = query_store(server_store, ORGANISATIONS).rows
    client = SparqlClient(endpoint, timeout=30)
    with ThreadPoolExecutor(max_workers=8) as pool:
        answers = list(pool.map(client.select_rows, [ORGANISATIONS] * 40))
    assert answers == [expected] * 40


def _ask(endpoint: str, method: str, path: str = "", body: bytes | None = None, headers: dict | None = None):
    url = endpoint + path
    request = urllib.request.Request(url, data=body, method=method, headers=headers or {})
    try:
        with urllib.request.urlopen(request, timeout=30) as response:
            return response.status, response.headers, response.read().decode("utf-8")
    except urllib.error.HTTPError as exc:
        return exc.code, exc.headers, exc.read().decode("utf-8")


GRAPH = sparql_prologue() + "CONSTRUCT { ?x rdfs:label ?label } WHERE { ?x rdfs:label ?label }"


@pytest.mark.parametrize(("accept", "fmt"), [
    ("text/turtle", ox.RdfFormat.TURTLE),
    ("application/n-triples", ox.RdfFormat.N_TRIPLES),
    ("application/rdf+xml", ox.RdfFormat.RDF_XML),
    ("application/ld+json", ox.RdfFormat.JSON_LD),
])
def test_construct_answers_in_each_graph_format(endpoint, server_store, accept, fmt):
    content_type, body = _get(endpoint, GRAPH, accept)
    assert content_type == accept
    expected = {str(t) for t in server_store.query(GRAPH, use_default_graph_as_union=True)}
    assert len(expected) > 100
    assert {str(t) for t in ox.parse(body.encode("utf-8"), format=fmt)} == expected


@pytest.mark.parametrize(("name", "content_type"), [
    ("csv", "text/csv"), ("tsv", "text/tab-separated-values"), ("xml", "application/sparql-results+xml")])
def test_format_parameter_wins_over_accept(endpoint, name, content_type):
    url = f"{endpoint}?{urllib.parse.urlencode({'query': 'ASK {}', 'format': name})}"
    with urllib.request.urlopen(urllib.request.Request(url, headers={"Accept": "application/json"})) as r:
        assert r.headers.get_content_type() == content_type


def test_get_form_post_and_direct_post_give_the_same_answer(endpoint):
    query = LABELS + " ORDER BY ?x ?label"
    accept = {"Accept": "text/csv"}
    got = _ask(endpoint, "GET", "?" + urllib.parse.urlencode({"query": query}), headers=accept)
    form = _ask(endpoint, "POST", body=urllib.parse.urlencode({"query": query}).encode(),
                headers={**accept, "Content-Type": "application/x-www-form-urlencoded"})
    direct = _ask(endpoint, "POST", body=query.encode(), headers={**accept, "Content-Type": "application/sparql-query"})
    assert got[0] == form[0] == direct[0] == 200
    assert got[2] == form[2] == direct[2]
    assert got[2].count("\n") > 100


@pytest.mark.parametrize(("query", "accept", "status", "says"), [
    ("SELECT ?x WHERE {\n  ?x ?y\n}", "application/sparql-results+json", 400, "error at 3:"),
    ("SELECT * WHERE { ?s ?p ?o } LIMIT 1", "text/html", 406, "cannot answer this query in 'text/html'"),
    ("CONSTRUCT WHERE { ?s ?p ?o } LIMIT 1", "text/csv", 406, "it can be answered in text/turtle"),
])
def test_errors_have_their_status_and_a_message(endpoint, query, accept, status, says):
    code, headers, body = _ask(endpoint, "POST", body=query.encode(),
                               headers={"Content-Type": "application/sparql-query", "Accept": accept})
    assert code == status
    assert headers.get_content_type() == "text/plain"
    assert says in body


@pytest.mark.parametrize(("method", "path", "body", "content_type"), [
    ("PUT", "/store?default", b"<urn:x:s> <urn:x:p> <urn:x:o> .", "application/n-triples"),
    ("POST", "/store?default", b"<urn:x:s> <urn:x:p> <urn:x:o> .", "application/n-triples"),
    ("DELETE", "/store?default", None, None),
    ("POST", "/query", b"INSERT DATA { <urn:x:s> <urn:x:p> <urn:x:o> }", "application/sparql-update"),
    ("POST", "/query", b"update=CLEAR%20ALL", "application/x-www-form-urlencoded"),
])
def test_every_kind_of_write_is_refused(endpoint, server_store, method, path, body, content_type):
    base = endpoint.removesuffix("/query")
    headers = {"Content-Type": content_type} if content_type else {}
    code, _, message = _ask(base, method, path, body=body, headers=headers)
    assert code == 403
    assert message.startswith("this endpoint is read-only")
    assert SparqlClient(endpoint).select_rows("SELECT (COUNT(*) AS ?n) WHERE { GRAPH ?g { ?s ?p ?o } }") == [
        (len(server_store),)]


def test_an_oversized_query_is_refused_unread(endpoint):
    body = b"ASK {} #" + b"x" * MAX_QUERY_BYTES
    code, _, message = _ask(endpoint, "POST", body=body, headers={"Content-Type": "application/sparql-query"})
    assert code == 413
    assert f"a query may have at most {MAX_QUERY_BYTES}" in message


def test_a_request_without_query_gets_the_service_description(endpoint):
    code, headers, body = _ask(endpoint, "GET", headers={"Accept": "text/turtle"})
    assert code == 200
    assert headers.get_content_type() == "text/turtle"
    triples = list(ox.parse(body.encode("utf-8"), format=ox.RdfFormat.TURTLE))
    endpoints = [t.object.value for t in triples
                 if t.predicate.value == "http://www.w3.org/ns/sparql-service-description#endpoint"]
    assert endpoints == [endpoint]


def test_a_query_sent_again_is_answered_as_its_own_request_asks(endpoint, server_store):
    """The same query text, repeated with another ``Accept`` or another dataset, gets what each request asks."""
    expected = query_store(server_store, ORGANISATIONS).rows[0][0]
    assert expected > 5
    form = urllib.parse.urlencode({"query": ORGANISATIONS}).encode()
    posted = {"Content-Type": "application/x-www-form-urlencoded"}
    answers = [_ask(endpoint, "POST", body=form, headers={**posted, "Accept": accept})
               for accept in ("application/sparql-results+json", "text/csv", "application/sparql-results+json")]
    assert [status for status, _, _ in answers] == [200, 200, 200]
    assert [headers.get_content_type() for _, headers, _ in answers] == [
        "application/sparql-results+json", "text/csv", "application/sparql-results+json"]
    assert json.loads(answers[0][2])["results"]["bindings"][0]["n"]["value"] == str(expected)
    assert answers[1][2].split() == ["n", str(expected)]
    assert answers[2][2] == answers[0][2]
    # the same text over an empty default graph (a graph the store does not hold) counts nothing
    empty = "?" + urllib.parse.urlencode({"default-graph-uri": "urn:helixgraph:test:no-such-graph"})
    status, _, body = _ask(endpoint, "POST", empty, body=form, headers={**posted, "Accept": "text/csv"})
    assert (status, body.split()) == (200, ["n", "0"])
    # and a SERVICE clause added to a text seen before is still refused
    status, _, body = _ask(endpoint, "POST", body=(ORGANISATIONS[:-1] + " SERVICE <http://127.0.0.1:9/> {} }").encode(),
                           headers={"Content-Type": "application/sparql-query"})
    assert status == 403 and "SERVICE" in body
