"""SPARQL 1.1 Protocol requests: from a query string and a body to the query to run, or a refusal.

A query comes as ``?query=`` in a GET, as a form field in an ``application/x-www-form-urlencoded``
POST, or as the whole body of an ``application/sparql-query`` POST; ``default-graph-uri`` and
``named-graph-uri`` choose the dataset, ``format=``/``output=`` the serialization. Beside the
protocol, ``named=NAME`` runs one of the project's named queries (see
:mod:`helixgraph.graph.catalog`) with its parameters given as ``param.NAME=VALUE`` fields, checked
and bound as RDF terms by :mod:`helixgraph.graph.parameters`; a name is never read as a file. An
update in any form is refused, since the endpoint is read-only. The query processes read requests with this, so
the decoding of large forms happens there and not in the HTTP front.
"""

from __future__ import annotations

import urllib.parse
from dataclasses import dataclass

import pyoxigraph as ox

__all__ = ["READ_ONLY", "Describe", "HttpRequest", "Query", "Refusal", "read_request"]

READ_ONLY = ("this endpoint is read-only: SPARQL Update and Graph Store writes are refused "
             "(build the data with `helixgraph build`)")


@dataclass(frozen=True)
class HttpRequest:
    """What the HTTP front passes on: the raw parameters and the client's preferences."""

    query_string: str = ""
    body: bytes = b""
    content_type: str = ""
    accept: str | None = None
    endpoint: str = ""


@dataclass(frozen=True)
class Query:
    """One query and how its client wants the answer."""

    text: str
    accept: str | None = None
    format_name: str | None = None
    default_graphs: tuple[str, ...] = ()
    named_graphs: tuple[str, ...] = ()

    def dataset(self, union_default_graph: bool) -> dict:
        """The dataset arguments of ``Store.query``: the protocol's graph IRIs, else the endpoint's default.

        >>> Query("ASK {}").dataset(True)
        {'use_default_graph_as_union': True}
        >>> Query("ASK {}", default_graphs=("urn:x:g",)).dataset(True)
        {'use_default_graph_as_union': False, 'default_graph': [<NamedNode value=urn:x:g>]}
        """
        dataset: dict = {"use_default_graph_as_union": union_default_graph and not self.default_graphs}
        if self.default_graphs:
            dataset["default_graph"] = [ox.NamedNode(iri) for iri in self.default_graphs]
        if self.named_graphs:
            dataset["named_graphs"] = [ox.NamedNode(iri) for iri in self.named_graphs]
        return dataset


@dataclass(frozen=True)
class Refusal:
    """A request that is not run: its HTTP status and why."""

    status: int
    message: str


@dataclass(frozen=True)
class Describe:
    """A request without a query: the client gets the service description."""

    endpoint: str
    accept: str | None = None


def _named_query(params: dict[str, list[str]]) -> str | Refusal:
    """The SPARQL of the named query ``params`` asks for, its ``param.`` fields bound; or why not.

    >>> _named_query({"named": ["entity-timeline"], "param.entity": ["nibs"]}).count("VALUES (?entity ?as_of)")
    1
    >>> _named_query({"named": ["/etc/passwd.rq"]}).message
    "no named query '/etc/passwd.rq'; `helixgraph query --list` lists them"
    >>> _named_query({"named": ["entity-timeline"], "param.entity": ["a b"]}).status
    400
    """
    from helixgraph.errors import QueryError
    from helixgraph.graph.catalog import get_query
    from helixgraph.ontology.prefixes import sparql_prologue

    names = params["named"]
    if len(names) != 1:
        return Refusal(400, f"a request names one query, not {len(names)}")
    values = {}
    for key, given in params.items():
        if key.startswith("param."):
            if len(given) != 1:
                return Refusal(400, f"parameter {key[len('param.'):]!r} is given {len(given)} times")
            if given[0] != "":
                values[key[len("param."):]] = given[0]
    try:  # the endpoint's queries carry their own prefixes: the project's are prepended
        return sparql_prologue() + get_query(names[0]).sparql(**values)
    except QueryError as exc:
        return Refusal(400, str(exc))


def read_request(request: HttpRequest) -> Query | Refusal | Describe:
    """What ``request`` asks for.

    Examples
    --------
    >>> read_request(HttpRequest("query=ASK%20%7B%7D&format=csv"))
    Query(text='ASK {}', accept=None, format_name='csv', default_graphs=(), named_graphs=())
    >>> read_request(HttpRequest(body=b"query=ASK+%7B%7D", content_type="application/x-www-form-urlencoded")).text
    'ASK {}'
    >>> read_request(HttpRequest(body="ASK { ?s ?p '中' }".encode(), content_type="application/sparql-query")).text
    "ASK { ?s ?p '中' }"
    >>> read_request(HttpRequest(body=b"update=CLEAR+ALL", content_type="application/x-www-form-urlencoded")).status
    403
    >>> read_request(HttpRequest("query=ASK%7B%7D&query=ASK%7B%7D")).message
    'a request holds one query, not 2'
    >>> read_request(HttpRequest(endpoint="http://127.0.0.1:7878/query"))
    Describe(endpoint='http://127.0.0.1:7878/query', accept=None)
    """
    params = urllib.parse.parse_qs(request.query_string, keep_blank_values=True)
    if request.body or request.content_type:
        try:
            text = request.body.decode("utf-8")
        except UnicodeDecodeError:
            return Refusal(400, "the request body is not UTF-8")
        if request.content_type == "application/x-www-form-urlencoded":
            for name, values in urllib.parse.parse_qs(text, keep_blank_values=True).items():
                params.setdefault(name, []).extend(values)
        elif request.content_type == "application/sparql-query":
            params.setdefault("query", []).append(text)
        elif request.content_type == "application/sparql-update":
            params["update"] = [text]
    if "update" in params:
        return Refusal(403, READ_ONLY)
    queries = params.get("query", [])
    if "named" in params:
        if queries:
            return Refusal(400, "a request holds a query or a named query, not both")
        named = _named_query(params)
        if isinstance(named, Refusal):
            return named
        queries = [named]
    if not queries:
        return Describe(request.endpoint, request.accept)
    if len(queries) > 1:
        return Refusal(400, f"a request holds one query, not {len(queries)}")
    names = params.get("format", []) + params.get("output", [])
    return Query(queries[0], request.accept, names[0] if names else None,
                 tuple(params.get("default-graph-uri", [])), tuple(params.get("named-graph-uri", [])))
