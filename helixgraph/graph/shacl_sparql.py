"""Validate a store against the SHACL shapes fast: every constraint compiled to one SPARQL query.

pySHACL (:mod:`helixgraph.graph.validate`) stays the reference, but walking a national-scale graph
node by node takes minutes. Our shapes use a small part of SHACL, so each of their constraints is
compiled here into one SPARQL ``SELECT`` that returns the violating focus nodes (``?this``), with
their offending value (``?value``) where the constraint has one, and Oxigraph answers all of them.
The results are the same :class:`~helixgraph.graph.validate.Violation` objects pySHACL's report
turns into, down to the default message texts.

Supported, and nothing else (anything else raises :class:`~helixgraph.errors.OntologyError` naming
the shape and the feature, so that no check is silently dropped):

* node shapes with ``sh:targetClass`` (SHACL instances: ``rdf:type/rdfs:subClassOf*``) and
  ``sh:targetSubjectsOf``;
* property shapes (via ``sh:property``) with a single-IRI ``sh:path`` and ``sh:minCount``,
  ``sh:maxCount``, ``sh:class``, ``sh:datatype``, ``sh:or`` of ``[ sh:datatype ... ]`` and
  ``sh:message``;
* a node-level ``sh:or`` of property shapes with ``sh:minCount 1``, with or without ``sh:message``;
* ``sh:sparql`` SELECT constraints on node shapes, with prefixes from ``sh:prefixes``/``sh:declare``
  and ``{?var}`` placeholders in their ``sh:message``.

Messages
--------
Default messages are pySHACL's texts, with nodes written as pySHACL writes them: shape terms with
the shapes graph's prefixes, data nodes with the prefixes of the graph pySHACL validates. That is
the fresh ``rdflib.Graph()`` in :func:`~helixgraph.graph.validate.validate_graph`, which binds
rdflib's defaults but not ours (hence ``Less than 1 values on <https://w3id.org/helixgraph/id/x>->
eco:sector``); :func:`_data_namespaces` must change if that graph's prefixes do. A
``sh:message`` is used as written, and in a SPARQL constraint's message ``{?var}`` becomes ``str`` of
the bound term, as in pySHACL.

Where the store cannot see what pySHACL sees
--------------------------------------------
Oxigraph keeps literals in its own value encoding, which loses two things rdflib keeps:

* **Derived integer datatypes.** A valid ``"5"^^xsd:positiveInteger`` (or ``xsd:int``,
  ``xsd:nonNegativeInteger``, ...) is stored as ``"5"^^xsd:integer``. ``sh:datatype
  xsd:positiveInteger`` is therefore checked as "an integer greater than 0", which is what pySHACL
  checks for a literal typed ``xsd:positiveInteger``, but a positive literal typed plain
  ``xsd:integer`` passes here and not in pySHACL (the test suite pins this). A message that prints
  such a value (the default ``sh:or`` message) says ``xsd:integer``.
* **Lexical forms of numbers.** Oxigraph returns the canonical XSD form (``7.0`` -> ``7``, ``1.50``
  -> ``1.5``, a double ``1000.0`` -> ``1000``), rdflib the form it was given. Only the printed value
  of a violation about such a literal differs; which violations are found does not.

Ill-typed literals (``"abc"^^xsd:date``) are kept as written with their datatype, and
``sh:datatype`` flags them like pySHACL: for the datatypes pySHACL checks the value of
(``xsd:boolean``, ``xsd:integer`` and the derived integer types, ``xsd:decimal``, ``xsd:double``,
``xsd:float``, ``xsd:date``, ``xsd:dateTime``) the literal must also cast to its datatype in SPARQL.
Lexical forms accepted differ only at the edges: Python's ``int``/``Decimal``/``float`` also take
``" 5"``, ``"1_000"``, ``"1e3"`` as an ``xsd:decimal``, rdflib a time after an ``xsd:date``; and
rdflib rewrites ``"TRUE"^^xsd:boolean`` to ``"true"`` but still calls it ill-typed, so the store
receives a valid literal that pySHACL flags. Like pySHACL, nothing checks the lexical form of
``xsd:gYear``, ``xsd:gYearMonth``, ``xsd:anyURI`` and ``xsd:string``. Other datatypes are refused at
compile time. The loader writes only well-typed literals in canonical form, so none of this
changes what a build reports.

Blank nodes: a blank focus node's name differs between the two validators, and a blank value node
is printed by its name, not by its content as pySHACL does. The loader writes no blank nodes.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from functools import lru_cache

import pyoxigraph as ox
from rdflib import BNode, Graph, Literal, URIRef
from rdflib.namespace import OWL, RDF, RDFS, SH, XSD, NamespaceManager

from helixgraph.errors import OntologyError
from helixgraph.graph.violations import Violation, short_name
from helixgraph.ontology.shapes import load_shapes

__all__ = ["CompiledCheck", "compile_shapes", "validate_store"]

_TYPE_PATH = f"<{RDF.type}>/<{RDFS.subClassOf}>*"

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

# How ``_Compiler.datatype_test`` checks each datatype (see the module docstring).
_CASTS = frozenset({XSD.integer, XSD.decimal, XSD.double, XSD.float, XSD.date, XSD.dateTime})
_INTEGER_RANGES = {
    XSD.positiveInteger: "> 0",
    XSD.nonNegativeInteger: ">= 0",
    XSD.negativeInteger: "< 0",
    XSD.nonPositiveInteger: "<= 0",
}
_UNCHECKED_LEXICAL = frozenset({XSD.gYear, XSD.gYearMonth, XSD.anyURI})


@dataclass(frozen=True)
class CompiledCheck:
    """One constraint of one shape, as a SPARQL query returning its violations.

    Attributes
    ----------
    shape
        The shape the constraint belongs to, as pySHACL writes it (for errors and debugging).
    component
        The SHACL constraint, e.g. ``"sh:minCount"``.
    query
        A SPARQL SELECT over the union default graph, one row per violation: ``?this`` (the focus
        node), ``?value`` for constraints on values, and the variables a ``sh:message`` names.
    variables
        The variables ``query`` selects, without the ``?``.
    message
        The message template. How it is completed depends on ``fill``.
    fill
        ``"text"``: the message as it is; ``"focus"``/``"value"``: ``{}`` in the message is replaced
        by the focus/value node written the way pySHACL writes it; ``"bindings"``: ``{?var}`` and
        ``{$var}`` are replaced by the query's results (a SPARQL-based constraint's message).
    path
        The property the result is about (``sh:resultPath``), if the constraint has one.
    value_is_focus
        The result's value is the focus node when the query binds no ``?value`` (node shapes).
    """

    shape: str
    component: str
    query: str
    variables: tuple[str, ...]
    message: str
    fill: str = "text"
    path: URIRef | None = None
    value_is_focus: bool = False

    def violations(self, solutions: Iterable) -> Iterator[Violation]:
        """Turn the query's solutions into :class:`Violation` objects."""
        others = [v for v in self.variables if v not in ("this", "path", "value")]
        for solution in solutions:
            focus = _from_oxigraph(solution["this"])
            value = _from_oxigraph(solution["value"]) if "value" in self.variables else None
            if value is None and self.value_is_focus:
                value = focus
            path = self.path
            if path is None and "path" in self.variables:
                path = _from_oxigraph(solution["path"])
            if self.fill == "focus":
                message = self.message.format(_data_text(focus))
            elif self.fill == "value":
                message = self.message.format(_data_text(value))
            elif self.fill == "bindings":
                bound = {name: _from_oxigraph(solution[name]) for name in others}
                bound.update(this=focus, path=path, value=value)
                message = _fill_placeholders(self.message, bound)
            else:
                message = self.message
            yield Violation(focus=short_name(focus), path=short_name(path), message=message, value=short_name(value))


