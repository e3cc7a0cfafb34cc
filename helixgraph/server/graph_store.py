"""The Graph Store Protocol upload, kept importable here; it lives in :mod:`helixgraph.remote.graph_store`."""

from helixgraph.remote.graph_store import N_TRIPLES, graph_url, upload_dataset

__all__ = ["N_TRIPLES", "graph_url", "upload_dataset"]
