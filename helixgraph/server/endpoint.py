"""Serve a built store as a read-only SPARQL 1.1 endpoint that no query can hang or turn outwards.

``serve`` runs it in the foreground (the ``helixgraph serve`` command) until Ctrl-C, SIGTERM or
SIGHUP; ``running_endpoint`` runs one in the background of a ``with`` block. Both bind to loopback
unless told otherwise, since the endpoint has no authentication.

Every query runs in one of a few query processes (:mod:`helixgraph.server.pool`) and is bounded:

- in time: past ``timeout`` seconds its process is killed, so it stops using the CPU, and the client
  gets ``503`` with a message;
- in memory: each process's address space is capped at what the open store holds plus
  ``max_memory`` bytes;
- in reach: ``SERVICE`` clauses are refused unless ``allow_service``;
- in audience: pages on other origins are refused unless named in ``cors``.

The query processes die with the endpoint, however it ends (on Linux even when it is killed).
"""

from __future__ import annotations

import contextlib
import errno
import os
import signal
import sys
import threading
from collections.abc import Iterable, Iterator
from pathlib import Path

from helixgraph.errors import EndpointError
from helixgraph.server.addresses import authority, check_host, endpoint_url, free_port, is_loopback
from helixgraph.server.front import SparqlHTTPServer
from helixgraph.server.origins import OriginPolicy
from helixgraph.server.pages import ProfilePages
from helixgraph.server.pool import QueryPool
from helixgraph.server.sizes import size_text
from helixgraph.server.worker import Settings

__all__ = ["DEFAULT_MAX_MEMORY", "DEFAULT_TIMEOUT", "default_workers", "running_endpoint",
           "serve", "start_endpoint"]

#: Seconds a query may run by default.
DEFAULT_TIMEOUT = 30.0
#: Bytes of address space a query process may use by default (2 GiB).
DEFAULT_MAX_MEMORY = 2 * 1024 ** 3


def default_workers() -> int:
    """How many queries run at once by default: one per CPU core, at least two.

    Examples
    --------
    >>> default_workers() == max(2, os.cpu_count() or 2)
    True
    """
    return max(2, os.cpu_count() or 2)


def _bind(host: str, port: int, pool: QueryPool, policy: OriginPolicy, timeout: float | None,
          union_default_graph: bool, pages: ProfilePages | None) -> SparqlHTTPServer:
    try:
        return SparqlHTTPServer((host, port), pool, policy, timeout=timeout,
                                union_default_graph=union_default_graph, pages=pages)
    except OSError as exc:
        if exc.errno == errno.EADDRINUSE:
            raise EndpointError(f"cannot listen on {authority(host, port)}: the port is in use by another "
                                "program; stop it or choose another port (--port)") from exc
        raise EndpointError(f"cannot listen on {authority(host, port)}: {exc.strerror or exc}") from exc


def start_endpoint(out: str | Path = "out", *, host: str = "127.0.0.1", port: int = 7878,
                   timeout: float | None = DEFAULT_TIMEOUT, max_memory: int | None = DEFAULT_MAX_MEMORY,
                   cors: Iterable[str] = (), allow_service: bool = False, union_default_graph: bool = True,
                   workers: int | None = None, allow_remote: bool = False) -> SparqlHTTPServer:
    """Bind the endpoint and start its query processes; the caller runs ``serve_forever`` and closes it.

    The query processes open the store with :func:`~helixgraph.graph.store.open_store`, so the endpoint
    finds the store wherever the other commands do.

    Parameters are those of :func:`serve`. The returned server's ``pool`` must be closed after use
    (:func:`serve` and :func:`running_endpoint` do it).

    Examples
    --------
    The checks made before any query process starts: loopback unless remote access is asked for,
    and a port no other program listens on.

    >>> start_endpoint("out", host="0.0.0.0")  # doctest: +ELLIPSIS
    Traceback (most recent call last):
    ...
    helixgraph.errors.EndpointError: refusing to listen on '0.0.0.0': ...
    >>> import socket
    >>> with socket.socket() as taken:
    ...     taken.bind(("127.0.0.1", 0))
    ...     taken.listen()
    ...     start_endpoint("out", port=taken.getsockname()[1])  # doctest: +ELLIPSIS
    Traceback (most recent call last):
    ...
    helixgraph.errors.EndpointError: cannot listen on 127.0.0.1:...: the port is in use by another program; ...
    """
    check_host(host, allow_remote)
    if timeout is not None and timeout <= 0:
        timeout = None
    policy = OriginPolicy.of(cors, loopback=is_loopback(host))
    settings = Settings(str(out), union_default_graph, allow_service, max_memory or None)
    pool = QueryPool(settings, workers or default_workers())
    pages = ProfilePages(out)
    server = _bind(host, port, pool, policy, timeout, union_default_graph, pages)
    try:
        pool.start()
        pages.start()
    except BaseException:
        server.server_close()
        raise
    return server


class _Stop(Exception):
    """SIGTERM or SIGHUP arrived."""


def _raise_stop(signum, frame) -> None:
    raise _Stop(signal.Signals(signum).name)


