"""The IRIs of what source files define: entities under the ``hx:`` namespace, sources under ``src:``."""

from __future__ import annotations

from rdflib import URIRef

from helixgraph.ontology.prefixes import ID_NS, SOURCE_NS

__all__ = ["entity_iri", "source_iri"]

_ID_PREFIX = str(ID_NS)


def entity_iri(entity_id: str) -> URIRef:
    """The IRI of an entity defined in a source file.

    >>> entity_iri("nibs")
    rdflib.term.URIRef('https://w3id.org/helixgraph/id/nibs')
    """
    return URIRef(_ID_PREFIX + entity_id)


def source_iri(source_id: str) -> URIRef:
    """The IRI, and named-graph name, of a source.

    >>> source_iri("caixin-2025-10-01")
    rdflib.term.URIRef('https://w3id.org/helixgraph/source/caixin-2025-10-01')
    """
    return SOURCE_NS[source_id]
