"""The SPARQL 1.1 Protocol client, kept importable here; it lives in :mod:`helixgraph.remote.client`."""

from helixgraph.remote.client import SPARQL_JSON, SparqlClient

__all__ = ["SPARQL_JSON", "SparqlClient"]
