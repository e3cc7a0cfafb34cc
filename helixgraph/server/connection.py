"""A client's connection as a query process serves it: HTTP/1.1 requests read, each answered whole.

The endpoint (:mod:`helixgraph.server.front`) hands a connection to a query process once the client
has sent something. The process reads the request, runs the query and writes the complete answer
with its length, so the bytes of an answer go from the process that made it straight to the client.
It keeps the connection while the same client goes on asking, and gives it back when the endpoint
says that another client waits for a process (:func:`serve_connection`).

Queries arrive as ``GET /query?query=...``, as a form ``POST`` or as an ``application/sparql-query``
body. Updates are refused (``403``); so are requests from pages on other origins unless ``--cors``
allows them (see :mod:`helixgraph.server.origins`), and malformed request heads
(:mod:`helixgraph.server.request_head`).
"""

from __future__ import annotations

import enum
import os
import select
import socket
import time
import urllib.parse
from dataclasses import dataclass
from email.utils import formatdate
from http import HTTPStatus

from helixgraph.server.protocol import READ_ONLY, HttpRequest
from helixgraph.server.query_page import CONTENT_SECURITY_POLICY, query_page
from helixgraph.server.request_head import MAX_LINE, BadHead, Headers, read_headers, request_line
from helixgraph.server.slot import Slot

__all__ = ["MAX_QUERY_BYTES", "Outcome", "serve_connection"]

#: The largest request body (a query or a form) the endpoint reads.
MAX_QUERY_BYTES = 1 << 20
#: Seconds a client gets to send the whole of a request, and to take the whole of an answer.
TRANSFER_SECONDS = 60.0
#: Seconds an idle connection stays open.
IDLE_SECONDS = 60.0
#: Answers smaller than this go out in a single write with their headers.
_ONE_WRITE = 1 << 20
#: How much of a refused body is read (and dropped) before answering, so the client is not cut off mid-send.
_DRAIN = 16 * MAX_QUERY_BYTES
#: The media types a query may be posted as.
_BODIES = ("application/x-www-form-urlencoded", "application/sparql-query", "application/sparql-update")
TEXT = "text/plain; charset=utf-8"
_REASONS = {status.value: status.phrase for status in HTTPStatus}


class Outcome(enum.Enum):
    """How a query process is done with a connection."""

    #: Open, nothing of a next request read yet: the endpoint watches it again.
    GIVEN_BACK = b"B"
    #: Closed (the client hung up or asked for it, or the request was refused outright).
    CLOSED = b"C"


class _Closing(Exception):
    """The connection is to be closed now (the client is gone, or broke the protocol)."""


def _wait(sock: socket.socket, until: float, *, writing: bool = False) -> None:
    """Wait until ``sock`` can be read (or written), or raise ``TimeoutError`` at ``until``."""
    left = until - time.monotonic()
    ready = select.select([], [sock], [], max(left, 0)) if writing else select.select([sock], [], [], max(left, 0))
    if not any(ready):
        raise TimeoutError()


def send_all(sock: socket.socket, data: bytes | memoryview, seconds: float) -> None:
    """Write ``data`` to the non-blocking ``sock`` within ``seconds``, or raise ``TimeoutError`` or ``OSError``."""
    until = time.monotonic() + seconds
    view = memoryview(data)
    while view:
        try:
            view = view[sock.send(view):]
        except BlockingIOError:
            _wait(sock, until, writing=True)


class _Reader:
    """A non-blocking socket read through a buffer, within a deadline set for each request."""

    def __init__(self, sock: socket.socket) -> None:
        self.sock = sock
        self.buffer = bytearray()
        self.eof = False
        self.until = 0.0

    def _fill(self) -> bool:
        if self.eof:
            return False
        while True:
            try:
                chunk = self.sock.recv(1 << 16)
                break
            except BlockingIOError:
                _wait(self.sock, self.until)
        if not chunk:
            self.eof = True
            return False
        self.buffer += chunk
        return True

    def readline(self, limit: int) -> bytes:
        """A line with its end, at most ``limit`` bytes, or what is left before the end of the stream."""
        while True:
            end = self.buffer.find(b"\n", 0, limit)
            if end >= 0:
                return self._take(end + 1)
            if len(self.buffer) >= limit or not self._fill():
                return self._take(min(limit, len(self.buffer)))

    def read(self, size: int) -> bytes:
        while len(self.buffer) < size and self._fill():
            pass
        return self._take(min(size, len(self.buffer)))

    def _take(self, size: int) -> bytes:
        taken = bytes(self.buffer[:size])
        del self.buffer[:size]
        return taken