def _limits(timeout: float | None, max_memory: int | None, allow_service: bool) -> str:
    time_limit = f"queries stop after {timeout:g} s" if timeout else "no time limit"
    memory = f"{size_text(max_memory)} each" if max_memory else "no memory limit"
    return f"Read-only; {time_limit}, {memory}; SERVICE {'allowed' if allow_service else 'off'}."


def serve(out: str | Path = "out", host: str = "127.0.0.1", port: int = 7878,
          timeout: float | None = DEFAULT_TIMEOUT, cors: Iterable[str] = (), union_default_graph: bool = True, *,
          max_memory: int | None = DEFAULT_MAX_MEMORY, allow_service: bool = False, workers: int | None = None,
          allow_remote: bool = False) -> None:
    """Serve the built store read-only in the foreground until Ctrl-C, SIGTERM or SIGHUP.

    Parameters
    ----------
    out
        The build's output folder (or the store folder itself).
    host, port
        Where to listen. A host other than loopback needs ``allow_remote=True`` and prints a warning.
    timeout
        Seconds a query may take (including the wait for a free query process); None or 0 for no limit.
    cors
        Origins (``https://example.org``) whose web pages may query; ``"*"`` for every origin.
    union_default_graph
        Let the default graph be the union of all named graphs, as the shipped queries expect.
    max_memory
        Bytes of address space each query process may use beyond what the open store holds; None or 0
        for no limit.
    allow_service
        Let queries use ``SERVICE`` clauses, which make the endpoint send requests to other servers.
    workers
        How many queries run at once (default: one per CPU core, at least two).

    Raises
    ------
    StoreError
        There is no built store in ``out``.
    EndpointError
        The host is not loopback without ``allow_remote``, or the port cannot be listened on (in use,
        for instance).
    """
    server = start_endpoint(out, host=host, port=port, timeout=timeout, max_memory=max_memory, cors=cors,
                            allow_service=allow_service, union_default_graph=union_default_graph,
                            workers=workers, allow_remote=allow_remote)
    url = endpoint_url(host, port)
    handled = (signal.SIGTERM, signal.SIGHUP) if hasattr(signal, "SIGHUP") else (signal.SIGTERM,)
    previous = {}
    if threading.current_thread() is threading.main_thread():
        previous = {number: signal.signal(number, _raise_stop) for number in handled}
    try:
        print(f"SPARQL endpoint: {url}\nQuery UI: {url.removesuffix('query')}\n"
              f"{_limits(server.query_timeout, server.pool.settings.max_memory, allow_service)} "
              "Press Ctrl-C to stop.", flush=True)
        if server.pages.folder is not None:
            print(f"Profile pages: {url.removesuffix('query')}pages/", flush=True)
        server.serve_forever()
    except (KeyboardInterrupt, _Stop):
        print("Stopped the SPARQL server.", flush=True)
    finally:
        for number, handler in previous.items():
            signal.signal(number, handler)
        server.pool.close()
        server.server_close()


@contextlib.contextmanager
def running_endpoint(out: str | Path = "out", *, host: str = "127.0.0.1", port: int | None = None,
                     timeout: float | None = DEFAULT_TIMEOUT, max_memory: int | None = DEFAULT_MAX_MEMORY,
                     cors: Iterable[str] = (), allow_service: bool = False, union_default_graph: bool = True,
                     workers: int | None = None, allow_remote: bool = False) -> Iterator[str]:
    """Run the endpoint in the background for the ``with`` block and yield its query URL.

    The endpoint and its query processes are stopped when the block ends, however it ends.
    Parameters other than ``port`` are those of :func:`serve`.

    Parameters
    ----------
    port
        The port; None picks a free one (retrying if another process takes it first).

    Examples
    --------
    >>> import tempfile, urllib.parse, urllib.request
    >>> from helixgraph.pipeline import build
    >>> folder = tempfile.TemporaryDirectory()
    >>> _ = build(out=folder.name)
    >>> count = "SELECT (COUNT(?drug) AS ?n) WHERE { ?drug a <https://w3id.org/helixgraph/ontology#Drug> }"
    >>> with running_endpoint(folder.name, workers=1) as url:
    ...     request = urllib.request.Request(f"{url}?query={urllib.parse.quote(count)}",
    ...                                      headers={"Accept": "text/csv"})
    ...     with urllib.request.urlopen(request, timeout=10) as response:
    ...         print(url.startswith("http://127.0.0.1:"), response.read())
    True b'n\\r\\n1\\r\\n'
    >>> folder.cleanup()
    """
    check_host(host, allow_remote)
    attempts = 3 if port is None else 1
    for attempt in range(attempts):
        chosen = free_port(host) if port is None else port
        try:
            server = start_endpoint(out, host=host, port=chosen, timeout=timeout, max_memory=max_memory,
                                    cors=cors, allow_service=allow_service,
                                    union_default_graph=union_default_graph, workers=workers,
                                    allow_remote=allow_remote)
        except EndpointError as exc:
            if attempt + 1 < attempts and "in use" in str(exc):
                continue
            raise
        break
    thread = threading.Thread(target=server.serve_forever, name="sparql-endpoint", daemon=True)
    thread.start()
    try:
        yield endpoint_url(host, chosen)
    finally:
        server.shutdown()
        thread.join()
        server.pool.close()
        server.server_close()
        sys.stdout.flush()
