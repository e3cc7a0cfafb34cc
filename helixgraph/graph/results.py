"""Query results in one shape, whether they come from the embedded store or a remote endpoint.

A :class:`QueryResult` holds SPARQL 1.1 JSON-style bindings (``{"type", "value", "datatype",
"xml:lang"}`` per cell), and turns them into Python values, a table, CSV, TSV, JSON or a pandas
DataFrame.
"""

from __future__ import annotations

import csv
import functools
import importlib.util
import io
import json
import re
import sys
from decimal import Decimal

import pyoxigraph as ox
from rdflib import XSD
from wcwidth import wcswidth

from helixgraph.errors import QueryError
from helixgraph.gc_pause import gc_paused
from helixgraph.graph.tsv_columns import tsv_columns
from helixgraph.graph.tsv_sink import TsvSink
from helixgraph.iris import prefixed_name

__all__ = ["FORMATS", "QueryResult", "from_oxigraph", "from_sparql_json"]

FORMATS = ("table", "csv", "tsv", "json")
_INTEGERS = frozenset(str(XSD[t]) for t in ("integer", "int", "long", "positiveInteger", "nonNegativeInteger",
                                              "short"))
_DECIMAL, _BOOLEAN, _STRING = str(XSD.decimal), str(XSD.boolean), str(XSD.string)
_FLOATS = frozenset((str(XSD.double), str(XSD.float)))
_DATES = frozenset((str(XSD.date), str(XSD.dateTime)))
_BARE_INTEGER = re.compile(r"[+-]?[0-9]+")
_TSV_ESCAPE = re.compile(r"\\(.)")
_TSV_UNESCAPE = {"t": "\t", "n": "\n", "r": "\r"}
_CHUNK = 1 << 24  # bytes of TSV split at a time: the tokens of a chunk are short-lived
#: Results of at least this many bytes of TSV are read column by column by pyarrow when it is
#: installed and already imported (pandas imports it): measured, 2 to 3 times faster than splitting
#: the text in Python from 1 to 15 MB, 1.4 times at 233 MB.
COLUMNAR_BYTES = 1 << 20
#: The same where pyarrow is not imported yet: importing it and NumPy takes about a quarter of a
#: second, which a result repays from some tens of megabytes.
COLD_COLUMNAR_BYTES = 1 << 26


def _python(cell: dict | None):
    """The Python value of one cell: int, Decimal, float, bool, or the lexical text/IRI."""
    if cell is None:
        return None
    value, datatype = cell["value"], cell.get("datatype")
    if cell["type"] != "literal" or datatype is None:
        return value
    if datatype in _INTEGERS:
        return int(value)
    if datatype == _DECIMAL:
        return Decimal(value)
    if datatype in _FLOATS:
        return float(value)
    if datatype == _BOOLEAN:
        return value in ("true", "1")
    return value


def _short_python(cell: dict | None):
    """The Python value of one cell, an IRI written with the project's prefixes."""
    return prefixed_name(cell["value"]) if cell is not None and cell["type"] == "uri" else _python(cell)


def _display(cell: dict | None) -> str:
    if cell is None:
        return ""
    if cell["type"] == "uri":
        return prefixed_name(cell["value"])
    if cell["type"] == "bnode":
        return f"_:{cell['value']}"
    return cell["value"]


