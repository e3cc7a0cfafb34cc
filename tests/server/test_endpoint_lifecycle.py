"""Starting and stopping the endpoint: refusals, a port in use, signals, and the death of its process.

Whatever ends the endpoint, no query process may outlive it still answering.
"""

from __future__ import annotations

import os
import signal
import socket
import subprocess
import sys
import time

import psutil
import pytest

from helixgraph.errors import EndpointError, StoreError
from helixgraph.server.addresses import free_port
from helixgraph.server.client import SparqlClient
from helixgraph.server.endpoint import running_endpoint, serve

pytestmark = pytest.mark.server

COUNT_DEFAULT = "SELECT (COUNT(*) AS ?n) WHERE { ?s ?p ?o }"
COUNT_ALL = "SELECT (COUNT(*) AS ?n) WHERE { GRAPH ?g { ?s ?p ?o } }"
posix_only = pytest.mark.skipif(os.name != "posix", reason="sends POSIX signals")


def _query_pids(served) -> list[int]:
    found = []
    for process in served.query_processes():
        try:
            if "spawn_main" in " ".join(process.cmdline()):
                found.append(process.pid)
        except psutil.NoSuchProcess:
            pass
    return found


@pytest.mark.parametrize("host", ["0.0.0.0", "192.168.1.5", "::"])
def test_non_loopback_host_is_refused_without_allow_remote(server_build, host):
    refused = f"refusing to listen on '{host}'.*allow_remote=True"
    with pytest.raises(EndpointError, match=refused), running_endpoint(server_build, host=host):
        pass  # pragma: no cover - never reached
    with pytest.raises(EndpointError, match="refusing to listen"):
        serve(server_build, host=host)


def test_missing_store_is_named(tmp_path, reachable):
    missing, port = tmp_path / "out", free_port()
    with pytest.raises(StoreError, match=f"no built store at {missing}: run `helixgraph build` first"), \
            running_endpoint(missing, port=port):
        pass  # pragma: no cover - never reached
    assert not reachable(f"http://127.0.0.1:{port}/query")


def test_a_folder_without_a_store_is_named(tmp_path):
    with pytest.raises(StoreError, match=f"no built store at {tmp_path}: run `helixgraph build` first"), \
            running_endpoint(tmp_path):
        pass  # pragma: no cover - never reached


@pytest.mark.parametrize("error", [RuntimeError, EndpointError])
def test_endpoint_and_its_processes_stop_when_the_block_ends_even_on_error(server_build, error, reachable, gone):
    me = psutil.Process()
    before = {p.pid for p in me.children()}
    with pytest.raises(error, match="boom"), running_endpoint(server_build, workers=2) as url:
        assert SparqlClient(url).select_rows(COUNT_ALL)[0][0] > 0
        started = [p.pid for p in me.children() if p.pid not in before and "spawn_main" in " ".join(p.cmdline())]
        assert len(started) == 2
        raise error("boom")
    assert not reachable(url)
    assert gone(started)


@pytest.mark.parametrize("union", [True, False])
def test_union_default_graph_setting(server_build, server_store, union):
    total = len(server_store)
    with running_endpoint(server_build, union_default_graph=union, workers=1) as url:
        client = SparqlClient(url)
        assert client.select_rows(COUNT_ALL) == [(total,)]
        assert client.select_rows(COUNT_DEFAULT) == [(total if union else 0,)]


def test_a_port_in_use_is_one_clear_error(server_build):
    with socket.socket() as taken:
        taken.bind(("127.0.0.1", 0))
        taken.listen()
        port = taken.getsockname()[1]
        with pytest.raises(EndpointError) as info:
            serve(server_build, port=port)
    assert str(info.value) == (f"cannot listen on 127.0.0.1:{port}: the port is in use by another program; "
                               "stop it or choose another port (--port)")


def test_cli_port_in_use_prints_one_line_and_exits_2(server_build):
    with socket.socket() as taken:
        taken.bind(("127.0.0.1", 0))
        taken.listen()
        port = taken.getsockname()[1]
        command = [sys.executable, "-m", "helixgraph", "serve", "--out", str(server_build), "--port", str(port)]
        done = subprocess.run(command, check=False, capture_output=True, text=True, timeout=60)
    assert done.returncode == 2
    assert done.stdout == ""
    expected = (f"error: cannot listen on 127.0.0.1:{port}: the port is in use by another program; "
                "stop it or choose another port (--port)")
    assert done.stderr.splitlines() == [expected]


