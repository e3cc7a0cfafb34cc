"""The generic, ontology-driven loader: source files in, one list of triples per source out.

The loader knows no domain class or property by name. For each field it asks the ontology for
the property of that local name, its range (a datatype, or the class a reference must belong to)
and whether it is functional; for each defining record, which fields its class requires. The
only terms it names are those of the source-file model itself, through the closed namespace:
``eco:Passage``, ``eco:evidence`` and ``eco:paragraphNumber`` for the ``para`` of a record,
``eco:Source`` for a reference to a source, and the Dublin Core and PROV terms of the header.
"""

from __future__ import annotations

import difflib
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from pathlib import Path

from rdflib import OWL, RDF, RDFS, XSD, Literal, URIRef
from rdflib.namespace import DCTERMS, PROV

from helixgraph.errors import LoadError, short_repr
from helixgraph.gc_pause import gc_paused
from helixgraph.iris import local_name
from helixgraph.loaders.error_log import ErrorLog
from helixgraph.loaders.source_file import RESERVED_KEYS, Record, SourceDocument, paragraphs, read_source_file
from helixgraph.loaders.values import ValueProblem, check_language_tag, describe_datatypes, to_literal
from helixgraph.ontology.model import ClassSpec, Ontology, PropertySpec, load_ontology
from helixgraph.ontology.namespace import ECO
from helixgraph.ontology.prefixes import ID_NS, SOURCE_NS

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
_EVIDENCE, _PASSAGE, _PARAGRAPH_NUMBER = ECO.evidence, ECO.Passage, ECO.paragraphNumber
#: File endings read as source files when a folder is given.
#: A source file of one record, the examples' input.
DEMO_SOURCE = """
source: {id: demo, title: Demo, publisher: Demo Press, issued: 2025-01-01, language: en}
records:
  - {id: nibs, type: ResearchInstitute, para: 1, label: NIBS, sector: AcademiaResearch}
"""

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
    """The IRI, and named-graph name, of a source.

    >>> source_iri("caixin-2025-10-01")
    rdflib.term.URIRef('https://w3id.org/helixgraph/source/caixin-2025-10-01')
    """
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
    """Expand files and folders into the sorted list of source files (``.yaml``, ``.yml``, ``.jsonl``).

    >>> from helixgraph.data import bundled_sources
    >>> [p.name for p in source_files_in([bundled_sources()])]
    ['caixin-2025-10-01.yaml', 'people-daily-2026-01-24.yaml']
    >>> source_files_in(["no-such-folder"])
    Traceback (most recent call last):
    ...
    helixgraph.errors.LoadError: no-such-folder: no such source file or folder; expected an existing .yaml file or folder
    """
    found: list[Path] = []
    for p in map(Path, paths):
        try:
            if p.is_dir():
                files = sorted(x for x in p.iterdir() if x.suffix in SOURCE_SUFFIXES and x.is_file())
                if not files:
                    raise LoadError("no source files in folder", file=str(p),
                                    expected="one or more .yaml or .jsonl files")
                found.extend(files)
            elif p.is_file():
                found.append(p)
            else:
                raise LoadError("no such source file or folder", file=str(p),
                                expected="an existing .yaml file or folder")
        except OSError as exc:
            raise LoadError(f"cannot read: {exc.strerror or exc}", file=str(p),
                            expected="a readable source file or folder") from None
    return found


def _suggest(word: str, choices: Iterable[str]) -> str | None:
    close = difflib.get_close_matches(word, list(choices), n=1, cutoff=0.6)
    return close[0] if close else None


class _Index:
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
                               suggestion=_suggest(name, self.ontology.classes))
        if record.id in self.entities:
            first = self.entities[record.id][0]
            raise record.error(f"duplicate id, first defined at {first.file}:{first.line}", field="id",
                               value=record.id, expected="an id defined once; use 'about' to add to it")
        self.entities[record.id] = (record, spec)
        self.iris[record.id] = entity_iri(record.id)

    def resolve(self, record: Record, key: str, value: object, prop: PropertySpec) -> URIRef | None:
        """The IRI a reference names, checked against the property's range; None for a broken record."""
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
        if rng == ECO.Source:
            if value in self.sources:
                return source_iri(value)
            raise record.error("unknown source", field=key, value=value, expected="the id of a loaded source",
                               suggestion=_suggest(value, self.sources))
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
                           suggestion=_suggest(value, candidates))


