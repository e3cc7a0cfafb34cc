"""Starting and stopping Oxigraph's server: command line, refusals, failures and Ctrl-C."""

from __future__ import annotations

import os
import signal
import socket
import subprocess
import sys
import urllib.error
import urllib.request
from pathlib import Path

import pytest

from helixgraph.errors import EndpointError, StoreError
from helixgraph.server import oxigraph_server
from helixgraph.server.client import SparqlClient
from helixgraph.server.oxigraph_server import find_oxigraph, free_port, running_server, serve

pytestmark = pytest.mark.server

COUNT_DEFAULT = "SELECT (COUNT(*) AS ?n) WHERE { ?s ?p ?o }"
COUNT_ALL = "SELECT (COUNT(*) AS ?n) WHERE { GRAPH ?g { ?s ?p ?o } }"


def _unreachable(url: str) -> bool:
    try:
        urllib.request.urlopen(url, timeout=2).close()
    except urllib.error.URLError:
        return True
    return False


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


@pytest.mark.parametrize("host", ["0.0.0.0", "192.168.1.5", "::"])
def test_non_loopback_host_is_refused_without_allow_remote(server_build, host):
    refused = f"refusing to listen on '{host}'.*allow_remote=True"
    with pytest.raises(EndpointError, match=refused), running_server(server_build, host=host):
        pass  # pragma: no cover - never reached
    with pytest.raises(EndpointError, match="refusing to listen"):
        serve(server_build, host=host)


def test_allow_remote_warns(capsys):
    oxigraph_server._check_host("0.0.0.0", allow_remote=True)
    assert "warning: listening on 0.0.0.0" in capsys.readouterr().err
    oxigraph_server._check_host("127.0.0.1", allow_remote=False)
    assert capsys.readouterr().err == ""


def test_missing_store_is_named(tmp_path):
    missing = f"no built store at {tmp_path}: run `helixgraph build` first"
    with pytest.raises(StoreError, match=missing), running_server(tmp_path):
        pass  # pragma: no cover - never reached


@pytest.mark.parametrize("error", [RuntimeError, EndpointError])
def test_server_is_stopped_when_the_block_ends_even_on_error(server_build, error):
    with pytest.raises(error, match="boom"), running_server(server_build) as url:
        assert SparqlClient(url).select_rows(COUNT_ALL)[0][0] > 0
        raise error("boom")
    assert _unreachable(url)


def test_serve_reports_a_port_in_use(server_build):
    with socket.socket() as taken:
        taken.bind(("127.0.0.1", 0))
        taken.listen()
        with pytest.raises(EndpointError, match=r"stopped at start-up \(exit code 1\): see its messages above"):
            serve(server_build, port=taken.getsockname()[1])


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


@pytest.mark.skipif(os.name != "posix", reason="sends SIGINT to one process")
def test_serve_prints_the_endpoint_and_stops_on_ctrl_c(server_build):
    port = free_port()
    code = f"from helixgraph.server import serve; serve({str(server_build)!r}, port={port}, timeout=5)"
    process = subprocess.Popen([sys.executable, "-c", code], stdout=subprocess.PIPE, stderr=subprocess.PIPE,
                               text=True)
    try:
        first = process.stdout.readline()
        assert first == f"SPARQL endpoint: http://127.0.0.1:{port}/query\n"
        assert process.stdout.readline() == f"Query UI: http://127.0.0.1:{port}/\n"
        assert SparqlClient(f"http://127.0.0.1:{port}/query", timeout=5).query("ASK { ?s ?p ?o }").boolean
        process.send_signal(signal.SIGINT)  # only to Python: serve must pass it on
        out, err = process.communicate(timeout=15)
    finally:
        if process.poll() is None:  # pragma: no cover - only if the test failed midway
            process.kill()
            process.communicate()
    assert process.returncode == 0, err
    assert "Stopped the SPARQL server." in out
    assert _unreachable(f"http://127.0.0.1:{port}/query")
