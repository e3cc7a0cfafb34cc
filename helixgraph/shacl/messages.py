"""Nodes and messages written the way pySHACL writes them into its validation report.

Default messages are pySHACL's texts, with nodes written as pySHACL writes them: shape terms with
the shapes graph's prefixes, data nodes with the prefixes of the graph pySHACL validates. That is
the fresh ``rdflib.Graph()`` in :func:`helixgraph.shacl.reference.validate_graph`, which binds
rdflib's defaults but not ours (hence ``Less than 1 values on <https://w3id.org/helixgraph/id/x>->
eco:sector``); :data:`DATA_NAMESPACES` must change if that graph's prefixes do. A ``sh:message`` is
used as written, and in a SPARQL constraint's message ``{?var}`` becomes ``str`` of the bound term,
as in pySHACL.
"""

from __future__ import annotations

import re

from rdflib import Graph, Literal, URIRef
from rdflib.namespace import RDF, SH, NamespaceManager

__all__ = [
    "DATA_NAMESPACES",
    "data_text",
    "escape_braces",
    "fill_placeholders",
    "iri_text",
    "literal_text",
    "shape_namespaces",
    "shape_text",
]

# pySHACL writes a blank node of the shapes graph by its content, down to this depth.
_MAX_DEPTH = 12


def _data_namespaces() -> NamespaceManager:
    """The prefixes pySHACL knows when it writes data nodes into messages.

    ``validate_graph`` validates a fresh ``rdflib.Graph()`` holding data and ontology, so these are
    rdflib's default bindings (plus ``sh``, which pySHACL binds), not the project's prefixes.
    """
    manager = Graph().namespace_manager
    manager.bind("sh", SH, override=False, replace=False)
    return manager


#: The prefixes data nodes are written with.
DATA_NAMESPACES = _data_namespaces()


def shape_namespaces(shapes: Graph) -> NamespaceManager:
    """The prefixes shape terms are written with: the shapes graph's own, plus ``sh``.

    Examples
    --------
    >>> shapes = Graph(bind_namespaces="none")
    >>> shapes.bind("hxs", "https://w3id.org/helixgraph/shapes#")
    >>> namespaces = shape_namespaces(shapes)
    >>> sorted(prefix for prefix, _ in namespaces.namespaces())
    ['hxs', 'sh']
    >>> iri_text(URIRef("https://w3id.org/helixgraph/shapes#Drug"), namespaces), iri_text(SH.minCount, namespaces)
    ('hxs:Drug', 'sh:minCount')
    """
    manager = Graph(bind_namespaces="none").namespace_manager
    for prefix, namespace in shapes.namespaces():
        manager.bind(prefix, namespace, override=True, replace=True)
    manager.bind("sh", SH, override=False, replace=False)
    return manager


def iri_text(iri: URIRef, namespaces: NamespaceManager) -> str:
    """``prefix:name`` when a prefix fits, ``<iri>`` otherwise.

    >>> iri_text(URIRef("http://www.w3.org/2001/XMLSchema#date"), DATA_NAMESPACES)
    'xsd:date'
    >>> iri_text(URIRef("https://w3id.org/helixgraph/id/nibs"), DATA_NAMESPACES)
    '<https://w3id.org/helixgraph/id/nibs>'
    """
    try:
        return iri.n3(namespace_manager=namespaces)
    except Exception:  # noqa: BLE001 - rdflib raises a bare Exception for IRIs it cannot write
        return str(iri)


def literal_text(literal: Literal, namespaces: NamespaceManager) -> str:
    """``Literal("lexical" = value, lang=.., datatype=..)`` as pySHACL writes a literal.

    >>> from rdflib.namespace import XSD
    >>> literal_text(Literal("true", datatype=XSD.boolean), DATA_NAMESPACES)
    'Literal("true" = True, datatype=xsd:boolean)'
    """
    lexical = str(literal)
    value = None if literal.value is None else str(literal.value)
    if value is not None and " object at 0x" in value[1:]:
        value = value[: value.find(" object at 0x")]
    text = f'"{lexical}" = {value}' if value is not None and value != lexical else f'"{lexical}"'
    if literal.language:
        text += f", lang={literal.language}"
    if literal.datatype:
        text += f", datatype={iri_text(literal.datatype, namespaces)}"
    return f"Literal({text})"


def data_text(term) -> str:
    """A data node (focus or value) as pySHACL writes it.

    Examples
    --------
    >>> from rdflib import BNode
    >>> from rdflib.namespace import XSD
    >>> data_text(URIRef("https://w3id.org/helixgraph/id/nibs"))
    '<https://w3id.org/helixgraph/id/nibs>'
    >>> data_text(Literal("NIBS", lang="en")), data_text(Literal("2025-10-01", datatype=XSD.date))
    ('Literal("NIBS", lang=en)', 'Literal("2025-10-01", datatype=xsd:date)')
    >>> data_text(BNode("b0"))
    'b0'
    """
    if isinstance(term, Literal):
        return literal_text(term, DATA_NAMESPACES)
    if isinstance(term, URIRef):
        return iri_text(term, DATA_NAMESPACES)
    return str(term)


def shape_text(graph: Graph, node, namespaces: NamespaceManager, depth: int = 0) -> str:
    """A node of the shapes graph written as pySHACL writes it (blank nodes by their content).

    >>> g = Graph().parse(format="turtle", data='''@prefix sh: <http://www.w3.org/ns/shacl#> .
    ...     @prefix xsd: <http://www.w3.org/2001/XMLSchema#> . [] sh:or ( [ sh:datatype xsd:date ] ) .''')
    >>> head = next(g.objects(None, SH["or"]))
    >>> shape_text(g, head, shape_namespaces(g))
    '( [ sh:datatype xsd:date ] )'
    """
    if isinstance(node, Literal):
        return literal_text(node, namespaces)
    if isinstance(node, URIRef):
        return iri_text(node, namespaces)
    if depth >= _MAX_DEPTH:
        return "<http://recursion.too.deep>"
    predicates = list(graph.predicates(node))
    if not predicates:
        return "[ ]"
    if RDF.first in predicates:
        return "( {} )".format(" ".join(shape_text(graph, i, namespaces, depth + 1) for i in graph.items(node)))
    parts = {}
    for predicate in predicates:
        objects = sorted(shape_text(graph, o, namespaces, depth + 1) for o in graph.objects(node, predicate))
        parts[iri_text(predicate, namespaces)] = ", ".join(objects)
    return "[ {} ]".format(" ; ".join(f"{p} {o}" for p, o in sorted(parts.items())))


def fill_placeholders(message: str, bound: dict) -> str:
    """Replace ``{?var}`` and ``{$var}`` by ``str`` of the bound term, as pySHACL does; unbound stay.

    >>> fill_placeholders("{$this} equals {?other} ({?none})", {"this": URIRef("urn:a"), "other": 3})
    'urn:a equals 3 ({?none})'
    """
    def replace(match: re.Match) -> str:
        term = bound.get(match.group(1))
        return match.group(0) if term is None else str(term)

    return re.sub(r"\{[?$](\w+)\}", replace, message)


def escape_braces(text: str) -> str:
    """Protect ``{`` and ``}`` in text that goes into a ``str.format`` message template.

    >>> escape_braces("( [ sh:datatype xsd:date ] ) {x}")
    '( [ sh:datatype xsd:date ] ) {{x}}'
    """
    return text.replace("{", "{{").replace("}", "}}")
