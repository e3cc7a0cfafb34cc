"""The mapping file: a subset of YARRRML that says how tables become source records.

A mapping file is YAML named ``*.yarrrml.yaml`` (or ``.yarrrml.yml``). Its ``mappings`` each turn
one table into one source: the rows become records, the table a named graph. What of YARRRML is
read (everything else is refused with its line):

- ``prefixes`` (the project's own, such as ``eco:``, ``hx:``, ``rdfs:``, are declared already);
- per mapping, ``sources`` with one table: ``[path~csv]`` (also ``~tsv``, ``~xlsx``, ``~parquet``),
  or ``{access: path, referenceFormulation: xlsx, iterator: SHEET}``; paths are relative to the file;
- ``s`` (or ``subject``): a template under ``hx:``, such as ``hx:company-$(code)``, that forms the id
  (lower-cased, so that a code such as ``NCT01234567`` gives the id ``trial-nct01234567``);
- ``po`` (or ``predicateobjects``): ``[a, eco:Class]`` once; ``[predicate, object]`` or
  ``[predicate, object, en~lang | xsd:TYPE]``, or ``{p: ..., o: ...}``. An object is a constant,
  ``$(column)``, a template such as ``"$(first) $(last)"``, ``hx:$(column)~iri`` (an id, lower-cased
  as the subject's), ``eco:$(column)~iri`` (a concept), or a
  join ``{mapping: NAME, condition: {function: equal, parameters: [[str1, $(child)], [str2, $(parent)]]}}``
  that refers to the row of another mapping whose column ``parent`` holds this row's ``child`` value
  (an external identifier such as a registry number or a credit code);
- ``graph``: in helixgraph the source header of the table's named graph (``id``, ``title``,
  ``publisher``, ``issued``, ``url``, ``language``, ...), as in a source file.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

from rdflib import RDF

from helixgraph.errors import LoadError
from helixgraph.loaders.references import suggest
from helixgraph.loaders.tables.readers import FORMATS
from helixgraph.loaders.tables.templates import Template
from helixgraph.loaders.values import LANGUAGE_TAG
from helixgraph.loaders.yaml_reader import LinedDict, read_yaml
from helixgraph.ontology.model import Ontology, PropertySpec
from helixgraph.ontology.prefixes import ECO_NS, ID_NS, PREFIXES

__all__ = ["MAPPING_SUFFIXES", "Join", "ObjectMap", "TableMapping", "is_mapping_file", "read_mapping_file"]

#: File name endings of mapping files; other ``.yaml`` files are source files.
MAPPING_SUFFIXES = (".yarrrml.yaml", ".yarrrml.yml")
_TOP_KEYS = ("prefixes", "mappings")
_MAPPING_KEYS = {"sources": "sources", "s": "s", "subject": "s", "subjects": "s", "po": "po",
                 "predicateobjects": "po", "graph": "graph"}
_PO_KEYS = {"p": "p", "predicates": "p", "o": "o", "objects": "o"}
_OBJECT_KEYS = ("value", "language", "datatype", "type", "mapping", "condition")


def is_mapping_file(path: str | Path) -> bool:
    """Whether ``path`` names a mapping file rather than a source file.

    >>> is_mapping_file("park.yarrrml.yaml"), is_mapping_file("caixin.yaml")
    (True, False)
    """
    return str(path).endswith(MAPPING_SUFFIXES)


@dataclass(frozen=True)
class Join:
    """A reference to the row of ``parent`` whose ``parent_column`` equals this row's ``child_column``."""

    parent: str
    child_column: str
    parent_column: str


@dataclass(frozen=True)
class ObjectMap:
    """One property of the records, and where its value comes from."""

    prop: PropertySpec
    line: int
    template: Template | None = None
    lang: str | None = None
    join: Join | None = None
    #: Whether the value is an entity id formed by an ``hx:`` template, lower-cased like the subject's.
    is_id: bool = False

    @property
    def columns(self) -> tuple[str, ...]:
        if self.join is not None:
            return (self.join.child_column,)
        return self.template.columns if self.template else ()


@dataclass
class TableMapping:
    """One mapping: a table, its source header, and how a row becomes a record."""

    name: str
    file: str
    line: int
    table: Path
    fmt: str
    sheet: str | None
    header: LinedDict
    subject: Template
    class_name: str
    objects: list[ObjectMap] = field(default_factory=list)

    @property
    def columns(self) -> list[str]:
        """Every column the mapping reads, in order of first use."""
        out = dict.fromkeys(self.subject.columns)
        for om in self.objects:
            out.update(dict.fromkeys(om.columns))
        return list(out)


