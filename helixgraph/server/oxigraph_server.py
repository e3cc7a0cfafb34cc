"""Run Oxigraph's own SPARQL server, e.g. as a writable Graph Store Protocol target.

``running_server`` starts one in the background for tests and scripts and always stops it. It binds
to loopback unless told otherwise, because the server has no authentication. ``helixgraph serve``
does not use it: Oxigraph's server cannot stop a runaway query (its ``--timeout-s`` cancels only
some queries, after ``200 OK`` has been sent), nor turn ``SERVICE`` off; see
:mod:`helixgraph.server.endpoint` for the endpoint that can.

The executable comes from the ``oxigraph`` package (``pip install 'helixgraph[server]'``). It answers
SPARQL JSON, XML, CSV and TSV by ``Accept``, refuses updates when read-only (403), and with
``read_only=False`` offers SPARQL Update and the Graph Store Protocol at ``/store``.
"""

from __future__ import annotations

import contextlib
import math
import os
import shutil
import signal
import subprocess
import sys
import sysconfig
import tempfile
import time
import urllib.error
import urllib.request
from collections.abc import Iterator
from pathlib import Path

from helixgraph.errors import EndpointError
from helixgraph.graph.store import store_path
from helixgraph.server.addresses import authority, check_host, endpoint_url, free_port

__all__ = ["find_oxigraph", "running_server", "server_command"]

#: Seconds a stopping server gets after SIGINT/SIGTERM before it is killed.
STOP_GRACE = 5.0
_EXECUTABLE = "oxigraph.exe" if os.name == "nt" else "oxigraph"


def find_oxigraph() -> str:
    """The path of the ``oxigraph`` executable: beside this Python's scripts first, then on PATH.

    Raises
    ------
    EndpointError
        The executable is in neither place.

    Examples
    --------
    >>> path = find_oxigraph()
    >>> Path(path).name == _EXECUTABLE, os.access(path, os.X_OK)
    (True, True)
    >>> subprocess.run([path, "--version"], capture_output=True, text=True).stdout.startswith("oxigraph ")
    True
    """
    folders = [sysconfig.get_path("scripts"), str(Path(sys.executable).parent)]
    for folder in dict.fromkeys(folders):
        candidate = Path(folder) / _EXECUTABLE
        if candidate.is_file() and os.access(candidate, os.X_OK):
            return str(candidate)
    found = shutil.which("oxigraph")
    if found:
        return found
    raise EndpointError(
        f"the Oxigraph server is not installed (looked in {', '.join(dict.fromkeys(folders))} and on PATH): "
        "pip install 'helixgraph[server]'")


def server_command(location: str | Path, *, host: str = "127.0.0.1", port: int = 7878,
                   timeout: float | None = 30, cors: bool = False, union_default_graph: bool = True,
                   read_only: bool = True, executable: str = "oxigraph") -> list[str]:
    """The command line that starts Oxigraph's server on ``location``.

    Parameters
    ----------
    location
        The Oxigraph store folder.
    timeout
        Seconds after which the server cancels a query (rounded up to whole seconds); None or 0 for none.
    union_default_graph
        Let the default graph be the union of all named graphs, as the shipped queries expect.
    read_only
        ``serve-read-only`` (updates refused with 403) rather than ``serve`` (SPARQL Update and the
        Graph Store Protocol at ``/store`` enabled).

    Examples
    --------
    >>> server_command("out/store", timeout=2.5, cors=True)  # doctest: +NORMALIZE_WHITESPACE
    ['oxigraph', 'serve-read-only', '--location', 'out/store', '--bind', '127.0.0.1:7878',
     '--cors', '--union-default-graph', '--timeout-s', '3']
    >>> " ".join(server_command("tmp", port=9000, timeout=None, union_default_graph=False, read_only=False))
    'oxigraph serve --location tmp --bind 127.0.0.1:9000'
    """
    argv = [executable, "serve-read-only" if read_only else "serve", "--location", str(location),
            "--bind", authority(host, port)]
    if cors:
        argv.append("--cors")
    if union_default_graph:
        argv.append("--union-default-graph")
    if timeout:
        argv += ["--timeout-s", str(math.ceil(timeout))]
    return argv