def _field_triples(record: Record, subject: URIRef, index: _Index, default_lang: str,
                   skip: Iterable[str] = ()) -> list[Triple]:
    """The triples of a record's fields; the problem of a field goes to the index's log."""
    ontology = index.ontology
    out: list[Triple] = []
    for key, value in record.data.items():
        if key in RESERVED_KEYS or key in skip:
            continue
        try:
            prop = ontology.properties.get(key)
            if prop is None:
                raise record.error("unknown property", field=key,
                                   expected="a property of the ontology (see `helixgraph ontology`)",
                                   suggestion=_suggest(key, [*ontology.properties, *RESERVED_KEYS]))
            values = value if isinstance(value, list) else [value]
            if isinstance(value, list) and prop.functional:
                raise record.error("this property takes one value", field=key, value=value,
                                   expected="a single value")
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
                                           expected=exc.expected or _expected(prop),
                                           suggestion=exc.suggestion) from None
                    out.extend((subject, prop.iri, lit) for lit in literals)
                else:
                    iri = index.resolve(record, key, item, prop)
                    if iri is not None:
                        out.append((subject, prop.iri, iri))
        except LoadError as exc:
            index.log.add(exc)
    return out


def _expected(prop: PropertySpec) -> str:
    if prop.is_literal:
        return describe_datatypes(prop.datatypes)
    return f"the id of a {local_name(str(prop.range))}"


def _check_required(record: Record, spec: ClassSpec, ontology: Ontology, log: ErrorLog) -> set[str]:
    """Add a problem to ``log`` for each required field the record lacks; return the keys named as
    misspellings of one (such as ``lable`` for ``label``), whose own problem that report stands for."""
    misspelt: set[str] = set()
    missing = [name for name in spec.required if name not in record.data]
    if not missing:
        return misspelt
    unknown = [k for k in record.data if k not in ontology.properties and k not in RESERVED_KEYS]
    for name in missing:
        typo = _suggest(name, [k for k in unknown if k not in misspelt])
        if typo is not None:
            misspelt.add(typo)
            log.add(record.error(f"unknown property, and the required field {name!r} of a {spec.name} is missing",
                                 field=typo, expected=_expected(ontology.properties[name]), suggestion=name))
        else:
            log.add(record.error(f"missing required field for a {spec.name}", field=name,
                                 expected=_expected(ontology.properties[name])))
    return misspelt


def _language(header: Record, triples: list[Triple], log: ErrorLog) -> str:
    """The source's language tag, the default of its plain text; a problem goes to ``log``."""
    lang = next((o for s, p, o in triples if p == DCTERMS.language), None)
    if lang is None:
        return "en"
    try:
        return check_language_tag(str(lang))
    except ValueProblem as exc:
        key = next((k for k in header.data if str(lang) == header.data[k]), None)
        log.add(header.error(f"wrong value: {exc}", field=key, value=str(lang), expected=exc.expected,
                             suggestion=exc.suggestion))
        return "en"


def _source_triples(doc: SourceDocument, index: _Index) -> tuple[list[Triple], str, str | None]:
    header = doc.header
    subject = source_iri(doc.source_id)
    spec = index.ontology.classes["Source"]
    skip = _check_required(header, spec, index.ontology, index.log)
    triples: list[Triple] = [(subject, RDF.type, spec.iri)]
    triples += _field_triples(header, subject, index, default_lang="en", skip=skip)
    lang = _language(header, triples, index.log)
    issued = next((str(o) for s, p, o in triples if p == DCTERMS.issued), None)
    return triples, lang, issued


def load_documents(docs: list[SourceDocument], *, ontology: Ontology | None = None) -> list[LoadedSource]:
    """Check parsed source documents against the ontology and turn them into triples.

    Examples
    --------
    >>> from helixgraph.loaders.source_file import read_source_file
    >>> text = DEMO_SOURCE
    >>> [demo] = load_documents([read_source_file("demo.yaml", text)])
    >>> demo.iri, len(demo.triples)
    (rdflib.term.URIRef('https://w3id.org/helixgraph/source/demo'), 13)
    >>> sorted(str(o) for s, p, o in demo.triples if s == entity_iri("nibs") and p == RDF.type)
    ['https://w3id.org/helixgraph/ontology#ResearchInstitute']

    A class the ontology does not have is refused, with the nearest name it has:

    >>> misspelt = read_source_file("demo.yaml", text.replace("ResearchInstitute", "ResearchInstitut"))
    >>> try:
    ...     load_documents([misspelt])
    ... except LoadError as err:
    ...     print(err.file, err.line, err.record, err.field, err.value, err.suggestion)
    demo.yaml 4 nibs type ResearchInstitut ResearchInstitute
    """
    with gc_paused():
        return list(iter_documents(docs, ontology=ontology))


