"""``SERVICE`` clauses: refused by default however they are written or sent, so the endpoint never
connects anywhere; allowed with ``allow_service``, which shows the listener would have seen them."""

from __future__ import annotations

import time
import urllib.error
import urllib.parse
import urllib.request

import pytest

from helixgraph.server.endpoint import running_endpoint

pytestmark = pytest.mark.server

REFUSAL = "SERVICE clauses are disabled on this endpoint"

#: Ways to write a SERVICE clause; ``{url}`` is the listener's address.
QUERIES = {
    "plain": "SELECT * WHERE { SERVICE <{url}> { ?s ?p ?o } }",
    "lower-case-silent": "select * where { service silent <{url}> { ?s ?p ?o } }",
    "variable": "SELECT * WHERE { VALUES ?x { <{url}> } SERVICE ?x { ?s ?p ?o } }",
    "in-exists": "ASK { ?a ?b ?c FILTER EXISTS { SERVICE <{url}> { ?s ?p ?o } } }",
    "in-subquery": "SELECT * WHERE { { SELECT ?s WHERE { SERVICE <{url}> { ?s ?p ?o } } LIMIT 1 } }",
    "in-optional-after-comment": "SELECT * WHERE { ?a ?b ?c # SERVICE\n OPTIONAL { SERVICE <{url}> { ?a ?p ?o } } }",
    "after-comment-ended-by-carriage-return": "SELECT * WHERE {\n# a note\r SERVICE <{url}> { ?s ?p ?o } }",
    "unicode-escaped": "SELECT * WHERE { \\u0053ERVICE <{url}> { ?s ?p ?o } }",
    "prefixed": "PREFIX remote: <{url}> SELECT * WHERE { SERVICE remote: { ?s ?p ?o } }",
    "construct": "CONSTRUCT { ?s ?p ?o } WHERE { SERVICE <{url}> { ?s ?p ?o } }",
}


def _send(endpoint: str, query: str, how: str) -> tuple[int, str]:
    if how == "get":
        request = urllib.request.Request(f"{endpoint}?{urllib.parse.urlencode({'query': query})}")
    elif how == "form":
        request = urllib.request.Request(endpoint, data=urllib.parse.urlencode({"query": query}).encode(),
                                         headers={"Content-Type": "application/x-www-form-urlencoded"})
    else:
        request = urllib.request.Request(endpoint, data=query.encode(),
                                         headers={"Content-Type": "application/sparql-query"})
    try:
        with urllib.request.urlopen(request, timeout=30) as response:
            return response.status, response.read().decode()
    except urllib.error.HTTPError as exc:
        return exc.code, exc.read().decode()


@pytest.mark.parametrize("how", ["get", "form", "direct"])
@pytest.mark.parametrize("name", sorted(QUERIES))
def test_service_is_refused_and_nothing_is_contacted(endpoint, listener, name, how):
    status, body = _send(endpoint, QUERIES[name].replace("{url}", listener.url), how)
    assert status == 403
    assert body.startswith(REFUSAL)
    time.sleep(0.2)  # a request on its way would have arrived by now
    assert listener.received == []


def test_words_that_only_look_like_service_are_not_refused(endpoint, listener):
    query = ('PREFIX service: <urn:x:> SELECT ?label WHERE { ?s service:service ?o . '
             '?s <http://www.w3.org/2000/01/rdf-schema#label> ?label FILTER(CONTAINS(?label, "SERVICE")) }')
    status, body = _send(endpoint, query, "direct")
    assert status == 200, body
    assert listener.received == []


def test_with_allow_service_the_listener_is_reached(server_build, listener):
    with running_endpoint(server_build, allow_service=True, timeout=20, workers=1) as url:
        status, _ = _send(url, QUERIES["plain"].replace("{url}", listener.url), "form")
    assert status != 403
    assert len(listener.received) == 1
    assert listener.received[0].startswith(b"POST /sparql HTTP/1.1")
