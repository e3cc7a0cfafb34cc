"""The generic, ontology-driven loader: source files in, one list of triples per source out.

The loader knows no domain class or property by name. For each field it asks the ontology for
the property of that local name, its range (a datatype, or the class a reference must belong to)
and whether it is functional; for each defining record, which fields its class requires. The
only terms it names are those of the source-file model itself, through the closed namespace:
``eco:Passage``, ``eco:evidence`` and ``eco:paragraphNumber`` for the ``para`` of a record,
``eco:Source`` for a reference to a source, and the Dublin Core and PROV terms of the header.
Values with evidence of their own become reified statements (:mod:`helixgraph.loaders.evidence`).
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from pathlib import Path

from rdflib import RDF, XSD, Literal, URIRef
from rdflib.namespace import DCTERMS, PROV

from helixgraph.errors import LoadError
from helixgraph.gc_pause import gc_paused
from helixgraph.loaders.error_log import ErrorLog
from helixgraph.loaders.evidence import record_evidence, statement_triples
from helixgraph.loaders.fields import check_required, field_triples, source_language
from helixgraph.loaders.ids import entity_iri, source_iri
from helixgraph.loaders.references import ReferenceIndex, suggest
from helixgraph.loaders.review import settle_candidates
from helixgraph.loaders.source_file import SourceDocument, read_source_file
from helixgraph.loaders.stated_only import curator_only_entities
from helixgraph.loaders.tables import is_mapping_file, read_mapping_documents
from helixgraph.ontology.model import Ontology, load_ontology
from helixgraph.ontology.namespace import ECO

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
#: A source file of one record, the examples' input.
DEMO_SOURCE = """
source: {id: demo, title: Demo, publisher: Demo Press, issued: 2025-01-01, language: en}
records:
  - {id: nibs, type: ResearchInstitute, para: 1, label: NIBS, sector: AcademiaResearch}
"""

#: File endings read as source files when a folder is given.
SOURCE_SUFFIXES = (".yaml", ".yml", ".jsonl")
_TYPE = RDF.type


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
                            expected="a readable source file or folder") from exc
    return found


def _source_triples(doc: SourceDocument, index: ReferenceIndex) -> tuple[list[Triple], str, str | None]:
    header = doc.header
    subject = source_iri(doc.source_id)
    spec = index.ontology.classes["Source"]
    skip = check_required(header, spec, index.ontology, index.log)
    triples: list[Triple] = [(subject, RDF.type, spec.iri)]
    triples += field_triples(header, subject, index, default_lang="en", skip=skip)
    lang = source_language(header, triples, index.log)
    issued = next((str(o) for s, p, o in triples if p == DCTERMS.issued), None)
    return triples, lang, issued


def load_documents(docs: list[SourceDocument], *, ontology: Ontology | None = None,
                   stated_only: bool = False) -> list[LoadedSource]:
    """Check parsed source documents against the ontology and turn them into triples.

    With ``stated_only``, the curator's additions are left out: values and records marked
    ``inferred``, references to records left out, and records then missing a required field.

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
        return list(iter_documents(docs, ontology=ontology, stated_only=stated_only))


def iter_documents(docs: list[SourceDocument], *, ontology: Ontology | None = None,
                   errors: ErrorLog | None = None, stated_only: bool = False) -> Iterator[LoadedSource]:
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
    index = ReferenceIndex(ontology, docs, log)
    if stated_only:
        index.excluded = curator_only_entities(index)
    for doc in docs:
        if id(doc) in index.rejected:
            continue
        loaded = _convert(doc, index, stated_only)
        if not log.errors:
            yield loaded
    log.raise_if_any()


