"""Fixtures for the server tests: one build per module, the endpoint on it, a listener that counts.

Every endpoint runs inside :func:`running_endpoint` (or a subprocess the fixture stops), so a failing
test cannot leave one behind.
"""

from __future__ import annotations

import contextlib
import json
import os
import signal
import socket
import subprocess
import sys
import threading
import time
import urllib.error
import urllib.request
from dataclasses import dataclass, field
from pathlib import Path

import psutil
import pytest

from helixgraph.graph.results import QueryResult
from helixgraph.graph.store import open_store
from helixgraph.pipeline import build
from helixgraph.server.addresses import free_port
from helixgraph.server.endpoint import running_endpoint


@pytest.fixture(scope="module")
def server_build(tmp_path_factory) -> Path:
    """The bundled dataset built once for the module (no analysis or rendering steps)."""
    out = tmp_path_factory.mktemp("server") / "out"
    build(out=out)
    return out


@pytest.fixture(scope="module")
def server_store(server_build):
    """The built store opened read-only in this process, beside the endpoint reading it."""
    return open_store(server_build)


@pytest.fixture(scope="module")
def endpoint(server_build) -> str:
    """The query URL of the endpoint on the build, on a free loopback port."""
    with running_endpoint(server_build, timeout=20) as url:
        yield url


def _canonical(result: QueryResult) -> list[str]:
    return sorted(json.dumps(b, sort_keys=True, ensure_ascii=False) for b in result.bindings)


@pytest.fixture(scope="session")
def canonical():
    """A function giving a result's rows as sorted canonical JSON: row order does not count, terms do."""
    return _canonical


@dataclass
class Listener:
    """A TCP listener on loopback that accepts connections and records what arrives."""

    sock: socket.socket
    received: list[bytes] = field(default_factory=list)

    @property
    def url(self) -> str:
        return f"http://127.0.0.1:{self.sock.getsockname()[1]}/sparql"

    def serve(self) -> None:
        while True:
            try:
                connection, _ = self.sock.accept()
            except OSError:
                return
            with connection:
                connection.settimeout(2)
                try:
                    self.received.append(connection.recv(4096) or b"(connected, sent nothing)")
                except OSError:
                    self.received.append(b"(connected)")


@pytest.fixture()
def listener():
    """A loopback listener standing in for an internal service a query must not reach."""
    sock = socket.socket()
    sock.bind(("127.0.0.1", 0))
    sock.listen()
    found = Listener(sock)
    thread = threading.Thread(target=found.serve, daemon=True)
    thread.start()
    yield found
    try:
        sock.shutdown(socket.SHUT_RDWR)  # wakes the accept() in the thread
    except OSError:
        pass
    sock.close()
    thread.join(5)


def _reachable(url: str) -> bool:
    """Whether anything answers HTTP at ``url``."""
    try:
        urllib.request.urlopen(url, timeout=2).close()
    except urllib.error.HTTPError:
        return True
    except OSError:
        return False
    return True


@dataclass
class Served:
    """``helixgraph serve`` running in a subprocess."""

    process: subprocess.Popen
    port: int
    banner: list[str]

    @property
    def url(self) -> str:
        return f"http://127.0.0.1:{self.port}/query"

    def query_processes(self) -> list[psutil.Process]:
        return psutil.Process(self.process.pid).children(recursive=True)


@contextlib.contextmanager
def _interrupt_by_default():
    """Start children with the default SIGINT, as a server started from a terminal has.

    A test run started as a background job of a script inherits SIGINT ignored, and an ignored
    signal stays ignored across ``exec``; any handler of this process's own is reset to the default
    there instead.
    """
    previous = signal.getsignal(signal.SIGINT)
    if previous != signal.SIG_IGN:
        yield
        return
    signal.signal(signal.SIGINT, signal.default_int_handler)
    try:
        yield
    finally:
        signal.signal(signal.SIGINT, previous)


def start_serve(server_build: Path, *args: str) -> Served:
    """Start ``python -m helixgraph serve`` on a free port and wait for its three-line banner."""
    port = free_port()
    with _interrupt_by_default():
        process = subprocess.Popen(
            [sys.executable, "-m", "helixgraph", "serve", "--out", str(server_build), "--port", str(port), *args],
            stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
    banner = [process.stdout.readline() for _ in range(3)]
    if not banner[0].startswith("SPARQL endpoint"):
        process.kill()
        raise RuntimeError(f"helixgraph serve did not start: {banner} {process.stderr.read()}")
    return Served(process, port, banner)


def stop_serve(served: Served) -> None:
    """Stop a ``helixgraph serve`` subprocess and everything it started, whatever state it is in."""
    try:
        children = served.query_processes()
    except psutil.NoSuchProcess:
        children = []
    if served.process.poll() is None:
        served.process.send_signal(signal.SIGKILL if os.name == "posix" else signal.SIGTERM)
    served.process.communicate(timeout=30)
    for child in children:
        try:
            child.kill()
        except psutil.NoSuchProcess:
            pass


@pytest.fixture()
def serve_process(server_build):
    """A function starting ``helixgraph serve`` with extra options; every process is stopped afterwards."""
    started: list[Served] = []

    def start(*args: str) -> Served:
        started.append(start_serve(server_build, *args))
        return started[-1]

    yield start
    for served in started:
        stop_serve(served)


def _gone(pids, within: float = 10.0) -> bool:
    """Whether every process in ``pids`` has ended (or is a zombie) within ``within`` seconds."""
    deadline = time.monotonic() + within
    while time.monotonic() < deadline:
        alive = []
        for pid in pids:
            try:
                if psutil.Process(pid).status() != psutil.STATUS_ZOMBIE:
                    alive.append(pid)
            except psutil.NoSuchProcess:
                pass
        if not alive:
            return True
        time.sleep(0.1)
    return False


@pytest.fixture(scope="session")
def reachable():
    """A function telling whether anything answers HTTP at a URL."""
    return _reachable


@pytest.fixture(scope="session")
def gone():
    """A function telling whether processes have ended within some seconds."""
    return _gone
