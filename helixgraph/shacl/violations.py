"""A SHACL violation in words, the result type of both validators."""

from __future__ import annotations

from dataclasses import dataclass

from rdflib import URIRef

from helixgraph.iris import local_name

__all__ = ["Violation", "short_name"]


@dataclass(frozen=True, order=True)
class Violation:
    """One SHACL result, in words: which node, which property, what is wrong.

    >>> print(Violation("nibs", "sector", "Less than 1 values on nibs->eco:sector"))
    nibs sector: Less than 1 values on nibs->eco:sector
    """

    focus: str
    path: str
    message: str
    value: str = ""

    def __str__(self) -> str:
        text = f"{self.focus}"
        if self.path:
            text += f" {self.path}"
        text += f": {self.message}"
        if self.value:
            text += f" (value: {self.value})"
        return text


def short_name(term) -> str:
    """A node as violations show it: an entity's id, or a term's local name.

    >>> short_name(URIRef("https://w3id.org/helixgraph/id/nibs"))
    'nibs'
    """
    if term is None:
        return ""
    if isinstance(term, URIRef):
        iri = str(term)
        if "/helixgraph/id/" in iri:
            return iri.rsplit("/", 1)[1]
        return local_name(iri)
    return str(term)
