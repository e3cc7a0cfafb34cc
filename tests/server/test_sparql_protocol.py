"""The served store speaks standard SPARQL 1.1 Protocol: other clients, every result format, no
updates, concurrent queries."""

from __future__ import annotations

import csv
import io
import json
import urllib.error
import urllib.parse
import urllib.request
import xml.etree.ElementTree as ET
from concurrent.futures import ThreadPoolExecutor

import pytest
from SPARQLWrapper import JSON, SPARQLWrapper

from helixgraph.graph.query import query_store
from helixgraph.ontology.prefixes import sparql_prologue
from helixgraph.server.client import SparqlClient

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
