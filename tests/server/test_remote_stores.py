"""External SPARQL stores end to end: Virtuoso (Debian's package) and Oxigraph's own server.

One Virtuoso per module, with its row cap lowered to 50 so that the shipped queries and the
projection are paged, and one plain ``oxigraph serve`` (no union default graph). The bundled build
(with its analysis) is loaded into both through the Graph Store Protocol, and every shipped query
must give the embedded store's rows on both. Then one test per way this used to fail: writes
refused without credentials, empty answers from a default graph that is not the union, a silent
cut at the row cap, a rerun that doubles, an interrupted upload that starts over.
"""

from __future__ import annotations

import os
import re
import subprocess
import sys
import urllib.request
import warnings
from collections import Counter

import pytest

from benchmarks.generate import generate
from helixgraph.analysis.projection import nodes_sparql, project, ties_sparql
from helixgraph.api import network
from helixgraph.api import query as run_query
from helixgraph.errors import EndpointError
from helixgraph.graph.catalog import named_queries
from helixgraph.graph.store import open_store, store_path, triples_per_graph
from helixgraph.pipeline import analysis_step, build
from helixgraph.remote.client import SparqlClient
from helixgraph.remote.credentials import credentials_for, opener_for
from helixgraph.remote.graph_store import graph_url, upload_dataset
from helixgraph.remote.graphs import NoProjectGraphsWarning, connect
from helixgraph.remote.virtuoso import running_virtuoso
from helixgraph.server.oxigraph_server import running_server

pytestmark = [pytest.mark.server, pytest.mark.slow]

#: A new Virtuoso database's administrator; the server listens on loopback only.
DBA = {"HELIXGRAPH_USER": "dba", "HELIXGRAPH_PASSWORD": "dba"}
CAP = 50
#: Virtuoso sorts at most this many rows for one LIMIT/OFFSET slice (MaxSortedTopRows).
SORTED = 1000
QUERIES = sorted(named_queries())
#: Values for the library's parameters, where a question needs one (the others take their defaults).
PARAMS = {"cluster-actors": {"place": "zgc-life-science-park"}, "entity-timeline": {"entity": "libevitug"},
          "people-and-roles": {"entity": "li-wenhui"}, "forecasts-as-of": {"as_of": "2026-02-01"}}
PER_GRAPH = "SELECT ?g (COUNT(*) AS ?n) WHERE { GRAPH ?g { ?s ?p ?o } } GROUP BY ?g"
ALL_QUADS = "SELECT ?g ?s ?p ?o WHERE { GRAPH ?g { ?s ?p ?o } }"


@pytest.fixture(scope="module")
def built(tmp_path_factory):
    """The bundled dataset built with its analysis, for this module alone (uploads write a journal
    beside the store)."""
    out = tmp_path_factory.mktemp("remote") / "out"
    build(out=out, steps=[analysis_step])
    return out


@pytest.fixture(scope="module")
def store(built):
    """The build's store, opened read-only."""
    return open_store(built)


@pytest.fixture(scope="module")
def virtuoso(tmp_path_factory):
    """A Virtuoso server on a loopback port with a row cap of 50: its base URL."""
    with running_virtuoso(tmp_path_factory.mktemp("virtuoso"), max_rows=CAP, max_sorted_rows=SORTED) as url:
        yield url


@pytest.fixture(scope="module")
def virtuoso_loaded(virtuoso, built):
    """The bundled build loaded into Virtuoso with digest credentials: (query URL, upload summary)."""
    summary = upload_dataset(built, f"{virtuoso}/sparql-graph-crud-auth", environ=DBA, progress=None,
                             chunk_triples=500)
    return f"{virtuoso}/sparql", summary


@pytest.fixture(scope="module")
def oxigraph_plain(tmp_path_factory, built):
    """Plain ``oxigraph serve`` (its default graph is only the default graph) with the build loaded."""
    with running_server(location=tmp_path_factory.mktemp("plain") / "store", read_only=False,
                        union_default_graph=False) as url:
        upload_dataset(built, url.removesuffix("/query") + "/store", progress=None)
        yield url


