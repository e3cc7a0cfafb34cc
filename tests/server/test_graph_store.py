"""Loading the built dataset into a Graph Store Protocol endpoint (``helixgraph build --store``)."""

from __future__ import annotations

import pyoxigraph as ox
import pytest

from helixgraph.api import query as run_query
from helixgraph.errors import EndpointError
from helixgraph.graph.catalog import named_queries
from helixgraph.ontology.prefixes import ONTOLOGY_GRAPH
from helixgraph.server.client import SparqlClient
from helixgraph.server.graph_store import upload_dataset
from helixgraph.server.oxigraph_server import running_server

pytestmark = pytest.mark.server

COMPETENCY = sorted(name for name, q in named_queries().items() if q.kind == "competency")
PER_GRAPH = "SELECT ?g (COUNT(*) AS ?n) WHERE { GRAPH ?g { ?s ?p ?o } } GROUP BY ?g ORDER BY ?g"


@pytest.fixture(scope="module")
def writable(tmp_path_factory):
    """A writable Oxigraph server on an empty store: its query URL and its Graph Store URL."""
    with running_server(location=tmp_path_factory.mktemp("gsp") / "store", read_only=False) as url:
        yield url, url.removesuffix("/query") + "/store"


@pytest.fixture(scope="module")
def uploaded(server_build, writable):
    """The query URL of the writable server after the upload, and the upload's summary."""
    query_url, store_url = writable
    return query_url, upload_dataset(server_build, store_url)


def test_summary_counts_graphs_and_triples(uploaded, writable, server_store):
    graphs = len(list(server_store.named_graphs()))
    assert uploaded[1] == f"Loaded {graphs} graphs, {len(server_store)} triples into {writable[1]}"


def test_each_graph_arrives_whole(uploaded, server_store, canonical):
    remote = SparqlClient(uploaded[0]).query(PER_GRAPH)
    local = run_query(PER_GRAPH, store=server_store)
    assert canonical(remote) == canonical(local)
    assert str(ONTOLOGY_GRAPH) in SparqlClient(uploaded[0]).query(PER_GRAPH).column("g")


@pytest.mark.parametrize("name", COMPETENCY)
def test_competency_query_answers_as_the_embedded_store(uploaded, server_store, canonical, name):
    remote = run_query(name, endpoint=uploaded[0], timeout=10)
    local = run_query(name, store=server_store)
    assert remote.variables == local.variables
    assert canonical(remote) == canonical(local)


def test_uploading_again_replaces_rather_than_adds(server_build, uploaded, writable, server_store):
    upload_dataset(server_build, writable[1])
    total = "SELECT (COUNT(*) AS ?n) WHERE { GRAPH ?g { ?s ?p ?o } }"
    assert SparqlClient(uploaded[0]).select_rows(total) == [(len(server_store),)]


def test_refusal_names_the_graph_and_status(server_build, endpoint, server_store):
    read_only_store = endpoint.removesuffix("/query") + "/store"
    first = min(g.value for g in server_store.named_graphs())
    size = sum(1 for _ in server_store.quads_for_pattern(None, None, None, ox.NamedNode(first)))
    with pytest.raises(EndpointError) as info:
        upload_dataset(server_build, read_only_store, progress=None)
    message = str(info.value)
    assert message.startswith(f"the Graph Store {read_only_store} (PUT of graph <{first}>, triples 1-{size}) "
                              "answered 403")
