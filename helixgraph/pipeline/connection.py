"""Where a query goes: the built store in an output folder, an open store, or a remote endpoint.

The one place that chooses; everything downstream (the projection, the analysis, the explorer)
takes the resulting :data:`Runner`, a function from SPARQL text to a
:class:`~helixgraph.graph.results.QueryResult`.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import pyoxigraph as ox

from helixgraph.graph.query import query_store
from helixgraph.graph.results import QueryResult
from helixgraph.graph.store import open_store

__all__ = ["Runner", "runner"]

Runner = Callable[[str], QueryResult]


def runner(out: str | Path = "out", *, store: ox.Store | None = None, endpoint: str | None = None,
           timeout: float | None = None) -> Runner:
    """A function answering SPARQL text from ``endpoint``, else ``store``, else the store built in ``out``.

    Parameters
    ----------
    out
        The build's output folder holding the store, used when neither ``store`` nor ``endpoint``
        is given.
    store
        An open pyoxigraph store, such as ``open_store(out, in_memory=True)``.
    endpoint
        The URL of a SPARQL 1.1 endpoint. Its queries read the project's graphs found there (see
        :func:`helixgraph.remote.graphs.connect`), with the credentials of the environment or netrc.
    timeout
        Seconds to wait for an endpoint.

    Examples
    --------
    >>> run = runner(store=ox.Store())
    >>> run("SELECT (1 + 1 AS ?two) WHERE {}").rows
    [(2,)]
    """
    if endpoint:
        from helixgraph.remote.graphs import connect

        return connect(endpoint, timeout=timeout).query
    chosen = store if store is not None else open_store(out)
    return lambda text: query_store(chosen, text)
