"""Turn a YAML value into an RDF literal of the datatype the ontology gives its property."""

from __future__ import annotations

import datetime as dt
import re
from decimal import Decimal, InvalidOperation
from functools import lru_cache

from rdflib import RDF, XSD, Literal, URIRef

__all__ = ["ValueProblem", "describe_datatypes", "to_literal"]

_YEAR_MONTH = re.compile(r"^\d{4}-(0[1-9]|1[0-2])$")
_YEAR = re.compile(r"^\d{4}$")
_LANG_TAG = re.compile(r"^[a-zA-Z]{2,3}(-[a-zA-Z0-9]{1,8})*$")
_URI = re.compile(r"^https?://[^\s<>\"{}|\\^`]+$")

_NAMES = {
    XSD.date: "a date YYYY-MM-DD",
    XSD.gYearMonth: "a month YYYY-MM",
    XSD.gYear: "a year YYYY",
    XSD.decimal: "a number",
    XSD.integer: "a whole number",
    XSD.positiveInteger: "a whole number of at least 1",
    XSD.nonNegativeInteger: "a whole number of at least 0",
    XSD.boolean: "true or false",
    XSD.string: "text",
    XSD.anyURI: "an http(s) URL",
    RDF.langString: "text, or a mapping of language tags to text such as {en: ..., zh: ...}",
}


_PLAIN_STRING_TYPES = {XSD.string: None}


class ValueProblem(ValueError):
    """A value does not fit its datatype; the loader adds where it happened."""


def describe_datatypes(datatypes: tuple[URIRef, ...]) -> str:
    """Say in words what values a property accepts.

    >>> describe_datatypes((XSD.date, XSD.gYearMonth))
    'a date YYYY-MM-DD or a month YYYY-MM'
    """
    return " or ".join(_NAMES.get(d, str(d)) for d in datatypes)


def _date_like(value: object, datatype: URIRef) -> Literal | None:
    if datatype == XSD.date:
        if isinstance(value, dt.date) and not isinstance(value, dt.datetime):
            return Literal(value, datatype=XSD.date)
        if isinstance(value, str):
            try:
                return Literal(dt.date.fromisoformat(value), datatype=XSD.date)
            except ValueError:
                return None
    if datatype == XSD.gYearMonth and isinstance(value, str) and _YEAR_MONTH.match(value):
        return Literal(value, datatype=XSD.gYearMonth)
    if datatype == XSD.gYear:
        text = str(value) if isinstance(value, int) and not isinstance(value, bool) else value
        if isinstance(text, str) and _YEAR.match(text):
            return Literal(text, datatype=XSD.gYear)
    return None


def _number(value: object, datatype: URIRef) -> Literal | None:
    if isinstance(value, bool):
        return None
    if datatype == XSD.decimal and isinstance(value, (int, float, str)):
        try:
            number = Decimal(str(value))
        except InvalidOperation:
            return None
        return Literal(number, datatype=XSD.decimal) if number.is_finite() else None
    if isinstance(value, int):
        if datatype == XSD.integer:
            return Literal(value, datatype=XSD.integer)
        if datatype == XSD.positiveInteger and value >= 1:
            return Literal(value, datatype=XSD.positiveInteger)
        if datatype == XSD.nonNegativeInteger and value >= 0:
            return Literal(value, datatype=XSD.nonNegativeInteger)
    return None


def _one(value: object, datatype: URIRef) -> Literal | None:
    if datatype in (XSD.date, XSD.gYearMonth, XSD.gYear):
        return _date_like(value, datatype)
    if datatype in (XSD.decimal, XSD.integer, XSD.positiveInteger, XSD.nonNegativeInteger):
        return _number(value, datatype)
    if datatype == XSD.boolean:
        return Literal(value, datatype=XSD.boolean) if isinstance(value, bool) else None
    if datatype == XSD.anyURI:
        return Literal(value, datatype=XSD.anyURI) if isinstance(value, str) and _URI.match(value) else None
    if datatype == XSD.string:
        return Literal(value) if isinstance(value, str) and value.strip() else None
    return None


def to_literal(value: object, datatypes: tuple[URIRef, ...], *, default_lang: str) -> list[Literal]:
    """Convert one YAML value to literals; a language map gives one literal per language.

    The first datatype in ``datatypes`` that accepts the value wins, so a union of date types
    keeps the precision the source gives.

    >>> to_literal("2024-12", (XSD.date, XSD.gYearMonth, XSD.gYear), default_lang="en")
    [rdflib.term.Literal('2024-12', datatype=rdflib.term.URIRef('http://www.w3.org/2001/XMLSchema#gYearMonth'))]
    >>> [str(x) for x in to_literal({"en": "park", "zh": "园区"}, (RDF.langString,), default_lang="en")]
    ['park', '园区']
    """
    if len(datatypes) == 1 and isinstance(value, str) and datatypes[0] in _PLAIN_STRING_TYPES:
        if value.strip():  # fast path for the commonest case
            return [Literal(value, datatype=_PLAIN_STRING_TYPES[datatypes[0]])]
        raise ValueProblem("empty text")
    if datatypes == (RDF.langString,):
        if isinstance(value, str) and value.strip():
            return [Literal(value, lang=default_lang)]
        if isinstance(value, dict) and value:
            out = []
            for lang, text in value.items():
                if not _LANG_TAG.match(str(lang)):
                    raise ValueProblem(f"{lang!r} is not a language tag")
                if not isinstance(text, str) or not text.strip():
                    raise ValueProblem(f"the {lang!r} text is empty or not text")
                out.append(Literal(text, lang=str(lang)))
            return out
        raise ValueProblem("not text")
    try:
        literal = _typed(value, datatypes)
    except TypeError:  # an unhashable value (a list or mapping) fits no datatype here
        literal = None
    if literal is None:
        raise ValueProblem("does not fit the datatype")
    return [literal]


@lru_cache(maxsize=1 << 16, typed=True)
def _typed(value: object, datatypes: tuple[URIRef, ...]) -> Literal | None:
    """The literal for ``value`` of the first datatype that accepts it, cached: dates, numbers and
    flags repeat across records, and an rdflib literal costs microseconds to build and check."""
    for datatype in datatypes:
        literal = _one(value, datatype)
        if literal is not None:
            return literal
    return None