def _number(value: float) -> float:
    """A number as compared: Virtuoso writes doubles with six significant digits."""
    return float(f"{value:.6g}")


def normalised(rows: list[tuple], text: str) -> Counter:
    """Rows as compared across engines: numbers by value (booleans as 0/1, which Virtuoso sends),
    and GROUP_CONCAT values as the sorted list of their parts, since SPARQL leaves their order open."""
    separators = re.findall(r'separator\s*=\s*"((?:[^"\\]|\\.)*)"', text, flags=re.IGNORECASE)
    separators = [s.encode().decode("unicode_escape") for s in separators]

    def cell(value):
        if isinstance(value, bool):
            return float(value)
        if isinstance(value, (int, float)):
            return _number(value)
        if isinstance(value, str):
            for separator in separators:
                if separator in value:
                    return tuple(sorted(value.split(separator)))
        return value

    return Counter(tuple(cell(v) for v in row) for row in rows)


def test_every_shipped_query_answers_the_same_on_virtuoso(virtuoso_loaded, store):
    client = connect(virtuoso_loaded[0], timeout=60)
    differing = []
    for name in QUERIES:
        text = named_queries()[name].sparql(**PARAMS.get(name, {}))
        local = run_query(name, store=store, **PARAMS.get(name, {}))
        remote = client.query(text)
        assert remote.variables == local.variables, name
        if normalised(remote.rows, text) != normalised(local.rows, text):
            differing.append(name)
    assert differing == []
    # some answers were paged
    assert max(len(run_query(name, store=store, **PARAMS.get(name, {})).rows) for name in QUERIES) > CAP


def test_every_shipped_query_answers_the_same_on_plain_oxigraph(oxigraph_plain, store):
    client = connect(oxigraph_plain, timeout=60)
    assert client.graphs == sorted(triples_per_graph(store))
    for name in QUERIES:
        text = named_queries()[name].sparql(**PARAMS.get(name, {}))
        local = run_query(name, store=store, **PARAMS.get(name, {}))
        remote = client.query(text)
        assert (name, remote.variables, normalised(remote.rows, text)) == (
            name, local.variables, normalised(local.rows, text))


def test_writes_without_credentials_are_refused_with_what_to_set_and_digest_credentials_work(
        virtuoso, virtuoso_loaded, store, built):
    journal = store_path(built).parent / "uploads.json"
    kept = journal.read_text(encoding="utf-8")
    journal.unlink()  # so that nothing counts as already sent
    with pytest.raises(EndpointError) as open_address:
        upload_dataset(built, f"{virtuoso}/sparql-graph-crud", progress=None, environ={})
    assert " answered 403 " in str(open_address.value)
    assert "Virtuoso: /sparql-graph-crud-auth" in str(open_address.value)
    with pytest.raises(EndpointError) as no_credentials:
        upload_dataset(built, f"{virtuoso}/sparql-graph-crud-auth", progress=None, environ={})
    assert " answered 401 " in str(no_credentials.value)
    assert "set HELIXGRAPH_USER and HELIXGRAPH_PASSWORD" in str(no_credentials.value)
    wrong = {"HELIXGRAPH_USER": "dba", "HELIXGRAPH_PASSWORD": "not-the-password-7Q"}
    with pytest.raises(EndpointError) as refused:
        upload_dataset(built, f"{virtuoso}/sparql-graph-crud-auth", progress=None, environ=wrong)
    assert "credentials from HELIXGRAPH_USER and HELIXGRAPH_PASSWORD were refused" in str(refused.value)
    assert "not-the-password-7Q" not in str(refused.value)
    journal.write_text(kept, encoding="utf-8")
    # With the right ones every graph arrived whole.
    remote = SparqlClient(virtuoso_loaded[0]).select_rows(PER_GRAPH)
    assert {g: n for g, n in remote if g in triples_per_graph(store)} == triples_per_graph(store)