class _Reader:
    def __init__(self, path: str, ontology: Ontology) -> None:
        self.path = path
        self.ontology = ontology
        self.prefixes = dict(PREFIXES)
        self.by_iri = {str(p.iri): p for p in ontology.properties.values()}

    def error(self, message: str, line: int, **kw) -> LoadError:
        return LoadError(message, file=self.path, line=line, **kw)

    def expand(self, text: str, line: int) -> str:
        prefix, sep, rest = text.partition(":")
        if sep and prefix in self.prefixes and not rest.startswith("//"):
            return self.prefixes[prefix] + rest
        if sep and (rest.startswith("//") or prefix in ("http", "https")):
            return text
        raise self.error("unknown prefix", line, value=text,
                         expected=f"a prefixed name with one of the prefixes {', '.join(self.prefixes)}")

    def property(self, text: object, line: int) -> PropertySpec:
        if not isinstance(text, str):
            raise self.error("a predicate must be a prefixed name", line, value=text, expected="such as eco:founded")
        iri = self.expand(text, line)
        prop = self.by_iri.get(iri)
        if prop is None:
            names = [f"eco:{n}" if str(p.iri).startswith(str(ECO_NS)) else n for n, p in
                     self.ontology.properties.items()]
            raise self.error("unknown property", line, field="po", value=text,
                             expected="a property of the ontology (see `helixgraph ontology`)",
                             suggestion=suggest(text, names))
        return prop


def _items(value: object) -> list:
    return value if isinstance(value, list) else [value]


def _line_of(container: object, key: str | int, default: int) -> int:
    if isinstance(container, LinedDict):
        return container.line_of(key)
    lines = getattr(container, "item_lines", None)
    if lines and isinstance(key, int) and key < len(lines):
        return lines[key]
    return default


def _source(reader: _Reader, value: object, line: int, base: Path) -> tuple[Path, str, str | None]:
    items = _items(value)
    if len(items) != 1:
        raise reader.error("a mapping reads exactly one table", line, field="sources", value=value,
                           expected="one source such as [companies.csv~csv]")
    item = items[0]
    if isinstance(item, list) and len(item) == 1:
        item = item[0]
    sheet = None
    if isinstance(item, str) and "~" in item:
        access, fmt = item.rsplit("~", 1)
    elif isinstance(item, dict) and "access" in item and "referenceFormulation" in item:
        unknown = set(item) - {"access", "referenceFormulation", "iterator"}
        if unknown:
            raise reader.error("unsupported key of a source", line, field=min(unknown),
                               expected="access, referenceFormulation and iterator (an Excel sheet)")
        access, fmt, sheet = item["access"], item["referenceFormulation"], item.get("iterator")
    else:
        raise reader.error("unreadable table source", line, field="sources", value=item,
                           expected="path~format or {access: path, referenceFormulation: format}")
    if fmt not in FORMATS:
        raise reader.error("unsupported table format", line, field="sources", value=fmt,
                           expected=f"one of {', '.join(FORMATS)}", suggestion=suggest(str(fmt), FORMATS))
    return base / str(access), fmt, sheet


def _subject(reader: _Reader, value: object, line: int) -> Template:
    if not isinstance(value, str):
        raise reader.error("the subject must be a template", line, field="s", value=value,
                           expected="an id template under hx:, such as hx:company-$(code)")
    iri = reader.expand(value, line) if not value.startswith("$(") else value
    if not iri.startswith(str(ID_NS)) or iri == str(ID_NS):
        raise reader.error("the subject must be an entity id under hx:", line, field="s", value=value,
                           expected="an id template such as hx:company-$(code)")
    return Template.parse(iri[len(str(ID_NS)):])


def _join(reader: _Reader, value: dict, line: int, prop: PropertySpec) -> Join:
    condition = value.get("condition")
    params = condition.get("parameters") if isinstance(condition, dict) else None
    if (not isinstance(condition, dict) or condition.get("function") not in ("equal", "idlab-fn:equal")
            or not isinstance(params, list) or len(params) != 2):
        raise reader.error("unsupported join condition", line, field="condition", value=condition,
                           expected="{function: equal, parameters: [[str1, $(child column)], [str2, $(parent column)]]}")
    columns = []
    for param in params:
        template = Template.parse(param[1]) if isinstance(param, list) and len(param) >= 2 \
            and isinstance(param[1], str) else None
        if template is None or not template.is_single_reference:
            raise reader.error("a join parameter must be one column", line, field="condition", value=param,
                               expected="[str1, $(column)] or [str2, $(column)]")
        columns.append((param[0], template.columns[0], param[2] if len(param) > 2 else None))
    child, parent = columns
    if child[2] == "o" or parent[2] == "s":
        child, parent = parent, child
    if prop.is_literal:
        raise reader.error("a join gives a reference, but this property takes a value", line, field="mapping",
                           value=str(prop.name), expected="a property whose values are entities")
    return Join(str(value["mapping"]), child[1], parent[1])


