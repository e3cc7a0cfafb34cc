"""Turn a YAML value into an RDF literal of the datatype the ontology gives its property."""

from __future__ import annotations

import datetime as dt
import re
from decimal import Decimal, InvalidOperation
from functools import lru_cache

from rdflib import RDF, XSD, Literal, URIRef

from helixgraph.errors import short_repr
from helixgraph.loaders.limits import (
    INTEGER_RANGE,
    MAX_DECIMAL_FRACTION_DIGITS,
    MAX_DECIMAL_INTEGER_DIGITS,
    MAX_NUMBER_CHARS,
)

__all__ = ["LANGUAGE_TAG", "LongNumber", "ValueProblem", "check_language_tag", "describe_datatypes", "to_literal"]

_DATE = re.compile(r"[0-9]{4}-[0-9]{2}-[0-9]{2}")
_YEAR_MONTH = re.compile(r"[0-9]{4}-(0[1-9]|1[0-2])")
_YEAR = re.compile(r"[0-9]{4}")
_URI = re.compile(r"https?://[^\s<>\"{}|\\^`]+")
#: A well-formed BCP 47 (RFC 5646) language tag: language with extended subtags, script, region,
#: variants, extensions and private use, or a private-use tag alone.
LANGUAGE_TAG = re.compile(r"""
    (?: (?: [a-z]{2,3} (?:-[a-z]{3}){0,3} | [a-z]{4,8} )
        (?: -[a-z]{4} )?
        (?: -(?: [a-z]{2} | [0-9]{3} ) )?
        (?: -(?: [a-z0-9]{5,8} | [0-9][a-z0-9]{3} ) )*
        (?: -[0-9a-wyz] (?:-[a-z0-9]{2,8})+ )*
        (?: -x (?:-[a-z0-9]{1,8})+ )?
    | x (?:-[a-z0-9]{1,8})+ )""", re.VERBOSE | re.IGNORECASE | re.ASCII)
_LANGUAGE_EXPECTED = "a BCP 47 language tag such as en, zh or zh-Hans-CN"

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
_LANG_STRING = (RDF.langString,)


class ValueProblem(ValueError):
    """A value does not fit its datatype; the loader adds where it happened.

    ``expected`` and ``suggestion``, when given, say more precisely than the datatype what would fit.
    """

    def __init__(self, message: str, *, expected: str | None = None, suggestion: str | None = None) -> None:
        super().__init__(message)
        self.expected = expected
        self.suggestion = suggestion


class LongNumber(str):
    """The text of a number too long to convert; readers keep it as text for the value check to refuse."""


def check_language_tag(tag: object) -> str:
    """``tag`` if it is a well-formed BCP 47 language tag, else a :class:`ValueProblem`.

    >>> check_language_tag("zh-Hans-CN")
    'zh-Hans-CN'
    >>> check_language_tag("zh_CN")
    Traceback (most recent call last):
    ...
    helixgraph.loaders.values.ValueProblem: 'zh_CN' is not a language tag
    """
    if isinstance(tag, str) and LANGUAGE_TAG.fullmatch(tag):
        return tag
    text = tag if isinstance(tag, str) else str(tag)
    dashed = text.replace("_", "-")
    suggestion = dashed if dashed != text and LANGUAGE_TAG.fullmatch(dashed) else None
    raise ValueProblem(f"{short_repr(tag)} is not a language tag", expected=_LANGUAGE_EXPECTED,
                       suggestion=suggestion)


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
        if isinstance(value, str) and _DATE.fullmatch(value):
            try:
                return Literal(dt.date.fromisoformat(value), datatype=XSD.date)
            except ValueError as exc:
                raise ValueProblem(f"not a day of the calendar: {exc}") from exc
    if datatype == XSD.gYearMonth and isinstance(value, str) and _YEAR_MONTH.fullmatch(value):
        return Literal(value, datatype=XSD.gYearMonth)
    if datatype == XSD.gYear:
        text = str(value) if type(value) is int and 0 <= value <= 9999 else value
        if isinstance(text, str) and _YEAR.fullmatch(text):
            return Literal(text, datatype=XSD.gYear)
    return None


def _decimal(value: float | str) -> Decimal | None:
    """``value`` as a finite decimal the store holds exactly, None if it is no number."""
    text = str(value)
    if len(text) > MAX_NUMBER_CHARS:
        raise ValueProblem(f"a number of {len(text)} characters; at most {MAX_NUMBER_CHARS} are accepted")
    try:
        number = Decimal(text)
    except InvalidOperation:
        return None
    if not number.is_finite():
        return None
    _sign, digits, exponent = number.as_tuple()
    before, after = max(0, len(digits) + exponent), max(0, -exponent)
    if before > MAX_DECIMAL_INTEGER_DIGITS or after > MAX_DECIMAL_FRACTION_DIGITS:
        raise ValueProblem(f"a number with {before} digits before the point and {after} after; the store holds "
                           f"at most {MAX_DECIMAL_INTEGER_DIGITS} before and {MAX_DECIMAL_FRACTION_DIGITS} after")
    return number


def _number(value: object, datatype: URIRef) -> Literal | None:
    if isinstance(value, bool):
        return None
    if datatype == XSD.decimal and isinstance(value, (int, float, str)):
        number = _decimal(value)
        return None if number is None else Literal(number, datatype=XSD.decimal)
    if isinstance(value, int):
        if value not in INTEGER_RANGE:
            raise ValueProblem(f"a whole number beyond the store's 64-bit range ({INTEGER_RANGE.start} to "
                               f"{INTEGER_RANGE.stop - 1})")
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
        return Literal(value, datatype=XSD.anyURI) if isinstance(value, str) and _URI.fullmatch(value) else None
    if datatype == XSD.string:
        return Literal(value) if type(value) is str and value.strip() else None
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
    if type(value) is LongNumber:
        raise ValueProblem(f"a number of {len(value)} characters; at most {MAX_NUMBER_CHARS} are accepted")
    if len(datatypes) == 1 and type(value) is str and datatypes[0] in _PLAIN_STRING_TYPES:
        if value.strip():  # fast path for the commonest case
            return [Literal(value, datatype=_PLAIN_STRING_TYPES[datatypes[0]])]
        raise ValueProblem("empty text")
    if datatypes == _LANG_STRING:
        if type(value) is str and value.strip():
            return [Literal(value, lang=default_lang)]
        if isinstance(value, dict) and value:
            out = []
            for lang, text in value.items():
                check_language_tag(lang)
                if type(text) is not str or not text.strip():
                    raise ValueProblem(f"the {short_repr(lang)} text is empty or not text")
                out.append(Literal(text, lang=lang))
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