def test_a_build_of_many_sources_goes_whole_into_virtuoso_with_digest_credentials(tmp_path):
    generate(600, tmp_path / "sources", sources=8)
    build([tmp_path / "sources"], tmp_path / "out")
    many = open_store(tmp_path / "out")
    assert len(triples_per_graph(many)) == 9
    with running_virtuoso(tmp_path / "virtuoso") as virtuoso:  # its own server: other projects' graphs
        summary = upload_dataset(tmp_path / "out", f"{virtuoso}/sparql-graph-crud-auth", environ=DBA,
                                 progress=None, chunk_triples=200)
        counts = dict(SparqlClient(f"{virtuoso}/sparql").select_rows(PER_GRAPH))
    assert summary == f"Loaded 9 graphs, {len(many)} triples into {virtuoso}/sparql-graph-crud-auth"
    assert {g: counts[g] for g in triples_per_graph(many)} == triples_per_graph(many)


def test_build_store_reads_credentials_from_the_environment_and_never_prints_them(virtuoso, tmp_path):
    env = {**os.environ, "HELIXGRAPH_USER": "dba", "HELIXGRAPH_PASSWORD": "dba"}
    done = subprocess.run(  # noqa: PLW1510 - the return code is asserted
        [sys.executable, "-m", "helixgraph", "build", "--out", str(tmp_path / "out"), "--no-analysis",
         "--no-render", "--store", f"{virtuoso}/sparql-graph-crud-auth"],
        capture_output=True, text=True, env=env, timeout=300)
    assert done.returncode == 0, done.stderr
    assert "into " + f"{virtuoso}/sparql-graph-crud-auth" in done.stdout
    assert "HELIXGRAPH_PASSWORD" not in done.stdout + done.stderr
    assert re.search(r"\bdba\b", done.stdout + done.stderr) is None


def test_default_graph_that_is_not_the_union_gave_empty_answers_and_now_gives_the_same_rows(
        oxigraph_plain, store):
    text = named_queries()["cq18-libevitug-timeline"].text
    assert SparqlClient(oxigraph_plain).query(text).rows == []  # the server's own default graph is empty
    expected = run_query("cq18", store=store)
    assert expected.rows
    assert run_query("cq18", endpoint=oxigraph_plain, timeout=30).rows == expected.rows


def test_an_endpoint_without_the_projects_graphs_is_warned_about(tmp_path):
    with running_server(location=tmp_path / "empty", read_only=False) as url, \
            warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always")
        client = connect(url, timeout=30)
    assert client.graphs is None
    assert [w.category for w in caught] == [NoProjectGraphsWarning]
    assert "holds none of helixgraph's graphs" in str(caught[0].message)


def _without_blank_nodes(result) -> list[tuple]:
    """The rows of a result that hold no blank node (whose labels differ between stores)."""
    return [row for row, binding in zip(result.rows, result.bindings)
            if all(cell.get("type") != "bnode" for cell in binding.values())]


def test_row_cap_is_found_and_paged_through_never_a_silent_cut(virtuoso_loaded, store):
    client = SparqlClient(virtuoso_loaded[0], timeout=60, graphs=sorted(triples_per_graph(store)))
    assert client.row_cap() == CAP
    local = run_query(ALL_QUADS, store=store)
    remote = client.query(ALL_QUADS)
    assert len(local.rows) == len(store) > 10 * CAP
    assert len(remote.rows) == len(local.rows)
    assert normalised(_without_blank_nodes(remote), "") == normalised(_without_blank_nodes(local), "")
    # A query with its own LIMIT above the cap cannot be paged: it is reported, not cut silently.
    with pytest.raises(EndpointError) as cut:
        client.query(ALL_QUADS + " LIMIT 500")
    assert f"sends at most {CAP} rows per query" in str(cut.value)
    assert "ResultSetMaxRows" in str(cut.value)
    # A sorted query is paged as far as the server sorts, then reported.
    assert len(client.query(ALL_QUADS + " ORDER BY ?s ?p ?o LIMIT 40").rows) == 40
    with pytest.raises(EndpointError) as unsorted:
        client.query(ALL_QUADS + " ORDER BY ?s ?p ?o")
    assert "refuses to sort more rows for a page than it has already sent" in str(unsorted.value)
    assert "MaxSortedTopRows" in str(unsorted.value)


