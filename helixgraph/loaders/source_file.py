"""The source-file format: one YAML file per source, a header and a list of records.

A source file looks like this (the README's "Source files" section describes the whole format)::

    source:
      id: caixin-2025-10-01          # the source's id; its named graph is src:<id>
      title: {en: ...}
      publisher: Caixin Global
      issued: 2025-10-01
      language: en
    records:
      - id: nibs                     # the entity's id, unique across all sources
        type: ResearchInstitute      # an ontology class: this record defines the entity
        para: 5                      # the paragraph(s) of the source that state it
        label: {en: National Institute of Biological Sciences, zh: 北京生命科学研究所}
        sector: AcademiaResearch     # a concept of the ontology, or the id of another record
      - about: nibs                  # adds this source's statements to an entity defined elsewhere
        para: 3
        nationalLevel: true

Every other key of a record is the local name of an ontology property, except ``inferred`` and
``reference``, which mark the whole record as the curator's addition (see
:mod:`helixgraph.loaders.evidence`, which also describes the evidence a single value can carry).
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from pathlib import Path

from helixgraph.errors import LoadError
from helixgraph.loaders.error_log import ErrorLog
from helixgraph.loaders.evidence import check_record_evidence
from helixgraph.loaders.jsonl_reader import read_jsonl
from helixgraph.loaders.limits import INTEGER_RANGE, MAX_ID_LENGTH
from helixgraph.loaders.yaml_reader import LinedDict, read_yaml

__all__ = ["ID_PATTERN", "RESERVED_KEYS", "Record", "SourceDocument", "read_source_file"]

#: Keys of a record that are not ontology properties: its id, class, paragraphs, and the curator's
#: reason and reference when the whole record is the curator's addition.
RESERVED_KEYS = ("id", "type", "about", "para", "inferred", "reference")
#: What an id of a record or source must match in full: it becomes the end of an IRI, so it holds
#: only characters that need no escaping in an IRI, in N-Quads or in a file name.
ID_PATTERN = re.compile(r"[a-z0-9][a-z0-9._-]*", re.ASCII)
#: The ids of concepts (a new technology field, event type, role...) follow the shipped ones: CamelCase.
CONCEPT_ID_PATTERN = re.compile(r"[A-Z][A-Za-z0-9]*", re.ASCII)
_ID_EXPECTED = (f"an id matching [a-z0-9][a-z0-9._-]* (lower-case letters, digits, '.', '_' or '-', starting "
                f"with a letter or digit), or a concept's CamelCase id, of at most {MAX_ID_LENGTH} characters")
_TOP_KEYS = ("source", "records")


@dataclass
class Record:
    """One record of a source file, with where it came from."""

    data: LinedDict
    file: str
    index: int

    @property
    def id(self) -> str:
        return self.data.get("id") or self.data.get("about")

    @property
    def defines(self) -> bool:
        return "type" in self.data

    @property
    def line(self) -> int:
        return self.data.line

    def error(self, message: str, *, field: str | None = None, **kw) -> LoadError:
        """A :class:`LoadError` pointing at this record (and field)."""
        line = self.data.line_of(field) if field else self.data.line
        name = self.id if isinstance(self.id, str) else f"#{self.index + 1}"
        return LoadError(message, file=self.file, line=line, record=name, field=field, **kw)


@dataclass
class SourceDocument:
    """A parsed source file: its header and records, not yet turned into triples."""

    path: str
    header: Record
    records: list[Record]
    #: Ids of records left out for a problem already reported: references to them are not reported again.
    broken_ids: set[str] = field(default_factory=set)

    @property
    def source_id(self) -> str:
        return self.header.data["id"]


def _check_id(record: Record, key: str) -> None:
    value = record.data.get(key)
    if type(value) is not str or len(value) > MAX_ID_LENGTH or not (
            ID_PATTERN.fullmatch(value) or CONCEPT_ID_PATTERN.fullmatch(value)):
        raise record.error("bad id", field=key, value=value, expected=_ID_EXPECTED)


def read_source_file(path: str | Path, text: str | None = None, *, errors: ErrorLog | None = None
                     ) -> SourceDocument:
    """Parse and check the structure of one source file.

    Checks the layout only (a header with an id, records with an id or ``about``, a class name,
    paragraph numbers); fields are checked against the ontology by the loader. A file that cannot
    be parsed raises :class:`~helixgraph.errors.LoadError` at once. Problems of single records are
    added to ``errors`` and the records left out of the document; without ``errors``, they are
    raised together at the end.

    Examples
    --------
    >>> text = '''
    ... source: {id: demo, title: Demo, publisher: Demo Press, issued: 2025-01-01, language: en}
    ... records:
    ...   - {id: nibs, type: ResearchInstitute, para: [1, 3], label: NIBS}
    ...   - {about: nibs, para: 2, nationalLevel: true}
    ... '''
    >>> doc = read_source_file("demo.yaml", text)
    >>> doc.source_id, [(r.id, r.line, r.defines) for r in doc.records]
    ('demo', [('nibs', 4, True), ('nibs', 5, False)])
    >>> try:
    ...     read_source_file("demo.yaml", text.replace("para: 2", "para: 0"))
    ... except LoadError as err:
    ...     print(err.file, err.line, err.record, err.field, err.value, err.message)
    demo.yaml 5 nibs para 0 bad paragraph number
    """
    path_str = str(path)
    log = ErrorLog() if errors is None else errors
    doc = read_jsonl(path, text, errors=log) if path_str.endswith(".jsonl") else read_yaml(path, text)
    if not isinstance(doc, LinedDict):
        raise LoadError("a source file must be a mapping", file=path_str, line=1,
                        expected="top-level keys 'source' and 'records'")
    for key in doc:
        if key not in _TOP_KEYS:
            raise LoadError("unknown top-level key", file=path_str, line=doc.line_of(key), field=key,
                            expected="'source' or 'records'")
    for key in _TOP_KEYS:
        if key not in doc:
            raise LoadError(f"missing top-level key {key!r}", file=path_str, line=1,
                            expected="a 'source' header and a 'records' list")
    if not isinstance(doc["source"], LinedDict):
        raise LoadError("the source header must be a mapping", file=path_str, line=doc.line_of("source"),
                        field="source", expected="a mapping with id, title, publisher, issued, language")
    header = Record(doc["source"], path_str, -1)
    _check_id(header, "id")
    if not isinstance(doc["records"], list):
        raise LoadError("records must be a list", file=path_str, line=doc.line_of("records"),
                        field="records", value=type(doc["records"]).__name__, expected="a YAML list")
    source = SourceDocument(path_str, header, [])
    item_lines = getattr(doc["records"], "item_lines", None)
    for i, data in enumerate(doc["records"]):
        if not isinstance(data, LinedDict):
            line = item_lines[i] if item_lines else doc.line_of("records")
            log.add(LoadError(f"record #{i + 1} is not a mapping", file=path_str, line=line, value=data,
                              expected="a mapping of fields"))
            continue
        record = Record(data, path_str, i)
        try:
            _check_structure(record)
        except LoadError as exc:
            log.add(exc)
            if type(record.id) is str:
                source.broken_ids.add(record.id)
            continue
        source.records.append(record)
    if errors is None:
        log.raise_if_any()
    return source


def _check_structure(record: Record) -> None:
    data = record.data
    has_id, has_about = "id" in data, "about" in data
    if has_id == has_about:
        raise record.error("a record needs exactly one of 'id' (with 'type') or 'about'",
                           expected="'id' and 'type' to define an entity, or 'about' to add to one")
    key = "id" if has_id else "about"
    _check_id(record, key)
    if has_id and "type" not in data:
        raise record.error("missing required field", field="type", expected="an ontology class name")
    if has_about and "type" in data:
        raise record.error("'about' records add to an entity defined elsewhere and take no type", field="type")
    if "type" in data and not isinstance(data["type"], str):
        raise record.error("bad class name", field="type", value=data["type"], expected="an ontology class name")
    if "para" not in data:
        raise record.error("missing required field", field="para",
                           expected="the paragraph number(s) of the source that state this record")
    paras = data["para"] if isinstance(data["para"], list) else [data["para"]]
    if not paras or not all(type(p) is int and 1 <= p < INTEGER_RANGE.stop for p in paras):
        raise record.error("bad paragraph number", field="para", value=data["para"],
                           expected="a whole number of at least 1, or a list of them")
    check_record_evidence(record)


def paragraphs(record: Record) -> list[int]:
    """The paragraph numbers a record cites."""
    para = record.data["para"]
    return para if isinstance(para, list) else [para]
