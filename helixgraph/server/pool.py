"""A fixed number of query processes; a query that overruns its time is stopped by killing its process.

Each query takes an idle process, or waits for one until its deadline. A process that answers goes
back to the idle queue; one that overruns, dies (out of memory, say) or whose client hangs up is
killed and replaced. Replacements are started by one long-lived thread, because Linux delivers the
"parent died" signal a process asked for when the *thread* that started it ends.
"""

from __future__ import annotations

import multiprocessing
import os
import queue
import select
import socket
import threading
import time
from dataclasses import dataclass
from multiprocessing.connection import wait

from helixgraph.errors import EndpointError, StoreError
from helixgraph.server import worker
from helixgraph.server.protocol import HttpRequest
from helixgraph.server.worker import Settings, read_reply

__all__ = ["ClientGone", "PoolBusy", "ProcessDied", "QueryPool", "QueryTimeout", "Reply"]

_CONTEXT = multiprocessing.get_context("spawn")
#: Seconds a query runs before the pool also watches for its client hanging up.
_QUICK = 0.2


class QueryTimeout(Exception):
    """The query ran past its deadline; its process was killed."""


class PoolBusy(Exception):
    """No query process became free before the deadline."""


class ClientGone(Exception):
    """The client closed its connection before the answer; the query's process was killed."""


class ProcessDied(Exception):
    """The query's process ended while answering (``exitcode`` is its exit code, negative for a signal)."""

    def __init__(self, exitcode: int | None) -> None:
        super().__init__(exitcode)
        self.exitcode = exitcode


@dataclass
class Reply:
    """A complete answer from a query process."""

    status: int
    content_type: str
    body: bytes | memoryview


@dataclass(eq=False)
class _Process:
    process: multiprocessing.Process
    connection: multiprocessing.connection.Connection

    def kill(self) -> None:
        if self.process.is_alive():
            self.process.kill()
        self.process.join(5)
        self.connection.close()


def _ready(objects: list, timeout: float | None) -> list:
    """Which of ``objects`` (connections, sockets) can be read within ``timeout`` seconds.

    One ``select`` call on POSIX, cheaper than :func:`multiprocessing.connection.wait`, which builds a
    selector each time; that function elsewhere (Windows pipes cannot be selected).
    """
    if os.name == "posix":
        return select.select(objects, [], [], timeout)[0]
    return wait(objects, timeout)


def _hung_up(client: socket.socket) -> bool:
    """Whether the peer of ``client`` closed the connection (a readable socket with nothing to read)."""
    try:
        readable, _, _ = select.select([client], [], [], 0)
        return bool(readable) and client.recv(1, socket.MSG_PEEK) == b""
    except (OSError, ValueError):
        return True


