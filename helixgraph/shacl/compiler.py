"""Compile SHACL shapes into SPARQL: one ``SELECT`` per constraint, returning the violating nodes.

Each query returns the focus nodes that break the constraint (``?this``), with their offending value
(``?value``) where the constraint has one. Anything outside the supported part of SHACL (listed in
:mod:`helixgraph.shacl`) raises :class:`~helixgraph.errors.OntologyError` naming the shape and the
feature, so that no check is silently dropped.
"""

from __future__ import annotations

import pyoxigraph as ox
from rdflib import Graph, Literal, URIRef
from rdflib.namespace import OWL, RDF, RDFS, SH

from helixgraph.errors import OntologyError
from helixgraph.shacl.checks import CompiledCheck, CompiledShapes
from helixgraph.shacl.messages import escape_braces, iri_text, shape_namespaces, shape_text
from helixgraph.shacl.sparql_fragments import TYPE_PATH, Targets, datatype_test

__all__ = ["compile_shapes"]

# Predicates a shape may carry besides the constraints below; they do not change validation.
_DESCRIPTIVE = frozenset({RDF.type, RDFS.comment, RDFS.label, SH.name, SH.description})
_NODE_SHAPE_KEYS = frozenset({SH.targetClass, SH.targetSubjectsOf, SH.property, SH["or"], SH.message, SH.sparql})
_PROPERTY_SHAPE_KEYS = frozenset(
    {SH.path, SH.minCount, SH.maxCount, SH["class"], SH.datatype, SH["or"], SH.message}
)
_SPARQL_KEYS = frozenset({RDF.type, RDFS.comment, RDFS.label, SH.select, SH.message, SH.prefixes})
# SHACL terms that only declare prefixes for SPARQL constraints.
_PREFIX_KEYS = frozenset({SH.declare, SH.prefix, SH.namespace})
_SHAPE_TYPES = frozenset({SH.NodeShape, SH.PropertyShape})
# Every way SHACL gives a shape targets: a subject of one of these is a shape to validate with.
_TARGETS = (SH.targetClass, SH.targetSubjectsOf, SH.targetObjectsOf, SH.targetNode, SH.target)


def compile_shapes(shapes: Graph) -> CompiledShapes:
    """Compile every constraint of every shape with targets into one SPARQL query.

    Parameters
    ----------
    shapes
        A SHACL shapes graph using only the features listed in :mod:`helixgraph.shacl`.

    Returns
    -------
    CompiledShapes
        One check per constraint, in a stable order.

    Raises
    ------
    OntologyError
        A shape uses a feature this compiler does not support; the message names the shape and it.

    Examples
    --------
    >>> shapes = Graph().parse(format="turtle", data='''
    ...     @prefix sh: <http://www.w3.org/ns/shacl#> . @prefix ex: <http://example.org/> .
    ...     ex:S a sh:NodeShape ; sh:targetClass ex:C ;
    ...         sh:property [ sh:path ex:p ; sh:minCount 1 ; sh:maxCount 1 ] .''')
    >>> [check.component for check in compile_shapes(shapes)]
    ['sh:minCount', 'sh:maxCount']
    """
    return CompiledShapes(tuple(_Compiler(shapes).run()))


def _is_list_node(graph: Graph, node) -> bool:
    return (node, RDF.first, None) in graph


