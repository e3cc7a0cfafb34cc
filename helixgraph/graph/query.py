"""Run SPARQL on an Oxigraph store with the project's prefixes bound."""

from __future__ import annotations

import re
from collections.abc import Iterable
from pathlib import Path

import pyoxigraph as ox

from helixgraph.errors import QueryError
from helixgraph.graph.catalog import get_query
from helixgraph.graph.parameters import bind_parameters, declared_parameters
from helixgraph.graph.results import QueryResult, from_oxigraph
from helixgraph.graph.store import open_store
from helixgraph.ontology.prefixes import PREFIXES

__all__ = ["answer", "bound_query", "query_store", "query_text", "syntax_error"]

_SPARQL_START = ("select", "ask", "construct", "describe", "prefix", "base", "#")
_POSITION = re.compile(r"\berror at (\d+):(\d+)")


def query_text(query: str, folders: Iterable[str | Path] | None = None) -> str:
    """The SPARQL text for a query given as text, as a ``.rq`` file path, or as a named query's name.

    Names are looked up in the library and in ``folders``, a project's query folders (those of the
    project in effect when None; see :func:`helixgraph.graph.catalog.named_queries`).

    >>> query_text("SELECT * WHERE { ?s ?p ?o }")
    'SELECT * WHERE { ?s ?p ?o }'
    >>> query_text("cq18").startswith("# Question:")
    True
    """
    stripped = query.strip()
    if stripped.lower().startswith(_SPARQL_START) or "{" in stripped:
        return query
    path = Path(stripped)
    if path.suffix in (".rq", ".sparql") or path.is_file():
        try:
            return path.read_text(encoding="utf-8")
        except OSError as exc:
            raise QueryError(f"cannot read query file {path}: {exc.strerror}") from exc
    return get_query(stripped, folders).text


def bound_query(query: str, params: dict[str, object] | None = None,
                folders: Iterable[str | Path] | None = None) -> str:
    """The SPARQL text of ``query`` (as :func:`query_text` reads it) with its declared parameters bound.

    Parameters take their defaults unless ``params`` gives them; see :mod:`helixgraph.graph.parameters`.

    >>> text = bound_query("# Parameter: who (iri): a person\\nSELECT ?n WHERE { ?who rdfs:label ?n }",
    ...                    {"who": "li-wenhui"})
    >>> text.splitlines()[1]
    'SELECT ?n WHERE { VALUES (?who) { (<https://w3id.org/helixgraph/id/li-wenhui>) }'
    """
    text = query_text(query, folders)
    stripped = query.strip()
    name = stripped if len(stripped) < 80 and "{" not in stripped else "query"
    return bind_parameters(text, declared_parameters(text, query=name), params or {}, query=name)


def syntax_error(exc: SyntaxError) -> QueryError:
    """A :class:`QueryError` for the SPARQL parser's error, with its line and column as attributes.

    >>> err = syntax_error(SyntaxError("error at 3:2: expected OPTIONAL"))
    >>> str(err), err.line, err.column
    ('SPARQL syntax error at line 3, column 2: expected OPTIONAL', 3, 2)
    """
    text = str(exc)
    found = _POSITION.search(text)
    if not found:
        return QueryError(f"SPARQL syntax error: {text}")
    line, column = int(found.group(1)), int(found.group(2))
    detail = text[found.end():].lstrip(": ")
    return QueryError(f"SPARQL syntax error at line {line}, column {column}: {detail}", line=line, column=column)


def query_store(store: ox.Store, text: str, *, union: bool = True) -> QueryResult:
    """Run SPARQL on a pyoxigraph store; the default graph is the union of all graphs unless told not.

    >>> query_store(ox.Store(), "ASK { ?s ?p ?o }").boolean
    False
    """
    try:
        answer = store.query(text, prefixes=PREFIXES, use_default_graph_as_union=union)
        return from_oxigraph(answer)
    except SyntaxError as exc:
        raise syntax_error(exc) from exc
    except OSError as exc:
        raise QueryError(f"the store failed while answering: {exc}") from exc


def answer(query: str, *, out: str | Path = "out", endpoint: str | None = None, timeout: float | None = None,
           params: dict[str, object] | None = None, folders: Iterable[str | Path] | None = None) -> QueryResult:
    """Answer SPARQL text, a ``.rq`` file or a named query (the library's or in ``folders``, see
    :func:`bound_query`), with its ``params`` bound, from the store built in ``out`` (opened
    read-only) or from ``endpoint`` (through :func:`helixgraph.remote.graphs.connect`).

    What ``helixgraph query`` runs: it loads neither the analysis nor the pipeline, so a question
    to the store is answered soon after the interpreter starts.

    >>> answer("SELECT (COUNT(*) AS ?n) WHERE { ?s ?p ?o }", out="no-such-folder")
    Traceback (most recent call last):
    helixgraph.errors.StoreError: no built store at no-such-folder: run `helixgraph build` first (or pass --out)
    """
    text = bound_query(query, params, folders)
    if endpoint:
        from helixgraph.remote.graphs import connect

        return connect(endpoint, timeout=timeout).query(text)
    return query_store(open_store(out), text)
