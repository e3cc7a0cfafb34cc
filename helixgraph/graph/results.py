"""Query results in one shape, whether they come from the embedded store or a remote endpoint.

A :class:`QueryResult` holds SPARQL 1.1 JSON-style bindings (``{"type", "value", "datatype",
"xml:lang"}`` per cell), and turns them into Python values, a table, CSV, TSV, JSON or a pandas
DataFrame.
"""

from __future__ import annotations

import csv
import io
import json
from dataclasses import dataclass, field
from decimal import Decimal

import pyoxigraph as ox
from rdflib import XSD
from wcwidth import wcswidth

from helixgraph.errors import QueryError
from helixgraph.iris import prefixed_name

__all__ = ["FORMATS", "QueryResult", "from_oxigraph", "from_sparql_json"]

FORMATS = ("table", "csv", "tsv", "json")
_INTEGERS = frozenset(str(XSD[t]) for t in ("integer", "int", "long", "positiveInteger", "nonNegativeInteger",
                                              "short"))
_DECIMAL, _BOOLEAN, _STRING = str(XSD.decimal), str(XSD.boolean), str(XSD.string)
_FLOATS = frozenset((str(XSD.double), str(XSD.float)))


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


def _display(cell: dict | None) -> str:
    if cell is None:
        return ""
    if cell["type"] == "uri":
        return prefixed_name(cell["value"])
    if cell["type"] == "bnode":
        return f"_:{cell['value']}"
    return cell["value"]


@dataclass
class QueryResult:
    """The answer to a SELECT (rows of bindings) or ASK (``boolean``) query."""

    variables: list[str]
    bindings: list[dict[str, dict]] = field(default_factory=list)
    boolean: bool | None = None

    def __len__(self) -> int:
        return len(self.bindings)

    @property
    def rows(self) -> list[tuple]:
        """Each row as a tuple of Python values, in variable order (None where unbound)."""
        return [tuple(_python(b.get(v)) for v in self.variables) for b in self.bindings]

    def column(self, name: str) -> list:
        """The Python values of one variable, in row order."""
        if name not in self.variables:
            raise QueryError(f"no variable {name!r} in the result; it has {', '.join(self.variables)}")
        return [_python(b.get(name)) for b in self.bindings]

    def to_dataframe(self, *, short_iris: bool = False):
        """The rows as a pandas DataFrame, one column per variable.

        With ``short_iris``, IRIs are written with the project's prefixes (``hx:nibs``), as the
        command line's tables show them; literals keep their Python values.

        >>> result = QueryResult(["actor", "n"], [{
        ...     "actor": {"type": "uri", "value": "https://w3id.org/helixgraph/id/nibs"},
        ...     "n": {"type": "literal", "value": "2", "datatype": str(XSD.integer)}}])
        >>> result.to_dataframe(short_iris=True).to_dict("records")
        [{'actor': 'hx:nibs', 'n': 2}]
        >>> result.to_dataframe().iloc[0, 0]
        'https://w3id.org/helixgraph/id/nibs'
        """
        try:
            import pandas as pd
        except ImportError as exc:  # pragma: no cover - pandas is a dependency
            raise QueryError("pandas is needed for DataFrames: pip install pandas") from exc
        rows = self.rows
        if short_iris:
            rows = [
                tuple(prefixed_name(b[v]["value"]) if b.get(v, {}).get("type") == "uri" else _python(b.get(v))
                      for v in self.variables)
                for b in self.bindings
            ]
        return pd.DataFrame(rows, columns=self.variables)

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


def _cell(term) -> dict:
    if isinstance(term, ox.NamedNode):
        return {"type": "uri", "value": term.value}
    if isinstance(term, ox.BlankNode):
        return {"type": "bnode", "value": term.value}
    if isinstance(term, ox.Literal):
        cell = {"type": "literal", "value": term.value}
        if term.language:
            cell["xml:lang"] = term.language
        elif term.datatype.value != _STRING:
            cell["datatype"] = term.datatype.value
        return cell
    raise QueryError(f"unsupported term in a result: {term!r}")


def from_oxigraph(solutions) -> QueryResult:
    """Collect pyoxigraph query solutions (or an ASK answer) into a :class:`QueryResult`.

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
    bindings = []
    for solution in solutions:
        row = {}
        for name in variables:
            term = solution[name]
            if term is not None:
                row[name] = _cell(term)
        bindings.append(row)
    return QueryResult(variables, bindings)


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