class _Compiler:
    """Walks the shapes graph once, compiling each constraint and refusing what it cannot compile."""

    def __init__(self, shapes: Graph) -> None:
        self.g = shapes
        self.ns = shape_namespaces(shapes)
        self.used: set[tuple] = set()
        self.checks: list[CompiledCheck] = []
        self.syntax = ox.Store()

    # -- reading the shapes graph -----------------------------------------------------------

    def name(self, node) -> str:
        return shape_text(self.g, node, self.ns)

    def short(self, iri) -> str:
        return iri_text(iri, self.ns) if isinstance(iri, URIRef) else repr(iri)

    def fail(self, shape, feature: str, *, within=None) -> OntologyError:
        where = self.name(shape) if within in (None, shape) else f"{self.name(within)} (in {self.name(shape)})"
        return OntologyError(f"the SHACL shape {where} uses {feature}, which the SPARQL validator "
                             "(helixgraph.shacl) does not support")

    def values(self, node, predicate) -> list:
        found = sorted(self.g.objects(node, predicate), key=str)
        self.used.update((node, predicate, o) for o in found)
        return found

    def one(self, shape, node, predicate, *, required: bool = False):
        found = self.values(node, predicate)
        if len(found) > 1:
            raise self.fail(shape, f"more than one {self.short(predicate)}", within=node)
        if required and not found:
            raise self.fail(shape, f"no {self.short(predicate)}", within=node)
        return found[0] if found else None

    def allow(self, shape, node, keys: frozenset) -> None:
        """Refuse any predicate on ``node`` but ``keys`` and descriptive ones."""
        for predicate in sorted(set(self.g.predicates(node)), key=str):
            if predicate not in keys and predicate not in _DESCRIPTIVE:
                raise self.fail(shape, self.short(predicate), within=None if node == shape else node)
        for kind in self.g.objects(node, RDF.type):
            if kind not in _SHAPE_TYPES and kind != SH.SPARQLConstraint:
                raise self.fail(shape, f"rdf:type {self.short(kind)} (an implicit class target)")

    def count(self, shape, node, predicate) -> int | None:
        found = self.one(shape, node, predicate)
        if found is not None and not (isinstance(found, Literal) and type(found.value) is int and found.value >= 0):
            raise self.fail(shape, f"{self.short(predicate)} {found!r}, not a non-negative integer", within=node)
        return None if found is None else found.value

    def message(self, shape, node) -> str | None:
        found = self.one(shape, node, SH.message)
        if found is not None and not (isinstance(found, Literal) and isinstance(found.value, str)):
            raise self.fail(shape, f"sh:message {found!r}, not a string", within=node)
        return None if found is None else str(found.value)

    def items(self, shape, head) -> list:
        members = list(self.g.items(head))
        if not members:
            raise self.fail(shape, "sh:or with an empty or malformed list")
        return members

    def datatype_test(self, shape, node, datatype) -> str:
        if not isinstance(datatype, URIRef):
            raise self.fail(shape, f"sh:datatype {datatype!r}, not an IRI", within=node)
        test = datatype_test(datatype)
        if test is None:
            raise self.fail(shape, f"sh:datatype {self.short(datatype)} (no SPARQL test written for it)",
                            within=node)
        return test

    def add(self, label: str, component: str, query: str, variables: tuple[str, ...], message: str,
            **details) -> None:
        try:
            self.syntax.query(query)
        except SyntaxError as exc:
            raise OntologyError(f"the {component} constraint of the SHACL shape {label} does not "
                                f"compile to valid SPARQL: {exc}\n{query}") from exc
        self.checks.append(CompiledCheck(label, component, query, variables, message, **details))

    # -- shapes -----------------------------------------------------------------------------

    def run(self) -> list[CompiledCheck]:
        g = self.g
        shapes = {s for p in _TARGETS for s in g.subjects(p, None)}
        shapes |= {s for t in _SHAPE_TYPES for s in g.subjects(RDF.type, t)}
        nested = set(g.objects(None, SH.property))
        nested |= {m for head in g.objects(None, SH["or"]) for m in g.items(head)}
        for shape in sorted(shapes - nested, key=str):
            self.node_shape(shape)
        # Whatever SHACL the walk did not consume would be silently ignored: refuse it instead.
        leftovers = sorted((s, p) for s, p, o in g if p in SH and p not in _PREFIX_KEYS
                           and (s, p, o) not in self.used and not _is_list_node(g, s))
        if leftovers:
            subject, predicate = leftovers[0]
            parent = next(iter(sorted(g.subjects(SH.property, subject), key=str)), None)
            raise self.fail(subject if parent is None else parent, f"{self.short(predicate)} where it is not supported",
                            within=None if parent is None else subject)
        return self.checks

    def node_shape(self, shape) -> None:
        self.allow(shape, shape, _NODE_SHAPE_KEYS)
        classes = self.values(shape, SH.targetClass)
        subjects_of = self.values(shape, SH.targetSubjectsOf)
        if not classes and not subjects_of:
            raise self.fail(shape, "no sh:targetClass or sh:targetSubjectsOf (a shape without targets)")
        for target in classes + subjects_of:
            if not isinstance(target, URIRef):
                raise self.fail(shape, f"the target {target!r}, not an IRI")
        targets = Targets(tuple(classes), tuple(subjects_of))
        message = self.message(shape, shape)
        for prop in self.values(shape, SH.property):
            self.property_shape(shape, prop, targets)
        or_lists = self.values(shape, SH["or"])
        if or_lists:
            self.node_or(shape, or_lists, targets, message)
        elif message is not None:
            raise self.fail(shape, "sh:message on a node shape without sh:or")
        for constraint in self.values(shape, SH.sparql):
            if message is not None:
                raise self.fail(shape, "sh:message on a node shape with sh:sparql (two messages per result)")
            self.sparql(shape, constraint, targets)
    def property_shape(self, shape, prop, targets: Targets) -> None:
        self.allow(shape, prop, _PROPERTY_SHAPE_KEYS)
        path = self.one(shape, prop, SH.path, required=True)
        if not isinstance(path, URIRef):
            raise self.fail(shape, "a complex sh:path (only an IRI is supported)", within=prop)
        message = self.message(shape, prop)
        label = f"{self.name(shape)} {self.name(prop)}"
        at = escape_braces(iri_text(path, self.ns))
        implied = targets.implied_by(path)
        every = targets.pattern()
        values = "" if implied else every

        def add(component: str, query: str, variables: tuple[str, ...], default: str, fill: str = "text"):
            if message is not None:
                default, fill = message, "text"
            self.add(label, component, query, variables, default, fill=fill, path=path)

        min_count = self.count(shape, prop, SH.minCount)
        if min_count == 1 and not implied:
            query = f"SELECT ?this WHERE {{ {every} FILTER NOT EXISTS {{ ?this <{path}> ?any }} }}"
            add("sh:minCount", query, ("this",), f"Less than 1 values on {{}}->{at}", "focus")
        elif min_count is not None and min_count > 1:
            query = (f"SELECT ?this WHERE {{ {every} OPTIONAL {{ ?this <{path}> ?v }} }} "
                     f"GROUP BY ?this HAVING (COUNT(DISTINCT ?v) < {min_count})")
            add("sh:minCount", query, ("this",), f"Less than {min_count} values on {{}}->{at}", "focus")
        max_count = self.count(shape, prop, SH.maxCount)
        if max_count is not None:
            query = (f"SELECT ?this WHERE {{ {values} ?this <{path}> ?v }} "
                     f"GROUP BY ?this HAVING (COUNT(DISTINCT ?v) > {max_count})")
            add("sh:maxCount", query, ("this",), f"More than {max_count} values on {{}}->{at}", "focus")
        cls = self.one(shape, prop, SH["class"])
        if cls is not None:
            if not isinstance(cls, URIRef):
                raise self.fail(shape, f"sh:class {cls!r}, not an IRI", within=prop)
            query = (f"SELECT DISTINCT ?this ?value WHERE {{ {values} ?this <{path}> ?value "
                     f"MINUS {{ ?value {TYPE_PATH} <{cls}> }} }}")
            add("sh:class", query, ("this", "value"), f"Value does not have class {escape_braces(self.short(cls))}")
        datatype = self.one(shape, prop, SH.datatype)
        if datatype is not None:
            test = self.datatype_test(shape, prop, datatype)
            query = (f"SELECT DISTINCT ?this ?value WHERE {{ {values} ?this <{path}> ?value "
                     f"FILTER (!COALESCE({test}, false)) }}")
            add("sh:datatype", query, ("this", "value"),
                f"Value is not Literal with datatype {escape_braces(self.short(datatype))}")
        or_lists = self.values(prop, SH["or"])
        if or_lists:
            conforms = []
            for head in or_lists:
                options = []
                for member in self.items(shape, head):
                    self.allow(shape, member, frozenset({SH.datatype}))
                    member_type = self.one(shape, member, SH.datatype, required=True)
                    options.append(f"COALESCE({self.datatype_test(shape, member, member_type)}, false)")
                conforms.append("(" + " || ".join(options) + ")")
            query = (f"SELECT DISTINCT ?this ?value WHERE {{ {values} ?this <{path}> ?value "
                     f"FILTER (!({' && '.join(conforms)})) }}")
            add("sh:or", query, ("this", "value"), self.or_message(or_lists), "value")

    def or_message(self, or_lists: list) -> str:
        """pySHACL's default sh:or message, with ``{}`` where the value node goes."""
        def members(head) -> str:
            return " , ".join(self.name(m) for m in self.g.items(head))

        if len(or_lists) < 2:
            listed = members(or_lists[0])
        else:
            listed = " and ".join(f"({members(head)})" for head in or_lists)
        return "Node {} must conform to one or more shapes in " + escape_braces(listed)

    def node_or(self, shape, or_lists: list, targets: Targets, message: str | None) -> None:
        conforms = []
        for head in or_lists:
            options = []
            for member in self.items(shape, head):
                self.allow(shape, member, frozenset({SH.path, SH.minCount}))
                path = self.one(shape, member, SH.path, required=True)
                if not isinstance(path, URIRef) or self.count(shape, member, SH.minCount) != 1:
                    raise self.fail(shape, "an sh:or member other than [ sh:path <iri> ; sh:minCount 1 ]",
                                    within=member)
                options.append(f"EXISTS {{ ?this <{path}> ?any }}")
            conforms.append("(" + " || ".join(options) + ")")
        query = f"SELECT ?this WHERE {{ {targets.pattern()} FILTER (!({' && '.join(conforms)})) }}"
        if message is None:
            self.add(self.name(shape), "sh:or", query, ("this",), self.or_message(or_lists), fill="value",
                     value_is_focus=True)
        else:
            self.add(self.name(shape), "sh:or", query, ("this",), message, value_is_focus=True)

    def sparql(self, shape, constraint, targets: Targets) -> None:
        self.allow(shape, constraint, _SPARQL_KEYS)
        select = self.one(shape, constraint, SH.select, required=True)
        message = self.message(shape, constraint)
        if message is None:
            raise self.fail(shape, "an sh:sparql constraint without sh:message")
        # Imported here: loading rdflib's SPARQL parser is a large part of the package's import time.
        from helixgraph.shacl.select_parts import split_select

        parts = split_select(str(select), lambda feature: self.fail(shape, feature))
        variables = ("this", *(v for v in parts.variables if v != "this"))
        query = (f"{self.prefixes(shape, constraint)}{parts.prologue}"
                 f"SELECT DISTINCT {' '.join('?' + v for v in variables)} WHERE {{\n"
                 f"  {targets.pattern()}\n{parts.body}\n}}")
        self.add(self.name(shape), "sh:sparql", query, variables, message, fill="bindings", value_is_focus=True)

    def prefixes(self, shape, constraint) -> str:
        """PREFIX lines for the constraint's ``sh:prefixes`` (plus, like pySHACL, every ontology's)."""
        sources = self.values(constraint, SH.prefixes)
        if not sources:
            return ""
        declarations = {d for s in sources for d in self.g.objects(s, SH.declare)}
        declarations |= {d for o in self.g.subjects(RDF.type, OWL.Ontology) for d in self.g.objects(o, SH.declare)}
        found: dict[str, str] = {}
        for declaration in sorted(declarations, key=str):
            prefix = str(self.one(shape, declaration, SH.prefix, required=True))
            namespace = str(self.one(shape, declaration, SH.namespace, required=True))
            if found.setdefault(prefix, namespace) != namespace:
                raise self.fail(shape, f"two namespaces declared for the prefix {prefix}:")
        return "".join(f"PREFIX {p}: <{n}>\n" for p, n in sorted(found.items()))
