"""Graph data made safe to sit inside the explorer page's ``<script type="application/json">``."""

from __future__ import annotations

import json

from markupsafe import Markup

__all__ = ["script_json"]

_JSON_ESCAPES = str.maketrans(
    {"<": "\\u003c", ">": "\\u003e", "&": "\\u0026", "/": "\\/", "\u2028": "\\u2028", "\u2029": "\\u2029"}
)


def script_json(value: object) -> Markup:
    """Serialise to JSON that can sit inside ``<script type="application/json">`` as it is.

    ``<``, ``>`` and ``&`` become ``\\u003c``-style escapes, so no label can close the element, and
    ``/`` becomes ``\\/`` (valid JSON), so IRIs in the data do not read as ``http://`` links in the
    page text. Non-ASCII text (Chinese labels) stays as UTF-8.

    >>> print(script_json({"label": "</script><b>中关村</b>", "iri": "http://x.org/a"}))
    {"label":"\\u003c\\/script\\u003e\\u003cb\\u003e中关村\\u003c\\/b\\u003e","iri":"http:\\/\\/x.org\\/a"}
    """
    text = json.dumps(value, ensure_ascii=False, separators=(",", ":"), allow_nan=False)
    return Markup(text.translate(_JSON_ESCAPES))
