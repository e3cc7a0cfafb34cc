"""What the suggester knows of the ontology: class nouns, role, event-type and qualifier labels.

All of it is read from the ontology's labels (English and Chinese), so a class, role or event type
added there is recognised in articles at once.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from rdflib import RDFS, SKOS, Literal, URIRef

from helixgraph.iris import local_name
from helixgraph.ontology.extensions import per_ontology
from helixgraph.ontology.model import Ontology, load_ontology
from helixgraph.ontology.namespace import ECO
from helixgraph.ontology.vocabulary import load_vocabulary

__all__ = ["Terms", "load_terms"]

_HOLDS = re.compile(r"\b(value|minValue|maxValue) (?:holds|may hold) it")
#: A qualifier whose number stands for an interval (minValue and maxValue hold its ends).
_INTERVAL = re.compile(r"\bminValue and maxValue hold the interval")


def _labels(ontology: Ontology, iri: URIRef, lang: str) -> list[str]:
    out = []
    for prop in (SKOS.prefLabel, RDFS.label, SKOS.altLabel):
        for label in ontology.graph.objects(iri, prop):
            if isinstance(label, Literal) and (label.language or "en") == lang and str(label) not in out:
                out.append(str(label))
    return out


@dataclass(frozen=True)
class Terms:
    """Labels of the ontology by language (``en``, ``zh``), mapped to local names."""

    #: Class label (a whole label, lower case) -> class, for actors, places and products.
    class_labels: dict[str, dict[str, str]]
    #: The English label of every class of the ontology, in lower case.
    every_class_label: frozenset[str]
    #: The last word of an English class label -> class (``institute`` -> ``ResearchInstitute``).
    class_heads: dict[str, str]
    #: Role label -> role concept.
    role_labels: dict[str, dict[str, str]]
    #: Regulatory event type label -> event type concept.
    event_labels: dict[str, dict[str, str]]
    #: Qualifier label -> approximation concept.
    qualifier_labels: dict[str, dict[str, str]]
    #: Approximation concept -> the fields of a statistic that hold its number.
    bound_fields: dict[str, tuple[str, ...]]
    #: Classes of actors, places and products, by local name.
    person_classes: frozenset[str]
    place_classes: frozenset[str]
    product_classes: frozenset[str]
    organisation_classes: frozenset[str]


def _by_label(ontology: Ontology, names, lang: str, iri_of) -> dict[str, str]:
    out: dict[str, str] = {}
    for name in names:
        for label in _labels(ontology, iri_of(name), lang):
            out.setdefault(label.lower(), name)
    return out


@per_ontology
def load_terms() -> Terms:
    """Read the labels once per process.

    >>> terms = load_terms()
    >>> terms.class_heads["hospital"], terms.class_labels["zh"]["研究所"], terms.qualifier_labels["zh"]["近"]
    ('Hospital', 'ResearchInstitute', 'Nearly')
    >>> terms.bound_fields["MoreThan"], terms.bound_fields["Nearly"]
    (('minValue',), ('maxValue',))
    """
    ontology = load_ontology()
    vocabulary = load_vocabulary()
    named = vocabulary.actor_classes | vocabulary.place_classes | vocabulary.product_classes
    classes = sorted(named, key=lambda n: len(ontology.classes[n].ancestors))  # general classes first
    class_iri = lambda n: ontology.classes[n].iri
    heads: dict[str, str] = {}
    for name in classes:
        for label in _labels(ontology, class_iri(name), "en"):
            head = label.lower().split()[-1]
            if head not in heads or label.lower() == head:
                heads[head] = name
    roles = ontology.names_of_type(ECO.Role)
    # Only the most specific event types: a group such as "authorisation for use" has narrower
    # concepts (skos:broader points at it) and would match inside their labels.
    groups = {local_name(o) for o in ontology.graph.objects(None, SKOS.broader)}
    events = [name for name in ontology.names_of_type(ECO.RegulatoryEventType) if name not in groups]
    qualifiers = ontology.names_of_type(ECO.Approximation)
    concept = ontology.individual_iri
    bounds = {}
    for name in qualifiers:
        definition = " ".join(str(d) for d in ontology.graph.objects(concept(name), SKOS.definition))
        bounds[name] = (("minValue", "maxValue") if _INTERVAL.search(definition)
                        else tuple(sorted(set(_HOLDS.findall(definition)))))
    langs = ("en", "zh")
    return Terms(
        class_labels={lang: _by_label(ontology, classes, lang, class_iri) for lang in langs},
        every_class_label=frozenset(label.lower() for spec in ontology.classes.values()
                                    for label in _labels(ontology, spec.iri, "en")),
        class_heads=heads,
        role_labels={lang: _by_label(ontology, roles, lang, concept) for lang in langs},
        event_labels={lang: _by_label(ontology, events, lang, concept) for lang in langs},
        qualifier_labels={lang: _by_label(ontology, qualifiers, lang, concept) for lang in langs},
        bound_fields=bounds,
        person_classes=ontology.subclass_names(ECO.Person),
        place_classes=frozenset(vocabulary.place_classes),
        product_classes=frozenset(vocabulary.product_classes),
        organisation_classes=ontology.subclass_names(ECO.Organisation),
    )


def class_name(iri: URIRef) -> str:
    return local_name(str(iri))