class QueryResult:
    """The answer to a SELECT (rows of bindings) or ASK (``boolean``) query.

    ``bindings`` are SPARQL 1.1 JSON cells, one dict per row (shared between rows that hold the same
    term: read them, do not change them). A result read from Oxigraph keeps Oxigraph's own TSV
    serialisation and converts it only when asked: ``rows`` and :meth:`to_dataframe` turn each distinct
    term into a Python value once. A large result is split into columns by pyarrow's CSV reader
    (:mod:`helixgraph.graph.tsv_columns`) where pyarrow is installed, so Python touches only the
    distinct terms and NumPy fills the rows; otherwise Python splits the text itself.
    """

    def __init__(self, variables: list[str], bindings: list[dict[str, dict]] | None = None,
                 boolean: bool | None = None) -> None:
        self.variables = list(variables)
        self.boolean = boolean
        self._bindings: list[dict[str, dict]] | None = bindings if bindings is not None else []
        self._tsv: bytes | None = None
        self._split: list | None = None  # the columns' distinct TSV terms and row indices (tsv_columns)
        self._rows: list[tuple] | None = None

    @classmethod
    def from_tsv(cls, variables: list[str], body: bytes) -> QueryResult:
        r"""A result held as the rows of a SPARQL TSV document (``body``: the lines after the header,
        each ending in a newline), as Oxigraph writes them.

        >>> result = QueryResult.from_tsv(["s", "n"], b'<urn:a>\t5\n_:b\t"x"@en\n')
        >>> result.rows
        [('urn:a', 5), ('b', 'x')]
        >>> result.bindings[1]["n"]
        {'type': 'literal', 'value': 'x', 'xml:lang': 'en'}
        """
        result = cls(variables)
        result._bindings = None
        result._tsv = body
        return result

    @classmethod
    def from_columns(cls, variables: list[str], columns: list) -> QueryResult:
        r"""A result held as its columns' distinct TSV terms and row indices, as
        :func:`~helixgraph.graph.tsv_columns.tsv_columns` reads them.

        >>> import numpy as np
        >>> result = QueryResult.from_columns(["s", "n"], [([b"<urn:a>"], np.array([0, 0])),
        ...                                                 ([b"5", b""], np.array([0, 1]))])
        >>> len(result), result.rows, result.bindings[1]
        (2, [('urn:a', 5), ('urn:a', None)], {'s': {'type': 'uri', 'value': 'urn:a'}})
        """
        result = cls(variables)
        result._bindings = None
        result._split = columns
        return result

    def __len__(self) -> int:
        if self._split is not None:
            return len(self._split[0][1])
        if self._tsv is not None:
            return self._tsv.count(b"\n")
        return len(self.bindings)

    def __eq__(self, other) -> bool:
        if not isinstance(other, QueryResult):
            return NotImplemented
        return (self.variables, self.boolean, self.bindings) == (other.variables, other.boolean, other.bindings)

    def __repr__(self) -> str:
        if self.boolean is not None:
            return f"QueryResult(boolean={self.boolean})"
        return f"QueryResult(variables={self.variables!r}, rows={len(self)})"

    @property
    def bindings(self) -> list[dict[str, dict]]:
        """Each row as a dict of SPARQL JSON cells by variable (unbound variables left out)."""
        if self._bindings is None:
            variables = self.variables
            if self._split is not None:
                rows = _rows_of_columns(self._split, _tsv_cell)
            else:
                rows = _tsv_rows(self._tsv, len(variables), _CellCache().__getitem__)
            self._bindings = [{v: c for v, c in zip(variables, row) if c is not None} for row in rows]
        return self._bindings

    @property
    def rows(self) -> list[tuple]:
        """Each row as a tuple of Python values, in variable order (None where unbound)."""
        if self._rows is None:
            with gc_paused():  # millions of acyclic tuples: the collector's walks would dominate
                if self._split is not None:
                    self._rows = _rows_of_columns(self._split, _token_value)
                elif self._tsv is not None:
                    self._rows = _value_rows(self._tsv, len(self.variables))
                else:
                    self._rows = [tuple(_python(b.get(v)) for v in self.variables) for b in self._bindings]
        return list(self._rows)

    def column(self, name: str) -> list:
        """The Python values of one variable, in row order."""
        if name not in self.variables:
            raise QueryError(f"no variable {name!r} in the result; it has {', '.join(self.variables)}")
        if self._tsv is not None or self._split is not None:
            return [row[self.variables.index(name)] for row in self.rows]
        return [_python(b.get(name)) for b in self.bindings]

    def _columns(self, short_iris: bool = False) -> list[tuple[list, set, object]]:
        """Each variable as ``(values, datatypes, rows)``: its Python values, the datatypes of its
        literals, and None, or (read column by column, see :func:`_value_rows`) its distinct values
        and the index of each row's value among them."""
        width = len(self.variables)
        if self._tsv is None and self._split is None:
            convert = _short_python if short_iris else _python
            return [([convert(b.get(v)) for b in self.bindings], {_datatype(b.get(v)) for b in self.bindings}, None)
                    for v in self.variables]
        split = self._split if self._split is not None else _split_columns(self._tsv, width, None)
        if split is not None:  # the terms of a column are distinct: converted one by one, no cache
            return [(*_typed_terms(terms, short_iris), rows) for terms, rows in split]
        caches = [_TypedValueCache(short_iris) for _ in range(width)]
        columns: list[list] = [[] for _ in range(width)]
        for tokens in _tsv_chunks(self._tsv):
            for j in range(width):
                columns[j].extend(map(caches[j].__getitem__, tokens[j::width]))
        return [(column, cache.datatypes, None) for column, cache in zip(columns, caches)]

    def to_dataframe(self, *, short_iris: bool = False):
        r"""The rows as a pandas DataFrame, one typed column per variable.

        Integer columns are integers (pandas' nullable ``Int64`` where some rows are unbound),
        decimals and doubles are floats, booleans booleans, and a column of ``xsd:date`` or
        ``xsd:dateTime`` literals is a datetime column; other values stay Python strings. With
        ``short_iris``, IRIs are written with the project's prefixes (``hx:nibs``), as the command
        line's tables show them.

        >>> result = QueryResult(["actor", "n"], [{
        ...     "actor": {"type": "uri", "value": "https://w3id.org/helixgraph/id/nibs"},
        ...     "n": {"type": "literal", "value": "2", "datatype": str(XSD.integer)}}])
        >>> result.to_dataframe(short_iris=True).to_dict("records")
        [{'actor': 'hx:nibs', 'n': 2}]
        >>> result.to_dataframe().iloc[0, 0]
        'https://w3id.org/helixgraph/id/nibs'
        >>> frame = QueryResult.from_tsv(["day", "n", "x"], b'"2025-10-01"^^<%s>\t1.5\t2\n\t\t\n' % (
        ...     str(XSD.date).encode())).to_dataframe()
        >>> [str(t)[:10] for t in frame.dtypes], frame["day"].iloc[0].year
        (['datetime64', 'float64', 'Int64'], 2025)
        """
        try:
            import pandas as pd
        except ImportError as exc:  # pragma: no cover - pandas is a dependency
            raise QueryError("pandas is needed for DataFrames: pip install pandas") from exc
        frame = {}
        with gc_paused():
            columns = self._columns(short_iris)
        for name, (values, datatypes, rows) in zip(self.variables, columns):
            typed = _typed_values(pd, values, datatypes - {None})
            if rows is not None:
                typed = typed.take(rows)
            frame[name] = pd.Series(typed, dtype=typed.dtype)
        # index: a result without variables still has its rows; copy=False: the columns are new
        return pd.DataFrame(frame, columns=self.variables, index=pd.RangeIndex(len(self)), copy=False)

    def to_sparql_json(self) -> dict:
        """The result in the SPARQL 1.1 Query Results JSON format."""
        if self.boolean is not None:
            return {"head": {}, "boolean": self.boolean}
        return {"head": {"vars": self.variables}, "results": {"bindings": self.bindings}}

    def serialize(self, fmt: str = "table") -> str:
        """Write the result as ``table``, ``csv``, ``tsv`` or ``json``."""
        if fmt not in FORMATS:
            raise QueryError(f"unknown result format {fmt!r}; expected one of {', '.join(FORMATS)}")
        if fmt == "json":
            return json.dumps(self.to_sparql_json(), ensure_ascii=False, indent=2)
        if self.boolean is not None:
            return "true" if self.boolean else "false"
        if fmt == "table":
            return self._table()
        out = io.StringIO()
        writer = csv.writer(out, delimiter="," if fmt == "csv" else "\t", lineterminator="\n")
        writer.writerow(self.variables)
        for b in self.bindings:
            writer.writerow([b[v]["value"] if v in b else "" for v in self.variables])
        return out.getvalue()

    def _table(self) -> str:
        """A plain-text table whose columns line up in a terminal, wide (CJK) characters included.

        >>> print(QueryResult(["zh", "n"], [{"zh": {"type": "literal", "value": "华辉"},
        ...                                   "n": {"type": "literal", "value": "2"}}])._table())
        zh    n
        ----  -
        华辉  2
        (1 row)
        """
        cells = [[_display(b.get(v)) for v in self.variables] for b in self.bindings]
        widths = [max([_width(v), *(_width(r[i]) for r in cells)]) for i, v in enumerate(self.variables)]
        line = "  ".join("-" * w for w in widths)
        lines = ["  ".join(_pad(v, w) for v, w in zip(self.variables, widths)).rstrip(), line]
        lines += ["  ".join(_pad(c, w) for c, w in zip(r, widths)).rstrip() for r in cells]
        lines.append(f"({len(cells)} row{'s' if len(cells) != 1 else ''})")
        return "\n".join(lines)


