"""The endpoint's HTTP side: SPARQL 1.1 Protocol requests in, complete answers out.

Queries arrive as ``GET /query?query=...``, as a form ``POST`` or as an ``application/sparql-query``
body; the answer is sent only once the query process has produced all of it, with its length, so a
client never takes a cut-off document for a result. A query stopped at the time or memory limit is
a ``503`` with a message. Updates are refused (``403``); so are requests from pages on other origins
unless ``--cors`` allows them (see :mod:`helixgraph.server.origins`). The build's profile pages are
served at ``/pages/`` (see :mod:`helixgraph.server.pages`).
"""

from __future__ import annotations

import socket
import time
import urllib.parse
from email.utils import formatdate
from http import HTTPStatus
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

from helixgraph.errors import EndpointError
from helixgraph.server.addresses import authority
from helixgraph.server.origins import OriginPolicy
from helixgraph.server.pages import EXPLORER_PATH, PREFIX, ProfilePages
from helixgraph.server.pool import ClientGone, PoolBusy, ProcessDied, QueryPool, QueryTimeout
from helixgraph.server.protocol import READ_ONLY, HttpRequest
from helixgraph.server.query_page import CONTENT_SECURITY_POLICY, query_page
from helixgraph.server.request_head import BadHead, Headers, read_headers, request_line
from helixgraph.server.sizes import size_text
from helixgraph.server.worker import TEXT

__all__ = ["MAX_QUERY_BYTES", "SparqlHTTPServer", "SparqlHandler"]

#: The largest request body (a query or a form) the endpoint reads.
MAX_QUERY_BYTES = 1 << 20
#: Answers smaller than this go out in a single write with their headers.
_ONE_WRITE = 1 << 20
#: How much of a refused body is read (and dropped) before answering, so the client is not cut off mid-send.
_DRAIN = 16 * MAX_QUERY_BYTES
#: The reason phrase of each status code.
_REASONS = {status.value: status.phrase for status in HTTPStatus}
#: The media types a query may be posted as.
_BODIES = ("application/x-www-form-urlencoded", "application/sparql-query", "application/sparql-update")


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


def _split(target: str) -> tuple[str, str]:
    """The path and query string of a request target.

    >>> _split("/query?query=ASK%7B%7D"), _split("http://127.0.0.1:7878/query?x#top")
    (('/query', 'query=ASK%7B%7D'), ('/query', 'x'))
    """
    if "#" in target or "://" in target:
        parts = urllib.parse.urlsplit(target)
        return parts.path, parts.query
    path, _, query = target.partition("?")
    return path, query


class SparqlHTTPServer(ThreadingHTTPServer):
    """An HTTP server that answers SPARQL queries from a :class:`QueryPool`.

    Parameters
    ----------
    address
        ``(host, port)`` to listen on; binding happens here, so a port in use fails at once.
    pool
        The query processes (started separately).
    policy
        Which origins may query.
    timeout
        Seconds a query may take, waiting for a free process included; None for no limit.
    pages
        The build's profile pages, served at ``/pages/``; None for none.
    """

    daemon_threads = True
    request_queue_size = 128

    def __init__(self, address: tuple[str, int], pool: QueryPool, policy: OriginPolicy, *,
                 timeout: float | None, union_default_graph: bool = True, pages: ProfilePages | None = None) -> None:
        self.address_family = socket.AF_INET6 if ":" in address[0] else socket.AF_INET
        super().__init__(address, SparqlHandler)
        self.pool = pool
        self.policy = policy
        self.query_timeout = timeout
        self.union_default_graph = union_default_graph
        self.page = query_page(timeout=timeout, union_default_graph=union_default_graph)
        self.pages = pages


