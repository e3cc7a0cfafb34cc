"""SparqlClient against the real endpoint: same answers as the embedded store, clear failures."""

from __future__ import annotations

import pytest

from helixgraph.api import query as run_query
from helixgraph.errors import EndpointError, QueryError
from helixgraph.graph.catalog import named_queries
from helixgraph.graph.query import query_store
from helixgraph.server.addresses import free_port
from helixgraph.server.client import SparqlClient
from helixgraph.server.endpoint import running_endpoint

pytestmark = pytest.mark.server

#: The shipped competency questions, which the server must answer exactly as the embedded store does.
COMPETENCY = sorted(name for name, q in named_queries().items() if q.kind == "competency")
#: A cross join of the whole dataset with itself three times: billions of rows, far past one second.
SLOW = "SELECT (COUNT(*) AS ?n) WHERE { ?a ?b ?c . ?d ?e ?f . ?g ?h ?i }"
QUICK = "SELECT (COUNT(*) AS ?n) WHERE { ?s a eco:Hospital }"


@pytest.mark.parametrize("name", COMPETENCY)
def test_competency_query_answers_as_the_embedded_store(endpoint, server_store, canonical, name):
    remote = run_query(name, endpoint=endpoint, timeout=10)
    local = run_query(name, store=server_store)
    assert remote.variables == local.variables
    assert canonical(remote) == canonical(local)


def test_there_are_competency_queries_to_compare():
    assert len(COMPETENCY) >= 20


def test_project_prefixes_are_prepended(endpoint, server_store):
    text = "SELECT ?label WHERE { ?x a eco:Hospital ; rdfs:label ?label } ORDER BY ?label"
    rows = SparqlClient(endpoint).select_rows(text)
    assert rows == query_store(server_store, text).rows
    assert rows


def test_queries_with_their_own_prefixes_still_work(endpoint):
    text = "PREFIX e: <https://w3id.org/helixgraph/ontology#>\nASK { ?x a e:Hospital }"
    assert SparqlClient(endpoint).query(text).boolean is True


@pytest.mark.parametrize(("text", "expected"), [
    ("ASK { ?x a eco:Hospital }", True),
    ("ASK { hx:no-such-thing ?p ?o }", False),
])
def test_ask(endpoint, text, expected):
    result = SparqlClient(endpoint).query(text)
    assert result.boolean is expected
    assert result.variables == []


def test_select_rows_refuses_ask(endpoint):
    with pytest.raises(QueryError, match="select_rows\\(\\) needs a SELECT query"):
        SparqlClient(endpoint).select_rows("ASK {}")


def test_syntax_error_names_the_endpoint_status_and_line(endpoint):
    with pytest.raises(EndpointError) as info:
        SparqlClient(endpoint).query("SELECT ?x WHERE {\n  ?x ?y\n}")
    message = str(info.value)
    assert message.startswith(f"the SPARQL endpoint {endpoint} answered 400 Bad Request: error at 3:")


def test_construct_is_refused_with_a_reason(endpoint):
    with pytest.raises(EndpointError, match="406 Not Acceptable"):
        SparqlClient(endpoint).query("CONSTRUCT WHERE { ?s ?p ?o } LIMIT 1")


def test_unreachable_endpoint():
    url = f"http://127.0.0.1:{free_port()}/query"
    with pytest.raises(EndpointError, match=f"cannot reach the SPARQL endpoint {url}: .*refused"):
        SparqlClient(url, timeout=5).query("ASK {}")


@pytest.mark.parametrize("url", ["localhost:7878/query", "file:///etc/passwd", "http://"])
def test_only_http_urls(url):
    with pytest.raises(EndpointError, match="expected an http:// or https:// endpoint URL"):
        SparqlClient(url)


def test_server_timeout_is_an_error_status_and_the_server_keeps_answering(server_build, server_store):
    with running_endpoint(server_build, timeout=1) as url:
        client = SparqlClient(url, timeout=60)
        with pytest.raises(EndpointError) as info:
            client.query(SLOW)
        assert str(info.value) == (
            f"the SPARQL endpoint {url} answered 503 Service Unavailable: the query was stopped after 1 s, "
            "the time this endpoint allows a query (--timeout)")
        assert client.select_rows(QUICK) == query_store(server_store, QUICK).rows


def test_client_timeout(server_build):
    with (running_endpoint(server_build, timeout=2) as url,
          pytest.raises(EndpointError, match=f"the SPARQL endpoint {url} did not answer within 0.3 s")):
        SparqlClient(url, timeout=0.3).query(SLOW)