class QueryPool:
    """``size`` query processes over the store in ``settings``.

    Parameters
    ----------
    settings
        The store, default graph, SERVICE and memory settings every process uses.
    size
        How many queries run at once.
    startup_timeout
        Seconds a new process gets to open the store.
    """

    def __init__(self, settings: Settings, size: int, *, startup_timeout: float = 60.0) -> None:
        if size < 1:
            raise EndpointError(f"an endpoint needs at least one query process, not {size}")
        self.settings = settings
        self.size = size
        self.startup_timeout = startup_timeout
        # The process that answered last is the first taken again: its caches are the warmest.
        self._idle: queue.LifoQueue[_Process] = queue.LifoQueue()
        self._orders: queue.Queue[bool] = queue.Queue()
        self._live: set[_Process] = set()
        self._lock = threading.Lock()
        self._closed = threading.Event()
        self._failure: str | None = None
        self._spawner = threading.Thread(target=self._spawn_loop, name="query-process-starter", daemon=True)

    # -- life cycle ---------------------------------------------------------------------------------

    def start(self) -> None:
        """Start the processes and wait until each has opened the store.

        Raises
        ------
        StoreError
            A process could not open the store; the message is its own.
        """
        self._spawner.start()
        for _ in range(self.size):
            self._orders.put(True)
        deadline = time.monotonic() + self.startup_timeout * self.size
        while True:
            with self._lock:
                ready = self._idle.qsize()
                failure = self._failure
            if failure:
                self.close()
                raise StoreError(failure)
            if ready >= self.size:
                return
            if time.monotonic() > deadline:
                self.close()
                raise EndpointError(f"the query processes did not open the store within {self.startup_timeout} s")
            time.sleep(0.02)

    def close(self) -> None:
        """Kill every query process, busy or idle, and stop starting new ones."""
        self._closed.set()
        self._orders.put(False)
        with self._lock:
            live = list(self._live)
            self._live.clear()
        for process in live:
            process.kill()
        if self._spawner.is_alive() and self._spawner is not threading.current_thread():
            self._spawner.join(self.startup_timeout)

    def pids(self) -> list[int]:
        """The process ids of the live query processes."""
        with self._lock:
            return sorted(p.process.pid for p in self._live if p.process.pid is not None)

    def _spawn_loop(self) -> None:
        while self._orders.get() and not self._closed.is_set():
            try:
                process = self._start_one()
            except (StoreError, EndpointError, OSError) as exc:
                with self._lock:
                    self._failure = self._failure or str(exc)
                if not self._closed.wait(1.0):
                    self._orders.put(True)  # try again: the store may be back
                continue
            with self._lock:
                if self._closed.is_set():
                    process.kill()
                    return
                self._live.add(process)
                self._failure = None
            self._idle.put(process)

    def _start_one(self) -> _Process:
        ours, theirs = _CONTEXT.Pipe()
        process = _CONTEXT.Process(target=worker.main, args=(theirs, self.settings, os.getpid()),
                                   name="helixgraph-query", daemon=True)
        process.start()
        theirs.close()
        started = _Process(process, ours)
        try:
            if not ours.poll(self.startup_timeout):
                raise EndpointError(f"a query process did not open the store within {self.startup_timeout} s")
            kind, detail = ours.recv()
        except (EOFError, OSError) as exc:
            started.kill()
            raise EndpointError(f"a query process stopped while opening the store "
                                f"(exit code {process.exitcode})") from exc
        except EndpointError:
            started.kill()
            raise
        if kind != "ready":
            started.kill()
            raise StoreError(detail)
        return started

    def _discard(self, process: _Process) -> None:
        """Kill ``process`` and order a replacement."""
        with self._lock:
            self._live.discard(process)
        process.kill()
        if not self._closed.is_set():
            self._orders.put(True)

    # -- queries ------------------------------------------------------------------------------------

    def run(self, request: HttpRequest, *, timeout: float | None, client: socket.socket | None = None) -> Reply:
        """Answer ``request`` in a query process within ``timeout`` seconds (None: no limit).

        Parameters
        ----------
        client
            The client's socket: if the client hangs up meanwhile, the query is stopped.

        Raises
        ------
        PoolBusy, QueryTimeout, ProcessDied, ClientGone
            The query could not be answered; in the last three cases its process was killed.
        """
        deadline = None if timeout is None else time.monotonic() + timeout
        try:
            process = self._idle.get(timeout=timeout)
        except queue.Empty as exc:
            raise PoolBusy() from exc
        if self._closed.is_set():
            raise EndpointError("the endpoint is stopping")
        try:
            process.connection.send(request)
        except OSError as exc:
            self._discard(process)
            raise ProcessDied(process.process.exitcode) from exc
        # Most queries answer at once: only watch the client's connection once a query takes a while.
        answers = process.connection
        watched = [answers]
        first = True
        while True:
            remaining = None if deadline is None else max(deadline - time.monotonic(), 0)
            if first and client is not None:
                remaining = _QUICK if remaining is None else min(remaining, _QUICK)
            ready = _ready(watched, remaining)
            if not ready and first and client is not None and (deadline is None or time.monotonic() < deadline):
                first = False
                watched = [answers, client]
                continue
            first = False
            if answers in ready:
                try:
                    status, content_type, body = read_reply(process.connection.recv_bytes())
                except (EOFError, OSError) as exc:
                    self._discard(process)
                    raise ProcessDied(process.process.exitcode) from exc
                if status == 503:
                    self._discard(process)  # it ran out of memory and ends itself
                else:
                    self._idle.put(process)
                return Reply(status, content_type, body)
            if client is not None and client in ready:
                if _hung_up(client):
                    self._discard(process)
                    raise ClientGone()
                watched = [answers]  # the client sent more (a pipelined request): stop watching
                continue
            if not ready:
                self._discard(process)
                raise QueryTimeout()