class _Request:
    """A request's head: method, target (split into path and query string), version and fields."""

    def __init__(self, method: str, target: str, version: tuple[int, int], headers: Headers) -> None:
        self.method, self.target, self.version, self.headers = method, target, version, headers
        if "#" in target or "://" in target:
            parts = urllib.parse.urlsplit(target)
            self.path, self.query_string = parts.path, parts.query
        else:
            self.path, _, self.query_string = target.partition("?")


class _Date:
    """The ``Date`` header's value, formatted once a second."""

    second = -1
    text = ""

    def __call__(self) -> str:
        now = int(time.time())
        if now != self.second:
            self.second, self.text = now, formatdate(now, usegmt=True)
        return self.text


_date = _Date()


class _Exchange:
    """The requests of one connection, answered in turn."""

    def __init__(self, sock: socket.socket, site: Site, slot: Slot) -> None:
        self.sock = sock
        self.site = site
        self.slot = slot
        self.reader = _Reader(sock)
        self.close = False
        self.stop_process = False
        self.request: _Request | None = None

    # -- answers ------------------------------------------------------------------------------------

    def send(self, status: int, content_type: str, body: bytes, headers: dict[str, str] | None = None) -> None:
        """Write the whole answer: status line, headers and body, in one write when it is small."""
        origin = self.request.headers.get("Origin") if self.request else None
        lines = [f"HTTP/1.1 {status} {_REASONS.get(status, '')}", f"Date: {_date()}",
                 f"Content-Type: {content_type}", f"Content-Length: {len(body)}", "X-Content-Type-Options: nosniff"]
        extra = {**self.site.policy.response_headers(origin), **(headers or {})}
        if self.close:
            extra["Connection"] = "close"
        lines += [f"{name}: {value}" for name, value in extra.items()]
        head = ("\r\n".join(lines) + "\r\n\r\n").encode("latin-1")
        if not self.slot.begin_writing():
            os._exit(0)  # the endpoint stopped this query and answers the client itself
        try:
            if self.request is not None and self.request.method == "HEAD":
                send_all(self.sock, head, TRANSFER_SECONDS)
            elif len(body) < _ONE_WRITE:
                send_all(self.sock, head + body, TRANSFER_SECONDS)
            else:
                send_all(self.sock, head, TRANSFER_SECONDS)
                send_all(self.sock, body, TRANSFER_SECONDS)
        except OSError as exc:
            raise _Closing() from exc
        finally:
            self.slot.finish()

    def text(self, status: int, message: str, *, close: bool = False) -> None:
        self.close = self.close or close
        self.send(status, TEXT, (message + "\n").encode("utf-8"))

    # -- requests -----------------------------------------------------------------------------------

    def serve_one(self, since: float) -> None:
        """Read one request and answer it; ``since`` is when it started waiting for an answer."""
        self.request = None
        self.reader.until = time.monotonic() + TRANSFER_SECONDS
        try:
            raw = self.reader.readline(MAX_LINE + 1)
            if not raw:
                raise _Closing()
            if len(raw) > MAX_LINE:
                self.text(414, f"the request line is longer than {MAX_LINE} bytes", close=True)
                return
            try:
                method, target, version = request_line(raw)
                headers = read_headers(self.reader)
            except BadHead as exc:
                self.text(exc.status, str(exc), close=True)
                return
        except TimeoutError:
            self.text(408, f"the request did not arrive whole within {TRANSFER_SECONDS:g} s", close=True)
            return
        if target.startswith("//"):
            target = "/" + target.lstrip("/")
        self.request = _Request(method, target, version, headers)
        connection = (headers.get("Connection") or "").lower()
        self.close = connection == "close" or (version < (1, 1) and connection != "keep-alive")
        if version >= (1, 1) and (headers.get("Expect") or "").lower() == "100-continue":
            try:
                send_all(self.sock, b"HTTP/1.1 100 Continue\r\n\r\n", TRANSFER_SECONDS)
            except OSError as exc:
                raise _Closing() from exc
        handler = {"GET": self.get, "HEAD": self.get, "POST": self.post, "OPTIONS": self.options,
                   "PUT": self.refuse_write, "DELETE": self.refuse_write, "PATCH": self.refuse_write}.get(method)
        if handler is None:
            self.text(501, f"this endpoint does not answer {method[:50]!r} requests", close=True)
            return
        try:
            handler(since)
        except TimeoutError:
            self.text(408, f"the request did not arrive whole within {TRANSFER_SECONDS:g} s", close=True)

    def get(self, since: float) -> None:
        request = self.request
        path = request.path
        if path == "/":
            self.send(200, "text/html; charset=utf-8", self.site.page,
                      {"Content-Security-Policy": CONTENT_SECURITY_POLICY, "X-Frame-Options": "DENY"})
        elif path == "/query":
            self.sparql(HttpRequest(request.query_string), since)
        elif path in ("/update", "/store"):
            self.text(403, READ_ONLY)
        else:
            self.text(404, f"nothing at {path}: queries go to /query, the query page is at /")

    def post(self, since: float) -> None:
        request = self.request
        body = self.body()
        if body is None:
            return
        path = request.path
        if path in ("/update", "/store"):
            self.text(403, READ_ONLY)
            return
        if path != "/query":
            self.text(404, f"nothing at {path}: queries go to /query")
            return
        kind = request.headers.get_content_type() if request.headers.get("Content-Type") else ""
        if kind not in _BODIES:
            self.text(415, f"a query is sent as application/x-www-form-urlencoded or application/sparql-query, "
                           f"not {kind or 'a body without Content-Type'}")
            return
        self.sparql(HttpRequest(request.query_string, body, kind), since)

    def options(self, since: float) -> None:
        origin = self.request.headers.get("Origin")
        if self.site.policy.cross_origin_allowed(origin):
            self.send(204, TEXT, b"", {
                "Access-Control-Allow-Methods": "GET, POST, OPTIONS",
                "Access-Control-Allow-Headers": "Accept, Content-Type",
                "Access-Control-Max-Age": "600"})
        else:
            self.text(403, f"cross-origin requests from {origin or '(no Origin)'} are not allowed here "
                           "(start the endpoint with --cors ORIGIN to allow a page's origin)")

    def refuse_write(self, since: float) -> None:
        try:
            self.discard(int(self.request.headers.get("Content-Length") or 0))
        except ValueError:
            pass
        self.text(403, READ_ONLY, close=True)

    def body(self) -> bytes | None:
        """The request body, or None after answering why it is not read."""
        headers = self.request.headers
        if headers.get("Transfer-Encoding"):
            self.text(411, "send the request body with a Content-Length, not chunked", close=True)
            return None
        try:
            length = int(headers.get("Content-Length") or 0)
        except ValueError:
            self.text(400, "the Content-Length header is not a number", close=True)
            return None
        if length > MAX_QUERY_BYTES:
            self.discard(length)
            self.text(413, f"the request body has {length} bytes; a query may have at most {MAX_QUERY_BYTES}",
                      close=True)
            return None
        body = self.reader.read(length) if length > 0 else b""
        if len(body) < length:
            raise _Closing()  # the client hung up mid-body
        return body

    def discard(self, length: int) -> None:
        """Read and drop up to :data:`_DRAIN` bytes of a refused body, so the client can read the answer."""
        left = min(length, _DRAIN)
        try:
            while left > 0:
                chunk = self.reader.read(min(left, 1 << 16))
                if not chunk:
                    return
                left -= len(chunk)
        except OSError:
            return

    # -- queries ------------------------------------------------------------------------------------

    def sparql(self, request: HttpRequest, since: float) -> None:
        site, headers = self.site, self.request.headers
        refusal = site.policy.refusal(headers)
        if refusal:
            self.text(403, refusal)
            return
        host = headers.get("Host") or site.authority
        request = HttpRequest(request.query_string, request.body, request.content_type, headers.get("Accept"),
                              f"http://{host}/query")
        self.slot.start(since)
        try:
            status, content_type, body = site.answer(request)
        except MemoryError:
            # A process that ran out of memory is not trusted with the next query.
            self.stop_process = True
            self.text(503, "the query needed more memory than this endpoint allows a query (--max-memory)",
                      close=True)
            return
        except (ValueError, TypeError, OSError) as exc:  # a request the checks did not foresee
            status, content_type, body = 400, TEXT, f"cannot answer this request: {exc}\n".encode()
        self.send(status, content_type, body)


