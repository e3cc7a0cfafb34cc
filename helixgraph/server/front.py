"""The endpoint's front: it accepts connections and hands each one, when a request arrives on it, to an
idle query process, which reads the request and writes the answer itself.

A query process keeps a connection while its client goes on asking; the front asks for it back when
another client has waited a little (:data:`_SHARE`). The front never reads a request or copies an answer: it watches the clock.

- A query that runs past ``timeout`` seconds (counted from when its request arrived, so the wait for
  a free process counts too) has its process killed; the client gets a ``503`` with a message.
- A client that hangs up while its query runs has the query's process killed.
- A query whose process dies (out of memory) is a ``503`` saying so.
- A client that waits ``timeout`` seconds for a free process gets a ``503``.

Killed processes are replaced (:class:`~helixgraph.server.pool.QueryPool`). The query process and the
front agree through a shared :class:`~helixgraph.server.slot.Slot`, so an answer is either written
whole by the process or the front's ``503`` is sent instead, never both.
"""

from __future__ import annotations

import collections
import functools
import select
import selectors
import socket
import struct
import threading
import time
from dataclasses import replace
from email.utils import formatdate

from helixgraph.server.addresses import authority
from helixgraph.server.connection import MAX_QUERY_BYTES, TEXT
from helixgraph.server.pool import QueryPool, QueryProcess
from helixgraph.server.sizes import size_text
from helixgraph.server.worker import Settings

__all__ = ["MAX_QUERY_BYTES", "SparqlHTTPServer"]

#: Seconds between looks at the running queries' clocks and clients.
_TICK = 0.05
#: Seconds a client waits for a free process before the busy ones are asked for their connections back:
#: long enough that a process answers a few requests of its client in a row, short enough to be fair.
_SHARE = 0.01
#: Seconds a query runs before the front also watches for its client hanging up.
_QUICK = 0.2
#: Seconds the front gives a client to take its ``503``.
_SEND_SECONDS = 5.0


def _hung_up(client: socket.socket) -> bool:
    """Whether the peer of ``client`` closed the connection (a readable socket with nothing to read)."""
    try:
        readable, _, _ = select.select([client], [], [], 0)
        return bool(readable) and client.recv(1, socket.MSG_PEEK) == b""
    except (OSError, ValueError):
        return True


def _close(client: socket.socket) -> None:
    try:
        client.close()
    except OSError:
        pass


