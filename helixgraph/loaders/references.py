"""References between records: everything an id may point to, and the checks a reference passes."""

from __future__ import annotations

import difflib
from collections.abc import Iterable

from rdflib import OWL, RDFS, SKOS, URIRef

from helixgraph.errors import LoadError, short_repr
from helixgraph.iris import local_name
from helixgraph.loaders.error_log import ErrorLog
from helixgraph.loaders.ids import entity_iri, source_iri
from helixgraph.loaders.source_file import CONCEPT_ID_PATTERN, Record, SourceDocument
from helixgraph.ontology.model import ClassSpec, Ontology, PropertySpec
from helixgraph.ontology.namespace import ECO

__all__ = ["ReferenceIndex", "suggest"]

#: Ranges any entity may fill.
_ANY = (OWL.Thing, RDFS.Resource)
_CONCEPT, _SOURCE = SKOS.Concept, ECO.Source  # read once: a namespace's attributes are slow to look up


def suggest(word: str, choices: Iterable[str]) -> str | None:
    """The closest of ``choices`` to a misspelt ``word``, if one is close enough.

    >>> suggest("lable", ["label", "sector"]), suggest("xyz", ["label"])
    ('label', None)
    """
    close = difflib.get_close_matches(word, list(choices), n=1, cutoff=0.6)
    return close[0] if close else None


class ReferenceIndex:
    """Everything a reference may point to: data entities, ontology individuals, sources.

    Problems found while indexing go to ``log``; the records and sources concerned are left out,
    and their ids kept in ``broken`` so that references to them are not reported a second time.
    """

    def __init__(self, ontology: Ontology, docs: list[SourceDocument], log: ErrorLog) -> None:
        self.ontology = ontology
        self.log = log
        self.entities: dict[str, tuple[Record, ClassSpec]] = {}
        self.sources: dict[str, SourceDocument] = {}
        self.iris: dict[str, URIRef] = {}
        self.broken: set[str] = set()
        #: Ids of entities left out of a build of stated values only; references to them are dropped.
        self.excluded: set[str] = set()
        self.rejected: set[int] = set()
        self._resolved: dict[tuple[str, URIRef], URIRef | None] = {}
        for doc in docs:
            if doc.source_id in self.sources:
                other = self.sources[doc.source_id]
                log.add(doc.header.error(
                    f"duplicate source id, also used in {other.path}:{other.header.data.line_of('id')}",
                    field="id", value=doc.source_id, expected="one file per source"))
                self.rejected.add(id(doc))
                self.broken.update(doc.broken_ids, (r.id for r in doc.records))
                continue
            self.sources[doc.source_id] = doc
            self.broken.update(doc.broken_ids)
        for doc in docs:
            if id(doc) in self.rejected:
                continue
            for record in doc.records:
                if record.defines:
                    try:
                        self._add(record)
                    except LoadError as exc:
                        log.add(exc)
                        self.rejected.add(id(record))

    def _add(self, record: Record) -> None:
        name = record.data["type"]
        spec = self.ontology.classes.get(name)
        if spec is None:
            self.broken.add(record.id)
            raise record.error("unknown class", field="type", value=name,
                               expected="a class of the ontology (see `helixgraph ontology`)",
                               suggestion=suggest(name, self.ontology.classes))
        concept = _CONCEPT in spec.ancestors
        if concept != bool(CONCEPT_ID_PATTERN.fullmatch(record.id)):
            expected = ("a CamelCase id such as 'GeneEditing', as the shipped concepts have" if concept else
                        "a lower-case id such as 'acme-biotech'; CamelCase ids are for concepts")
            raise record.error(f"a {spec.name} {'is' if concept else 'is not'} a concept", field="id",
                               value=record.id, expected=expected)
        if record.id in self.ontology.individuals:
            raise record.error("the ontology has a concept of this id already", field="id", value=record.id,
                               expected="a new id; use 'about' to add to a shipped concept")
        if record.id in self.entities:
            first, first_spec = self.entities[record.id]
            if first.file == record.file:
                raise record.error(f"duplicate id, first defined at {first.file}:{first.line}", field="id",
                                   value=record.id, expected="an id defined once per source; use 'about' to add to it")
            if first_spec is not spec:
                raise record.error(f"the id is also defined at {first.file}:{first.line} as a {first_spec.name}",
                                   field="type", value=name,
                                   expected=f"{first_spec.name}, as there: an entity two sources describe is one "
                                            "entity of one class")
            return  # the same entity described by another source: one node, each source's own statements
        self.entities[record.id] = (record, spec)
        self.iris[record.id] = entity_iri(record.id)

    def resolve(self, record: Record, key: str, value: object, prop: PropertySpec) -> URIRef | None:
        """The IRI a reference names, checked against the property's range; None for a broken or
        excluded record."""
        if type(value) is str and value in self.excluded:
            return None
        try:
            return self._resolved[(value, prop.range)]
        except (KeyError, TypeError):
            pass
        iri = self._resolve(record, key, value, prop)
        self._resolved[(value, prop.range)] = iri
        return iri

    def _resolve(self, record: Record, key: str, value: object, prop: PropertySpec) -> URIRef | None:
        rng = prop.range
        range_name = local_name(str(rng))
        if type(value) is not str:
            raise record.error("a reference must be an id", field=key, value=value,
                               expected=f"the id of a {range_name}")
        if rng == _SOURCE:
            if value in self.sources:
                return source_iri(value)
            raise record.error("unknown source", field=key, value=value, expected="the id of a loaded source",
                               suggestion=suggest(value, self.sources))
        if value in self.entities:
            _record, spec = self.entities[value]
            if rng in _ANY or rng in spec.ancestors:
                return self.iris[value]
            raise record.error(f"refers to {short_repr(value)}, which is a {spec.name}", field=key, value=value,
                               expected=f"the id of a {range_name}")
        if value in self.broken:
            return None
        if value in self.ontology.individuals:
            if rng in _ANY or rng in self.ontology.individuals[value]:
                return self.ontology.individual_iri(value)
            raise record.error(f"{short_repr(value)} is not a {range_name}", field=key, value=value,
                               expected=f"one of {', '.join(self.ontology.names_of_type(rng)) or range_name}")
        candidates = [n for n, (_, s) in self.entities.items() if rng in _ANY or rng in s.ancestors]
        candidates += self.ontology.names_of_type(rng)
        raise record.error("reference to an id that does not exist", field=key, value=value,
                           expected=f"the id of a {range_name} defined in a source file or the ontology",
                           suggestion=suggest(value, candidates))
