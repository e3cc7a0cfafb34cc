"""Running Oxigraph's own server (the Graph Store target and the benchmark's reference): command line,
failures, flags, and how SparqlClient reads the bodies it cuts off at its timeout."""

from __future__ import annotations

import socket
import urllib.error
import urllib.request
from pathlib import Path

import pytest

from helixgraph.errors import EndpointError, StoreError
from helixgraph.server import oxigraph_server
from helixgraph.server.client import SparqlClient
from helixgraph.server.oxigraph_server import find_oxigraph, running_server

pytestmark = pytest.mark.server

COUNT_DEFAULT = "SELECT (COUNT(*) AS ?n) WHERE { ?s ?p ?o }"
COUNT_ALL = "SELECT (COUNT(*) AS ?n) WHERE { GRAPH ?g { ?s ?p ?o } }"
#: A three-way cross join: Oxigraph's --timeout-s cancels this one, after sending 200 OK.
SLOW = "SELECT (COUNT(*) AS ?n) WHERE { ?a ?b ?c . ?d ?e ?f . ?g ?h ?i }"


def test_finds_the_executable_installed_with_the_server_extra():
    path = Path(find_oxigraph())
    assert path.name.startswith("oxigraph")
    assert path.is_file()


def test_missing_executable_says_how_to_install(monkeypatch, tmp_path):
    monkeypatch.setattr(oxigraph_server.sysconfig, "get_path", lambda name: str(tmp_path))
    monkeypatch.setattr(oxigraph_server.sys, "executable", str(tmp_path / "python"))
    monkeypatch.setenv("PATH", str(tmp_path))
    with pytest.raises(EndpointError, match=r"pip install 'helixgraph\[server\]'") as info:
        find_oxigraph()
    assert str(tmp_path) in str(info.value)


def test_non_loopback_host_is_refused_without_allow_remote(server_build):
    with pytest.raises(EndpointError, match="refusing to listen on '0.0.0.0'.*allow_remote=True"), \
            running_server(server_build, host="0.0.0.0"):
        pass  # pragma: no cover - never reached


def test_missing_store_is_named(tmp_path):
    missing = f"no built store at {tmp_path}: run `helixgraph build` first"
    with pytest.raises(StoreError, match=missing), running_server(tmp_path):
        pass  # pragma: no cover - never reached


@pytest.mark.parametrize("error", [RuntimeError, EndpointError])
def test_server_is_stopped_when_the_block_ends_even_on_error(server_build, error, reachable):
    with pytest.raises(error, match="boom"), running_server(server_build) as url:
        assert SparqlClient(url).select_rows(COUNT_ALL)[0][0] > 0
        raise error("boom")
    assert not reachable(url)


def test_start_failure_carries_the_server_message(server_build):
    with socket.socket() as taken:
        taken.bind(("127.0.0.1", 0))
        taken.listen()
        port = taken.getsockname()[1]
        expected = r"stopped at start-up \(exit code 1\).*Address already in use"
        with pytest.raises(EndpointError, match=expected) as info, running_server(server_build, port=port):
            pass  # pragma: no cover - never reached
    assert "Stack backtrace" not in str(info.value)
    assert f"--bind 127.0.0.1:{port}" in str(info.value)


@pytest.mark.parametrize("union", [True, False])
def test_union_default_graph_flag(server_build, server_store, union):
    total = len(server_store)
    with running_server(server_build, union_default_graph=union) as url:
        client = SparqlClient(url)
        assert client.select_rows(COUNT_ALL) == [(total,)]
        assert client.select_rows(COUNT_DEFAULT) == [(total if union else 0,)]


@pytest.mark.parametrize("cors", [True, False])
def test_cors_flag(server_build, cors):
    with running_server(server_build, cors=cors) as url:
        preflight = urllib.request.Request(url, method="OPTIONS", headers={
            "Origin": "http://example.org", "Access-Control-Request-Method": "POST"})
        try:
            with urllib.request.urlopen(preflight, timeout=5) as response:
                allowed = response.headers.get("Access-Control-Allow-Origin")
        except urllib.error.HTTPError as exc:
            allowed = exc.headers.get("Access-Control-Allow-Origin")
        assert (allowed == "*") is cors
        assert (allowed is None) is not cors


def test_client_refuses_the_body_oxigraph_cuts_off_after_200(server_build):
    with running_server(server_build, timeout=1) as url:
        with pytest.raises(EndpointError) as info:
            SparqlClient(url, timeout=60).query(SLOW)
        message = str(info.value)
        assert f"the answer from the SPARQL endpoint {url} (status 200) was cut off" in message
        assert "the server said: The SPARQL operation has been cancelled" in message
