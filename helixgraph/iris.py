"""Naming helpers for IRIs: the one place that shortens an IRI for people to read.

>>> local_name("https://w3id.org/helixgraph/ontology#Company")
'Company'
>>> prefixed_name("https://w3id.org/helixgraph/id/nibs")
'hx:nibs'
"""

from __future__ import annotations

from helixgraph.ontology.prefixes import PREFIXES

__all__ = ["local_name", "prefixed_name"]


def local_name(iri: object, *, prefixed: bool = False) -> str:
    """The part of an IRI after its last ``#`` or ``/`` (and ``:``, for a ``prefixed`` name).

    The whole text when nothing follows the last separator.

    >>> local_name("http://purl.org/dc/terms/issued"), local_name("urn:x")
    ('issued', 'urn:x')
    >>> local_name("eco:approvedFor", prefixed=True), local_name("plain"), local_name("urn:x/")
    ('approvedFor', 'plain', 'urn:x/')
    """
    text = str(iri)
    cut = max(text.rfind("#"), text.rfind("/"), text.rfind(":") if prefixed else -1)
    return text[cut + 1 :] or text


def prefixed_name(iri: str) -> str:
    """Write an IRI with the project's longest matching prefix, when the rest is a plain name.

    >>> prefixed_name("https://w3id.org/helixgraph/ontology#sector")
    'eco:sector'
    >>> prefixed_name("https://example.org/a b")
    'https://example.org/a b'
    """
    best = ""
    for prefix, ns in PREFIXES.items():
        if iri.startswith(ns) and len(ns) > len(PREFIXES.get(best, "")):
            best = prefix
    if best:
        rest = iri[len(PREFIXES[best]) :]
        if rest and all(c.isalnum() or c in "-_." for c in rest):
            return f"{best}:{rest}"
    return iri
