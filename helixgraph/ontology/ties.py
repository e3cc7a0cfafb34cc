"""The ecosystem's network as the ontology declares it: which properties and n-ary patterns make
ties, in which layer and which way the flow runs, which become node attributes, which are excluded.

The declarations live in ``network.ttl``; :mod:`helixgraph.analysis.projection` builds its SPARQL
from what is read here, so a property added to the ontology with a decision takes part at once.

>>> ties = load_ties()
>>> ties.direct["developedBy"].layer, ties.direct["developedBy"].flow
('TranslationLayer', 'FromObject')
>>> [p.name for p in ties.patterns][:2]
['FigureAttributionTie', 'FundingTie']
>>> ties.undecided()
[]
"""

from __future__ import annotations

from dataclasses import dataclass

from rdflib import OWL, RDF, RDFS, Graph, Literal, URIRef

from helixgraph.errors import OntologyError
from helixgraph.iris import local_name
from helixgraph.ontology.extensions import per_ontology
from helixgraph.ontology.model import load_ontology
from helixgraph.ontology.namespace import ECO

__all__ = ["DirectTie", "NodeAttribute", "TiePattern", "Ties", "decision_table", "load_ties", "read_ties"]

#: The flows a declaration may name.
FLOWS = ("FromSubject", "FromObject", "Mutual")


@dataclass(frozen=True)
class DirectTie:
    """A property whose statements are ties: subject and object are the two ends."""

    property: URIRef
    layer: str
    flow: str

    @property
    def name(self) -> str:
        return local_name(self.property)


@dataclass(frozen=True)
class TiePattern:
    """An n-ary record class whose ``from_role`` and ``to_role`` values are tied to each other."""

    iri: URIRef
    label: str
    classes: tuple[URIRef, ...]
    from_role: URIRef
    to_role: URIRef
    layer: str
    flow: str
    dates: tuple[URIRef, ...] = ()
    tie_label: URIRef | None = None

    @property
    def name(self) -> str:
        return local_name(self.iri)


@dataclass(frozen=True)
class NodeAttribute:
    """A property kept as an attribute of the node it is stated on."""

    property: URIRef
    attribute: str


@dataclass(frozen=True)
class Ties:
    """Every network decision of the ontology."""

    direct: dict[str, DirectTie]
    patterns: tuple[TiePattern, ...]
    attributes: dict[str, NodeAttribute]
    excluded: dict[str, str]
    object_properties: tuple[URIRef, ...]
    layers: dict[str, str]

    def roles(self) -> set[str]:
        """Local names of the properties that are a role of some pattern."""
        return {local_name(p.from_role) for p in self.patterns} | {local_name(p.to_role) for p in self.patterns}

    def undecided(self) -> list[str]:
        """Object properties with no decision: neither a tie, a pattern role, an attribute nor excluded."""
        decided = set(self.direct) | self.roles() | set(self.attributes) | set(self.excluded)
        return sorted(n for n in map(local_name, self.object_properties) if n not in decided)


def _one(graph: Graph, subject: URIRef, prop: URIRef, what: str):
    values = list(graph.objects(subject, prop))
    if len(values) != 1:
        raise OntologyError(f"{local_name(subject)} needs exactly one {what} in network.ttl; it has {len(values)}")
    return values[0]


def _flow(graph: Graph, subject: URIRef) -> str:
    flow = local_name(_one(graph, subject, ECO.flow, "eco:flow"))
    if flow not in FLOWS:
        raise OntologyError(f"{local_name(subject)} has the flow {flow!r}; expected one of {', '.join(FLOWS)}")
    return flow


def _english(graph: Graph, subject: URIRef) -> str:
    for label in graph.objects(subject, RDFS.label):
        if isinstance(label, Literal) and label.language == "en":
            return str(label)
    return local_name(subject)


@per_ontology
def load_ties() -> Ties:
    """Read the network declarations from the packaged ontology, once per process.

    Examples
    --------
    >>> ties = load_ties()
    >>> ties is load_ties(), sorted(ties.layers)[:2]
    (True, ['AffiliationLayer', 'CoLocationLayer'])
    >>> ties.layers["TranslationLayer"]
    'translation'
    """
    return read_ties(load_ontology().graph)


