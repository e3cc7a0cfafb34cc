"""The project's graphs on a remote endpoint, and a client that queries exactly those.

A built dataset holds one named graph per source (each says of itself that it is an
``eco:Source``), the ontology graph, and the analysis graphs (each an ``eco:AnalysisRun``). The shipped queries read the union of these as their default graph, as the
embedded store offers it. :func:`connect` finds the graphs on the endpoint with three index
look-ups, then asks whether the server's own default graph already shows them all (Virtuoso's
does: it is the union of every graph; so does ``oxigraph serve --union-default-graph``). If it
does, queries go as they are; if not (Fuseki's default, plain ``oxigraph serve``) the client names
the graphs in every request (``default-graph-uri``/``named-graph-uri``). Leaving Virtuoso's default
graph alone matters: given ``default-graph-uri``, Virtuoso 7.2 drops rows of queries that join a
zero-or-more property path (``rdfs:subClassOf*``) with other patterns. An endpoint holding none of
the graphs gets a warning, not a silent empty answer.
"""

from __future__ import annotations

import warnings

from helixgraph.ontology.prefixes import ONTOLOGY_GRAPH, ONTOLOGY_IRI
from helixgraph.remote.client import SparqlClient

__all__ = ["PROJECT_GRAPHS", "NoProjectGraphsWarning", "connect", "project_graphs"]

#: Finds the graphs of a built dataset by what each says of itself.
PROJECT_GRAPHS = f"""SELECT DISTINCT ?g WHERE {{
  {{ GRAPH ?g {{ ?g a eco:Source }} }}
  UNION {{ GRAPH ?g {{ ?g a eco:AnalysisRun }} }}
  UNION {{ GRAPH ?g {{ <{ONTOLOGY_IRI}> a owl:Ontology }} FILTER (?g = <{ONTOLOGY_GRAPH}>) }}
}} ORDER BY ?g"""


#: What the default graph shows of each project graph: the same markers, without GRAPH.
DEFAULT_GRAPH_MARKERS = f"""SELECT DISTINCT ?g WHERE {{
  {{ ?g a eco:Source }}
  UNION {{ ?g a eco:AnalysisRun }}
  UNION {{ <{ONTOLOGY_IRI}> a owl:Ontology BIND (<{ONTOLOGY_GRAPH}> AS ?g) }}
}}"""


class NoProjectGraphsWarning(UserWarning):
    """The endpoint holds none of the graphs a helixgraph build loads."""


def project_graphs(client: SparqlClient) -> list[str]:
    """The IRIs of the project's graphs that the endpoint holds, in IRI order.

    Examples
    --------
    >>> import pyoxigraph as ox
    >>> from helixgraph.graph.query import query_store
    >>> from helixgraph.pipeline.build import load_store
    >>> [row[0].rsplit("/", 1)[1] for row in query_store(load_store(), PROJECT_GRAPHS).rows]
    ['ontology', 'caixin-2025-10-01', 'people-daily-2026-01-24']
    """
    return [row[0] for row in client.select_rows(PROJECT_GRAPHS)]


def connect(endpoint: str, *, timeout: float | None = None, **options) -> SparqlClient:
    """A client for ``endpoint`` whose every query reads the project's graphs found there.

    Parameters
    ----------
    endpoint
        The SPARQL query URL.
    timeout
        Seconds to wait for each request.
    **options
        Passed on to :class:`SparqlClient` (``page_size``, ``retries``, ``environ``).

    Warns
    -----
    NoProjectGraphsWarning
        The endpoint holds none of the project's graphs; the client then leaves the dataset to the
        server, and answers will probably be empty.

    Examples
    --------
    An empty Oxigraph server holds none of them:

    >>> import tempfile
    >>> from pathlib import Path
    >>> from helixgraph.server.oxigraph_server import running_server
    >>> with running_server(location=Path(tempfile.mkdtemp()) / "empty", read_only=False) as url:
    ...     with warnings.catch_warnings(record=True) as caught:
    ...         warnings.simplefilter("always")
    ...         client = connect(url, timeout=10)
    >>> client.graphs is None, [w.category.__name__ for w in caught]
    (True, ['NoProjectGraphsWarning'])
    """
    client = SparqlClient(endpoint, timeout=timeout, **options)
    found = project_graphs(client)
    if not found:
        warnings.warn(
            f"{client.what} holds none of helixgraph's graphs (no source graph, ontology graph or "
            "analysis graph): answers will probably be empty. Load a build with `helixgraph build --store "
            "URL`, or check the endpoint's URL", NoProjectGraphsWarning, stacklevel=2)
        return client
    client.graphs = None
    shown = {row[0] for row in client.select_rows(DEFAULT_GRAPH_MARKERS)}
    if not set(found) <= shown:
        client.graphs = found
    return client
