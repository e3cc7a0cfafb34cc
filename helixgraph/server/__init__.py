"""SPARQL over HTTP: serve the built store safely, query endpoints, load Graph Store endpoints.

- :func:`serve` / :func:`running_endpoint` serve the built store read-only, every query bounded in
  time and memory, ``SERVICE`` and other origins refused unless allowed;
- :func:`running_server` runs Oxigraph's own server (for a writable Graph Store target, say);
- :class:`SparqlClient` asks any SPARQL 1.1 endpoint and answers in a ``QueryResult``;
- :func:`upload_dataset` puts the built graphs into any Graph Store Protocol endpoint.
"""

from helixgraph.server.client import SparqlClient
from helixgraph.server.endpoint import running_endpoint, serve
from helixgraph.server.graph_store import upload_dataset
from helixgraph.server.oxigraph_server import running_server

__all__ = ["SparqlClient", "running_endpoint", "running_server", "serve", "upload_dataset"]