# --------------------------------------------------------------------------------------------
# Writing terms the way pySHACL's messages do


def _data_namespaces() -> NamespaceManager:
    """The prefixes pySHACL knows when it writes data nodes into messages.

    ``validate_graph`` validates a fresh ``rdflib.Graph()`` holding data and ontology, so these are
    rdflib's default bindings (plus ``sh``, which pySHACL binds), not the project's prefixes.
    """
    manager = Graph().namespace_manager
    manager.bind("sh", SH, override=False, replace=False)
    return manager


_DATA_NAMESPACES = _data_namespaces()


def _shape_namespaces(shapes: Graph) -> NamespaceManager:
    manager = Graph(bind_namespaces="none").namespace_manager
    for prefix, namespace in shapes.namespaces():
        manager.bind(prefix, namespace, override=True, replace=True)
    manager.bind("sh", SH, override=False, replace=False)
    return manager


def _iri_text(iri: URIRef, namespaces: NamespaceManager) -> str:
    try:
        return iri.n3(namespace_manager=namespaces)
    except Exception:  # noqa: BLE001 - rdflib raises a bare Exception for IRIs it cannot write
        return str(iri)


def _literal_text(literal: Literal, namespaces: NamespaceManager) -> str:
    """``Literal("lexical" = value, lang=.., datatype=..)`` as pySHACL writes a literal."""
    lexical = str(literal)
    value = None if literal.value is None else str(literal.value)
    if value is not None and " object at 0x" in value[1:]:
        value = value[: value.find(" object at 0x")]
    text = f'"{lexical}" = {value}' if value is not None and value != lexical else f'"{lexical}"'
    if literal.language:
        text += f", lang={literal.language}"
    if literal.datatype:
        text += f", datatype={_iri_text(literal.datatype, namespaces)}"
    return f"Literal({text})"


