"""A fixed number of query processes, started, killed and replaced; the endpoint hands them connections.

Each process opens the store and then waits on its channel (a Unix socket pair) for client
connections (:func:`helixgraph.server.worker.main`). One that overruns its time, dies (out of memory,
say) or whose client hangs up is killed by the endpoint and replaced here. Replacements are started
by one long-lived thread, because Linux delivers the "parent died" signal a process asked for when
the *thread* that started it ends.
"""

from __future__ import annotations

import multiprocessing
import os
import queue
import select
import socket
import threading
import time
from collections.abc import Callable
from dataclasses import dataclass, field

from helixgraph.errors import EndpointError, StoreError
from helixgraph.server import worker
from helixgraph.server.slot import Slot
from helixgraph.server.worker import Settings

__all__ = ["QueryPool", "QueryProcess"]

_CONTEXT = multiprocessing.get_context("spawn")


@dataclass(eq=False)
class QueryProcess:
    """A started query process, its channel and its shared :class:`~helixgraph.server.slot.Slot`.

    ``client`` is the connection the endpoint has handed it (None while it has none) and
    ``asked_back`` whether the endpoint has asked for that connection back.
    """

    process: multiprocessing.Process
    channel: socket.socket
    slot: Slot
    client: socket.socket | None = field(default=None, repr=False)
    asked_back: bool = False

    def kill(self) -> None:
        if self.process.is_alive():
            self.process.kill()
        self.process.join(5)
        self.channel.close()


class QueryPool:
    """``size`` query processes over the store in ``settings``.

    Parameters
    ----------
    settings
        The store, default graph, SERVICE, memory and origin settings every process uses.
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
        #: Called (from the starting thread) each time a process is ready.
        self.on_ready: Callable[[], None] = lambda: None
        #: How many clients wait for a free process, shared with every process.
        self.waiting = _CONTEXT.RawValue("i", 0)
        self._ready: queue.SimpleQueue[QueryProcess] = queue.SimpleQueue()
        self._orders: queue.Queue[bool] = queue.Queue()
        self._live: set[QueryProcess] = set()
        self._started = 0
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
                ready = self._started
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

    def take_ready(self) -> list[QueryProcess]:
        """The processes that became ready since the last call."""
        ready = []
        while True:
            try:
                ready.append(self._ready.get_nowait())
            except queue.Empty:
                return ready

    def discard(self, process: QueryProcess) -> None:
        """Kill ``process`` and order a replacement."""
        with self._lock:
            self._live.discard(process)
        process.kill()
        if not self._closed.is_set():
            self._orders.put(True)

    # -- starting -----------------------------------------------------------------------------------

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
                self._started += 1
                self._failure = None
            self._ready.put(process)
            self.on_ready()

    def _start_one(self) -> QueryProcess:
        ours, theirs = socket.socketpair(socket.AF_UNIX, socket.SOCK_SEQPACKET)
        slot = Slot.new(_CONTEXT, self.waiting)
        process = _CONTEXT.Process(target=worker.main, args=(theirs, slot, self.settings, os.getpid()),
                                   name="helixgraph-query", daemon=True)
        try:
            process.start()
        finally:
            theirs.close()
        started = QueryProcess(process, ours, slot)
        try:
            readable, _, _ = select.select([ours], [], [], self.startup_timeout)
            if not readable:
                raise EndpointError(f"a query process did not open the store within {self.startup_timeout} s")
            message = ours.recv(1 << 16)
        except OSError as exc:
            started.kill()
            raise EndpointError(f"a query process stopped while opening the store "
                                f"(exit code {process.exitcode})") from exc
        except EndpointError:
            started.kill()
            raise
        if message != b"R":
            started.kill()
            if message.startswith(b"F"):
                raise StoreError(message[1:].decode("utf-8", errors="replace"))
            raise EndpointError(f"a query process stopped while opening the store (exit code {process.exitcode})")
        return started
