"""IRIs and prefixes used across helixgraph.

The ontology lives in :data:`ECO_NS`; the entities a source file defines get IRIs under
:data:`ID_NS`; each source is a named graph whose name is its IRI under :data:`SOURCE_NS`.
"""

from __future__ import annotations

from rdflib import Namespace

__all__ = [
    "ECO_NS",
    "GRAPH_NS",
    "ID_NS",
    "ONTOLOGY_GRAPH",
    "ONTOLOGY_IRI",
    "PREFIXES",
    "SOURCE_NS",
    "sparql_prologue",
]

ECO_NS = Namespace("https://w3id.org/helixgraph/ontology#")
ID_NS = Namespace("https://w3id.org/helixgraph/id/")
SOURCE_NS = Namespace("https://w3id.org/helixgraph/source/")
GRAPH_NS = Namespace("https://w3id.org/helixgraph/graph/")
ONTOLOGY_IRI = "https://w3id.org/helixgraph/ontology"
#: The named graph that holds the ontology and its concept schemes inside a built dataset.
ONTOLOGY_GRAPH = GRAPH_NS["ontology"]

PREFIXES: dict[str, str] = {
    "eco": str(ECO_NS),
    "hx": str(ID_NS),
    "src": str(SOURCE_NS),
    "hxg": str(GRAPH_NS),
    "rdf": "http://www.w3.org/1999/02/22-rdf-syntax-ns#",
    "rdfs": "http://www.w3.org/2000/01/rdf-schema#",
    "owl": "http://www.w3.org/2002/07/owl#",
    "xsd": "http://www.w3.org/2001/XMLSchema#",
    "skos": "http://www.w3.org/2004/02/skos/core#",
    "dcterms": "http://purl.org/dc/terms/",
    "prov": "http://www.w3.org/ns/prov#",
    "org": "http://www.w3.org/ns/org#",
    "foaf": "http://xmlns.com/foaf/0.1/",
    "schema": "https://schema.org/",
    "time": "http://www.w3.org/2006/time#",
    "qb": "http://purl.org/linked-data/cube#",
    "sh": "http://www.w3.org/ns/shacl#",
}


def sparql_prologue() -> str:
    """Return the ``PREFIX`` lines for every project prefix, for engines that take no prefix map.

    >>> "PREFIX eco: <https://w3id.org/helixgraph/ontology#>" in sparql_prologue()
    True
    """
    return "".join(f"PREFIX {p}: <{iri}>\n" for p, iri in PREFIXES.items())