def _data_text(term) -> str:
    if isinstance(term, Literal):
        return _literal_text(term, _DATA_NAMESPACES)
    if isinstance(term, URIRef):
        return _iri_text(term, _DATA_NAMESPACES)
    return str(term)


def _shape_text(graph: Graph, node, namespaces: NamespaceManager, depth: int = 0) -> str:
    """A node of the shapes graph written as pySHACL writes it (blank nodes by their content)."""
    if isinstance(node, Literal):
        return _literal_text(node, namespaces)
    if isinstance(node, URIRef):
        return _iri_text(node, namespaces)
    if depth >= 12:
        return "<http://recursion.too.deep>"
    predicates = list(graph.predicates(node))
    if not predicates:
        return "[ ]"
    if RDF.first in predicates:
        return "( {} )".format(" ".join(_shape_text(graph, i, namespaces, depth + 1) for i in graph.items(node)))
    parts = {}
    for predicate in predicates:
        objects = sorted(_shape_text(graph, o, namespaces, depth + 1) for o in graph.objects(node, predicate))
        parts[_iri_text(predicate, namespaces)] = ", ".join(objects)
    return "[ {} ]".format(" ; ".join(f"{p} {o}" for p, o in sorted(parts.items())))


def _from_oxigraph(term):
    """The rdflib term for a pyoxigraph term (``None`` stays ``None``)."""
    if term is None:
        return None
    if isinstance(term, ox.NamedNode):
        return URIRef(term.value)
    if isinstance(term, ox.BlankNode):
        return BNode(term.value)
    if term.language:
        return Literal(term.value, lang=term.language)
    datatype = term.datatype.value
    # Simple literals are untyped in rdflib, as the loader writes them (and pySHACL prints them).
    return Literal(term.value, datatype=None if datatype == str(XSD.string) else datatype)


def _fill_placeholders(message: str, bound: dict) -> str:
    """Replace ``{?var}`` and ``{$var}`` by ``str`` of the bound term, as pySHACL does; unbound stay."""
    def replace(match: re.Match) -> str:
        term = bound.get(match.group(1))
        return match.group(0) if term is None else str(term)

    return re.sub(r"\{[?$](\w+)\}", replace, message)


