"""What the client needs to know about a SPARQL query's text without parsing it fully: its form,
whether it ends with its own ``LIMIT``/``OFFSET``, and the same query one page at a time.
"""

from __future__ import annotations

import re

__all__ = ["has_own_slice", "page_of", "query_form", "without_comments"]

_COMMENT = re.compile(r"(^|\s)#[^\n]*")
_PROLOGUE = re.compile(r"\A\s*(?:(?:PREFIX\s+[\w.-]*:\s*<[^>]*>|BASE\s+<[^>]*>)\s*)*", re.IGNORECASE)
_SLICE = re.compile(r"\b(?:LIMIT|OFFSET)\s+\d+", re.IGNORECASE)


def without_comments(text: str) -> str:
    """The query without its ``#`` comments (a ``#`` inside an IRI, after no space, stays).

    >>> without_comments("# Question: which?\\nSELECT ?x WHERE { ?x a <urn:a#b> } # all")
    '\\nSELECT ?x WHERE { ?x a <urn:a#b> } '
    """
    return _COMMENT.sub(lambda m: m.group(1), text)


def query_form(text: str) -> str:
    """``SELECT``, ``ASK``, ``CONSTRUCT`` or ``DESCRIBE``: the query's first keyword after its prologue.

    >>> query_form("# a comment\\nPREFIX eco: <https://w3id.org/helixgraph/ontology#>\\nselect * { ?s ?p ?o }")
    'SELECT'
    >>> query_form("ASK {}")
    'ASK'
    """
    body = _PROLOGUE.sub("", without_comments(text))
    return body.split(None, 1)[0].upper() if body.strip() else ""


def has_own_slice(text: str) -> bool:
    """Whether the query ends with its own ``LIMIT`` or ``OFFSET``, so it cannot be paged by adding them.

    >>> has_own_slice("SELECT ?x WHERE { ?x ?p ?o } ORDER BY ?x LIMIT 10 # top ten")
    True
    >>> has_own_slice("SELECT ?x WHERE { { SELECT ?x WHERE { ?x ?p ?o } LIMIT 3 } }")
    False
    """
    body = without_comments(text)
    return _SLICE.search(body[body.rfind("}") + 1:]) is not None


def page_of(text: str, size: int, offset: int) -> str:
    """The query restricted to ``size`` rows from ``offset`` on; on its last line unless that line
    ends in a comment, so the server's error positions stay those of the query as written.

    >>> page_of("SELECT ?x WHERE { ?x ?p ?o } ORDER BY ?x # sorted", 100, 200)
    'SELECT ?x WHERE { ?x ?p ?o } ORDER BY ?x # sorted\\nLIMIT 100 OFFSET 200'
    >>> page_of("SELECT ?x WHERE {\\n  ?x ?p ?o\\n}\\n", 100, 0)
    'SELECT ?x WHERE {\\n  ?x ?p ?o\\n} LIMIT 100 OFFSET 0'
    """
    text = text.rstrip()
    last = text.rsplit("\n", 1)[-1]
    joint = "\n" if without_comments(last) != last else " "
    return f"{text}{joint}LIMIT {size} OFFSET {offset}"
