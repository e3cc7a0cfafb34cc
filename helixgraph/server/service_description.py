"""The endpoint's SPARQL 1.1 Service Description, answered to ``GET /query`` without a query."""

from __future__ import annotations

import pyoxigraph as ox

from helixgraph.server.negotiation import RESULT_FORMATS

__all__ = ["SD", "describe"]

SD = "http://www.w3.org/ns/sparql-service-description#"
_FORMATS = "http://www.w3.org/ns/formats/"
_RDF_TYPE = ox.NamedNode("http://www.w3.org/1999/02/22-rdf-syntax-ns#type")
#: The W3C format IRIs of the result serializations, by media type.
_FORMAT_IRIS = {
    "application/sparql-results+json": "SPARQL_Results_JSON",
    "application/sparql-results+xml": "SPARQL_Results_XML",
    "text/csv": "SPARQL_Results_CSV",
    "text/tab-separated-values": "SPARQL_Results_TSV",
}


def describe(endpoint: str, *, union_default_graph: bool, format: ox.RdfFormat = ox.RdfFormat.TURTLE) -> bytes:
    """The description of a read-only endpoint at ``endpoint`` in ``format``.

    >>> text = describe("http://127.0.0.1:7878/query", union_default_graph=True).decode()
    >>> "sd:endpoint <http://127.0.0.1:7878/query>" in text, "sd:UnionDefaultGraph" in text
    (True, True)
    """
    service = ox.BlankNode()

    def sd(name: str) -> ox.NamedNode:
        return ox.NamedNode(SD + name)

    triples = [
        ox.Triple(service, _RDF_TYPE, sd("Service")),
        ox.Triple(service, sd("endpoint"), ox.NamedNode(endpoint)),
        ox.Triple(service, sd("supportedLanguage"), sd("SPARQL11Query")),
    ]
    if union_default_graph:
        triples.append(ox.Triple(service, sd("feature"), sd("UnionDefaultGraph")))
    triples += [ox.Triple(service, sd("resultFormat"), ox.NamedNode(_FORMATS + _FORMAT_IRIS[o.media_type]))
                for o in RESULT_FORMATS]
    return ox.serialize(triples, format=format, prefixes={"sd": SD})