# --------------------------------------------------------------------------------------------
# Compiling


class _Compiler:
    """Walks the shapes graph once, compiling each constraint and refusing what it cannot compile."""

    def __init__(self, shapes: Graph) -> None:
        self.g = shapes
        self.ns = _shape_namespaces(shapes)
        self.used: set[tuple] = set()
        self.checks: list[CompiledCheck] = []
        self.syntax = ox.Store()

    # -- reading the shapes graph -----------------------------------------------------------

    def name(self, node) -> str:
        return _shape_text(self.g, node, self.ns)

    def short(self, iri) -> str:
        return _iri_text(iri, self.ns) if isinstance(iri, URIRef) else repr(iri)

    def fail(self, shape, feature: str, *, within=None) -> OntologyError:
        where = self.name(shape) if within in (None, shape) else f"{self.name(within)} (in {self.name(shape)})"
        return OntologyError(f"the SHACL shape {where} uses {feature}, which the SPARQL validator "
                             "(helixgraph.graph.shacl_sparql) does not support")

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
        targets = _Targets(tuple(classes), tuple(subjects_of))
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

    def property_shape(self, shape, prop, targets: _Targets) -> None:
        self.allow(shape, prop, _PROPERTY_SHAPE_KEYS)
        path = self.one(shape, prop, SH.path, required=True)
        if not isinstance(path, URIRef):
            raise self.fail(shape, "a complex sh:path (only an IRI is supported)", within=prop)
        message = self.message(shape, prop)
        label = f"{self.name(shape)} {self.name(prop)}"
        at = _escape(_iri_text(path, self.ns))
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
                     f"MINUS {{ ?value {_TYPE_PATH} <{cls}> }} }}")
            add("sh:class", query, ("this", "value"), f"Value does not have class {_escape(self.short(cls))}")
        datatype = self.one(shape, prop, SH.datatype)
        if datatype is not None:
            test = self.datatype_test(shape, prop, datatype)
            query = (f"SELECT DISTINCT ?this ?value WHERE {{ {values} ?this <{path}> ?value "
                     f"FILTER (!COALESCE({test}, false)) }}")
            add("sh:datatype", query, ("this", "value"),
                f"Value is not Literal with datatype {_escape(self.short(datatype))}")
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

    def datatype_test(self, shape, node, datatype) -> str:
        """A SPARQL expression on ``?value``, true when it is a well-formed literal of ``datatype``."""
        if not isinstance(datatype, URIRef):
            raise self.fail(shape, f"sh:datatype {datatype!r}, not an IRI", within=node)
        if datatype == RDF.langString:
            return 'isLiteral(?value) && lang(?value) != ""'
        if datatype == XSD.string:
            return f'isLiteral(?value) && datatype(?value) = <{XSD.string}>'
        if datatype == XSD.boolean:
            return f'datatype(?value) = <{XSD.boolean}> && STR(?value) IN ("true", "false", "1", "0")'
        if datatype in _CASTS:
            return f"datatype(?value) = <{datatype}> && isLiteral(<{datatype}>(STR(?value)))"
        if datatype in _INTEGER_RANGES:
            # Oxigraph stores a valid value of a derived integer type as xsd:integer, an invalid one as is.
            return (f"datatype(?value) IN (<{XSD.integer}>, <{datatype}>) "
                    f"&& <{XSD.integer}>(STR(?value)) {_INTEGER_RANGES[datatype]}")
        if datatype in _UNCHECKED_LEXICAL:
            return f"datatype(?value) = <{datatype}>"
        raise self.fail(shape, f"sh:datatype {self.short(datatype)} (no SPARQL test written for it)", within=node)

    def or_message(self, or_lists: list) -> str:
        """pySHACL's default sh:or message, with ``{}`` where the value node goes."""
        def members(head) -> str:
            return " , ".join(self.name(m) for m in self.g.items(head))

        if len(or_lists) < 2:
            listed = members(or_lists[0])
        else:
            listed = " and ".join(f"({members(head)})" for head in or_lists)
        return "Node {} must conform to one or more shapes in " + _escape(listed)

    def node_or(self, shape, or_lists: list, targets: _Targets, message: str | None) -> None:
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

    def sparql(self, shape, constraint, targets: _Targets) -> None:
        self.allow(shape, constraint, _SPARQL_KEYS)
        select = self.one(shape, constraint, SH.select, required=True)
        message = self.message(shape, constraint)
        if message is None:
            raise self.fail(shape, "an sh:sparql constraint without sh:message")
        prologue, variables, body = _split_select(str(select), lambda feature: self.fail(shape, feature))
        variables = ("this", *(v for v in variables if v != "this"))
        query = (f"{self.prefixes(shape, constraint)}{prologue}"
                 f"SELECT DISTINCT {' '.join('?' + v for v in variables)} WHERE {{\n"
                 f"  {targets.pattern()}\n{body}\n}}")
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


