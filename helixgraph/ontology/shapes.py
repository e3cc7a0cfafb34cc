"""SHACL shapes for the data: derived from the ontology, plus a few hand-written rules.

The derived shapes say what the ontology says, in SHACL: a class's required fields become
``sh:minCount 1``, a functional property ``sh:maxCount 1``, a property's range ``sh:class`` or
``sh:datatype``. Rules that need more than that live in ``rules.ttl``.
"""

from __future__ import annotations

from importlib import resources
from pathlib import Path

from rdflib import OWL, RDF, RDFS, BNode, Graph, Literal, Namespace, URIRef
from rdflib.collection import Collection
from rdflib.namespace import SH

from helixgraph.ontology.extensions import active_extensions, per_ontology
from helixgraph.ontology.model import Ontology, load_ontology

__all__ = ["SHAPES_NS", "derived_shapes", "load_shapes"]

SHAPES_NS = Namespace("https://w3id.org/helixgraph/shapes#")
_UNCHECKED_RANGES = (OWL.Thing, RDFS.Resource)


def _property_shape(graph: Graph, path: URIRef) -> BNode:
    node = BNode()
    graph.add((node, SH.path, path))
    return node


def _range_constraint(graph: Graph, node: BNode, prop) -> None:
    if prop.is_literal:
        if len(prop.datatypes) == 1:
            graph.add((node, SH.datatype, prop.datatypes[0]))
        else:
            options = []
            for datatype in prop.datatypes:
                option = BNode()
                graph.add((option, SH.datatype, datatype))
                options.append(option)
            head = BNode()
            Collection(graph, head, options)
            graph.add((node, SH["or"], head))
    elif prop.range not in _UNCHECKED_RANGES:
        graph.add((node, SH["class"], prop.range))


def derived_shapes(ontology: Ontology) -> Graph:
    """Build the SHACL shapes that follow from the ontology's ranges, characteristics and restrictions.

    >>> g = derived_shapes(load_ontology())
    >>> from rdflib.namespace import SH
    >>> (SHAPES_NS["Statistic"], SH.targetClass, load_ontology().classes["Statistic"].iri) in g
    True
    """
    g = Graph()
    g.bind("sh", SH)
    g.bind("hxs", SHAPES_NS)
    for prop in ontology.properties.values():
        shape = SHAPES_NS[f"property-{prop.name}"]
        g.add((shape, RDF.type, SH.NodeShape))
        g.add((shape, SH.targetSubjectsOf, prop.iri))
        node = _property_shape(g, prop.iri)
        g.add((shape, SH.property, node))
        if prop.functional:
            g.add((node, SH.maxCount, Literal(1)))
        _range_constraint(g, node, prop)
    for cls in ontology.classes.values():
        if not cls.required:
            continue
        shape = SHAPES_NS[cls.name]
        g.add((shape, RDF.type, SH.NodeShape))
        g.add((shape, SH.targetClass, cls.iri))
        for name in cls.required:
            node = _property_shape(g, ontology.properties[name].iri)
            g.add((node, SH.minCount, Literal(1)))
            g.add((shape, SH.property, node))
    return g


@per_ontology
def load_shapes() -> Graph:
    """All shapes the data must meet: the derived ones and the hand-written rules.

    The graph is read once per process and shared: do not change it.

    Examples
    --------
    >>> shapes = load_shapes()
    >>> shapes is load_shapes()
    True
    >>> (SHAPES_NS["EventNotAfterSource"], RDF.type, SH.NodeShape) in shapes  # a rule of rules.ttl
    True
    >>> (SHAPES_NS["Drug"], SH.targetClass, load_ontology().classes["Drug"].iri) in shapes  # a derived shape
    True
    """
    g = derived_shapes(load_ontology())
    rules = resources.files("helixgraph.ontology") / "rules.ttl"
    g.parse(data=rules.read_text(encoding="utf-8"), format="turtle")
    for path in active_extensions():  # a project's own rules: the shapes its extension declares
        g.parse(data=Path(path).read_text(encoding="utf-8"), format="turtle", publicID=Path(path).as_uri())
    return g
