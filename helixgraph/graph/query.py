"""Run SPARQL against the built store or a remote endpoint, with the project's prefixes bound."""

from __future__ import annotations

from pathlib import Path

import pyoxigraph as ox

from helixgraph.errors import QueryError
from helixgraph.graph.catalog import get_query
from helixgraph.graph.results import QueryResult, from_oxigraph
from helixgraph.graph.store import open_store
from helixgraph.ontology.prefixes import PREFIXES

__all__ = ["query_store", "query_text", "run_query"]

_SPARQL_START = ("select", "ask", "construct", "describe", "prefix", "base", "#")


def query_text(query: str) -> str:
    """The SPARQL text for a query given as text, as a ``.rq`` file path, or as a shipped query's name."""
    stripped = query.strip()
    if stripped.lower().startswith(_SPARQL_START) or "{" in stripped:
        return query
    path = Path(stripped)
    if path.suffix in (".rq", ".sparql") or path.is_file():
        try:
            return path.read_text(encoding="utf-8")
        except OSError as exc:
            raise QueryError(f"cannot read query file {path}: {exc.strerror}") from exc
    return get_query(stripped).text


def query_store(store: ox.Store, text: str, *, union: bool = True) -> QueryResult:
    """Run SPARQL on a pyoxigraph store; the default graph is the union of all graphs unless told not."""
    try:
        answer = store.query(text, prefixes=PREFIXES, use_default_graph_as_union=union)
        return from_oxigraph(answer)
    except SyntaxError as exc:
        raise QueryError(f"SPARQL syntax error: {exc}") from None
    except OSError as exc:
        raise QueryError(f"the store failed while answering: {exc}") from exc


def run_query(query: str, *, out: str | Path = "out", store: ox.Store | None = None,
              endpoint: str | None = None, timeout: float | None = None) -> QueryResult:
    """Answer a query (text, ``.rq`` file or shipped name) from the built store or an endpoint.

    Parameters
    ----------
    query
        SPARQL text, a path to a ``.rq`` file, or the name of a shipped query (``cq18``).
    out
        The build's output folder holding the store, used when neither ``store`` nor ``endpoint`` is given.
    store
        An open pyoxigraph store to query instead.
    endpoint
        The URL of a SPARQL 1.1 endpoint to query instead of the embedded store.
    timeout
        Seconds to wait for an endpoint.
    """
    text = query_text(query)
    if endpoint:
        from helixgraph.server.client import SparqlClient

        return SparqlClient(endpoint, timeout=timeout).query(text)
    return query_store(store if store is not None else open_store(out), text)
