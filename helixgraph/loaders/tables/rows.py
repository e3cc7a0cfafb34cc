"""Turn the tables of a mapping file into source documents: one source per table, one record per row.

Each row becomes a record of the mapping's class with ``para`` set to its row number, so that the
record loader gives it ``eco:evidence`` pointing at passage ``#p<row>`` of the table's source. From
there on a table is checked and converted exactly like a source file: the same ranges, required
fields, references and error log. Problems name the table, the row, the column, the value and what
was expected.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

from helixgraph.errors import LoadError
from helixgraph.loaders.error_log import ErrorLog
from helixgraph.loaders.limits import MAX_ID_LENGTH
from helixgraph.loaders.source_file import ID_PATTERN, Record, SourceDocument
from helixgraph.loaders.tables.cells import CellReader
from helixgraph.loaders.tables.mapping_file import TableMapping, read_mapping_file
from helixgraph.loaders.tables.readers import Table, read_table
from helixgraph.loaders.yaml_reader import LinedDict
from helixgraph.ontology.model import Ontology, load_ontology

__all__ = ["TableRow", "read_mapping_documents"]

_NO_KEY_LINES: dict = {}
_ID_EXPECTED = "an id matching [a-z0-9][a-z0-9._-]* (lower-case letters, digits, '.', '_' or '-')"


@dataclass
class TableRow(Record):
    """A row as a record; its problems name the column that feeds the field, not the field."""

    columns: dict[str, str] = field(default_factory=dict)

    def error(self, message: str, *, field: str | None = None, **kw) -> LoadError:
        name = self.id if isinstance(self.id, str) else None
        return LoadError(message, file=self.file, line=self.data.line, record=name,
                         field=self.columns.get(field, field), **kw)


def _lined(data: dict, line: int) -> LinedDict:
    out = LinedDict(data)
    out.line, out.key_lines = line, _NO_KEY_LINES
    return out


def _lower(value: object) -> object:
    """An id formed from a cell: text, lower-cased; a whole number written without a point."""
    key = _key(value)
    return None if key is None else key.lower()


def _key(value: object) -> str | None:
    """A join key as text: ``7``, ``7.0`` and ``" 7 "`` are the same key."""
    if value is None:
        return None
    if isinstance(value, float) and value.is_integer():
        value = int(value)
    text = str(value).strip()
    return text or None


def _row_dicts(table: Table, columns: list[str]):
    data = [table.columns[c] for c in columns]
    for i, number in enumerate(table.row_numbers):
        yield number, {c: d[i] for c, d in zip(columns, data, strict=True)}


class _MappingReader:
    def __init__(self, mappings: list[TableMapping], ontology: Ontology, log: ErrorLog) -> None:
        self.mappings = {m.name: m for m in mappings}
        self.ontology = ontology
        self.log = log
        self.cells = CellReader(ontology)
        self.tables: dict[str, Table] = {}
        self.keys: dict[tuple[str, str], dict[str, list]] = {}
        self._plans: dict[str, list] = {}

    def table(self, name: str) -> Table:
        if name not in self.tables:
            mapping = self.mappings[name]
            wanted = list(dict.fromkeys([*mapping.columns, *(
                om.join.parent_column for m in self.mappings.values() for om in m.objects
                if om.join is not None and om.join.parent == name)]))
            self.tables[name] = read_table(mapping.table, mapping.fmt, wanted, sheet=mapping.sheet)
        return self.tables[name]

    def parent_keys(self, parent: str, column: str) -> dict[str, list]:
        """Join key -> [id, row numbers...] of the rows of ``parent`` holding it in ``column``."""
        if (parent, column) not in self.keys:
            mapping = self.mappings[parent]
            table = self.table(parent)
            found: dict[str, list] = {}
            for number, row in _row_dicts(table, list(dict.fromkeys([*mapping.subject.columns, column]))):
                key = _key(row[column])
                if key is not None:
                    found.setdefault(key, [_lower(mapping.subject.fill(row))]).append(number)
            self.keys[(parent, column)] = found
        return self.keys[(parent, column)]

    def document(self, mapping: TableMapping) -> SourceDocument:
        table = self.table(mapping.name)
        header = Record(mapping.header, mapping.file, -1)
        source_id = mapping.header.get("id")
        if type(source_id) is not str or len(source_id) > MAX_ID_LENGTH or not ID_PATTERN.fullmatch(source_id):
            raise header.error("bad id", field="id", value=source_id, expected=f"a source {_ID_EXPECTED}")
        fed: dict[str, list[str]] = {}
        for om in mapping.objects:
            fed.setdefault(om.prop.name, []).extend(om.columns)
        columns = {name: ", ".join(dict.fromkeys(cols)) or f"{name} (a constant of the mapping)"
                   for name, cols in fed.items()}
        columns["id"] = ", ".join(mapping.subject.columns) or "s"
        doc = SourceDocument(table.path, header, [])
        path = table.path
        self._plans[mapping.name] = [
            (om, om.template.columns[0] if om.template is not None and om.template.is_single_reference else None,
             self.cells.converter(om.prop)) for om in mapping.objects]
        for number, row in _row_dicts(table, mapping.columns):
            record = self._record(mapping, row, number, path, columns, doc)
            if record is not None:
                doc.records.append(record)
        return doc

    def _record(self, mapping: TableMapping, row: dict, number: int, path: str, columns: dict,
                doc: SourceDocument) -> TableRow | None:
        entity_id = _lower(mapping.subject.fill(row))
        data = _lined({"id": entity_id, "type": mapping.class_name, "para": number}, number)
        record = TableRow(data, path, number, columns)
        if type(entity_id) is not str or len(entity_id) > MAX_ID_LENGTH or not ID_PATTERN.fullmatch(entity_id):
            self.log.add(record.error("bad id", field="id", value=entity_id, expected=_ID_EXPECTED))
            if entity_id is not None:
                doc.broken_ids.add(entity_id)
            return None
        broken = False
        for om, column, convert in self._plans[mapping.name]:
            if om.join is not None:
                value = self._joined(record, om, row)
                if value is False:
                    broken = True
                    continue
            else:
                value = row[column] if column is not None else om.template.fill(row)
                if value is None or (value.__class__ is str and not value.strip()):
                    continue
                if om.is_id:
                    value = _lower(value)
                else:
                    value = convert(value)
                    if om.lang is not None and value.__class__ is str:
                        value = {om.lang: value}
            if value is None:
                continue
            name = om.prop.name
            if name in data:
                data[name] = [*(data[name] if isinstance(data[name], list) else [data[name]]), value]
            else:
                data[name] = value
        if broken:
            doc.broken_ids.add(entity_id)
            return None
        return record

    def _joined(self, record: TableRow, om, row: dict) -> object:
        key = _key(row[om.join.child_column])
        if key is None:
            return None
        found = self.parent_keys(om.join.parent, om.join.parent_column).get(key)
        if found is None:
            self.log.add(record.error(f"no row of {om.join.parent!r} has this {om.join.parent_column}",
                                      field=om.prop.name, value=key,
                                      expected=f"a value of column {om.join.parent_column!r} of "
                                               f"{self.mappings[om.join.parent].table.name}"))
            return False
        if len(found) > 2:
            rows = ", ".join(map(str, found[1:4]))
            self.log.add(record.error(f"several rows of {om.join.parent!r} have this {om.join.parent_column} "
                                      f"(rows {rows})", field=om.prop.name, value=key,
                                      expected=f"a value found once in column {om.join.parent_column!r}"))
            return False
        return found[0]


def read_mapping_documents(path: str | Path, *, ontology: Ontology | None = None,
                           errors: ErrorLog | None = None) -> list[SourceDocument]:
    """Read a mapping file and its tables into source documents, one per mapping.

    A problem of the mapping file or of reading a table raises :class:`~helixgraph.errors.LoadError`
    at once; problems of rows go to ``errors`` (raised together at the end without it), and the rows
    are left out.

    >>> import tempfile
    >>> folder = Path(tempfile.mkdtemp())
    >>> _ = (folder / "people.csv").write_text("n,name\\n1,Ada\\n", encoding="utf-8")
    >>> _ = (folder / "m.yarrrml.yaml").write_text('''
    ... mappings:
    ...   people:
    ...     sources: [[people.csv~csv]]
    ...     s: hx:person-$(n)
    ...     graph: {id: staff, title: Staff, publisher: HR, issued: 2025-01-01, language: en}
    ...     po: [[a, eco:Person], [rdfs:label, $(name)]]
    ... ''', encoding="utf-8")
    >>> [doc] = read_mapping_documents(folder / "m.yarrrml.yaml")
    >>> doc.source_id, [(r.id, r.line, dict(r.data)) for r in doc.records]
    ('staff', [('person-1', 2, {'id': 'person-1', 'type': 'Person', 'para': 2, 'label': 'Ada'})])
    """
    ontology = ontology or load_ontology()
    log = ErrorLog() if errors is None else errors
    mappings = read_mapping_file(path, ontology)
    reader = _MappingReader(mappings, ontology, log)
    docs = [reader.document(m) for m in mappings]
    if errors is None:
        log.raise_if_any()
    return docs
