"""Remote SPARQL stores: the query client, the Graph Store upload, credentials, the project's graphs.

This is the path a graph takes when it outgrows the embedded store: ``helixgraph build --store URL``
loads it into a server (Oxigraph, Virtuoso, and any other SPARQL 1.1 Graph Store Protocol store),
and ``query``/``analyze --endpoint URL`` read it back with the same answers as the embedded store.
"""

from helixgraph.remote.client import SparqlClient
from helixgraph.remote.graph_store import upload_dataset
from helixgraph.remote.graphs import connect, project_graphs

__all__ = ["SparqlClient", "connect", "project_graphs", "upload_dataset"]