def _object(reader: _Reader, prop: PropertySpec, obj: object, modifier: object, line: int) -> ObjectMap:
    lang, is_id = None, False
    if isinstance(obj, dict):
        unknown = [k for k in obj if k not in _OBJECT_KEYS]
        if unknown:
            raise reader.error("unsupported key of an object", line, field=unknown[0],
                               expected=f"one of {', '.join(_OBJECT_KEYS)}")
        if "mapping" in obj:
            return ObjectMap(prop, line, join=_join(reader, obj, line, prop))
        modifier = f"{obj['language']}~lang" if "language" in obj else obj.get("datatype")
        if obj.get("type") == "iri":
            obj = f"{obj.get('value')}~iri"
        else:
            obj = obj.get("value")
    if isinstance(obj, bool | int | float):
        obj = str(obj).lower() if isinstance(obj, bool) else str(obj)
    if not isinstance(obj, str):
        raise reader.error("unreadable object", line, value=obj,
                           expected="a constant, $(column), a template or a join to another mapping")
    if obj.endswith("~iri"):
        obj = obj[:-4]
        if prop.is_literal:
            raise reader.error("an IRI given to a property that takes a value", line, value=obj,
                               expected=f"a value for {prop.name}")
        expanded = reader.expand(obj, line) if ":" in obj.split("$(")[0] else obj
        for base in (str(ID_NS), str(ECO_NS)):
            if expanded.startswith(base):
                obj = expanded[len(base):]
                is_id = base == str(ID_NS)
                break
        else:
            raise reader.error("a reference must be under hx: (an entity) or eco: (a concept)", line, value=obj,
                               expected="such as hx:$(company)~iri")
    elif not prop.is_literal and ":" in obj.split("$(")[0]:
        expanded = reader.expand(obj, line)
        for base in (str(ID_NS), str(ECO_NS)):
            if expanded.startswith(base):
                obj = expanded[len(base):]
    if modifier is not None:
        if isinstance(modifier, str) and modifier.endswith("~lang"):
            lang = modifier[:-5]
            if not LANGUAGE_TAG.fullmatch(lang):
                raise reader.error("not a language tag", line, value=lang, expected="such as en~lang or zh~lang")
            if str(RDF.langString) not in map(str, prop.datatypes):
                raise reader.error("a language given to a property that takes no text", line, value=modifier,
                                   expected=f"no language for {prop.name}")
        else:
            datatype = reader.expand(str(modifier), line)
            if datatype not in map(str, prop.datatypes):
                raise reader.error("a datatype the property does not take", line, value=modifier,
                                   expected=f"one of {', '.join(map(str, prop.datatypes)) or 'none (a reference)'}")
    return ObjectMap(prop, line, template=Template.parse(obj), lang=lang, is_id=is_id)