def _width(text: str) -> int:
    """Terminal columns ``text`` takes (2 for a CJK character); its length where that is unknown."""
    width = wcswidth(text)
    return width if width >= 0 else len(text)


def _pad(text: str, width: int) -> str:
    return text + " " * (width - _width(text))


def _unescape(text: str) -> str:
    return _TSV_ESCAPE.sub(lambda m: _TSV_UNESCAPE.get(m.group(1), m.group(1)), text) if "\\" in text else text


def _tsv_cell(token: bytes) -> dict | None:
    r"""The SPARQL JSON cell of one term of a SPARQL TSV result; None for an empty (unbound) one.

    >>> _tsv_cell(b'"a\\tb"@en')
    {'type': 'literal', 'value': 'a\tb', 'xml:lang': 'en'}
    >>> _tsv_cell(b"-12")["datatype"], _tsv_cell(b"_:x1"), _tsv_cell(b'"1.5"^^<urn:t>')["datatype"]
    ('http://www.w3.org/2001/XMLSchema#integer', {'type': 'bnode', 'value': 'x1'}, 'urn:t')
    """
    if not token:
        return None
    text = token.decode("utf-8")
    first = text[0]
    if first == "<":
        return {"type": "uri", "value": text[1:-1]}
    if first == "_":
        return {"type": "bnode", "value": text[2:]}
    if first == '"':
        end = text.rindex('"')
        cell = {"type": "literal", "value": _unescape(text[1:end])}
        rest = text[end + 1:]
        if rest.startswith("@"):
            cell["xml:lang"] = rest[1:]
        elif rest.startswith("^^<") and rest[3:-1] != _STRING:
            cell["datatype"] = rest[3:-1]
        return cell
    if text in ("true", "false"):
        datatype = _BOOLEAN
    elif _BARE_INTEGER.fullmatch(text):
        datatype = str(XSD.integer)
    elif "e" in text or "E" in text:
        datatype = str(XSD.double)
    else:
        datatype = _DECIMAL
    return {"type": "literal", "value": text, "datatype": datatype}


