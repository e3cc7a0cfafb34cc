"""Queries that would run for ever or eat the machine: stopped at the limits, their process killed, the CPU
back to idle, and the client told so with an error status, never with a cut-off document."""

from __future__ import annotations

import http.client
import json
import time
import urllib.parse

import psutil
import pytest

from helixgraph.errors import EndpointError
from helixgraph.server.client import SparqlClient
from helixgraph.server.endpoint import running_endpoint

pytestmark = pytest.mark.server

#: A four-way cross join of the whole store: about 10^13 rows to count.
COUNT4 = "SELECT (COUNT(*) AS ?n) WHERE { ?a ?b ?c . ?d ?e ?f . ?g ?h ?i . ?j ?k ?l }"
#: Sorting a three-way cross join: about 10^10 rows held in memory.
ORDER_ALL = "SELECT * WHERE { ?a ?b ?c . ?d ?e ?f . ?g ?h ?i } ORDER BY ?a ?d ?g"
#: Every pair of statements: about 5 million rows, hundreds of megabytes once serialized.
PAIRS = "SELECT * WHERE { ?a ?b ?c . ?d ?e ?f }"
ALL = "SELECT * WHERE { ?s ?p ?o }"
QUICK = "SELECT (COUNT(*) AS ?n) WHERE { ?s ?p ?o }"


def _query_processes() -> dict[int, psutil.Process]:
    """This test's live query processes (a killed one not yet reaped counts as gone)."""
    found = {}
    for process in psutil.Process().children():
        try:
            if "spawn_main" in " ".join(process.cmdline()) and process.status() != psutil.STATUS_ZOMBIE:
                found[process.pid] = process
        except psutil.NoSuchProcess:
            pass
    return found


def _cpu_seconds(processes) -> float:
    total = 0.0
    for process in processes:
        try:
            times = process.cpu_times()
            total += times.user + times.system
        except psutil.NoSuchProcess:
            pass
    return total


def _cpu_settles(within: float = 20.0, window: float = 1.0, busy: float = 0.25) -> bool:
    """Whether, within ``within`` seconds, the query processes use under ``busy`` CPU seconds in a
    ``window``-second span (a replacement process starting up may take the first second or two)."""
    deadline = time.monotonic() + within
    while time.monotonic() < deadline:
        processes = list(_query_processes().values())
        before = _cpu_seconds(processes)
        time.sleep(window)
        if _cpu_seconds(processes) - before < busy:
            return True
    return False


def _raw_post(url: str, query: str, accept: str = "application/sparql-results+json"):
    """POST ``query`` with http.client; the status, headers and every byte of the body."""
    parts = urllib.parse.urlsplit(url)
    connection = http.client.HTTPConnection(parts.hostname, parts.port, timeout=120)
    try:
        connection.request("POST", parts.path, body=query.encode("utf-8"),
                           headers={"Content-Type": "application/sparql-query", "Accept": accept})
        response = connection.getresponse()
        return response.status, response.headers, response.read()
    finally:
        connection.close()


@pytest.mark.parametrize("runaway", [COUNT4, ORDER_ALL], ids=["four-way-count", "order-by-everything"])
def test_runaway_query_is_a_503_its_process_is_killed_and_the_cpu_goes_idle(server_build, server_store, runaway):
    with running_endpoint(server_build, timeout=1, workers=2) as url:
        before = set(_query_processes())
        assert len(before) == 2
        client = SparqlClient(url, timeout=120)
        with pytest.raises(EndpointError) as info:
            client.query(runaway)
        assert str(info.value) == (
            f"the SPARQL endpoint {url} answered 503 Service Unavailable: the query was stopped after 1 s, "
            "the time this endpoint allows a query (--timeout)")
        assert len(before - set(_query_processes())) == 1  # the process that ran it is gone
        assert _cpu_settles()
        assert client.select_rows(QUICK) == [(len(server_store),)]


def test_a_client_that_gives_up_stops_the_query_long_before_the_time_limit(server_build):
    with running_endpoint(server_build, timeout=600, workers=2) as url:
        before = set(_query_processes())
        with pytest.raises(EndpointError, match="did not answer within 1 s"):
            SparqlClient(url, timeout=1).query(COUNT4)
        deadline = time.monotonic() + 10  # far inside the endpoint's 600 s limit
        while len(before - set(_query_processes())) != 1 and time.monotonic() < deadline:
            time.sleep(0.1)
        assert len(before - set(_query_processes())) == 1
        assert _cpu_settles()


def test_a_query_past_the_memory_limit_is_a_503_naming_the_limit(server_build, server_store):
    with running_endpoint(server_build, timeout=120, max_memory=768 * 1024 ** 2, workers=1) as url:
        (before,) = _query_processes()
        client = SparqlClient(url, timeout=180)
        with pytest.raises(EndpointError) as info:
            client.query(ORDER_ALL)
        message = str(info.value)
        assert message.startswith(f"the SPARQL endpoint {url} answered 503 Service Unavailable: the query was "
                                  "stopped: its process ended")
        assert message.endswith("needed more memory than this endpoint allows (768 MiB, --max-memory)")
        assert before not in _query_processes()
        assert client.select_rows(QUICK) == [(len(server_store),)]


@pytest.mark.parametrize(("timeout", "max_memory", "says"), [
    (1, None, "the query was stopped after 1 s"),
    pytest.param(120, 768 * 1024 ** 2, "needed more memory than this endpoint allows (768 MiB, --max-memory)",
                 marks=pytest.mark.slow),
], ids=["time", "memory"])
def test_a_result_cut_off_while_being_written_is_never_sent_as_a_success(server_build, timeout, max_memory, says):
    with running_endpoint(server_build, timeout=timeout, max_memory=max_memory, workers=1) as url:
        status, headers, body = _raw_post(url, PAIRS)
    assert status == 503
    assert headers.get_content_type() == "text/plain"
    assert int(headers["Content-Length"]) == len(body)
    assert says in body.decode("utf-8")


def test_a_large_result_arrives_whole_with_its_length(endpoint, server_store):
    status, headers, body = _raw_post(endpoint, ALL)
    assert status == 200
    assert int(headers["Content-Length"]) == len(body)
    assert len(json.loads(body)["results"]["bindings"]) == len(server_store)