def _mapping(reader: _Reader, name: str, spec: object, line: int, base: Path) -> TableMapping:
    if not isinstance(spec, LinedDict):
        raise reader.error("a mapping must be a mapping of keys", line, field=name,
                           expected="sources, s, po and graph")
    keys = {}
    for key in spec:
        if key not in _MAPPING_KEYS:
            raise reader.error("unsupported key of a mapping", spec.line_of(key), field=key,
                               expected="sources, s, po and graph", suggestion=suggest(str(key), _MAPPING_KEYS))
        keys[_MAPPING_KEYS[key]] = key
    for needed in ("sources", "s", "po", "graph"):
        if needed not in keys:
            raise reader.error(f"missing key {needed!r}", line, field=name,
                               expected="sources (the table), s (the id), po (the fields) and graph (the source header)")
    table, fmt, sheet = _source(reader, spec[keys["sources"]], spec.line_of(keys["sources"]), base)
    subject = _subject(reader, spec[keys["s"]], spec.line_of(keys["s"]))
    header = spec[keys["graph"]]
    if not isinstance(header, LinedDict):
        raise reader.error("graph must be the source header of the table", spec.line_of(keys["graph"]),
                           field="graph", expected="a mapping with id, title, publisher, issued, language")
    class_name, objects = None, []
    po_list = spec[keys["po"]]
    if not isinstance(po_list, list):
        raise reader.error("po must be a list", spec.line_of(keys["po"]), field="po", expected="a YAML list")
    for i, po in enumerate(po_list):
        po_line = _line_of(po_list, i, spec.line_of(keys["po"]))
        if isinstance(po, LinedDict):
            unknown = [k for k in po if k not in _PO_KEYS]
            if unknown or "p" not in [_PO_KEYS[k] for k in po] or "o" not in [_PO_KEYS[k] for k in po]:
                raise reader.error("unreadable predicate-object entry", po_line, field=(unknown or ["p"])[0],
                                   expected="{p: predicate, o: object}")
            by = {_PO_KEYS[k]: v for k, v in po.items()}
            predicate, obj, modifier = by["p"], by["o"], None
        elif isinstance(po, list) and len(po) in (2, 3):
            predicate, obj, modifier = po[0], po[1], po[2] if len(po) == 3 else None
        else:
            raise reader.error("unreadable predicate-object entry", po_line, value=po,
                               expected="[predicate, object] or [predicate, object, language~lang]")
        if predicate in ("a", "rdf:type"):
            if class_name is not None:
                raise reader.error("a mapping gives its rows one class", po_line, value=obj,
                                   expected="one [a, eco:Class] entry")
            iri = reader.expand(obj, po_line) if isinstance(obj, str) else ""
            class_name = iri[len(str(ECO_NS)):] if iri.startswith(str(ECO_NS)) else None
            if class_name not in reader.ontology.classes:
                raise reader.error("unknown class", po_line, field="a", value=obj,
                                   expected="a class of the ontology (see `helixgraph ontology`)",
                                   suggestion=suggest(str(obj).removeprefix("eco:"), reader.ontology.classes))
            continue
        objects.append(_object(reader, reader.property(predicate, po_line), obj, modifier, po_line))
    if class_name is None:
        raise reader.error("the mapping gives no class", spec.line_of(keys["po"]), field="po",
                           expected="an entry [a, eco:Class]")
    return TableMapping(name, reader.path, line, table, fmt, sheet, header, subject, class_name, objects)


def read_mapping_file(path: str | Path, ontology: Ontology, text: str | None = None) -> list[TableMapping]:
    """Parse and check a mapping file against the ontology; the tables are not read yet.

    >>> from helixgraph.ontology.model import load_ontology
    >>> text = '''
    ... mappings:
    ...   people:
    ...     sources: [[people.csv~csv]]
    ...     s: hx:person-$(n)
    ...     graph: {id: staff, title: Staff, publisher: HR, issued: 2025-01-01, language: en}
    ...     po:
    ...       - [a, eco:Person]
    ...       - [rdfs:label, $(name), en~lang]
    ... '''
    >>> [m] = read_mapping_file("m.yarrrml.yaml", load_ontology(), text)
    >>> m.class_name, m.columns, m.table.name
    ('Person', ['n', 'name'], 'people.csv')
    """
    path_str = str(path)
    doc = read_yaml(path, text)
    reader = _Reader(path_str, ontology)
    if not isinstance(doc, LinedDict) or "mappings" not in doc:
        raise reader.error("a mapping file must have 'mappings'", 1, expected="top-level keys prefixes and mappings")
    for key in doc:
        if key not in _TOP_KEYS:
            raise reader.error("unsupported top-level key", doc.line_of(key), field=key,
                               expected="prefixes and mappings")
    prefixes = doc.get("prefixes") or {}
    if not isinstance(prefixes, dict) or not all(isinstance(v, str) for v in prefixes.values()):
        raise reader.error("prefixes must map names to IRIs", doc.line_of("prefixes"), field="prefixes",
                           expected="such as {ex: http://example.org/}")
    reader.prefixes.update(prefixes)
    mappings = doc["mappings"]
    if not isinstance(mappings, LinedDict) or not mappings:
        raise reader.error("mappings must name one or more mappings", doc.line_of("mappings"), field="mappings",
                           expected="a mapping of names to mappings")
    base = Path(path_str).parent
    out = [_mapping(reader, str(name), spec, mappings.line_of(name), base) for name, spec in mappings.items()]
    names = {m.name for m in out}
    for m in out:
        for om in m.objects:
            if om.join is not None and om.join.parent not in names:
                raise reader.error("a join names a mapping this file does not have", om.line, field="mapping",
                                   value=om.join.parent, expected=f"one of {', '.join(sorted(names))}",
                                   suggestion=suggest(om.join.parent, names))
    return out