class SparqlHandler(BaseHTTPRequestHandler):
    """One client connection (HTTP/1.1, kept alive between requests)."""

    server: SparqlHTTPServer
    protocol_version = "HTTP/1.1"
    server_version = "helixgraph"
    sys_version = ""
    #: Seconds an idle connection stays open.
    timeout = 60
    #: Send small answers at once rather than waiting for the client's acknowledgement (Nagle).
    disable_nagle_algorithm = True

    def log_message(self, format: str, *args) -> None:
        """Stay quiet: a busy endpoint would fill the terminal."""

    def parse_request(self) -> bool:
        """Read the request line and header fields (:mod:`helixgraph.server.request_head`), or refuse them."""
        self.command = None
        self.request_version = self.default_request_version
        self.close_connection = True
        self.requestline = self.raw_requestline.decode("latin-1").rstrip("\r\n")
        self.headers = Headers([])
        try:
            self.command, self.path, version = request_line(self.raw_requestline)
            self.request_version = "HTTP/{}.{}".format(*version)
            self.headers = read_headers(self.rfile)
        except BadHead as exc:
            self._text(exc.status, str(exc), close=True)
            return False
        if self.path.startswith("//"):
            self.path = "/" + self.path.lstrip("/")
        connection = (self.headers.get("Connection") or "").lower()
        self.close_connection = connection == "close" or (version < (1, 1) and connection != "keep-alive")
        if version >= (1, 1) and (self.headers.get("Expect") or "").lower() == "100-continue":
            return self.handle_expect_100()
        return True

    # -- answers ------------------------------------------------------------------------------------

    def _send(self, status: int, content_type: str, body: bytes | memoryview,
              headers: dict[str, str] | None = None) -> None:
        """Write the whole answer: status line, headers and body, in one write when it is small."""
        origin = self.headers.get("Origin")
        extra = {**self.server.policy.response_headers(origin), **(headers or {})} if origin or headers else {}
        head = (f"{self.protocol_version} {status} {_REASONS.get(status, '')}\r\nServer: helixgraph\r\n"
                f"Date: {_date()}\r\nContent-Type: {content_type}\r\nContent-Length: {len(body)}\r\n"
                "X-Content-Type-Options: nosniff\r\n"
                + "".join(f"{name}: {value}\r\n" for name, value in extra.items()) + "\r\n").encode("latin-1")
        try:
            if self.command == "HEAD":
                self.wfile.write(head)
            elif len(body) < _ONE_WRITE:
                self.wfile.write(head + body)
            else:
                self.wfile.write(head)
                self.wfile.write(body)
        except (BrokenPipeError, ConnectionResetError):
            self.close_connection = True

    def _text(self, status: int, message: str, *, close: bool = False) -> None:
        if close:
            self.close_connection = True
        self._send(status, TEXT, (message + "\n").encode("utf-8"),
                   {"Connection": "close"} if close else None)

    # -- methods ------------------------------------------------------------------------------------

    def do_GET(self) -> None:
        path, query = _split(self.path)
        if path == "/":
            self._send(200, "text/html; charset=utf-8", self.server.page,
                       {"Content-Security-Policy": CONTENT_SECURITY_POLICY, "X-Frame-Options": "DENY"})
        elif path == "/query":
            self._sparql(query)
        elif path in ("/update", "/store"):
            self._text(403, READ_ONLY)
        elif self.server.pages is not None and (path == PREFIX.rstrip("/") or path.startswith(PREFIX)):
            status, content_type, body, headers = self.server.pages.answer(path)
            self._send(status, content_type, body, headers or None)
        elif self.server.pages is not None and path == EXPLORER_PATH:
            status, content_type, body, headers = self.server.pages.explorer_page()
            self._send(status, content_type, body, headers or None)
        else:
            self._text(404, f"nothing at {path}: queries go to /query, the query page is at /")

    def do_HEAD(self) -> None:
        self.do_GET()

    def do_POST(self) -> None:
        path, query = _split(self.path)
        body = self._body()
        if body is None:
            return
        if path in ("/update", "/store"):
            self._text(403, READ_ONLY)
            return
        if path != "/query":
            self._text(404, f"nothing at {path}: queries go to /query")
            return
        kind = self.headers.get_content_type() if self.headers.get("Content-Type") else ""
        if kind not in _BODIES:
            self._text(415, f"a query is sent as application/x-www-form-urlencoded or application/sparql-query, "
                            f"not {kind or 'a body without Content-Type'}")
            return
        self._sparql(query, body, kind)

    def do_OPTIONS(self) -> None:
        origin = self.headers.get("Origin")
        if self.server.policy.cross_origin_allowed(origin):
            self._send(204, TEXT, b"", {
                "Access-Control-Allow-Methods": "GET, POST, OPTIONS",
                "Access-Control-Allow-Headers": "Accept, Content-Type",
                "Access-Control-Max-Age": "600"})
        else:
            self._text(403, f"cross-origin requests from {origin or '(no Origin)'} are not allowed here "
                            "(start the endpoint with --cors ORIGIN to allow a page's origin)")

    def _refuse_write(self) -> None:
        try:
            self._discard(int(self.headers.get("Content-Length") or 0))
        except ValueError:
            pass
        self._text(403, READ_ONLY, close=True)

    do_PUT = do_DELETE = do_PATCH = _refuse_write

    def _body(self) -> bytes | None:
        """The request body, or None after answering why it is not read."""
        if self.headers.get("Transfer-Encoding"):
            self._text(411, "send the request body with a Content-Length, not chunked", close=True)
            return None
        try:
            length = int(self.headers.get("Content-Length") or 0)
        except ValueError:
            self._text(400, "the Content-Length header is not a number", close=True)
            return None
        if length > MAX_QUERY_BYTES:
            self._discard(length)
            self._text(413, f"the request body has {length} bytes; a query may have at most {MAX_QUERY_BYTES}",
                       close=True)
            return None
        return self.rfile.read(length) if length > 0 else b""

    def _discard(self, length: int) -> None:
        """Read and drop up to :data:`_DRAIN` bytes of a refused body, so the client can read the answer."""
        left = min(length, _DRAIN)
        try:
            while left > 0:
                chunk = self.rfile.read(min(left, 1 << 16))
                if not chunk:
                    return
                left -= len(chunk)
        except OSError:
            return

    # -- queries ------------------------------------------------------------------------------------

    def _sparql(self, query: str, body: bytes = b"", kind: str = "") -> None:
        server = self.server
        refusal = server.policy.refusal(self.headers)
        if refusal:
            self._text(403, refusal)
            return
        host = self.headers.get("Host") or authority(*self.server.server_address[:2])
        request = HttpRequest(query, body, kind, self.headers.get("Accept"), f"http://{host}/query")
        timeout = server.query_timeout
        try:
            reply = server.pool.run(request, timeout=timeout, client=self.connection)
        except QueryTimeout:
            self._text(503, f"the query was stopped after {timeout:g} s, the time this endpoint allows a query "
                            "(--timeout)")
        except PoolBusy:
            self._text(503, f"every query process stayed busy for {timeout:g} s; try again later")
        except ProcessDied as exc:
            memory = server.pool.settings.max_memory
            cap = f" ({size_text(memory)}, --max-memory)" if memory else ""
            self._text(503, f"the query was stopped: its process ended (exit code {exc.exitcode}), most likely "
                            f"because the query needed more memory than this endpoint allows{cap}")
        except ClientGone:
            self.close_connection = True
        except EndpointError as exc:
            self._text(503, str(exc), close=True)
        else:
            self._send(reply.status, reply.content_type, reply.body)
