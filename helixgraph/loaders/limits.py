"""Limits on the shape of a source file, so that hostile or broken input is refused, not obeyed.

A curated source file is shallow (a record holds a language map or a list of ids, three levels
below the top) and its numbers are short. Input far beyond these limits is a mistake or an attack:
a deeply nested value exhausts Python's recursion, an alias bomb expands a few lines of YAML into
billions of values, and ``1e999999999`` written out as a decimal takes a gigabyte.
"""

from __future__ import annotations

__all__ = [
    "INTEGER_RANGE",
    "MAX_ALIAS_VALUES",
    "MAX_DECIMAL_FRACTION_DIGITS",
    "MAX_DECIMAL_INTEGER_DIGITS",
    "MAX_DEPTH",
    "MAX_ERRORS",
    "MAX_ID_LENGTH",
    "MAX_NUMBER_CHARS",
]

#: Deepest nesting of lists and mappings accepted (the top-level mapping is level 1).
MAX_DEPTH = 64
#: Most values that all uses of YAML aliases (``*name``) in one file may stand for, counted expanded;
#: a file longer than this many characters may have as many as it has characters.
MAX_ALIAS_VALUES = 10_000
#: Longest text of a number, in characters.
MAX_NUMBER_CHARS = 40
#: Most digits of an ``xsd:decimal`` before and after the point: what Oxigraph holds exactly (a
#: decimal beyond them is an invalid literal to its SPARQL engine). A decimal is written out without
#: an exponent, so these also bound its length: ``1e999999999`` would take a billion digits.
MAX_DECIMAL_INTEGER_DIGITS = 20
MAX_DECIMAL_FRACTION_DIGITS = 18
#: The whole numbers an ``xsd:integer`` (and its subtypes) may hold: Oxigraph's 64-bit integers.
INTEGER_RANGE = range(-(2**63), 2**63)
#: Longest id of a record or source.
MAX_ID_LENGTH = 200
#: Errors reported in one run before checking stops.
MAX_ERRORS = 50