@dataclass
class Site:
    """What every connection a query process serves shares: how to answer a query, and the endpoint's ways.

    Parameters
    ----------
    answer
        Answers an :class:`~helixgraph.server.protocol.HttpRequest`: the status, ``Content-Type`` and body.
    policy
        Which origins may query (an :class:`~helixgraph.server.origins.OriginPolicy`).
    authority
        ``host:port`` the endpoint listens on, for requests without a ``Host``.
    timeout, union_default_graph
        What the query page says of the endpoint.
    """

    answer: object
    policy: object
    authority: str
    timeout: float | None = None
    union_default_graph: bool = True

    def __post_init__(self) -> None:
        self.page = query_page(timeout=self.timeout, union_default_graph=self.union_default_graph)


def serve_connection(sock: socket.socket, site: Site, slot: Slot, channel: socket.socket,
                     since: float) -> tuple[Outcome, bool]:
    """Answer the requests arriving on ``sock`` until the client stops or another client needs this process.

    Parameters
    ----------
    sock
        The client's connection, with something to read.
    site
        How to answer.
    slot
        Where the endpoint sees what the process does (a query running since when, an answer being written).
    channel
        The process's line to the endpoint: something to read there means "give the connection back".
    since
        When the first request began to wait for an answer (the endpoint's monotonic clock).

    Returns
    -------
    tuple
        The :class:`Outcome` and whether the process must end (it ran out of memory).

    Examples
    --------
    A client asking one question and closing, on one end of a socket pair:

    >>> import multiprocessing
    >>> from helixgraph.server.origins import OriginPolicy
    >>> site = Site(lambda request: (200, "text/csv", b"n\\r\\n1\\r\\n"), OriginPolicy(), "127.0.0.1:7878")
    >>> slot = Slot.new(multiprocessing.get_context("spawn"))
    >>> client, served = socket.socketpair()
    >>> channel, _ = socket.socketpair()
    >>> client.sendall(b"GET /query?query=ASK%7B%7D HTTP/1.1\\r\\nHost: 127.0.0.1\\r\\nConnection: close\\r\\n\\r\\n")
    >>> serve_connection(served, site, slot, channel, since=time.monotonic())
    (<Outcome.CLOSED: b'C'>, False)
    >>> answer = client.recv(4096)
    >>> answer.split(b"\\r\\n")[0], answer.endswith(b"\\r\\n\\r\\nn\\r\\n1\\r\\n")
    (b'HTTP/1.1 200 OK', True)
    >>> for end in (client, served, channel, _):
    ...     end.close()
    """
    sock.setblocking(False)
    exchange = _Exchange(sock, site, slot)
    try:
        while True:
            exchange.serve_one(since)
            if exchange.close or exchange.stop_process:
                return Outcome.CLOSED, exchange.stop_process
            if not exchange.reader.buffer:
                # Between requests: keep the connection while the client goes on, unless another client waits.
                if slot.others_waiting():
                    return Outcome.GIVEN_BACK, False
                readable, _, _ = select.select([sock, channel], [], [], IDLE_SECONDS)
                if channel in readable:
                    return Outcome.GIVEN_BACK, False
                if not readable:
                    return Outcome.CLOSED, False
            since = time.monotonic()
    except (_Closing, OSError):
        return Outcome.CLOSED, exchange.stop_process