def _tidy(log: str) -> str:
    """The server's error text without the Rust backtrace that RUST_BACKTRACE=1 adds."""
    return log.split("Stack backtrace:")[0].strip() or "(it printed nothing)"


def _stop(process: subprocess.Popen, first: int = signal.SIGTERM, grace: float = STOP_GRACE) -> None:
    """Ask the server to stop with ``first``; kill it if it has not stopped after ``grace`` seconds."""
    if process.poll() is not None:
        return
    try:
        if os.name == "posix":
            process.send_signal(first)
        else:  # pragma: no cover - Windows has no SIGINT for child processes
            process.terminate()
        process.wait(grace)
    except (subprocess.TimeoutExpired, KeyboardInterrupt):
        process.kill()
        process.wait()


def _wait_ready(process: subprocess.Popen, url: str, startup_timeout: float, log) -> None:
    """Poll ``GET url`` until it answers; raise with the server's messages if it dies or stays silent."""
    deadline = time.monotonic() + startup_timeout
    direct = urllib.request.build_opener(urllib.request.ProxyHandler({}))  # loopback: never via a proxy
    while True:
        if process.poll() is not None:
            text = _tidy(log()) if log else "see its messages above"
            raise EndpointError(f"the Oxigraph server stopped at start-up (exit code {process.returncode}): "
                                f"{text}\n  command: {' '.join(process.args)}")
        try:
            with direct.open(url, timeout=1):
                return
        except urllib.error.HTTPError:
            return  # it answers, if not with 200
        except (urllib.error.URLError, OSError):
            pass
        if time.monotonic() > deadline:
            _stop(process)
            raise EndpointError(f"the Oxigraph server did not answer at {url} within {startup_timeout} s; "
                                f"it said: {_tidy(log()) if log else 'see above'}")
        time.sleep(0.05)


@contextlib.contextmanager
def running_server(out: str | Path = "out", *, host: str = "127.0.0.1", port: int | None = None,
                   timeout: float | None = 30, cors: bool = False, union_default_graph: bool = True,
                   read_only: bool = True, location: str | Path | None = None, allow_remote: bool = False,
                   startup_timeout: float = 30.0) -> Iterator[str]:
    """Run an Oxigraph server in the background for the ``with`` block and yield its query URL.

    The server is stopped when the block ends, however it ends. With ``read_only=False`` the server
    accepts SPARQL Update and the Graph Store Protocol at the same address with ``/store`` instead
    of ``/query``.

    Parameters
    ----------
    out
        The build's output folder (or the store folder itself) to serve.
    port
        The port; None picks a free one (retrying if another process takes it first).
    location
        Serve this store folder instead of the built store, e.g. an empty folder with
        ``read_only=False`` as a target for :func:`~helixgraph.server.graph_store.upload_dataset`.
        Oxigraph creates it if missing.
    startup_timeout
        Seconds to wait for the server to answer ``GET /query``.

    timeout
        Seconds after which the server cancels a query (see above for what that covers).
    cors
        Answer cross-origin requests from any origin.
    union_default_graph
        Let the default graph be the union of all named graphs, as the shipped queries expect.

    Raises
    ------
    StoreError
        There is no built store to serve read-only.
    EndpointError
        The server could not start; the message carries what it printed.
    """
    check_host(host, allow_remote)
    if location is None:
        location = store_path(out)
    elif read_only:
        location = store_path(location)
    executable = find_oxigraph()
    attempts = 3 if port is None else 1
    for attempt in range(attempts):
        chosen = free_port(host) if port is None else port
        argv = server_command(location, host=host, port=chosen, timeout=timeout, cors=cors,
                              union_default_graph=union_default_graph, read_only=read_only,
                              executable=executable)
        with tempfile.TemporaryFile() as log_file:
            def log() -> str:
                log_file.seek(0)
                return log_file.read().decode("utf-8", errors="replace")

            process = subprocess.Popen(argv, stdin=subprocess.DEVNULL, stdout=log_file,
                                       stderr=subprocess.STDOUT)
            try:
                try:
                    _wait_ready(process, endpoint_url(host, chosen), startup_timeout, log)
                except EndpointError:
                    if attempt + 1 < attempts and "Address already in use" in log():
                        continue
                    raise
                yield endpoint_url(host, chosen)
                return
            finally:
                _stop(process)
