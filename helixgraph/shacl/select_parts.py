"""Take a SPARQL-based constraint's ``sh:select`` apart, so the focus nodes can be joined in front.

pySHACL runs an ``sh:select`` once per focus node with ``$this`` pre-bound. The compiler runs it
once for all focus nodes instead, by putting the shape's target pattern in front of the WHERE
group's body. That gives the same rows only for a flat group of triples, BIND and FILTER, where
nested groups appear only under (NOT) EXISTS, so everything else is refused. ``$this`` and
``?this`` are the same variable in SPARQL, so the body is used as written.

rdflib's SPARQL parser reads the query: its syntax tree decides what is refused, and the same
grammar, with pyparsing's :class:`~pyparsing.Located` around the SELECT clause and the WHERE group,
says where the prologue ends and where the body starts and stops. Importing the parser builds its
grammar, which takes a tenth of a second, so the compiler imports this module only when a shape
has an ``sh:sparql`` constraint.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from dataclasses import dataclass
from functools import cache

from pyparsing import Keyword, Located, Optional, ParseBaseException, ParseResults, StringEnd
from rdflib import Variable
from rdflib.plugins.sparql import parser as sparql
from rdflib.plugins.sparql.parserutils import CompValue

__all__ = ["SelectParts", "split_select"]

# Variables pySHACL pre-binds, or substitutes, besides $this; the one-pass rewrite cannot give them.
_PRE_BOUND = ("currentShape", "shapesGraph", "PATH")
_FLAT_PARTS = frozenset({"TriplesBlock", "Filter", "Bind"})
_EXISTS = frozenset({"Builtin_EXISTS", "Builtin_NOTEXISTS"})
_MODIFIERS = ("groupby", "having", "orderby", "limitoffset", "valuesClause")


@cache
def _located_select():
    """rdflib's grammar for a plain SELECT, recording where the SELECT clause and WHERE group are."""
    grammar = (
        sparql.Prologue
        + Located(sparql.SelectClause)("select")
        + Optional(Keyword("WHERE"))
        + Located(sparql.GroupGraphPattern)("where")
        + StringEnd()
    )
    # The comment rule rdflib's own query grammar ignores (the same object, so rdflib's is unchanged).
    grammar.ignore(sparql.QueryUnit.ignoreExprs[0])
    return grammar


@dataclass(frozen=True)
class SelectParts:
    """The pieces of an ``sh:select`` the compiler reassembles."""

    #: The PREFIX declarations before ``SELECT``, as written.
    prologue: str
    #: The projected variables' names, without ``?`` or ``$``.
    variables: tuple[str, ...]
    #: What is between the braces of the WHERE group, as written.
    body: str


def split_select(text: str, fail: Callable[[str], Exception]) -> SelectParts:
    """Split ``text`` into prologue, projected variables and WHERE body, refusing what cannot be rewritten.

    Parameters
    ----------
    text
        The value of ``sh:select``.
    fail
        Makes the exception to raise from a description of the unsupported feature.

    Returns
    -------
    SelectParts

    Examples
    --------
    >>> parts = split_select('''PREFIX ex: <http://example.org/>
    ...     SELECT $this ?v WHERE { $this ex:p ?v . FILTER NOT EXISTS { ?v ex:q "}" } }''', ValueError)
    >>> parts.variables, parts.body
    (('this', 'v'), ' $this ex:p ?v . FILTER NOT EXISTS { ?v ex:q "}" } ')
    >>> split_select("SELECT $this WHERE { OPTIONAL { $this <urn:p> ?o } }", ValueError)
    Traceback (most recent call last):
    ValueError: a nested group pattern in sh:select other than (NOT) EXISTS (OPTIONAL, UNION, MINUS, GRAPH, VALUES, sub-queries)
    """
    text = sparql.expandUnicodeEscapes(text)
    try:
        prologue, query = sparql.parseQuery(text)
    except ParseBaseException as exc:
        raise fail(f"an sh:select that is not valid SPARQL ({exc})") from exc
    if query.name != "SelectQuery":
        raise fail("an sh:select that is not a SELECT query")
    if any(_named(node, "SubSelect") for node in _walk(query)):
        raise fail("a sub-SELECT in sh:select")
    if any(declaration.name != "PrefixDecl" for declaration in prologue):
        raise fail("an sh:select prologue other than PREFIX declarations")
    # CompValue.get's second argument is not a default: it answers a missing key with the key itself.
    projection = query["projection"] if "projection" in query else ()  # noqa: SIM401
    if not projection or any("expr" in item for item in projection):
        raise fail("an sh:select projection other than plain variables")
    if "datasetClause" in query:
        raise fail("FROM in sh:select")
    if any(modifier in query for modifier in _MODIFIERS):
        raise fail("solution modifiers after the WHERE group of sh:select (GROUP BY, ORDER BY, LIMIT, ...)")
    _check_flat(query["where"], fail)
    named = {node for node in _walk(query) if isinstance(node, Variable)}
    for name in _PRE_BOUND:
        if Variable(name) in named:
            raise fail(f"${name} in sh:select")
    located = _located_select().parse_string(text, parse_all=True)
    select, where = located["select"], located["where"]
    return SelectParts(
        prologue=text[: select.locn_start],
        variables=tuple(str(item["var"]) for item in projection),
        body=text[where.locn_start + 1 : where.locn_end - 1],
    )


def _named(node, *names: str) -> bool:
    """Whether ``node`` is a syntax-tree node (an rdflib ``CompValue``) of one of these kinds."""
    return isinstance(node, CompValue) and node.name in names


def _check_flat(group: CompValue, fail: Callable[[str], Exception]) -> None:
    """Refuse a group holding anything but triples, BIND and FILTER (whose EXISTS groups obey the same)."""
    for part in group["part"] if "part" in group else ():  # noqa: SIM401 - see split_select
        if part.name not in _FLAT_PARTS:
            raise fail("a nested group pattern in sh:select other than (NOT) EXISTS "
                       "(OPTIONAL, UNION, MINUS, GRAPH, VALUES, sub-queries)")
        for node in _walk(part):
            if _named(node, *_EXISTS):
                _check_flat(node["graph"], fail)


def _walk(node) -> Iterator:
    """Every node of an rdflib SPARQL syntax tree, ``node`` included, parents before children."""
    yield node
    if isinstance(node, CompValue):
        children = node.values()
    elif isinstance(node, (list, ParseResults)):
        children = node
    else:
        return
    for child in children:
        yield from _walk(child)