class _CellCache(dict):
    """TSV token -> SPARQL JSON cell, each distinct token converted once."""

    def __missing__(self, token: bytes):
        cell = self[token] = _tsv_cell(token)
        return cell


def _boolean(text: str) -> bool:
    return text in ("true", "1")


#: How the lexical form of a literal of each datatype becomes a Python value (as :func:`_python`).
_LEXICAL = {**dict.fromkeys(_INTEGERS, int), _DECIMAL: Decimal, **dict.fromkeys(_FLOATS, float),
            _BOOLEAN: _boolean}


def _token_value(token: bytes):
    r"""The Python value of one TSV term, as ``_python(_tsv_cell(token))`` gives it, without the cell.

    >>> [_token_value(t) for t in (b"<urn:a>", b'"a\\tb"@en', b'"7"^^<http://www.w3.org/2001/XMLSchema#int>',
    ...                            b'"x"^^<urn:t>', b"", b"1.5", b"_:b")]
    ['urn:a', 'a\tb', 7, 'x', None, Decimal('1.5'), 'b']
    """
    # The value-only twin of _typed_token, kept apart because rows need no kind: returning and
    # unpacking the pair made converting a 100K build's 339K distinct terms 14% slower.
    first = token[:1]
    if first == b"<":  # an IRI, the most common term, needs no parsing
        return token[1:-1].decode("utf-8")
    if first == b'"':
        end = token.rindex(b'"')
        value = _unescape(token[1:end].decode("utf-8"))
        if token[end + 1:end + 4] == b"^^<":
            convert = _LEXICAL.get(token[end + 4:-1].decode("utf-8"))
            if convert is not None:
                return convert(value)
        return value
    return _python(_tsv_cell(token))


class _ValueCache(dict):
    """TSV token -> Python value, each distinct token converted once."""

    def __missing__(self, token: bytes):
        value = self[token] = _token_value(token)
        return value


def _typed_token(token: bytes, short_iris: bool = False) -> tuple[object, str | None]:
    r"""The Python value of one TSV term and its kind, as ``(_python(cell), _datatype(cell))`` of its
    :func:`_tsv_cell` give them, without making the cell for IRIs and quoted literals; with
    ``short_iris``, an IRI written with the project's prefixes.

    >>> _typed_token(b"<urn:a>"), _typed_token(b'"a"@en'), _typed_token(b'"x"^^<urn:t>')
    (('urn:a', 'uri'), ('a', 'langString'), ('x', 'urn:t'))
    >>> _typed_token(b'"2"^^<http://www.w3.org/2001/XMLSchema#int>'), _typed_token(b"")
    ((2, 'http://www.w3.org/2001/XMLSchema#int'), (None, None))
    """
    first = token[:1]
    if first == b"<":
        iri = token[1:-1].decode("utf-8")
        return (prefixed_name(iri) if short_iris else iri), "uri"
    if first == b'"':
        end = token.rindex(b'"')
        value = _unescape(token[1:end].decode("utf-8"))
        if token[end + 1:end + 4] == b"^^<":
            datatype = token[end + 4:-1].decode("utf-8")
            convert = _LEXICAL.get(datatype)
            return (value if convert is None else convert(value)), datatype
        return value, ("langString" if token[end + 1:end + 2] == b"@" else _STRING)
    cell = _tsv_cell(token)
    return _python(cell), _datatype(cell)


