"""The generic, ontology-driven loader: source files in, one list of triples per source out.

The loader knows no class or property by name. For each field it asks the ontology for the
property of that local name, its range (a datatype, or the class a reference must belong to) and
whether it is functional; for each defining record, which fields its class requires.
"""

from __future__ import annotations

import difflib
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from pathlib import Path

from rdflib import OWL, RDF, RDFS, XSD, Literal, URIRef
from rdflib.namespace import DCTERMS, PROV

from helixgraph.errors import LoadError
from helixgraph.gc_pause import gc_paused
from helixgraph.iris import local_name
from helixgraph.loaders.source_file import RESERVED_KEYS, Record, SourceDocument, paragraphs, read_source_file
from helixgraph.loaders.values import ValueProblem, describe_datatypes, to_literal
from helixgraph.ontology.model import ClassSpec, Ontology, PropertySpec, load_ontology
from helixgraph.ontology.prefixes import ECO_NS, ID_NS, SOURCE_NS

__all__ = [
    "LoadedSource",
    "entity_iri",
    "iter_documents",
    "iter_sources",
    "load_documents",
    "load_sources",
    "source_files_in",
    "source_iri",
]

Triple = tuple[URIRef, URIRef, object]
_DERIVED_FROM = PROV.wasDerivedFrom
_EVIDENCE, _PASSAGE, _PARAGRAPH_NUMBER = ECO_NS.evidence, ECO_NS.Passage, ECO_NS.paragraphNumber
#: File endings read as source files when a folder is given.
SOURCE_SUFFIXES = (".yaml", ".yml", ".jsonl")
_ANY = (OWL.Thing, RDFS.Resource)


_ID_PREFIX = str(ID_NS)
_TYPE = RDF.type


def entity_iri(entity_id: str) -> URIRef:
    """The IRI of an entity defined in a source file.

    >>> entity_iri("nibs")
    rdflib.term.URIRef('https://w3id.org/helixgraph/id/nibs')
    """
    return URIRef(_ID_PREFIX + entity_id)


def source_iri(source_id: str) -> URIRef:
    """The IRI, and named-graph name, of a source."""
    return SOURCE_NS[source_id]


@dataclass
class LoadedSource:
    """The triples one source file contributes, to go into the source's named graph."""

    source_id: str
    path: str
    issued: str
    triples: list[Triple] = field(default_factory=list)

    @property
    def iri(self) -> URIRef:
        return source_iri(self.source_id)


def source_files_in(paths: Iterable[str | Path]) -> list[Path]:
    """Expand files and folders into the sorted list of source files (``.yaml``, ``.yml``, ``.jsonl``)."""
    found: list[Path] = []
    for p in map(Path, paths):
        if p.is_dir():
            files = sorted(x for x in p.iterdir() if x.suffix in SOURCE_SUFFIXES and x.is_file())
            if not files:
                raise LoadError("no source files in folder", file=str(p), expected="one or more .yaml or .jsonl files")
            found.extend(files)
        elif p.is_file():
            found.append(p)
        else:
            raise LoadError("no such source file or folder", file=str(p), expected="an existing .yaml file or folder")
    return found


def _suggest(word: str, choices: Iterable[str]) -> str | None:
    close = difflib.get_close_matches(word, list(choices), n=1, cutoff=0.6)
    return close[0] if close else None