class SparqlHTTPServer:
    """An HTTP server that answers SPARQL queries in a :class:`QueryPool` of query processes.

    Parameters
    ----------
    address
        ``(host, port)`` to listen on; binding happens here, so a port in use fails at once.
    settings
        What the query processes share (store, limits, origins).
    workers
        How many query processes answer at once.
    timeout
        Seconds a query may take, waiting for a free process included; None for no limit.

    Attributes
    ----------
    pool
        The query processes, started by ``pool.start()`` and stopped by ``pool.close()``.
    """

    def __init__(self, address: tuple[str, int], settings: Settings, workers: int, *,
                 timeout: float | None) -> None:
        family = socket.AF_INET6 if ":" in address[0] else socket.AF_INET
        self.socket = socket.socket(family, socket.SOCK_STREAM)
        try:
            self.socket.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
            self.socket.bind(address)
            self.socket.listen(128)
            self.socket.setblocking(False)
            self.server_address = self.socket.getsockname()
            self.pool = QueryPool(replace(settings, timeout=timeout, authority=authority(*self.server_address[:2])),
                                  workers)
        except BaseException:
            self.socket.close()
            raise
        self.query_timeout = timeout
        self.pool.on_ready = self._wake
        self._waker, self._wake_end = socket.socketpair()
        self._waker.setblocking(False)
        self._wake_end.setblocking(False)
        self._stopping = False
        self._running = threading.Lock()
        self._selector: selectors.BaseSelector | None = None
        self._idle: list[QueryProcess] = []
        self._processes: set[QueryProcess] = set()
        self._waiting: collections.deque[tuple[socket.socket, float]] = collections.deque()
        self._watched: set[socket.socket] = set()

    # -- running ------------------------------------------------------------------------------------

    def serve_forever(self) -> None:
        """Answer requests until :meth:`shutdown` (from another thread) or an exception (a signal's)."""
        with self._running:
            self._selector = selector = selectors.DefaultSelector()
            selector.register(self.socket, selectors.EVENT_READ, self._accept)
            selector.register(self._waker, selectors.EVENT_READ, self._woken)
            self._woken()
            last_look = time.monotonic()
            try:
                while not self._stopping:
                    if self._waiting:
                        wait = _SHARE
                    else:
                        wait = _TICK if any(p.client is not None for p in self._processes) else None
                    for key, _ in selector.select(wait):
                        key.data()
                    now = time.monotonic()
                    overdue = bool(self._waiting) and now - self._waiting[0][1] >= _SHARE
                    self.pool.waiting.value = int(overdue)
                    if overdue:
                        self._ask_back()
                    if now - last_look >= _TICK:
                        last_look = now
                        self._look(now)
            finally:
                selector.close()
                self._selector = None

    def shutdown(self) -> None:
        """Stop :meth:`serve_forever` and wait until it has returned."""
        self._stopping = True
        self._wake()
        with self._running:
            pass

    def server_close(self) -> None:
        """Close the listening socket and every client connection the front holds."""
        self.socket.close()
        clients = [client for client, _ in self._waiting] + list(self._watched)
        clients += [p.client for p in self._processes if p.client is not None]
        self._waiting.clear()
        self._watched.clear()
        for client in clients:
            _close(client)
        self._waker.close()
        self._wake_end.close()

    def _wake(self) -> None:
        try:
            self._wake_end.send(b"w")
        except OSError:
            pass

    # -- events -------------------------------------------------------------------------------------

    def _woken(self) -> None:
        try:
            while self._waker.recv(4096):
                pass
        except OSError:
            pass
        for process in self.pool.take_ready():
            self._selector.register(process.channel, selectors.EVENT_READ, functools.partial(self._message, process))
            self._processes.add(process)
            self._idle.append(process)
        self._dispatch()

    def _accept(self) -> None:
        try:
            client, _ = self.socket.accept()
        except OSError:  # the client left already, or no descriptor is free for now
            return
        client.setsockopt(socket.IPPROTO_TCP, socket.TCP_NODELAY, 1)
        client.setblocking(False)
        self._watch(client)

    def _watch(self, client: socket.socket) -> None:
        """Wait for ``client`` to send a request."""
        try:
            self._selector.register(client, selectors.EVENT_READ, functools.partial(self._readable, client))
        except (ValueError, OSError):
            _close(client)
            return
        self._watched.add(client)

    def _readable(self, client: socket.socket) -> None:
        self._selector.unregister(client)
        self._watched.discard(client)
        try:
            first = client.recv(1, socket.MSG_PEEK)
        except BlockingIOError:
            self._watch(client)
            return
        except OSError:
            first = b""
        if not first:
            _close(client)  # the client closed its connection
            return
        self._waiting.append((client, time.monotonic()))
        self._dispatch()
        if self._waiting:
            # Processes between requests of their client give their connections back at once.
            for process in self._processes:
                if process.client is not None and not process.asked_back and process.slot.between_requests():
                    self._ask(process)

    def _dispatch(self) -> None:
        """Hand waiting clients to idle processes."""
        while self._waiting and self._idle:
            client, since = self._waiting.popleft()
            process = self._idle.pop()  # the process that answered last: its caches are the warmest
            try:
                socket.send_fds(process.channel, [b"T" + struct.pack("d", since)], [client.fileno()])
            except OSError:
                self._waiting.appendleft((client, since))
                self._lost(process)
                continue
            process.client = client

    def _ask_back(self) -> None:
        """Ask the processes that hold a connection to give it back once they have answered."""
        for process in self._processes:
            if process.client is not None and not process.asked_back:
                self._ask(process)

    @staticmethod
    def _ask(process: QueryProcess) -> None:
        process.asked_back = True
        try:
            process.channel.send(b"P")
        except OSError:
            pass  # it died: its channel says so next

    def _message(self, process: QueryProcess) -> None:
        try:
            message = process.channel.recv(64)
        except OSError:
            message = b""
        if not message:
            self._lost(process)
            return
        client, process.client, process.asked_back = process.client, None, False
        if client is not None:
            if message == b"B":
                self._watch(client)
            else:
                _close(client)
        if message != b"E":  # E: the process ends itself (it ran out of memory)
            self._idle.append(process)
            self._dispatch()

    def _lost(self, process: QueryProcess) -> None:
        """A process that ended by itself: answer its client if a query was running, and replace it."""
        running = process.slot.running_since() is not None
        client = self._drop(process)
        if client is None:
            return
        if running:
            memory = self.pool.settings.max_memory
            cap = f" ({size_text(memory)}, --max-memory)" if memory else ""
            self._answer(client, f"the query was stopped: its process ended (exit code "
                                 f"{process.process.exitcode}), most likely because the query needed more memory "
                                 f"than this endpoint allows{cap}")
        else:
            _close(client)

    def _drop(self, process: QueryProcess) -> socket.socket | None:
        """Forget ``process``, kill it and order its replacement; the client it held, if any."""
        if self._selector is not None:
            try:
                self._selector.unregister(process.channel)
            except (KeyError, ValueError):
                pass
        self._processes.discard(process)
        if process in self._idle:
            self._idle.remove(process)
        self.pool.discard(process)
        client, process.client = process.client, None
        return client

    # -- clocks -------------------------------------------------------------------------------------

    def _look(self, now: float) -> None:
        """Stop what overran: clients waiting too long for a process, queries past their time or whose
        client hung up."""
        timeout = self.query_timeout
        while self._waiting and timeout is not None and now - self._waiting[0][1] > timeout:
            client, _ = self._waiting.popleft()
            self._answer(client, f"every query process stayed busy for {timeout:g} s; try again later")
        for process in list(self._processes):
            since = process.slot.running_since() if process.client is not None else None
            if since is None:
                continue
            if timeout is not None and now - since > timeout:
                if process.slot.cancel(since):
                    client = self._drop(process)
                    self._answer(client, f"the query was stopped after {timeout:g} s, the time this endpoint "
                                         "allows a query (--timeout)")
            elif now - since > _QUICK and _hung_up(process.client) and process.slot.cancel(since):
                _close(self._drop(process))
        self._dispatch()

    def _answer(self, client: socket.socket | None, message: str) -> None:
        """Send ``client`` a ``503`` with ``message`` and close the connection."""
        if client is None:
            return
        body = (message + "\n").encode("utf-8")
        head = (f"HTTP/1.1 503 Service Unavailable\r\nServer: helixgraph\r\n"
                f"Date: {formatdate(usegmt=True)}\r\n"
                f"Content-Type: {TEXT}\r\nContent-Length: {len(body)}\r\nX-Content-Type-Options: nosniff\r\n"
                "Connection: close\r\n\r\n")
        try:
            client.settimeout(_SEND_SECONDS)
            client.sendall(head.encode("latin-1") + body)
        except OSError:
            pass
        _close(client)