def read_ties(graph: Graph) -> Ties:
    """Read the network declarations from an ontology graph.

    Raises
    ------
    OntologyError
        A declaration is incomplete (a pattern without a class, a tie without exactly one layer and
        flow) or decides on a term that is not an object property.

    Examples
    --------
    >>> read_ties(load_ontology().graph) == load_ties()
    True

    A tie needs a layer and a flow:

    >>> incomplete = Graph()
    >>> _ = incomplete.add((ECO.developedBy, ECO.networkLayer, ECO.TranslationLayer))
    >>> read_ties(incomplete)
    Traceback (most recent call last):
    ...
    helixgraph.errors.OntologyError: developedBy needs exactly one eco:flow in network.ttl; it has 0
    """
    layers = {local_name(c): _english(graph, c) for c in graph.subjects(RDF.type, ECO.NetworkLayer)}
    direct = {}
    for prop in graph.subjects(ECO.networkLayer, None):
        if (prop, RDF.type, ECO.TiePattern) in graph:
            continue
        layer = local_name(_one(graph, prop, ECO.networkLayer, "eco:networkLayer"))
        direct[local_name(prop)] = DirectTie(prop, layer, _flow(graph, prop))
    patterns = []
    for iri in sorted(graph.subjects(RDF.type, ECO.TiePattern), key=str):
        patterns.append(TiePattern(
            iri=iri,
            label=_english(graph, iri),
            classes=tuple(sorted(graph.objects(iri, ECO.patternClass), key=str)),
            from_role=_one(graph, iri, ECO.fromRole, "eco:fromRole"),
            to_role=_one(graph, iri, ECO.toRole, "eco:toRole"),
            layer=local_name(_one(graph, iri, ECO.networkLayer, "eco:networkLayer")),
            flow=_flow(graph, iri),
            dates=tuple(sorted(graph.objects(iri, ECO.tieDate), key=_date_order)),
            tie_label=graph.value(iri, ECO.tieLabel),
        ))
    for pattern in patterns:
        if not pattern.classes:
            raise OntologyError(f"the tie pattern {pattern.name} names no eco:patternClass")
    attributes = {local_name(p): NodeAttribute(p, str(a)) for p, a in graph.subject_objects(ECO.nodeAttribute)}
    excluded = {local_name(p): str(reason) for p, reason in graph.subject_objects(ECO.networkExclusion)}
    unknown = [name for name in {*direct, *attributes, *excluded}
               if (ECO[name], RDF.type, OWL.ObjectProperty) not in graph]
    if unknown:
        raise OntologyError(f"network.ttl decides on {', '.join(sorted(unknown))}, which are not object properties")
    properties = tuple(sorted((p for p in graph.subjects(RDF.type, OWL.ObjectProperty) if p in ECO._NS), key=str))
    return Ties(direct, tuple(patterns), attributes, excluded, properties, layers)


def _date_order(prop: URIRef) -> tuple[int, str]:
    """Exact dates before bounds: ``eco:date`` and ``eco:startDate`` before ``eco:notLaterThan``."""
    return (1 if local_name(prop) in ("notLaterThan", "attestedOn") else 0, str(prop))


def decision_table() -> list[tuple[str, str, str, str]]:
    """One row per property and pattern: (what, decision, layer, flow or reason), as the README shows it.

    >>> rows = decision_table()
    >>> ("eco:developedBy", "tie", "translation", "from object to subject") in rows
    True
    """
    ties = load_ties()
    flows = {"FromSubject": "from subject to object", "FromObject": "from object to subject", "Mutual": "mutual"}
    rows = []
    for name, tie in sorted(ties.direct.items()):
        rows.append((f"eco:{name}", "tie", ties.layers[tie.layer], flows[tie.flow]))
    for pattern in ties.patterns:
        classes = " / ".join(f"eco:{local_name(c)}" for c in pattern.classes)
        what = f"{classes}: eco:{local_name(pattern.from_role)} -> eco:{local_name(pattern.to_role)}"
        rows.append((what, "tie pattern", ties.layers[pattern.layer], flows[pattern.flow]))
    for name, attribute in sorted(ties.attributes.items()):
        rows.append((f"eco:{name}", "node attribute", "", f"kept as `{attribute.attribute}`"))
    for name, reason in sorted(ties.excluded.items()):
        rows.append((f"eco:{name}", "excluded", "", reason))
    return rows
