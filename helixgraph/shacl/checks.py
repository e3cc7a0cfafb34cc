"""One compiled constraint: a SPARQL query whose rows are violations, and how to word them."""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from dataclasses import dataclass

import pyoxigraph as ox
from rdflib import BNode, Literal, URIRef
from rdflib.namespace import XSD

from helixgraph.shacl.messages import data_text, fill_placeholders
from helixgraph.shacl.violations import Violation, short_name

__all__ = ["CompiledCheck", "CompiledShapes", "from_oxigraph"]


@dataclass(frozen=True)
class CompiledCheck:
    """One constraint of one shape, as a SPARQL query returning its violations.

    Attributes
    ----------
    shape
        The shape the constraint belongs to, as pySHACL writes it (for errors and debugging).
    component
        The SHACL constraint, e.g. ``"sh:minCount"``.
    query
        A SPARQL SELECT over the union default graph, one row per violation: ``?this`` (the focus
        node), ``?value`` for constraints on values, and the variables a ``sh:message`` names.
    variables
        The variables ``query`` selects, without the ``?``.
    message
        The message template. How it is completed depends on ``fill``.
    fill
        ``"text"``: the message as it is; ``"focus"``/``"value"``: ``{}`` in the message is replaced
        by the focus/value node written the way pySHACL writes it; ``"bindings"``: ``{?var}`` and
        ``{$var}`` are replaced by the query's results (a SPARQL-based constraint's message).
    path
        The property the result is about (``sh:resultPath``), if the constraint has one.
    value_is_focus
        The result's value is the focus node when the query binds no ``?value`` (node shapes).

    Examples
    --------
    >>> check = CompiledCheck("ex:S", "sh:minCount", "SELECT ?this WHERE { ?this a <urn:C> }", ("this",),
    ...                       "Less than 1 values on {}->ex:p", fill="focus", path=URIRef("http://example.org/p"))
    >>> store = ox.Store()
    >>> rdf_type = ox.NamedNode("http://www.w3.org/1999/02/22-rdf-syntax-ns#type")
    >>> store.add(ox.Quad(ox.NamedNode("urn:x"), rdf_type, ox.NamedNode("urn:C")))
    >>> [str(v) for v in check.violations(store.query(check.query))]
    ['urn:x p: Less than 1 values on <urn:x>->ex:p']
    """

    shape: str
    component: str
    query: str
    variables: tuple[str, ...]
    message: str
    fill: str = "text"
    path: URIRef | None = None
    value_is_focus: bool = False

    def violations(self, solutions: Iterable) -> Iterator[Violation]:
        """Turn the query's solutions into :class:`~helixgraph.shacl.violations.Violation` objects."""
        others = [v for v in self.variables if v not in ("this", "path", "value")]
        for solution in solutions:
            focus = from_oxigraph(solution["this"])
            value = from_oxigraph(solution["value"]) if "value" in self.variables else None
            if value is None and self.value_is_focus:
                value = focus
            path = self.path
            if path is None and "path" in self.variables:
                path = from_oxigraph(solution["path"])
            if self.fill == "focus":
                message = self.message.format(data_text(focus))
            elif self.fill == "value":
                message = self.message.format(data_text(value))
            elif self.fill == "bindings":
                bound = {name: from_oxigraph(solution[name]) for name in others}
                bound.update(this=focus, path=path, value=value)
                message = fill_placeholders(self.message, bound)
            else:
                message = self.message
            yield Violation(focus=short_name(focus), path=short_name(path), message=message, value=short_name(value))


def from_oxigraph(term):
    """The rdflib term for a pyoxigraph term (``None`` stays ``None``).

    Simple literals come back untyped, as the loader writes them and pySHACL prints them.

    >>> from_oxigraph(ox.Literal("x")), from_oxigraph(ox.NamedNode("urn:a"))
    (rdflib.term.Literal('x'), rdflib.term.URIRef('urn:a'))
    """
    if term is None:
        return None
    if isinstance(term, ox.NamedNode):
        return URIRef(term.value)
    if isinstance(term, ox.BlankNode):
        return BNode(term.value)
    if term.language:
        return Literal(term.value, lang=term.language)
    datatype = term.datatype.value
    return Literal(term.value, datatype=None if datatype == str(XSD.string) else datatype)


@dataclass(frozen=True)
class CompiledShapes:
    """A shapes graph compiled into checks, ready to validate any number of stores.

    Compiling takes a fraction of a second; a caller validating many stores against its own shapes
    compiles them once with :func:`~helixgraph.shacl.compiler.compile_shapes` and passes this on.
    Iterating gives the checks in a stable order.
    """

    checks: tuple[CompiledCheck, ...]

    def __iter__(self) -> Iterator[CompiledCheck]:
        return iter(self.checks)

    def __len__(self) -> int:
        return len(self.checks)