class _Index:
    """Everything a reference may point to: data entities, ontology individuals, sources."""

    def __init__(self, ontology: Ontology, docs: list[SourceDocument]) -> None:
        self.ontology = ontology
        self.entities: dict[str, tuple[Record, ClassSpec]] = {}
        self.sources: dict[str, SourceDocument] = {}
        self.iris: dict[str, URIRef] = {}
        self._resolved: dict[tuple[str, URIRef], URIRef] = {}
        for doc in docs:
            if doc.source_id in self.sources:
                other = self.sources[doc.source_id]
                raise doc.header.error(
                    f"duplicate source id, also used in {other.path}:{other.header.data.line_of('id')}",
                    field="id", value=doc.source_id, expected="one file per source")
            self.sources[doc.source_id] = doc
        for doc in docs:
            for record in doc.records:
                if record.defines:
                    self._add(record)

    def _add(self, record: Record) -> None:
        name = record.data["type"]
        spec = self.ontology.classes.get(name)
        if spec is None:
            raise record.error("unknown class", field="type", value=name,
                               expected="a class of the ontology (see `helixgraph ontology`)",
                               suggestion=_suggest(name, self.ontology.classes))
        if record.id in self.entities:
            first = self.entities[record.id][0]
            raise record.error(f"duplicate id, first defined at {first.file}:{first.line}", field="id",
                               value=record.id, expected="an id defined once; use 'about' to add to it")
        self.entities[record.id] = (record, spec)
        self.iris[record.id] = entity_iri(record.id)

    def resolve(self, record: Record, key: str, value: object, prop: PropertySpec) -> URIRef:
        """The IRI a reference names, checked against the property's range."""
        try:
            return self._resolved[(value, prop.range)]
        except (KeyError, TypeError):
            pass
        iri = self._resolve(record, key, value, prop)
        self._resolved[(value, prop.range)] = iri
        return iri

    def _resolve(self, record: Record, key: str, value: object, prop: PropertySpec) -> URIRef:
        rng = prop.range
        range_name = local_name(str(rng))
        if not isinstance(value, str):
            raise record.error("a reference must be an id", field=key, value=value,
                               expected=f"the id of a {range_name}")
        if rng == ECO_NS.Source:
            if value in self.sources:
                return source_iri(value)
            raise record.error("unknown source", field=key, value=value, expected="the id of a loaded source",
                               suggestion=_suggest(value, self.sources))
        if value in self.entities:
            _record, spec = self.entities[value]
            if rng in _ANY or rng in spec.ancestors:
                return self.iris[value]
            raise record.error(f"refers to {value!r}, which is a {spec.name}", field=key, value=value,
                               expected=f"the id of a {range_name}")
        if value in self.ontology.individuals:
            if rng in _ANY or rng in self.ontology.individuals[value]:
                return self.ontology.individual_iri(value)
            raise record.error(f"{value!r} is not a {range_name}", field=key, value=value,
                               expected=f"one of {', '.join(self.ontology.names_of_type(rng)) or range_name}")
        candidates = [n for n, (_, s) in self.entities.items() if rng in _ANY or rng in s.ancestors]
        candidates += self.ontology.names_of_type(rng)
        raise record.error("reference to an id that does not exist", field=key, value=value,
                           expected=f"the id of a {range_name} defined in a source file or the ontology",
                           suggestion=_suggest(value, candidates))


def _field_triples(record: Record, subject: URIRef, index: _Index, default_lang: str) -> list[Triple]:
    ontology = index.ontology
    out: list[Triple] = []
    for key, value in record.data.items():
        if key in RESERVED_KEYS:
            continue
        prop = ontology.properties.get(key)
        if prop is None:
            raise record.error("unknown property", field=key,
                               expected="a property of the ontology (see `helixgraph ontology`)",
                               suggestion=_suggest(key, [*ontology.properties, *RESERVED_KEYS]))
        values = value if isinstance(value, list) else [value]
        if isinstance(value, list) and prop.functional:
            raise record.error("this property takes one value", field=key, value=value, expected="a single value")
        if not values:
            raise record.error("empty list", field=key, expected="one or more values")
        for item in values:
            if item is None:
                raise record.error("missing value", field=key, expected=_expected(prop))
            if prop.is_literal:
                try:
                    literals = to_literal(item, prop.datatypes, default_lang=default_lang)
                except ValueProblem as exc:
                    raise record.error(f"wrong value: {exc}", field=key, value=item,
                                       expected=_expected(prop)) from None
                out.extend((subject, prop.iri, lit) for lit in literals)
            else:
                out.append((subject, prop.iri, index.resolve(record, key, item, prop)))
    return out