def test_banner_names_the_endpoint_and_its_limits(serve_process):
    served = serve_process("--timeout", "5", "--max-memory", "1GiB")
    assert served.banner == [
        f"SPARQL endpoint: http://127.0.0.1:{served.port}/query\n",
        f"Query UI: http://127.0.0.1:{served.port}/\n",
        "Read-only; queries stop after 5 s, 1 GiB each; SERVICE off. Press Ctrl-C to stop.\n",
    ]


@posix_only
@pytest.mark.parametrize("signum", [signal.SIGINT, signal.SIGTERM])
def test_signal_stops_the_endpoint_and_every_query_process(serve_process, reachable, gone, signum):
    served = serve_process("--workers", "2")
    assert SparqlClient(served.url, timeout=10).query("ASK { ?s ?p ?o }").boolean
    workers = _query_pids(served)
    assert len(workers) == 2
    everything = [p.pid for p in served.query_processes()]
    served.process.send_signal(signum)
    out, err = served.process.communicate(timeout=30)
    assert served.process.returncode == 0, err
    assert out == "Stopped the SPARQL server.\n"
    assert "Traceback" not in err
    assert gone(everything)
    assert not reachable(served.url)


@posix_only
def test_killing_the_endpoint_takes_its_query_processes_with_it(serve_process, reachable, gone):
    served = serve_process("--workers", "2", "--timeout", "60")
    client = SparqlClient(served.url, timeout=10)
    assert client.query("ASK { ?s ?p ?o }").boolean
    workers = _query_pids(served)
    assert len(workers) == 2
    everything = [p.pid for p in served.query_processes()]  # the query processes and any helper
    served.process.kill()  # SIGKILL: no handler runs; the kernel must end the children
    served.process.communicate(timeout=30)
    assert gone(everything)
    assert not reachable(served.url)


@posix_only
def test_killing_the_endpoint_mid_query_takes_the_busy_process_too(serve_process, gone):
    served = serve_process("--workers", "1", "--timeout", "60")
    runaway = "SELECT (COUNT(*) AS ?n) WHERE { ?a ?b ?c . ?d ?e ?f . ?g ?h ?i . ?j ?k ?l }"
    (worker,) = _query_pids(served)
    client = subprocess.Popen([sys.executable, "-c", (
        "from helixgraph.server.client import SparqlClient\n"
        f"SparqlClient({served.url!r}, timeout=120).query({runaway!r})")],
        stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    try:
        assert _wait_busy(psutil.Process(worker))
        served.process.kill()
        served.process.communicate(timeout=30)
        assert gone([worker])
    finally:
        client.kill()
        client.wait()


def _wait_busy(process: psutil.Process, seconds: float = 1.0, within: float = 60.0) -> bool:
    """Whether ``process`` spends ``seconds`` of CPU time (on a query) within ``within`` seconds."""
    start = sum(process.cpu_times()[:2])
    deadline = time.monotonic() + within
    while time.monotonic() < deadline:
        if sum(process.cpu_times()[:2]) - start >= seconds:
            return True
        time.sleep(0.1)
    return False


@pytest.mark.parametrize(("args", "says"), [
    (["--cors", "example.org"], "error: --cors expects an origin such as https://example.org or '*', got 'example.org'"),
    (["--max-memory", "lots"], "expected a memory size such as 2GiB, 512MiB or 0 for no limit, got 'lots'"),
], ids=["cors-without-scheme", "memory-not-a-size"])
def test_cli_refuses_bad_settings_with_exit_2(server_build, args, says):
    command = [sys.executable, "-m", "helixgraph", "serve", "--out", str(server_build), "--port", str(free_port()), *args]
    done = subprocess.run(command, check=False, capture_output=True, text=True, timeout=60)
    assert done.returncode == 2
    assert says in done.stderr
    assert "Traceback" not in done.stderr
    assert done.stdout == ""