def test_rerun_replaces_a_changed_graph_and_never_doubles(virtuoso, virtuoso_loaded, store, built):
    query_url = virtuoso_loaded[0]
    graph = min(triples_per_graph(store))
    extra = b'<urn:x> <urn:y> "stray" .\n'
    request = urllib.request.Request(graph_url(f"{virtuoso}/sparql-graph-crud-auth", graph), data=extra,
                                     method="POST", headers={"Content-Type": "application/n-triples"})
    credentials = credentials_for(virtuoso, DBA)
    opener_for(virtuoso, credentials).open(request, timeout=30).close()
    counts = dict(SparqlClient(query_url).select_rows(PER_GRAPH))
    assert counts[graph] == triples_per_graph(store)[graph] + 1
    summary = upload_dataset(built, f"{virtuoso}/sparql-graph-crud-auth", environ=DBA, progress=None)
    others = len(triples_per_graph(store)) - 1
    assert summary == (f"Loaded 1 graph, {triples_per_graph(store)[graph]} triples into "
                       f"{virtuoso}/sparql-graph-crud-auth; {others} graphs were already complete")
    counts = dict(SparqlClient(query_url).select_rows(PER_GRAPH))
    assert {g: counts[g] for g in triples_per_graph(store)} == triples_per_graph(store)


def test_an_interrupted_upload_resumes_with_the_graphs_not_yet_complete(tmp_path, built, store):
    graphs = sorted(triples_per_graph(store))

    class Interrupted(Exception):
        pass

    def stop_at_the_third_graph(graph: str, sent: int, total: int) -> None:
        if graph == f"<{graphs[2]}>":
            raise Interrupted(graph)

    with running_server(location=tmp_path / "target", read_only=False) as url:
        store_url = url.removesuffix("/query") + "/store"
        with pytest.raises(Interrupted):
            upload_dataset(built, store_url, progress=stop_at_the_third_graph, chunk_triples=100)
        sent: list[str] = []
        summary = upload_dataset(built, store_url, chunk_triples=100,
                                 progress=lambda graph, done, total: sent.append(graph))
        counts = dict(SparqlClient(url).select_rows(PER_GRAPH))
    rest = graphs[2:]
    assert summary == (f"Loaded {len(rest)} graph{'s' if len(rest) != 1 else ''}, "
                       f"{sum(triples_per_graph(store)[g] for g in rest)} triples into {store_url}; "
                       "2 graphs were already complete")
    assert sorted(set(sent)) == sorted(f"<{g}>" for g in graphs)  # the two complete ones report once
    assert counts == triples_per_graph(store)


def test_the_network_projected_over_virtuoso_is_the_embedded_one(virtuoso_loaded, store):
    local = network(store=store)
    # Pages of 7 rows: every projection query is read in several pages.
    client = connect(virtuoso_loaded[0], timeout=60, page_size=7)
    assert len(client.query(nodes_sparql()).rows) > 3 * 7
    assert len(client.query(ties_sparql()).rows) > 3 * 7
    for remote in (network(endpoint=virtuoso_loaded[0]), project(client.query)):
        assert sorted(remote.nodes) == sorted(local.nodes)
        assert _ties(remote) == _ties(local)
        for node, data in local.nodes(data=True):
            assert {k: remote.nodes[node][k] for k in ("label", "cls", "sector", "fields")} == {
                k: data[k] for k in ("label", "cls", "sector", "fields")}


def _ties(G) -> Counter:
    return Counter((s, t, d["predicate"], d["role"], d["date"], d["source"]) for s, t, d in G.edges(data=True))
