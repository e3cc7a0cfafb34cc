"""SPARQL over HTTP: serve the built store with Oxigraph, query endpoints, load Graph Store endpoints.

- :func:`serve` / :func:`running_server` run Oxigraph's native server on the built store;
- :class:`SparqlClient` asks any SPARQL 1.1 endpoint and answers in a ``QueryResult``;
- :func:`upload_dataset` puts the built graphs into any Graph Store Protocol endpoint.
"""

from helixgraph.server.client import SparqlClient
from helixgraph.server.graph_store import upload_dataset
from helixgraph.server.oxigraph_server import running_server, serve

__all__ = ["SparqlClient", "running_server", "serve", "upload_dataset"]
