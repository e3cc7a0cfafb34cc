"""Assemble loaded sources into one RDF dataset: a named graph per source, plus the ontology."""

from __future__ import annotations

from collections.abc import Iterable

from rdflib import Dataset, Graph, URIRef

from helixgraph.loaders import LoadedSource
from helixgraph.ontology.model import load_ontology
from helixgraph.ontology.prefixes import ONTOLOGY_GRAPH, PREFIXES

__all__ = ["bind_prefixes", "data_graph", "make_dataset"]


def bind_prefixes(graph: Graph) -> Graph:
    """Bind the project's prefixes on ``graph`` (replacing rdflib's defaults) and return it.

    >>> from rdflib import URIRef
    >>> graph = bind_prefixes(Graph())
    >>> graph.namespace_manager.qname(URIRef("https://w3id.org/helixgraph/id/nibs"))
    'hx:nibs'
    >>> dict(graph.namespaces())["eco"]
    rdflib.term.URIRef('https://w3id.org/helixgraph/ontology#')
    """
    for prefix, iri in PREFIXES.items():
        graph.bind(prefix, iri, replace=True, override=True)
    return graph


def make_dataset(sources: Iterable[LoadedSource], *, include_ontology: bool = True) -> Dataset:
    """A :class:`rdflib.Dataset` with one named graph per source (named by the source's IRI).

    Its default graph is the union of the named graphs, as the store's is, so a query gives the
    same answer in rdflib as from :func:`helixgraph.query`.

    >>> from helixgraph.loaders import LoadedSource
    >>> from rdflib import URIRef, RDF
    >>> ds = make_dataset([LoadedSource("s", "s.yaml", "2025-01-01",
    ...     [(URIRef("https://w3id.org/helixgraph/id/x"), RDF.type, URIRef("urn:t"))])], include_ontology=False)
    >>> [str(g.identifier) for g in ds.graphs() if len(g)]
    ['https://w3id.org/helixgraph/source/s']
    >>> len(ds.query("SELECT ?x WHERE { ?x a <urn:t> }"))
    1
    """
    ds = bind_prefixes(Dataset(default_union=True))
    for source in sources:
        graph = ds.graph(source.iri)
        graph.addN((s, p, o, graph) for s, p, o in source.triples)
    if include_ontology:
        onto = ds.graph(URIRef(ONTOLOGY_GRAPH))
        onto.addN((s, p, o, onto) for s, p, o in load_ontology().graph)
    return ds


def data_graph(sources: Iterable[LoadedSource]) -> Graph:
    """The union of the sources' triples as one graph (no ontology), for validation.

    >>> from helixgraph.loaders import LoadedSource
    >>> from rdflib import RDF
    >>> x, y = URIRef("https://w3id.org/helixgraph/id/x"), URIRef("https://w3id.org/helixgraph/id/y")
    >>> graph = data_graph([LoadedSource("a", "a.yaml", "2025-01-01", [(x, RDF.type, URIRef("urn:t"))]),
    ...                     LoadedSource("b", "b.yaml", "2025-02-01", [(y, RDF.type, URIRef("urn:t")),
    ...                                                                (x, RDF.type, URIRef("urn:t"))])])
    >>> sorted(graph.namespace_manager.qname(s) for s in graph.subjects(RDF.type, URIRef("urn:t")))
    ['hx:x', 'hx:y']
    >>> len(graph)
    2
    """
    g = bind_prefixes(Graph())
    for source in sources:
        g.addN((s, p, o, g) for s, p, o in source.triples)
    return g