def _typed_terms(terms: list[bytes], short_iris: bool = False) -> tuple[list, set]:
    """The Python values of distinct TSV ``terms`` (IRIs with the project's prefixes when
    ``short_iris``) and the set of their kinds (:func:`_typed_token`)."""
    values: list = []
    datatypes: set = set()
    add_value, add_datatype = values.append, datatypes.add
    for token in terms:
        value, datatype = _typed_token(token, short_iris)
        add_value(value)
        add_datatype(datatype)
    return values, datatypes


class _TypedValueCache(dict):
    """TSV token -> Python value for one column, noting the datatypes of the column's terms."""

    def __init__(self, short_iris: bool = False) -> None:
        super().__init__()
        self.short_iris = short_iris
        self.datatypes: set = set()

    def __missing__(self, token: bytes):
        value, datatype = _typed_token(token, self.short_iris)
        self.datatypes.add(datatype)
        self[token] = value
        return value


def _datatype(cell: dict | None) -> str | None:
    if cell is None:
        return None
    if cell["type"] != "literal":
        return cell["type"]
    return cell.get("datatype") or ("langString" if "xml:lang" in cell else _STRING)


def _tsv_chunks(body: bytes):
    """The tab- and newline-separated tokens of ``body``, a few megabytes of whole lines at a time."""
    start, size = 0, len(body)
    while start < size:
        end = body.find(b"\n", start + _CHUNK)
        end = size if end < 0 else end + 1
        yield body[start:end - 1].replace(b"\n", b"\t").split(b"\t")
        start = end


def _tsv_rows(body: bytes, width: int, convert) -> list[tuple]:
    r"""The rows of a TSV result's ``body`` as tuples of ``convert(token)``.

    >>> _tsv_rows(b"a\tb\nc\t\n", 2, bytes.upper), _tsv_rows(b"\n\n", 0, bytes.upper)
    ([(b'A', b'B'), (b'C', b'')], [(), ()])
    """
    if width == 0:
        return [()] * body.count(b"\n")
    rows: list[tuple] = []
    for tokens in _tsv_chunks(body):
        cells = map(convert, tokens)
        rows.extend(zip(*[cells] * width))  # the same iterator ``width`` times: one row per ``width`` cells
    return rows


def _object_array(values: list):
    """A one-dimensional NumPy array of the Python objects ``values``."""
    import numpy as np

    array = np.empty(len(values), dtype=object)
    array[:] = values
    return array


def _split_columns(body: bytes, width: int, columnar: bool | None) -> list | None:
    """``body``'s columns as :func:`~helixgraph.graph.tsv_columns.tsv_columns` reads them, or None
    where the caller splits the text itself: when pyarrow is missing, when there is nothing to read,
    or (``columnar`` None) when ``body`` is shorter than :func:`_columnar_threshold`."""
    if width == 0 or not body or columnar is False:
        return None
    if columnar is None and len(body) < _columnar_threshold():
        return None
    return tsv_columns(body, width)


def _value_rows(body: bytes, width: int, columnar: bool | None = None) -> list[tuple]:
    r"""The rows of a TSV result's ``body`` as tuples of Python values.

    Read column by column (``columnar`` True, or None and ``body`` is large; pyarrow installed),
    each distinct term is converted once and NumPy spreads the values over the rows; otherwise the
    text is split in Python, each distinct token converted once too. Both give the same rows.

    >>> body = b'<urn:a>\t"2"^^<http://www.w3.org/2001/XMLSchema#int>\n<urn:a>\t\n'
    >>> _value_rows(body, 2, columnar=True) == _value_rows(body, 2, columnar=False)
    True
    >>> _value_rows(body, 2, columnar=True)
    [('urn:a', 2), ('urn:a', None)]
    """
    split = _split_columns(body, width, columnar)
    if split is None:
        return _tsv_rows(body, width, _ValueCache().__getitem__)
    return _rows_of_columns(split, _token_value)