def _is_list_node(graph: Graph, node) -> bool:
    return (node, RDF.first, None) in graph


@dataclass(frozen=True)
class _Targets:
    """A node shape's targets."""

    classes: tuple
    subjects_of: tuple

    def implied_by(self, path: URIRef) -> bool:
        """Whether every node with a value for ``path`` is a focus node (so values need no target join)."""
        return not self.classes and self.subjects_of == (path,)

    def pattern(self) -> str:
        """A sub-query binding ``?this`` to each focus node once."""
        parts = []
        if len(self.classes) == 1:
            parts.append(f"?this {_TYPE_PATH} <{self.classes[0]}> .")
        elif self.classes:
            listed = " ".join(f"<{c}>" for c in self.classes)
            parts.append(f"VALUES ?targetClass {{ {listed} }} ?this {_TYPE_PATH} ?targetClass .")
        parts += [f"?this <{p}> ?targetObject ." for p in self.subjects_of]
        union = parts[0] if len(parts) == 1 else " UNION ".join(f"{{ {p} }}" for p in parts)
        return f"{{ SELECT DISTINCT ?this WHERE {{ {union} }} }}"


def _escape(text: str) -> str:
    return text.replace("{", "{{").replace("}", "}}")


_STRINGS = re.compile(r'"""(?:[^"\\]|\\.|"(?!""))*"""|\'\'\'(?:[^\'\\]|\\.|\'(?!\'\'))*\'\'\''
                      r'|"(?:[^"\\\n]|\\.)*"|\'(?:[^\'\\\n]|\\.)*\'|<[^<>"{}|^`\\\s]*>|#[^\n]*')


