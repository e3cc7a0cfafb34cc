"""A small SPARQL 1.1 Protocol client on the standard library, answering in :class:`QueryResult`.

It posts the query form-encoded with the project's prefixes prepended (a remote server does not know
them), asks for SPARQL JSON results, and refuses anything it cannot read completely. That last part
matters with servers that stream: Oxigraph's own server, for one, has already sent ``200 OK`` when
its ``--timeout-s`` cancels a slow query, so the only sign of the timeout is a JSON body that stops
in the middle, followed by the server's message. (``helixgraph serve`` answers ``503`` instead.)
"""

from __future__ import annotations

import json
import urllib.parse
import urllib.request
from functools import lru_cache
from importlib.metadata import PackageNotFoundError, version

from helixgraph.errors import EndpointError, QueryError
from helixgraph.graph.results import QueryResult, from_sparql_json
from helixgraph.ontology.prefixes import sparql_prologue
from helixgraph.server._http import send, server_message

__all__ = ["SPARQL_JSON", "SparqlClient"]

#: The media type of SPARQL 1.1 Query Results JSON.
SPARQL_JSON = "application/sparql-results+json"


@lru_cache(maxsize=1)
def _user_agent() -> str:
    try:
        return f"helixgraph/{version('helixgraph')}"
    except PackageNotFoundError:  # pragma: no cover - running from a source tree without install
        return "helixgraph"


def _one_line_prologue() -> str:
    """The project's ``PREFIX`` declarations on one line, so the server's error positions keep the
    line numbers of the query as written.

    >>> _one_line_prologue().count("\\n"), _one_line_prologue().startswith("PREFIX eco: ")
    (0, True)
    """
    return " ".join(sparql_prologue().splitlines()) + " "


def _check_url(endpoint: str) -> str:
    """Accept only http(s) URLs, so a typo cannot turn into a ``file:`` read.

    >>> _check_url("http://127.0.0.1:7878/query")
    'http://127.0.0.1:7878/query'
    >>> _check_url("localhost:7878/query")
    Traceback (most recent call last):
    ...
    helixgraph.errors.EndpointError: expected an http:// or https:// endpoint URL, got 'localhost:7878/query'
    """
    parts = urllib.parse.urlsplit(endpoint)
    if parts.scheme not in ("http", "https") or not parts.netloc:
        raise EndpointError(f"expected an http:// or https:// endpoint URL, got {endpoint!r}")
    return endpoint


def _cut_off_message(body: bytes, error: json.JSONDecodeError | None) -> str:
    """What the server appended where its JSON stops (Oxigraph writes its error text there).

    >>> body = b'{"head":{"vars":["n"]},"results":{"bindings":[The SPARQL operation has been cancelled'
    >>> try:
    ...     json.loads(body)
    ... except json.JSONDecodeError as exc:
    ...     _cut_off_message(body, exc)
    'The SPARQL operation has been cancelled'
    """
    text = body.decode("utf-8", errors="replace")
    tail = text[error.pos:] if error is not None else text[-200:]
    return server_message(tail.encode("utf-8"))


class SparqlClient:
    """Ask a SPARQL 1.1 endpoint SELECT and ASK queries.

    Parameters
    ----------
    endpoint
        The query URL, e.g. ``http://127.0.0.1:7878/query``.
    timeout
        Seconds to wait for the connection and for each read of the answer; None waits as long as
        the operating system does. The server's own time limit is separate.
    prefixes
        Prepend ``PREFIX`` lines for the project's prefixes (``eco:``, ``hx:``...) to every query.

    Examples
    --------
    >>> client = SparqlClient("http://127.0.0.1:7878/query", timeout=5)
    >>> client
    SparqlClient('http://127.0.0.1:7878/query', timeout=5)
    """

    def __init__(self, endpoint: str, timeout: float | None = None, *, prefixes: bool = True) -> None:
        self.endpoint = _check_url(endpoint)
        self.timeout = timeout
        self.prefixes = prefixes

    def __repr__(self) -> str:
        return f"SparqlClient({self.endpoint!r}, timeout={self.timeout!r})"

    def _request(self, text: str) -> urllib.request.Request:
        full = _one_line_prologue() + text if self.prefixes else text
        return urllib.request.Request(
            self.endpoint,
            data=urllib.parse.urlencode({"query": full}).encode("utf-8"),
            method="POST",
            headers={
                "Accept": SPARQL_JSON,
                "Content-Type": "application/x-www-form-urlencoded; charset=utf-8",
                "User-Agent": _user_agent(),
            },
        )

    def query(self, text: str) -> QueryResult:
        """Run a SELECT or ASK query and return its complete answer.

        Raises
        ------
        EndpointError
            The endpoint is unreachable or slow, answered with a non-2xx status (a syntax error is a
            400 carrying the server's message), answered in another format than SPARQL JSON (as it
            does for CONSTRUCT), or sent a body that stops before its end, which is how Oxigraph's
            own server reports a query cut off by its ``--timeout-s``.
        """
        answer = send(self._request(text), timeout=self.timeout, what=f"the SPARQL endpoint {self.endpoint}")
        if answer.content_type and "json" not in answer.content_type:
            raise EndpointError(
                f"the SPARQL endpoint {self.endpoint} answered in {answer.content_type}, not SPARQL JSON "
                "results; only SELECT and ASK queries give tables")
        error = None
        try:
            document = json.loads(answer.body.decode("utf-8"))
        except UnicodeDecodeError:
            document = None
        except json.JSONDecodeError as exc:
            document, error = None, exc
        if document is None or not answer.complete:
            raise EndpointError(
                f"the answer from the SPARQL endpoint {self.endpoint} (status {answer.status}) was cut off "
                f"after {len(answer.body)} bytes, probably by the server's timeout; the server said: "
                f"{_cut_off_message(answer.body, error)}")
        try:
            return from_sparql_json(document, origin=f"the SPARQL endpoint {self.endpoint}")
        except QueryError as exc:
            raise EndpointError(str(exc)) from exc

    def select_rows(self, text: str) -> list[tuple]:
        """Run a SELECT query and return its rows as tuples of Python values, in variable order.

        Raises
        ------
        QueryError
            The query is an ASK query, which has no rows.
        """
        result = self.query(text)
        if result.boolean is not None:
            raise QueryError("select_rows() needs a SELECT query; this one is an ASK (use query().boolean)")
        return result.rows
