"""Parameters of a query: declared in its ``.rq`` header, checked, and bound as RDF terms.

A query declares each parameter on a header line of its own, with a type, an optional default and
what it means::

    # Parameter: entity (iri, default hx:libevitug): the entity whose events are listed
    # Parameter: as_of (date, optional): count only what sources issued by this day report
    # Parameter: sector (iri): the sector whose actors are listed

A parameter with neither a default nor ``optional`` is required; an optional one that is not given
stays unbound (``UNDEF``), which the SPARQL tests with ``BOUND(?as_of)``. The SPARQL uses the
parameter as a variable (``?entity``, ``?as_of``). Binding never pastes the
caller's text into the query: each value is checked against its type, turned into an RDF term by
pyoxigraph, and the terms are written as one ``VALUES`` row at the start of the query's ``WHERE``
group (or where a line ``#@parameters`` stands, such as inside a subquery), so the embedded store
and a remote endpoint receive the same, well-formed query.

>>> spec = parse_parameter("as_of (date, default 2026-02-01): the day the answer is as of")
>>> spec.name, spec.type, spec.default
('as_of', 'date', '2026-02-01')
>>> text = "SELECT ?x WHERE { ?x eco:date ?d FILTER (?d <= ?as_of) }"
>>> print(bind_parameters(text, [spec], {}))
SELECT ?x WHERE { VALUES (?as_of) { ("2026-02-01"^^<http://www.w3.org/2001/XMLSchema#date>) }
 ?x eco:date ?d FILTER (?d <= ?as_of) }
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from decimal import Decimal, InvalidOperation

import pyoxigraph as ox

from helixgraph.errors import QueryError
from helixgraph.ontology.prefixes import PREFIXES

__all__ = ["PARAMETER_TYPES", "Parameter", "bind_parameters", "declared_parameters", "parse_parameter", "to_term"]

_XSD = "http://www.w3.org/2001/XMLSchema#"
_DECLARATION = re.compile(
    r"^(?P<name>[A-Za-z_][A-Za-z0-9_]*)\s*\(\s*(?P<type>[a-z]+)\s*"
    r"(?:,\s*(?:default\s+(?P<default>[^)]*?)|(?P<optional>optional)))?\s*\)"
    r"\s*:\s*(?P<description>.+)$"
)
_WHERE = re.compile(r"\bWHERE\s*\{|^\s*ASK\s*\{", re.IGNORECASE | re.MULTILINE)
_PREFIXED = re.compile(r"^([A-Za-z][A-Za-z0-9_-]*)?:([A-Za-z0-9_][A-Za-z0-9_.-]*)$")
_LOCAL_ID = re.compile(r"^[A-Za-z0-9_][A-Za-z0-9_.-]*$")
#: A line ``#@parameters`` marks where the VALUES row goes, when not at the start of the WHERE group.
_MARKER = re.compile(r"^([ \t]*)#@parameters[ \t]*$", re.MULTILINE)
_HEADER_LINE = re.compile(r"^#\s*Parameter\s*:\s*(.+)$", re.IGNORECASE)
_RESERVED = frozenset({"query", "out", "store", "endpoint", "timeout", "params"})


@dataclass(frozen=True)
class Parameter:
    """A declared query parameter: its name (the SPARQL variable without ``?``), type and default.

    A parameter with neither a default nor ``optional`` is required.
    """

    name: str
    type: str
    description: str
    default: str | None = None
    optional: bool = False

    @property
    def required(self) -> bool:
        """Whether a value must be given (no default is declared and it is not optional)."""
        return self.default is None and not self.optional

    def describe(self) -> str:
        """One line for ``helixgraph query --list``.

        >>> parse_parameter("n (integer, default 10): how many rows").describe()
        '--param n=INTEGER (default 10): how many rows'
        """
        given = "required" if self.required else "optional" if self.default is None else f"default {self.default}"
        return f"--param {self.name}={self.type.upper()} ({given}): {self.description}"


def _iri(value: str) -> ox.NamedNode:
    text = value.strip()
    if text.startswith("<") and text.endswith(">"):
        text = text[1:-1]
    prefixed = _PREFIXED.match(text)
    if prefixed and (prefixed.group(1) or "") in PREFIXES:
        text = PREFIXES[prefixed.group(1) or ""] + prefixed.group(2)
    elif _LOCAL_ID.match(text):
        text = _concept_or_entity(text)
    elif prefixed and not text.startswith(("http:", "https:", "urn:")):
        raise ValueError(f"unknown prefix {prefixed.group(1)!r}")
    if any(c in text for c in '<>"{}|^`\\ \t\n'):
        raise ValueError("an IRI cannot contain spaces or any of <>\"{}|^`\\")
    return ox.NamedNode(text)


def _concept_or_entity(name: str) -> str:
    """The IRI a bare id names: a concept of the ontology (``InnovativeDrugs``), else an entity (``nibs``)."""
    from helixgraph.ontology.model import load_ontology

    ontology = load_ontology()
    return str(ontology.individual_iri(name)) if name in ontology.individuals else PREFIXES["hx"] + name


def _date(value: str) -> ox.Literal:
    day = dt.date.fromisoformat(value.strip())
    return ox.Literal(day.isoformat(), datatype=ox.NamedNode(_XSD + "date"))


def _integer(value: str) -> ox.Literal:
    return ox.Literal(str(int(value.strip())), datatype=ox.NamedNode(_XSD + "integer"))


def _decimal(value: str) -> ox.Literal:
    number = Decimal(value.strip())
    if not number.is_finite():
        raise InvalidOperation
    return ox.Literal(format(number, "f"), datatype=ox.NamedNode(_XSD + "decimal"))


def _boolean(value: str) -> ox.Literal:
    text = value.strip().lower()
    if text not in ("true", "false"):
        raise ValueError
    return ox.Literal(text, datatype=ox.NamedNode(_XSD + "boolean"))


def _string(value: str) -> ox.Literal:
    return ox.Literal(value)


_CONVERTERS = {
    "iri": (_iri, ("an IRI: an entity id such as 'nibs', a concept such as 'Hepatology', a prefixed name such as "
                   "'hx:nibs', or <https://...>")),
    "date": (_date, "a day as YYYY-MM-DD"),
    "integer": (_integer, "a whole number"),
    "decimal": (_decimal, "a number such as 2.5"),
    "boolean": (_boolean, "true or false"),
    "string": (_string, "any text"),
}
PARAMETER_TYPES = tuple(_CONVERTERS)


def parse_parameter(declaration: str, *, query: str = "query") -> Parameter:
    """Read one ``# Parameter:`` header line (the text after the colon).

    >>> parse_parameter("who (iri): the person").required
    True
    >>> parse_parameter("n (count): rows", query="cq99")
    Traceback (most recent call last):
    helixgraph.errors.QueryError: cq99: parameter 'n' has type 'count'; expected one of iri, date, integer, ...
    """
    found = _DECLARATION.match(declaration.strip())
    if not found:
        raise QueryError(f"{query}: cannot read the parameter declaration {declaration.strip()!r}; expected "
                         "'NAME (TYPE[, default VALUE]): what it means'")
    name, kind = found.group("name"), found.group("type")
    if kind not in _CONVERTERS:
        raise QueryError(f"{query}: parameter {name!r} has type {kind!r}; expected one of "
                         f"{', '.join(PARAMETER_TYPES)}")
    if name in _RESERVED:
        raise QueryError(f"{query}: {name!r} cannot name a parameter (it is an option of query())")
    spec = Parameter(name, kind, found.group("description").strip(), found.group("default"),
                     bool(found.group("optional")))
    if spec.default is not None:
        to_term(spec, spec.default, query=query)
    return spec


def declared_parameters(text: str, *, query: str = "query") -> tuple[Parameter, ...]:
    """The parameters a query's opening comment lines declare, in their order.

    >>> [p.name for p in declared_parameters("# Parameter: a (iri): one\\n# Parameter: b (date): two\\nASK {}")]
    ['a', 'b']
    """
    found = []
    for line in text.lstrip().splitlines():
        if not line.startswith("#"):
            break
        match = _HEADER_LINE.match(line)
        if match:
            found.append(parse_parameter(match.group(1), query=query))
    names = [spec.name for spec in found]
    twice = sorted({name for name in names if names.count(name) > 1})
    if twice:
        raise QueryError(f"{query}: parameter {twice[0]!r} is declared twice")
    return tuple(found)


def to_term(spec: Parameter, value: object, *, query: str = "query") -> ox.NamedNode | ox.Literal:
    """Check ``value`` against the parameter's type and give it as an RDF term.

    Dates, numbers and booleans may be given as Python values too.

    >>> to_term(Parameter("p", "iri", "a product"), "libevitug")
    <NamedNode value=https://w3id.org/helixgraph/id/libevitug>
    >>> to_term(Parameter("d", "date", "a day"), "2026-02-30", query="timeline")
    Traceback (most recent call last):
    helixgraph.errors.QueryError: timeline: parameter 'd' got '2026-02-30'; expected a day as YYYY-MM-DD
    """
    convert, expected = _CONVERTERS[spec.type]
    if isinstance(value, bool):
        text = "true" if value else "false"
    elif isinstance(value, dt.datetime):
        text = value.date().isoformat()
    else:
        text = value.isoformat() if isinstance(value, dt.date) else str(value)
    try:
        return convert(text)
    except (ValueError, InvalidOperation, TypeError) as exc:
        reason = f" ({exc})" if isinstance(exc, ValueError) and spec.type == "iri" and str(exc) else ""
        raise QueryError(f"{query}: parameter {spec.name!r} got {text!r}; expected {expected}{reason}") from exc


def bind_parameters(text: str, declared: Sequence[Parameter], given: Mapping[str, object], *,
                    query: str = "query") -> str:
    """The query with every declared parameter bound by a ``VALUES`` row at the start of its ``WHERE``.

    Raises :class:`QueryError` for a value given to an undeclared parameter, a required one missing
    or a value of the wrong type.

    >>> bind_parameters("SELECT * WHERE { ?s ?p ?o }", [], {"x": 1}, query="q")
    Traceback (most recent call last):
    helixgraph.errors.QueryError: q: no parameter 'x' (this query takes none)
    """
    names = [spec.name for spec in declared]
    unknown = sorted(set(given) - set(names))
    if unknown:
        takes = f"it takes {', '.join(names)}" if names else "this query takes none"
        raise QueryError(f"{query}: no parameter {unknown[0]!r} ({takes})")
    if not declared:
        return text
    missing = [spec.name for spec in declared if spec.required and given.get(spec.name) is None]
    if missing:
        raise QueryError(f"{query}: parameter {missing[0]!r} is required: "
                         f"{next(s for s in declared if s.name == missing[0]).describe()}")
    terms = []
    for spec in declared:
        value = spec.default if given.get(spec.name) is None else given[spec.name]
        terms.append("UNDEF" if value is None else str(to_term(spec, value, query=query)))
    variables = " ".join(f"?{name}" for name in names)
    values = f"VALUES ({variables}) {{ ({' '.join(terms)}) }}"
    marker = _MARKER.search(text)
    if marker:  # the query says where the row goes (inside a subquery, so that it is bound early)
        return f"{text[:marker.start()]}{marker.group(1)}{values}{text[marker.end():]}"
    where = _where_group(text, query)
    return f"{text[:where]} {values}\n{text[where:]}"


def _where_group(text: str, query: str) -> int:
    """The offset just after the ``{`` that opens the query's WHERE group, skipping comment lines."""
    code = "\n".join(" " * len(line) if line.lstrip().startswith("#") else line for line in text.split("\n"))
    found = _WHERE.search(code)
    if not found:
        raise QueryError(f"{query}: a query with parameters needs a WHERE {{ ... }} group to bind them in")
    return found.end()