def _split_select(text: str, fail) -> tuple[str, list[str], str]:
    """Take a constraint's SELECT apart: prologue, projected variables, and the WHERE group's body.

    Only the queries whose result pre-binding ``$this`` gives can be rewritten by putting the focus
    node pattern in front of the body: a flat group of triples, BIND and FILTER, where nested groups
    appear only after EXISTS. Anything else is refused.
    """
    masked = _STRINGS.sub(lambda m: " " * len(m.group(0)), text)
    selects = [m.start() for m in re.finditer(r"(?i)\bSELECT\b", masked)]
    if len(selects) != 1:
        raise fail("a sub-SELECT in sh:select" if selects else "an sh:select that is not a SELECT query")
    start = selects[0]
    if re.search(r"[{}]", masked[:start]) or re.search(r"(?i)\bBASE\b", masked[:start]):
        raise fail("an sh:select prologue other than PREFIX declarations")
    open_brace = masked.find("{", start)
    if open_brace < 0:
        raise fail("an sh:select without a WHERE group")
    projection = re.sub(r"(?i)\bWHERE\s*$", "", masked[start + len("SELECT"):open_brace].strip()).split()
    if projection and projection[0].upper() in ("DISTINCT", "REDUCED"):
        projection = projection[1:]
    if not projection or any(not re.fullmatch(r"[?$]\w+", v) for v in projection):
        raise fail("an sh:select projection other than plain variables")
    depth, close_brace = 0, -1
    for i in range(open_brace, len(masked)):
        if masked[i] == "{":
            depth += 1
            if i > open_brace and not re.search(r"(?i)\bEXISTS\s*$", masked[open_brace + 1:i]):
                raise fail("a nested group pattern in sh:select other than (NOT) EXISTS "
                           "(OPTIONAL, UNION, MINUS, GRAPH, VALUES, sub-queries)")
        elif masked[i] == "}":
            depth -= 1
            if depth == 0:
                close_brace = i
                break
    if close_brace < 0:
        raise fail("an sh:select with unbalanced braces")
    if masked[close_brace + 1:].strip():
        raise fail("solution modifiers after the WHERE group of sh:select (GROUP BY, ORDER BY, LIMIT, ...)")
    for variable in ("currentShape", "shapesGraph", "PATH"):
        if re.search(rf"\${variable}\b", masked):
            raise fail(f"${variable} in sh:select")
    body = text[open_brace + 1:close_brace]
    masked_body = masked[open_brace + 1:close_brace]
    pieces, last = [], 0
    for m in re.finditer(r"\$this\b", masked_body):
        pieces += [body[last:m.start()], "?this"]
        last = m.end()
    body = "".join(pieces) + body[last:]
    return text[:start], [v[1:] for v in projection], body


def compile_shapes(shapes: Graph) -> list[CompiledCheck]:
    """Compile every constraint of every shape with targets into one SPARQL query.

    Parameters
    ----------
    shapes
        A SHACL shapes graph using only the features listed in the module docstring.

    Returns
    -------
    list of CompiledCheck
        One per constraint, in a stable order.

    Raises
    ------
    OntologyError
        A shape uses a feature this compiler does not support; the message names the shape and it.

    Examples
    --------
    >>> from rdflib import Graph
    >>> shapes = Graph().parse(format="turtle", data='''
    ...     @prefix sh: <http://www.w3.org/ns/shacl#> . @prefix ex: <http://example.org/> .
    ...     ex:S a sh:NodeShape ; sh:targetClass ex:C ;
    ...         sh:property [ sh:path ex:p ; sh:minCount 1 ; sh:maxCount 1 ] .''')
    >>> [check.component for check in compile_shapes(shapes)]
    ['sh:minCount', 'sh:maxCount']
    """
    return _Compiler(shapes).run()


class _Identity:
    """Hashes a shapes graph by identity, so that compiled checks are cached per graph object."""

    __slots__ = ("graph",)

    def __init__(self, graph: Graph) -> None:
        self.graph = graph

    def __hash__(self) -> int:
        return id(self.graph)

    def __eq__(self, other) -> bool:
        return isinstance(other, _Identity) and other.graph is self.graph


@lru_cache(maxsize=8)
def _compiled(key: _Identity) -> tuple[CompiledCheck, ...]:
    return tuple(compile_shapes(key.graph))


def validate_store(store: ox.Store, *, graph: Graph | None = None) -> list[Violation]:
    """Check everything in ``store`` (all its graphs together) against the shapes; return the violations.

    Parameters
    ----------
    store
        The data and the ontology, in any of the store's graphs: they are validated as one union.
    graph
        The SHACL shapes graph; :func:`helixgraph.ontology.shapes.load_shapes` when None. It is
        compiled once per graph object and process, so do not change it after the first call.

    Returns
    -------
    list of Violation
        Sorted and without duplicates, equal to what :func:`~helixgraph.graph.validate.validate_graph`
        reports for the same triples (see the module docstring for the few exceptions). An empty
        list means the data conforms.
    """
    checks = _compiled(_Identity(load_shapes() if graph is None else graph))
    violations: set[Violation] = set()
    for check in checks:
        solutions = store.query(check.query, use_default_graph_as_union=True)
        violations.update(check.violations(solutions))
    return sorted(violations)
