"""Loaders: curated source files in, triples per source out, checked against the ontology."""

from helixgraph.loaders.loader import (
    LoadedSource,
    entity_iri,
    iter_documents,
    iter_sources,
    load_documents,
    load_sources,
    source_files_in,
    source_iri,
)
from helixgraph.loaders.source_file import read_source_file

__all__ = [
    "LoadedSource",
    "entity_iri",
    "iter_documents",
    "iter_sources",
    "load_documents",
    "load_sources",
    "read_source_file",
    "source_files_in",
    "source_iri",
]
