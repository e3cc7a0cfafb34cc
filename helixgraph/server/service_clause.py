"""Find ``SERVICE`` clauses, which make a SPARQL engine send HTTP requests to other endpoints.

Oxigraph runs a ``SERVICE <http://...>`` clause by requesting that address, whatever it is, so an
endpoint that must not reach out refuses such queries before running them. Most queries do not
contain the letters "service" outside comment lines and are let through at once; the others are parsed with
rdflib's SPARQL grammar, and every ``SERVICE`` pattern, wherever it is nested, is found. A query
rdflib cannot parse is treated as holding one, since it cannot be shown not to.
"""

from __future__ import annotations

import re

__all__ = ["has_service_clause"]

_ESCAPE = re.compile(r"\\u([0-9A-Fa-f]{4})|\\U([0-9A-Fa-f]{8})")
#: A line that is only a comment. No token spans lines except a long string, so such a line is a comment
#: or string content, never a keyword.
_COMMENT_LINE = re.compile(r"(?:^|(?<=[\r\n]))[ \t]*#[^\r\n]*")


def _unescaped(text: str) -> str:
    """``text`` with SPARQL's ``\\uXXXX`` and ``\\UXXXXXXXX`` escapes replaced by their characters.

    >>> _unescaped(r"\\u0053ERVICE")
    'SERVICE'
    """
    return _ESCAPE.sub(lambda m: chr(min(int(m.group(1) or m.group(2), 16), 0x10FFFF)), text)


def _holds_service(node) -> bool:
    """Whether rdflib's parse tree ``node`` contains a ``ServiceGraphPattern`` anywhere."""
    stack = [node]
    while stack:
        item = stack.pop()
        if getattr(item, "name", None) == "ServiceGraphPattern":
            return True
        if isinstance(item, dict):
            stack.extend(item.values())
        elif isinstance(item, (list, tuple)) or type(item).__name__ == "ParseResults":
            stack.extend(item)
    return False


def has_service_clause(text: str) -> bool:
    """Whether the SPARQL query ``text`` holds a ``SERVICE`` clause (or cannot be shown not to).

    Examples
    --------
    >>> has_service_clause("SELECT * WHERE { ?s ?p ?o }")
    False
    >>> has_service_clause("SELECT * WHERE { SERVICE <http://127.0.0.1:9/> { ?s ?p ?o } }")
    True
    >>> has_service_clause("SELECT * WHERE { ?s ?p ?o FILTER EXISTS { service silent ?x { ?s ?p ?o } } }")
    True
    >>> has_service_clause('PREFIX service: <urn:x:> SELECT * WHERE { ?s service:service "SERVICE" }')
    False
    >>> has_service_clause("SELECT * WHERE { # a service\\n ?s ?p ?o }")
    False
    >>> has_service_clause("# Which service platforms?\\nSELECT * WHERE { ?s ?p ?o }")
    False
    >>> has_service_clause("SELECT * WHERE {\\n# comment\\r SERVICE <http://127.0.0.1:9/> { ?s ?p ?o } }")
    True
    >>> has_service_clause("SELECT * WHERE { ?s ?p ?o . SERVICE")
    True
    >>> has_service_clause("SELECT * WHERE { \\\\u0053ERVICE <http://127.0.0.1:9/> { ?s ?p ?o } }")
    True
    """
    lowered = text.lower()
    if "service" not in lowered and "\\u" not in lowered:  # nothing to find, even in comments or escaped
        return False
    code = _COMMENT_LINE.sub("", text) if "#" in text else text
    escaped = "\\u" in code or "\\U" in code
    if "service" not in code.lower() and not (escaped and "service" in _unescaped(code).lower()):
        return False
    from rdflib.plugins.sparql.parser import parseQuery

    try:
        tree = parseQuery(text)
    except Exception:  # noqa: BLE001 - whatever stops the parser, the query is not shown to be safe
        return True
    return _holds_service(tree)