def _rows_of_columns(split: list, convert) -> list[tuple]:
    """The rows of columns read by :func:`~helixgraph.graph.tsv_columns.tsv_columns` as tuples of
    ``convert(term)`` (a Python value, a SPARQL JSON cell): each distinct term converted once,
    NumPy spreading the converted terms over the rows."""
    columns = [_object_array(list(map(convert, terms))).take(rows).tolist() for terms, rows in split]
    return list(zip(*columns))


def _typed_values(pd, values: list, datatypes: set):
    """A pandas array of Python values, typed by the literals' datatypes where they agree."""
    if datatypes and datatypes <= _DATES:
        return pd.to_datetime(pd.Series(values, dtype=object), errors="coerce", format="ISO8601").array
    if datatypes and datatypes <= _INTEGERS:
        return pd.array(values, dtype="Int64")
    if datatypes and datatypes <= _FLOATS | {_DECIMAL} | _INTEGERS:
        return pd.array([None if v is None else float(v) for v in values], dtype="float64")
    return pd.array(_object_array(values), dtype=object)


def from_oxigraph(solutions) -> QueryResult:
    """Collect pyoxigraph query solutions (or an ASK answer) into a :class:`QueryResult`.

    The solutions are read through Oxigraph's own TSV serialisation, written in Rust; the result
    turns it into Python values when asked.

    >>> store = ox.Store()
    >>> store.add(ox.Quad(ox.NamedNode("urn:s"), ox.NamedNode("urn:p"), ox.Literal("3", datatype=ox.NamedNode(
    ...     "http://www.w3.org/2001/XMLSchema#integer"))))
    >>> result = from_oxigraph(store.query("SELECT ?s ?o WHERE { ?s ?p ?o }"))
    >>> result.variables, result.rows
    (['s', 'o'], [('urn:s', 3)])
    >>> from_oxigraph(store.query("ASK { ?s ?p 4 }")).boolean
    False
    """
    if isinstance(solutions, ox.QueryBoolean):
        return QueryResult([], boolean=bool(solutions))
    if not isinstance(solutions, ox.QuerySolutions):
        raise QueryError("only SELECT and ASK queries give tables; this query builds a graph")
    variables = [v.value for v in solutions.variables]
    sink = TsvSink(len(variables), _columnar_threshold())
    try:
        solutions.serialize(sink, format=ox.QueryResultsFormat.TSV)
    except BaseException:
        sink.close()
        raise
    kind, data = sink.finish()
    if kind == "columns":
        return QueryResult.from_columns(variables, data)
    return QueryResult.from_tsv(variables, data)


def _columnar_threshold() -> int:
    """Bytes of TSV from which a result is split into columns by pyarrow, as Oxigraph writes it
    (:class:`~helixgraph.graph.tsv_sink.TsvSink`) or from text already held: :data:`COLUMNAR_BYTES`
    once pyarrow is imported, :data:`COLD_COLUMNAR_BYTES` before; never where pyarrow is not installed."""
    if "pyarrow" in sys.modules:
        return COLUMNAR_BYTES if sys.modules["pyarrow"] is not None else sys.maxsize
    return COLD_COLUMNAR_BYTES if _pyarrow_installed() else sys.maxsize


@functools.cache
def _pyarrow_installed() -> bool:
    return importlib.util.find_spec("pyarrow") is not None


def from_sparql_json(document: dict, *, origin: str = "the endpoint") -> QueryResult:
    """Read a SPARQL 1.1 JSON results document, refusing one that is incomplete.

    >>> seven = {"type": "literal", "value": "7", "datatype": "http://www.w3.org/2001/XMLSchema#integer"}
    >>> from_sparql_json({"head": {"vars": ["n"]}, "results": {"bindings": [{"n": seven}]}}).rows
    [(7,)]
    >>> from_sparql_json({"head": {"vars": ["n"]}}, origin="http://127.0.0.1:7878/query")
    Traceback (most recent call last):
    helixgraph.errors.QueryError: http://127.0.0.1:7878/query sent a SPARQL JSON result without 'results'
    """
    try:
        if "boolean" in document:
            return QueryResult([], boolean=bool(document["boolean"]))
        variables = list(document["head"]["vars"])
        bindings = [dict(b) for b in document["results"]["bindings"]]
    except (KeyError, TypeError) as exc:
        raise QueryError(f"{origin} sent a SPARQL JSON result without {exc}") from exc
    return QueryResult(variables, bindings)
