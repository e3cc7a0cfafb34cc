"""Read the ontology into the plain facts the loaders, shapes and docs need.

Nothing here knows a class or property by name: classes, property ranges, functional
characteristics, required fields and concept individuals are all read from the Turtle files.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from functools import cached_property
from importlib import resources
from pathlib import Path

from rdflib import OWL, RDF, RDFS, SKOS, XSD, BNode, Graph, URIRef
from rdflib.collection import Collection

from helixgraph.errors import OntologyError
from helixgraph.iris import local_name
from helixgraph.ontology.extensions import active_extensions, per_ontology
from helixgraph.ontology.prefixes import ECO_NS

__all__ = ["ClassSpec", "Ontology", "PropertySpec", "load_ontology", "ontology_files"]

#: The Turtle files that make up the ontology, in load order.
ONTOLOGY_FILES = ("helixgraph.ttl", "schemes.ttl", "regulation.ttl", "identifiers.ttl", "network.ttl", "display.ttl")

_LITERAL_RANGES_NS = (str(XSD), str(RDF))


@dataclass(frozen=True)
class PropertySpec:
    """A property usable in source files, under its local name."""

    iri: URIRef
    name: str
    range: URIRef
    functional: bool
    #: For literal properties, the datatypes a value may take (several for a union datatype);
    #: empty for properties whose values are references.
    datatypes: tuple[URIRef, ...] = ()
    #: The pattern every value must match in full (``eco:format``), and a value that does.
    pattern: re.Pattern | None = None
    format_example: str | None = None

    @property
    def is_literal(self) -> bool:
        return bool(self.datatypes)


@dataclass(frozen=True)
class ClassSpec:
    """A class of the ontology that source records may be typed with."""

    iri: URIRef
    name: str
    #: Every superclass, transitively, including the class itself and owl:Thing.
    ancestors: frozenset[URIRef]
    #: Field names that records of this class must give (from owl:minCardinality restrictions).
    required: tuple[str, ...] = field(default=())


class Ontology:
    """The ontology graph plus indexes over its classes, properties and concepts."""

    def __init__(self, graph: Graph, extension_terms: frozenset[URIRef] = frozenset()) -> None:
        self.graph = graph
        #: Terms a project's extension files declare, which may be in the project's own namespace.
        self.extension_terms = extension_terms
        self._individual_iris: dict[str, URIRef] = {}
        self.properties = self._read_properties()
        self.classes = self._read_classes()
        self.individuals = self._read_individuals()

    # -- reading -----------------------------------------------------------------------------

    def _superclasses(self, cls: URIRef) -> frozenset[URIRef]:
        seen: set[URIRef] = {cls, OWL.Thing}
        todo = [cls]
        while todo:
            for parent in self.graph.objects(todo.pop(), RDFS.subClassOf):
                if isinstance(parent, URIRef) and parent not in seen:
                    seen.add(parent)
                    todo.append(parent)
        return frozenset(seen)

    def _datatypes_of(self, rng: URIRef) -> tuple[URIRef, ...]:
        if str(rng).startswith(_LITERAL_RANGES_NS):
            return (rng,)
        if (rng, RDF.type, RDFS.Datatype) in self.graph:
            for eq in self.graph.objects(rng, OWL.equivalentClass):
                members = self.graph.value(eq, OWL.unionOf)
                if members is not None:
                    return tuple(Collection(self.graph, members))
            raise OntologyError(f"datatype {rng} is declared but is neither an XSD type nor a union of them")
        return ()

    def _read_properties(self) -> dict[str, PropertySpec]:
        props: dict[str, PropertySpec] = {}
        kinds = (OWL.ObjectProperty, OWL.DatatypeProperty, OWL.AnnotationProperty)
        for kind in kinds:
            for iri in self.graph.subjects(RDF.type, kind):
                rng = self.graph.value(iri, RDFS.range)
                if not isinstance(iri, URIRef) or rng is None:
                    continue
                name = local_name(str(iri))
                if name in props and props[name].iri != iri:
                    raise OntologyError(f"two properties share the field name {name!r}: {props[name].iri}, {iri}")
                pattern = self.graph.value(iri, ECO_NS["format"])
                example = self.graph.value(iri, ECO_NS["formatExample"])
                props[name] = PropertySpec(
                    iri=iri,
                    name=name,
                    range=rng,
                    functional=(iri, RDF.type, OWL.FunctionalProperty) in self.graph,
                    datatypes=self._datatypes_of(rng),
                    pattern=self._pattern(iri, pattern, example) if pattern is not None else None,
                    format_example=None if example is None else str(example),
                )
        return dict(sorted(props.items()))

    @staticmethod
    def _pattern(iri: URIRef, pattern: object, example: object) -> re.Pattern:
        try:
            compiled = re.compile(str(pattern))
        except re.error as exc:
            raise OntologyError(f"the eco:format of {iri} is not a regular expression: {exc}") from exc
        if example is not None and not compiled.fullmatch(str(example)):
            raise OntologyError(f"the eco:formatExample of {iri}, {str(example)!r}, does not match its eco:format")
        return compiled

    def _required_fields(self, ancestors: frozenset[URIRef]) -> tuple[str, ...]:
        by_iri = {p.iri: p.name for p in self.properties.values()}
        required = set()
        for cls in ancestors:
            for restriction in self.graph.objects(cls, RDFS.subClassOf):
                if not isinstance(restriction, BNode):
                    continue
                prop = self.graph.value(restriction, OWL.onProperty)
                low = self.graph.value(restriction, OWL.minCardinality)
                if prop is None or low is None or int(low) < 1:
                    continue
                if prop not in by_iri:
                    raise OntologyError(f"a restriction on {cls} names {prop}, which has no rdfs:range")
                required.add(by_iri[prop])
        return tuple(sorted(required))

    def _ours(self, term: object) -> bool:
        return isinstance(term, URIRef) and (term in ECO_NS or term in self.extension_terms)

    def _read_classes(self) -> dict[str, ClassSpec]:
        classes = {}
        for iri in self.graph.subjects(RDF.type, OWL.Class):
            if self._ours(iri):
                ancestors = self._superclasses(iri)
                name = local_name(str(iri))
                if name in classes and classes[name].iri != iri:
                    raise OntologyError(f"two classes share the name {name!r}: {classes[name].iri}, {iri}")
                classes[name] = ClassSpec(iri, name, ancestors, self._required_fields(ancestors))
        return dict(sorted(classes.items()))

    def _read_individuals(self) -> dict[str, frozenset[URIRef]]:
        """Concepts and other named individuals of the ontology, by local name, with their types."""
        class_iris = {c.iri for c in self.classes.values()}
        found: dict[str, set[URIRef]] = {}
        for s, o in self.graph.subject_objects(RDF.type):
            if not self._ours(s) or (o not in class_iris and o != SKOS.ConceptScheme):
                continue
            name = local_name(str(s))
            if self._individual_iris.setdefault(name, s) != s:
                raise OntologyError(f"two concepts share the id {name!r}: {self._individual_iris[name]}, {s}")
            types = self.classes[local_name(str(o))].ancestors if o in class_iris else (SKOS.ConceptScheme, OWL.Thing)
            found.setdefault(name, set()).update(types)
        return {name: frozenset(types) for name, types in sorted(found.items())}

    # -- questions -----------------------------------------------------------------------------

    def individual_iri(self, name: str) -> URIRef:
        return self._individual_iris.get(name, ECO_NS[name])

    @cached_property
    def concept_classes(self) -> frozenset[URIRef]:
        """Classes whose members are SKOS concepts defined in the ontology."""
        return frozenset(c.iri for c in self.classes.values() if SKOS.Concept in c.ancestors)

    def subclass_names(self, cls: URIRef) -> frozenset[str]:
        """Local names of ``cls`` and of every class of the ontology under it.

        >>> sorted(load_ontology().subclass_names(ECO_NS.Product))
        ['Drug', 'MedicalDevice', 'Product']
        """
        return frozenset(spec.name for spec in self.classes.values() if cls in spec.ancestors)

    def names_of_type(self, rng: URIRef) -> list[str]:
        """Local names of the ontology individuals that may fill a property of range ``rng``."""
        return [name for name, types in self.individuals.items() if rng in types]


def ontology_files() -> list:
    """The packaged Turtle files of the ontology, as importlib resources.

    >>> [f.name for f in ontology_files()]
    ['helixgraph.ttl', 'schemes.ttl', 'regulation.ttl', 'identifiers.ttl', 'network.ttl', 'display.ttl']
    >>> ontology_files()[0].read_text(encoding="utf-8").count("owl:Ontology") >= 1
    True
    """
    base = resources.files("helixgraph.ontology")
    return [base / name for name in ONTOLOGY_FILES]


@per_ontology
def load_ontology() -> Ontology:
    """Parse the packaged ontology (with the active project's extension files) once and index it.

    See :mod:`helixgraph.ontology.extensions`; an extension file that is not Turtle raises
    :class:`OntologyError` naming it.

    >>> onto = load_ontology()
    >>> onto.properties["sector"].functional
    True
    >>> "sector" in onto.classes["Company"].required
    True
    """
    graph = Graph()
    for f in ontology_files():
        graph.parse(data=f.read_text(encoding="utf-8"), format="turtle", publicID=str(f))
    extension_terms: set[URIRef] = set()
    for path in active_extensions():
        extension = Graph()
        try:
            extension.parse(data=Path(path).read_text(encoding="utf-8"), format="turtle", publicID=Path(path).as_uri())
        except (OSError, UnicodeDecodeError) as exc:
            raise OntologyError(f"{path}: the project's ontology extension cannot be read: {exc}") from exc
        except Exception as exc:  # rdflib raises several parser errors, with no common base class
            raise OntologyError(f"{path}: the project's ontology extension is not valid Turtle: {exc}") from exc
        extension_terms.update(s for s in extension.subjects(RDF.type, None) if isinstance(s, URIRef))
        graph += extension
    for prefix, ns in (("eco", ECO_NS),):
        graph.bind(prefix, ns)
    return Ontology(graph, frozenset(extension_terms))