def _convert(doc: SourceDocument, index: ReferenceIndex, stated_only: bool) -> LoadedSource:
    ontology, log = index.ontology, index.log
    triples, lang, issued = _source_triples(doc, index)
    src = source_iri(doc.source_id)
    passages: dict[int, URIRef] = {}

    def passage(n: int) -> URIRef:
        found = passages.get(n)
        if found is None:
            found = passages[n] = URIRef(f"{src}#p{n}")
        return found

    claims: list = []  # (triple, evidence) pairs
    for record in doc.records:
        if id(record) in index.rejected or record.id in index.excluded:
            continue
        default = record_evidence(record)
        if stated_only and default.inferred:
            continue
        skip: set[str] = set()
        if record.defines:
            spec = index.entities[record.id][1]
            skip = check_required(record, spec, ontology, log)
            typing = (index.iris[record.id], _TYPE, spec.iri)
            triples.append(typing)
            if default.inferred:
                claims.append((typing, default))
        elif record.id not in index.entities:
            if record.id not in index.broken:
                log.add(record.error("'about' names an id that no source defines", field="about",
                                     value=record.id, expected="the id of a record defined with 'type'",
                                     suggestion=suggest(record.id, index.entities)))
            continue
        subject = index.iris[record.id]
        triples += field_triples(record, subject, index, default_lang=lang, skip=skip, claims=claims,
                                 default=default, stated_only=stated_only)
        triples.append((subject, _DERIVED_FROM, src))
        triples += [(subject, _EVIDENCE, passage(n)) for n in default.paragraphs]
    for triple, evidence in claims:
        triples += statement_triples(src, triple, evidence, passage, lang)
    for n, node in sorted(passages.items()):
        triples += [
            (node, RDF.type, _PASSAGE),
            (node, DCTERMS.isPartOf, src),
            (node, _PARAGRAPH_NUMBER, Literal(n, datatype=XSD.positiveInteger)),
        ]
    return LoadedSource(doc.source_id, doc.path, issued or "", triples)


def load_sources(paths: Iterable[str | Path], *, ontology: Ontology | None = None,
                 allow_unreviewed: bool = False, stated_only: bool = False) -> list[LoadedSource]:
    """Read, check and convert source files (or folders of them); ``stated_only`` leaves the
    curator's additions out (see :func:`load_documents`), ``allow_unreviewed`` accepts a draft's
    unreviewed candidates.

    Raises :class:`~helixgraph.errors.LoadError` naming the file, line, record, field, the bad
    value and what was expected; :class:`~helixgraph.errors.LoadErrors` when there are several.

    Examples
    --------
    >>> from helixgraph.data import bundled_sources
    >>> [(s.source_id, s.issued, len(s.triples)) for s in load_sources([bundled_sources()])]
    [('caixin-2025-10-01', '2025-10-01', 1296), ('people-daily-2026-01-24', '2026-01-24', 83)]
    """
    with gc_paused():
        return list(iter_sources(paths, ontology=ontology, allow_unreviewed=allow_unreviewed,
                                 stated_only=stated_only))


def iter_sources(paths: Iterable[str | Path], *, ontology: Ontology | None = None,
                 allow_unreviewed: bool = False, stated_only: bool = False) -> Iterator[LoadedSource]:
    """Like :func:`load_sources`, but yield each source as soon as it is converted.

    Every file is read and its layout checked before the first source is yielded. The problems of
    all files are reported together (up to :data:`~helixgraph.loaders.limits.MAX_ERRORS`); when a
    file cannot be parsed at all, the others are not checked against it. A mapping file
    (``*.yarrrml.yaml``, see :mod:`helixgraph.loaders.tables`) gives a source per table it maps.
    Records a draft marks as unreviewed candidates are refused unless ``allow_unreviewed``.

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
            if is_mapping_file(path):
                docs.extend(read_mapping_documents(path, ontology=ontology, errors=log))
            else:
                docs.append(read_source_file(path, errors=log))
        except LoadError as exc:
            log.add(exc)
            unreadable = True
    if unreadable:
        log.raise_if_any()
    settle_candidates(docs, log, allow_unreviewed=allow_unreviewed)
    return iter_documents(docs, ontology=ontology, errors=log, stated_only=stated_only)