def _expected(prop: PropertySpec) -> str:
    if prop.is_literal:
        return describe_datatypes(prop.datatypes)
    return f"the id of a {local_name(str(prop.range))}"


def _check_required(record: Record, spec: ClassSpec, ontology: Ontology) -> None:
    for name in spec.required:
        if name not in record.data:
            raise record.error(f"missing required field for a {spec.name}", field=name,
                               expected=_expected(ontology.properties[name]))


def _source_triples(doc: SourceDocument, index: _Index) -> tuple[list[Triple], str, str]:
    header = doc.header
    subject = source_iri(doc.source_id)
    spec = index.ontology.classes["Source"]
    _check_required(header, spec, index.ontology)
    triples: list[Triple] = [(subject, RDF.type, spec.iri)]
    triples += _field_triples(header, subject, index, default_lang="en")
    lang = next((str(o) for s, p, o in triples if p == DCTERMS.language), "en")
    issued = next(str(o) for s, p, o in triples if p == DCTERMS.issued)
    return triples, lang, issued


def load_documents(docs: list[SourceDocument], *, ontology: Ontology | None = None) -> list[LoadedSource]:
    """Check parsed source documents against the ontology and turn them into triples."""
    with gc_paused():
        return list(iter_documents(docs, ontology=ontology))


def iter_documents(docs: list[SourceDocument], *, ontology: Ontology | None = None) -> Iterator[LoadedSource]:
    """Like :func:`load_documents`, but yield each source as soon as it is converted.

    References are checked against all ``docs`` before the first source is yielded; a problem in a
    later source raises when iteration reaches it.
    """
    ontology = ontology or load_ontology()
    index = _Index(ontology, docs)
    for doc in docs:
        triples, lang, issued = _source_triples(doc, index)
        src = source_iri(doc.source_id)
        passages: dict[int, URIRef] = {}
        for record in doc.records:
            if record.defines:
                spec = index.entities[record.id][1]
                _check_required(record, spec, ontology)
                triples.append((index.iris[record.id], _TYPE, spec.iri))
            elif record.id not in index.entities:
                raise record.error("'about' names an id that no source defines", field="about",
                                   value=record.id, expected="the id of a record defined with 'type'",
                                   suggestion=_suggest(record.id, index.entities))
            subject = index.iris[record.id]
            triples += _field_triples(record, subject, index, default_lang=lang)
            triples.append((subject, _DERIVED_FROM, src))
            for n in paragraphs(record):
                passage = passages.get(n)
                if passage is None:
                    passage = passages[n] = URIRef(f"{src}#p{n}")
                triples.append((subject, _EVIDENCE, passage))
        for n, passage in sorted(passages.items()):
            triples += [
                (passage, RDF.type, _PASSAGE),
                (passage, DCTERMS.isPartOf, src),
                (passage, _PARAGRAPH_NUMBER, Literal(n, datatype=XSD.positiveInteger)),
            ]
        yield LoadedSource(doc.source_id, doc.path, issued, triples)


def load_sources(paths: Iterable[str | Path], *, ontology: Ontology | None = None) -> list[LoadedSource]:
    """Read, check and convert source files (or folders of them).

    Raises :class:`~helixgraph.errors.LoadError` at the first problem, naming the file, line,
    record, field, the bad value and what was expected.
    """
    with gc_paused():
        return list(iter_sources(paths, ontology=ontology))


def iter_sources(paths: Iterable[str | Path], *, ontology: Ontology | None = None) -> Iterator[LoadedSource]:
    """Like :func:`load_sources`, but yield each source as soon as it is converted.

    Every file is read and its layout checked before the first source is yielded.
    """
    docs = [read_source_file(p) for p in source_files_in(paths)]
    return iter_documents(docs, ontology=ontology)
