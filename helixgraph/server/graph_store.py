"""Load a built dataset into any SPARQL 1.1 Graph Store Protocol endpoint, one named graph at a time.

Each named graph of the built store (one per source, plus the ontology graph) is sent as
N-Triples with ``PUT {store_url}?graph=<IRI>``, which replaces that graph on the server and leaves
the others alone. This is what ``helixgraph build --store URL`` does; Oxigraph's writable server
(``oxigraph serve``) offers the protocol at ``/store``, as do Fuseki (``/dataset/data``) and others.
"""

from __future__ import annotations

import urllib.parse
import urllib.request
from pathlib import Path

import pyoxigraph as ox

from helixgraph.graph.store import open_store
from helixgraph.server._http import send

__all__ = ["N_TRIPLES", "graph_url", "upload_dataset"]

#: The media type the graphs are sent in.
N_TRIPLES = "application/n-triples"


def graph_url(store_url: str, graph: str | None) -> str:
    """The Graph Store Protocol URL of one graph: ``?graph=<IRI>``, or ``?default`` for None.

    >>> graph_url("http://127.0.0.1:7878/store", "https://w3id.org/helixgraph/source/a")
    'http://127.0.0.1:7878/store?graph=https%3A%2F%2Fw3id.org%2Fhelixgraph%2Fsource%2Fa'
    >>> graph_url("http://example.org/ds/data?key=1", None)
    'http://example.org/ds/data?key=1&default'
    """
    parameter = "default" if graph is None else urllib.parse.urlencode({"graph": graph})
    return f"{store_url}{'&' if '?' in store_url else '?'}{parameter}"


def _graphs(store: ox.Store) -> list[ox.NamedNode | ox.DefaultGraph]:
    """The store's named graphs by name, and its default graph too if it holds anything."""
    graphs: list = sorted(store.named_graphs(), key=lambda g: g.value)
    if next(iter(store.quads_for_pattern(None, None, None, ox.DefaultGraph())), None) is not None:
        graphs.append(ox.DefaultGraph())
    return graphs


def upload_dataset(out: str | Path, store_url: str, *, timeout: float | None = 60.0) -> str:
    """Replace each of the build's graphs at a Graph Store Protocol endpoint with its built content.

    Parameters
    ----------
    out
        The build's output folder (or the store folder itself).
    store_url
        The Graph Store Protocol URL, e.g. ``http://127.0.0.1:7878/store`` for ``oxigraph serve``.
    timeout
        Seconds to wait for each request.

    Returns
    -------
    str
        A one-line summary: ``Loaded 3 graphs, 1766 triples into http://127.0.0.1:7878/store``.

    Raises
    ------
    StoreError
        There is no built store in ``out``.
    EndpointError
        A ``PUT`` failed; the message names the graph, the status and the server's message. Graphs
        sent before it stay loaded.

    Examples
    --------
    Build the bundled dataset, upload it into an empty writable Oxigraph server, and count what
    arrived there:

    >>> import tempfile
    >>> from helixgraph.pipeline import build
    >>> from helixgraph.server.client import SparqlClient
    >>> from helixgraph.server.oxigraph_server import running_server
    >>> folder = tempfile.TemporaryDirectory()
    >>> _ = build(out=folder.name)
    >>> built = len(open_store(folder.name))
    >>> with running_server(location=Path(folder.name, "target"), read_only=False) as url:
    ...     summary = upload_dataset(folder.name, url.removesuffix("query") + "store")
    ...     rows = SparqlClient(url).select_rows("SELECT (COUNT(*) AS ?n) WHERE { GRAPH ?g { ?s ?p ?o } }")
    >>> summary == f"Loaded 3 graphs, {built} triples into {url.removesuffix('query')}store"
    True
    >>> rows == [(built,)]
    True
    >>> folder.cleanup()
    """
    store = open_store(out)
    graphs = _graphs(store)
    total = 0
    for graph in graphs:
        name = graph.value if isinstance(graph, ox.NamedNode) else None
        body = store.dump(format=ox.RdfFormat.N_TRIPLES, from_graph=graph)
        request = urllib.request.Request(
            graph_url(store_url, name), data=body, method="PUT",
            headers={"Content-Type": N_TRIPLES})
        what = f"the Graph Store {store_url} (PUT of graph {'<' + name + '>' if name else 'default'})"
        send(request, timeout=timeout, what=what)
        total += sum(1 for _ in store.quads_for_pattern(None, None, None, graph))
    return f"Loaded {len(graphs)} graph{'s' if len(graphs) != 1 else ''}, {total} triples into {store_url}"