def iter_documents(docs: list[SourceDocument], *, ontology: Ontology | None = None,
                   errors: ErrorLog | None = None) -> Iterator[LoadedSource]:
    """Like :func:`load_documents`, but yield each source as soon as it is converted.

    References are checked against all ``docs`` before the first source is yielded. Problems are
    collected in ``errors`` (a new log if None); once there is one, nothing more is yielded, the
    remaining sources are still checked, and all problems are raised together at the end (or when
    the log's limit is reached).

    Examples
    --------
    >>> from helixgraph.loaders.source_file import read_source_file
    >>> text = DEMO_SOURCE
    >>> first = next(iter_documents([read_source_file("demo.yaml", text)]))
    >>> first.source_id, first.issued
    ('demo', '2025-01-01')
    """
    ontology = ontology or load_ontology()
    log = ErrorLog() if errors is None else errors
    index = _Index(ontology, docs, log)
    for doc in docs:
        if id(doc) in index.rejected:
            continue
        loaded = _convert(doc, index)
        if not log.errors:
            yield loaded
    log.raise_if_any()


def _convert(doc: SourceDocument, index: _Index) -> LoadedSource:
    ontology, log = index.ontology, index.log
    triples, lang, issued = _source_triples(doc, index)
    src = source_iri(doc.source_id)
    passages: dict[int, URIRef] = {}
    for record in doc.records:
        if id(record) in index.rejected:
            continue
        skip: set[str] = set()
        if record.defines:
            spec = index.entities[record.id][1]
            skip = _check_required(record, spec, ontology, log)
            triples.append((index.iris[record.id], _TYPE, spec.iri))
        elif record.id not in index.entities:
            if record.id not in index.broken:
                log.add(record.error("'about' names an id that no source defines", field="about",
                                     value=record.id, expected="the id of a record defined with 'type'",
                                     suggestion=_suggest(record.id, index.entities)))
            continue
        subject = index.iris[record.id]
        triples += _field_triples(record, subject, index, default_lang=lang, skip=skip)
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
    return LoadedSource(doc.source_id, doc.path, issued or "", triples)


def load_sources(paths: Iterable[str | Path], *, ontology: Ontology | None = None) -> list[LoadedSource]:
    """Read, check and convert source files (or folders of them).

    Raises :class:`~helixgraph.errors.LoadError` naming the file, line, record, field, the bad
    value and what was expected; :class:`~helixgraph.errors.LoadErrors` when there are several.

    Examples
    --------
    >>> from helixgraph.data import bundled_sources
    >>> [(s.source_id, s.issued, len(s.triples)) for s in load_sources([bundled_sources()])]
    [('caixin-2025-10-01', '2025-10-01', 516), ('people-daily-2026-01-24', '2026-01-24', 36)]
    """
    with gc_paused():
        return list(iter_sources(paths, ontology=ontology))


def iter_sources(paths: Iterable[str | Path], *, ontology: Ontology | None = None) -> Iterator[LoadedSource]:
    """Like :func:`load_sources`, but yield each source as soon as it is converted.

    Every file is read and its layout checked before the first source is yielded. The problems of
    all files are reported together (up to :data:`~helixgraph.loaders.limits.MAX_ERRORS`); when a
    file cannot be parsed at all, the others are not checked against it.

    Examples
    --------
    >>> from helixgraph.data import bundled_sources
    >>> sources = iter_sources([bundled_sources()])
    >>> next(sources).source_id
    'caixin-2025-10-01'
    """
    log = ErrorLog()
    docs, unreadable = [], False
    for path in source_files_in(paths):
        try:
            docs.append(read_source_file(path, errors=log))
        except LoadError as exc:
            log.add(exc)
            unreadable = True
    if unreadable:
        log.raise_if_any()
    return iter_documents(docs, ontology=ontology, errors=log)
