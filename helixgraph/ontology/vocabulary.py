"""The sets of terms the analysis and the views need, read from the ontology and its schemes.

Nothing here is a hand-kept list: a class added under ``eco:Product`` counts as a product, a
property typed ``eco:NetworkMeasure`` becomes a measure column, a concept added to the
``eco:ResearchSectors`` collection becomes a starting point of research-to-clinic translation.

>>> vocabulary = load_vocabulary()
>>> sorted(vocabulary.product_classes)
['Drug', 'MedicalDevice', 'Product']
>>> vocabulary.measure_columns["research_clinic_betweenness"]
rdflib.term.URIRef('https://w3id.org/helixgraph/ontology#researchClinicBetweenness')
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from rdflib import OWL, RDF, RDFS, SKOS, XSD, Graph, URIRef

from helixgraph.iris import local_name
from helixgraph.ontology.extensions import per_ontology
from helixgraph.ontology.model import load_ontology
from helixgraph.ontology.namespace import ECO

__all__ = ["Vocabulary", "load_vocabulary", "snake_case"]

_CAMEL_BOUNDARY = re.compile(r"(?<=[a-z0-9])(?=[A-Z])")
_INTEGER_RANGES = frozenset({XSD.integer, XSD.nonNegativeInteger, XSD.positiveInteger, XSD.int, XSD.long})


def snake_case(name: str) -> str:
    """The column name of a camel-case property name.

    >>> snake_case("researchClinicBetweenness"), snake_case("degree")
    ('research_clinic_betweenness', 'degree')
    """
    return _CAMEL_BOUNDARY.sub("_", name).lower()


def _members(graph: Graph, collection: URIRef) -> frozenset[str]:
    return frozenset(local_name(m) for m in graph.objects(collection, SKOS.member) if isinstance(m, URIRef))


@dataclass(frozen=True)
class Vocabulary:
    """Term sets derived from the ontology; names are local names (``"Drug"``, ``"Healthcare"``)."""

    #: ``eco:Product`` and its subclasses.
    product_classes: frozenset[str]
    #: ``eco:Place`` and its subclasses: context of the network, never actors.
    place_classes: frozenset[str]
    #: ``eco:Actor`` and its subclasses.
    actor_classes: frozenset[str]
    #: ``eco:Regulator`` and its subclasses: where a product's path to the clinic passes.
    regulator_classes: frozenset[str]
    #: Properties typed ``eco:ApprovalProperty``: a product tied by one counts as approved.
    approval_properties: frozenset[str]
    #: Event types in the ``eco:ApprovalTypes`` collection.
    approval_event_types: frozenset[str]
    #: Sectors in the ``eco:ResearchSectors`` and ``eco:ClinicSectors`` collections.
    research_sectors: frozenset[str]
    clinic_sectors: frozenset[str]
    #: Concepts of the ``eco:SectorScheme``, in the ontology's order of notation.
    sectors: tuple[str, ...]
    #: Column name -> property IRI of every ``eco:NetworkMeasure``.
    measure_columns: dict[str, URIRef]
    #: The measure columns whose values are integers (range ``xsd:integer`` or a subtype).
    integer_measures: frozenset[str]
    #: ``eco:displayColour`` of each sector and of each class, by local name.
    sector_colours: dict[str, str]
    class_colours: dict[str, str]

    @property
    def measure_of_property(self) -> dict[str, str]:
        """Property IRI (as text) -> column name, the inverse of :attr:`measure_columns`."""
        return {str(iri): column for column, iri in self.measure_columns.items()}


@per_ontology
def load_vocabulary() -> Vocabulary:
    """Read the term sets from the packaged ontology, once per process.

    Examples
    --------
    >>> vocabulary = load_vocabulary()
    >>> vocabulary.sectors
    ('Government', 'Healthcare', 'Industry', 'AcademiaResearch', 'Intermediary')
    >>> sorted(vocabulary.research_sectors), sorted(vocabulary.clinic_sectors)
    (['AcademiaResearch'], ['Healthcare'])
    >>> sorted(vocabulary.approval_properties)
    ['approvedFor']
    """
    ontology = load_ontology()
    graph = ontology.graph
    measures = sorted(
        (s for s in graph.subjects(RDF.type, ECO.NetworkMeasure) if isinstance(s, URIRef)), key=str
    )
    columns = {snake_case(local_name(m)): m for m in measures}
    integers = frozenset(c for c, m in columns.items() if graph.value(m, RDFS.range) in _INTEGER_RANGES)
    sectors = sorted(
        (s for s in graph.subjects(SKOS.inScheme, ECO.SectorScheme) if isinstance(s, URIRef)),
        key=lambda s: (str(graph.value(s, SKOS.notation) or ""), str(s)),
    )
    return Vocabulary(
        product_classes=ontology.subclass_names(ECO.Product),
        place_classes=ontology.subclass_names(ECO.Place),
        actor_classes=ontology.subclass_names(ECO.Actor),
        regulator_classes=ontology.subclass_names(ECO.Regulator),
        approval_properties=frozenset(local_name(p) for p in graph.subjects(RDF.type, ECO.ApprovalProperty)),
        approval_event_types=_members(graph, ECO.ApprovalTypes),
        research_sectors=_members(graph, ECO.ResearchSectors),
        clinic_sectors=_members(graph, ECO.ClinicSectors),
        sectors=tuple(local_name(s) for s in sectors),
        measure_columns=columns,
        integer_measures=integers,
        sector_colours={local_name(s): str(c) for s in sectors if (c := graph.value(s, ECO.displayColour))},
        class_colours={local_name(cls): str(colour)
                       for cls, colour in sorted(graph.subject_objects(ECO.displayColour), key=str)
                       if (cls, RDF.type, OWL.Class) in graph},
    )
