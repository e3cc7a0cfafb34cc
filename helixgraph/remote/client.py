"""A SPARQL 1.1 Protocol client on the standard library, answering in :class:`QueryResult`.

It posts the query form-encoded with the project's prefixes prepended (a remote server does not know
them), asks for SPARQL JSON results, and refuses anything it cannot read completely. That last part
matters with servers that stream: Oxigraph's own server, for one, has already sent ``200 OK`` when
its ``--timeout-s`` cancels a slow query, so the only sign of the timeout is a JSON body that stops
in the middle, followed by the server's message. (``helixgraph serve`` answers ``503`` instead.)

Three things make the answers the same on every engine:

* **The graphs are named.** Given ``graphs``, every request carries them as ``default-graph-uri``
  and ``named-graph-uri``, so the default graph is their union whatever the server's own setting
  (Virtuoso, and Fuseki or Oxigraph without a union default graph, would otherwise answer from an
  empty default graph). :func:`helixgraph.remote.graphs.connect` finds the project's graphs.
* **Row caps are found and paged through.** Before the first SELECT the client asks for one row
  more than a page and learns the server's cap if fewer come back (Debian's Virtuoso stops at
  10,000); a SELECT then goes in pages of at most the cap with ``LIMIT``/``OFFSET``. A query with
  its own ``LIMIT`` that reaches the cap raises instead of coming back silently cut, and so does a
  sorted query whose later pages the server refuses to sort (Virtuoso's ``MaxSortedTopRows``). Pages of a query
  without ``ORDER BY`` rely on the server answering the same query in the same order each time,
  which the engines tested do for unchanged data.
* **Legacy JSON is read.** Virtuoso sends typed values as ``"typed-literal"`` (SPARQL 1.0's JSON
  form); they are read as the literals they are.
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
from helixgraph.remote.credentials import check_url, credentials_for, opener_for
from helixgraph.remote.http import Transport, server_message
from helixgraph.remote.query_text import has_own_slice, page_of, query_form

__all__ = ["PAGE_SIZE", "SPARQL_JSON", "SparqlClient"]

#: The media type of SPARQL 1.1 Query Results JSON.
SPARQL_JSON = "application/sparql-results+json"
#: Rows asked for in one request at most.
PAGE_SIZE = 10_000


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


def _standard_terms(document: dict) -> dict:
    """Turn SPARQL 1.0 JSON's ``"typed-literal"`` cells into SPARQL 1.1 ``"literal"`` ones, in place.

    >>> cell = {"type": "typed-literal", "datatype": "http://www.w3.org/2001/XMLSchema#integer", "value": "3"}
    >>> _standard_terms({"head": {"vars": ["n"]}, "results": {"bindings": [{"n": cell}]}})["results"]
    {'bindings': [{'n': {'type': 'literal', 'datatype': 'http://www.w3.org/2001/XMLSchema#integer', 'value': '3'}}]}
    """
    for binding in (document.get("results") or {}).get("bindings") or ():
        for cell in binding.values():
            if isinstance(cell, dict) and cell.get("type") == "typed-literal":
                cell["type"] = "literal"
    return document


def _probe_query(rows: int) -> str:
    """A query answering ``rows`` rows from nothing but VALUES, to see whether the server cuts it.

    >>> from helixgraph.graph.query import query_store
    >>> import pyoxigraph as ox
    >>> len(query_store(ox.Store(), _probe_query(1234)).rows)
    1234
    """
    digits = " ".join(str(d) for d in range(10))
    places = len(str(rows))
    values = " ".join(f"VALUES ?d{i} {{ {digits} }}" for i in range(places))
    return f"SELECT ?d0 WHERE {{ {values} }} LIMIT {rows}"


class SparqlClient:
    """Ask a SPARQL 1.1 endpoint SELECT and ASK queries.

    Parameters
    ----------
    endpoint
        The query URL, e.g. ``http://127.0.0.1:7878/query``; without credentials in it (see
        :mod:`helixgraph.remote.credentials` for where they come from).
    timeout
        Seconds to wait for the connection and for each read of the answer; None waits as long as
        the operating system does. The server's own time limit is separate.
    prefixes
        Prepend ``PREFIX`` lines for the project's prefixes (``eco:``, ``hx:``...) to every query.
    graphs
        Graph IRIs to query as the default graph (their union) and as the named graphs; None leaves
        the dataset to the server.
    page_size
        Rows asked for in one request at most (lower if the server caps its answers lower).
    retries
        How many times to try again after a transient failure.
    environ
        Where to read credentials (``os.environ`` by default).

    Examples
    --------
    >>> client = SparqlClient("http://127.0.0.1:7878/query", timeout=5)
    >>> client
    SparqlClient('http://127.0.0.1:7878/query', timeout=5)
    """

    def __init__(self, endpoint: str, timeout: float | None = None, *, prefixes: bool = True,
                 graphs: list[str] | None = None, page_size: int = PAGE_SIZE, retries: int = 3,
                 environ=None) -> None:
        self.endpoint = check_url(endpoint)
        self.timeout = timeout
        self.prefixes = prefixes
        self.graphs = graphs
        self.page_size = page_size
        credentials = credentials_for(endpoint, environ)
        self._transport = Transport(opener_for(endpoint, credentials), credentials, timeout, retries)
        self._cap: int | None = None
        self._probed = False

    def __repr__(self) -> str:
        return f"SparqlClient({self.endpoint!r}, timeout={self.timeout!r})"

    @property
    def what(self) -> str:
        """How messages name this endpoint."""
        return f"the SPARQL endpoint {self.endpoint}"

    def _request(self, text: str) -> urllib.request.Request:
        full = _one_line_prologue() + text if self.prefixes else text
        fields = [("query", full)]
        for graph in self.graphs or ():
            fields += [("default-graph-uri", graph), ("named-graph-uri", graph)]
        return urllib.request.Request(
            self.endpoint,
            data=urllib.parse.urlencode(fields).encode("utf-8"),
            method="POST",
            headers={
                "Accept": SPARQL_JSON,
                "Content-Type": "application/x-www-form-urlencoded; charset=utf-8",
                "User-Agent": _user_agent(),
            },
        )

    def _once(self, text: str) -> QueryResult:
        answer = self._transport.send(self._request(text), what=self.what)
        if answer.content_type and "json" not in answer.content_type:
            raise EndpointError(
                f"{self.what} answered in {answer.content_type}, not SPARQL JSON "
                "results; only SELECT and ASK queries give tables")
        error = None
        try:
            document = json.loads(answer.body.decode("utf-8"))
        except UnicodeDecodeError:
            document = None
        except json.JSONDecodeError as exc:
            document, error = None, exc
        if not isinstance(document, dict) or not answer.complete:
            raise EndpointError(
                f"the answer from {self.what} (status {answer.status}) was cut off "
                f"after {len(answer.body)} bytes, probably by the server's timeout; the server said: "
                f"{_cut_off_message(answer.body, error)}")
        try:
            return from_sparql_json(_standard_terms(document), origin=self.what)
        except QueryError as exc:
            raise EndpointError(str(exc)) from exc

    def row_cap(self) -> int | None:
        """The most rows the server sends for one query, if fewer than one page and a row; asked once.

        Raises
        ------
        EndpointError
            The server cannot be reached or refuses the query.
        """
        if not self._probed:
            rows = len(self._once(_probe_query(self.page_size + 1)).rows)
            self._cap = rows if rows <= self.page_size else None
            self._probed = True
        return self._cap

    def query(self, text: str) -> QueryResult:
        """Run a SELECT or ASK query and return its complete answer, paged as the server needs.

        Raises
        ------
        EndpointError
            The endpoint is unreachable or slow, answered with a non-2xx status (a syntax error is a
            400 carrying the server's message; a refusal names the credentials to set), answered in
            another format than SPARQL JSON (as it does for CONSTRUCT), sent a body that stops
            before its end (how Oxigraph's own server reports a query cut off by its
            ``--timeout-s``), or cut a query with its own ``LIMIT`` at its row cap.
        """
        if query_form(text) != "SELECT":
            return self._once(text)
        cap = self.row_cap()
        if has_own_slice(text):
            result = self._once(text)
            if cap is not None and len(result.rows) >= cap:
                raise EndpointError(
                    f"{self.what} sends at most {cap} rows per query and this query, which sets its own "
                    f"LIMIT, reached that many: its answer may be cut. Ask for fewer rows, or raise the "
                    "server's limit (Virtuoso: ResultSetMaxRows in the [SPARQL] section of virtuoso.ini)")
            return result
        size = min(self.page_size, cap) if cap is not None else self.page_size
        first = self._once(page_of(text, size, 0))
        bindings = list(first.bindings)
        page = first
        while len(page.bindings) == size:
            try:
                page = self._once(page_of(text, size, len(bindings)))
            except EndpointError as exc:
                if "SR353" not in str(exc):
                    raise
                raise EndpointError(
                    f"{self.what} refuses to sort more rows for a page than it has already sent ({len(bindings)} "
                    f"in pages of {size}), so this sorted query's answer cannot be read in full. Raise "
                    "MaxSortedTopRows in the [Parameters] section of virtuoso.ini above the number of rows, or "
                    "ResultSetMaxRows in its [SPARQL] section") from exc
            bindings.extend(page.bindings)
        return QueryResult(first.variables, bindings)

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
