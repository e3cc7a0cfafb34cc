"""Dates an article gives, at the precision it gives them; relative ones resolved against its issue date.

A date is a span ``(first, last)`` of ISO text at its precision: ``("2024-12", "2024-12")`` for a
month, ``("2025-10", "2025-12")`` for "late 2025" (the last quarter), ``("2026-01", "2026-03")`` for
"early 2026". A date read relative to the issue date ("December last year", 去年12月) is marked
``resolved``.
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass

from helixgraph.suggest.lexicon import EN_MONTHS

__all__ = ["DateSpan", "find_dates"]

_MONTH = "|".join(sorted(EN_MONTHS, key=len, reverse=True))
_PART = {"early": ("01", "03"), "mid": ("04", "09"), "late": ("10", "12"), "end of": ("10", "12"),
         "beginning of": ("01", "03"), "the end of": ("10", "12"), "the beginning of": ("01", "03")}
_RELATIVE = {"last": -1, "this": 0, "next": 1, "previous": -1, "past": -1}
_EN = re.compile(
    rf"(?P<iso>\b\d{{4}}-\d{{2}}-\d{{2}}\b)"
    rf"|(?P<mdy>\b(?P<m1>{_MONTH})\s+(?P<d1>\d{{1,2}}),\s*(?P<y1>\d{{4}})\b)"
    rf"|(?P<dmy>\b(?P<d2>\d{{1,2}})\s+(?P<m2>{_MONTH})\s+(?P<y2>\d{{4}})\b)"
    rf"|(?P<my>\b(?P<m3>{_MONTH})\s+(?P<y3>\d{{4}})\b)"
    rf"|(?P<mrel>\b(?P<m4>{_MONTH})\s+(?:of\s+)?(?P<rel1>last|this|next|previous|past)\s+year\b)"
    rf"|(?P<part>\b(?P<p>early|mid|late|(?:the\s+)?end\s+of|(?:the\s+)?beginning\s+of)[\s-]+(?P<y4>\d{{4}})\b)"
    rf"|(?P<yrel>\b(?P<rel2>last|this|next|previous|past)\s+year\b)"
    rf"|(?P<year>\b(?:in|by|since|from|until|before|after)\s+(?P<y5>(?:19|20)\d{{2}})\b)",
    re.IGNORECASE)
_ZH = re.compile(
    r"(?P<y>\d{4}|去|今|明|前)年(?:(?P<m>\d{1,2})月(?:(?P<d>\d{1,2})日)?|(?P<part>初|底|末|中|年初|年底))?")
_ZH_REL = {"去": -1, "今": 0, "明": 1, "前": -2}
_ZH_PART = {"初": "early", "年初": "early", "底": "late", "末": "late", "年底": "late", "中": "mid"}


@dataclass(frozen=True)
class DateSpan:
    """A date or period an article states, and where."""

    first: str
    last: str
    start: int
    end: int
    resolved: bool = False

    @property
    def single(self) -> str | None:
        """The date itself when the span is one day, month or year."""
        return self.first if self.first == self.last else None


def _month(name: str) -> int:
    return EN_MONTHS[name.lower()]


def _span_of_part(part: str, year: int) -> tuple[str, str]:
    key = " ".join(part.lower().split())
    first, last = _PART.get(key, _PART.get(key.removeprefix("the "), ("01", "12")))
    return f"{year:04d}-{first}", f"{year:04d}-{last}"


def _english(text: str, issued: dt.date) -> list[DateSpan]:
    out = []
    for m in _EN.finditer(text):
        resolved = False
        if m.group("iso"):
            try:
                day = dt.date.fromisoformat(m.group("iso")).isoformat()
            except ValueError:
                continue
            first = last = day
        elif m.group("mdy") or m.group("dmy"):
            month = _month(m.group("m1") or m.group("m2"))
            try:
                day = dt.date(int(m.group("y1") or m.group("y2")), month, int(m.group("d1") or m.group("d2")))
            except ValueError:
                continue
            first = last = day.isoformat()
        elif m.group("my"):
            first = last = f"{int(m.group('y3')):04d}-{_month(m.group('m3')):02d}"
        elif m.group("mrel"):
            year = issued.year + _RELATIVE[m.group("rel1").lower()]
            first = last = f"{year:04d}-{_month(m.group('m4')):02d}"
            resolved = True
        elif m.group("part"):
            first, last = _span_of_part(m.group("p"), int(m.group("y4")))
        elif m.group("yrel"):
            first = last = f"{issued.year + _RELATIVE[m.group('rel2').lower()]:04d}"
            resolved = True
        else:
            first = last = m.group("y5")
            out.append(DateSpan(first, last, m.start("y5"), m.end(), resolved))
            continue
        out.append(DateSpan(first, last, m.start(), m.end(), resolved))
    return out


def _chinese(text: str, issued: dt.date) -> list[DateSpan]:
    out = []
    for m in _ZH.finditer(text):
        y = m.group("y")
        resolved = y in _ZH_REL
        year = issued.year + _ZH_REL[y] if resolved else int(y)
        if m.group("m"):
            month = int(m.group("m"))
            if not 1 <= month <= 12:
                continue
            if m.group("d"):
                try:
                    first = last = dt.date(year, month, int(m.group("d"))).isoformat()
                except ValueError:
                    continue
            else:
                first = last = f"{year:04d}-{month:02d}"
        elif m.group("part"):
            first, last = _span_of_part(_ZH_PART[m.group("part")], year)
        else:
            first = last = f"{year:04d}"
        out.append(DateSpan(first, last, m.start(), m.end(), resolved))
    return out


def find_dates(text: str, issued: dt.date, language: str = "en") -> list[DateSpan]:
    """The dates ``text`` states, in order.

    >>> day = dt.date(2025, 10, 1)
    >>> [(d.first, d.last, d.resolved) for d in find_dates("accepted in December last year", day)]
    [('2024-12', '2024-12', True)]
    >>> [(d.first, d.last) for d in find_dates("by late 2025 or early 2026", day)]
    [('2025-10', '2025-12'), ('2026-01', '2026-03')]
    >>> [(d.first, d.last, d.resolved) for d in find_dates("去年12月受理，预计明年初获批", day, "zh")]
    [('2024-12', '2024-12', True), ('2026-01', '2026-03', True)]
    """
    return (_chinese if language.startswith("zh") else _english)(text, issued)
