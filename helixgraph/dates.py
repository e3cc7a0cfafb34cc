"""Dates at the precision a source gives them, and "as of" a date: one reading for every layer.

A source may give a day (``2026-01-20``), a month (``2024-12``) or a year (``2024``). A fact
dated to a period counts as known from the period's first day; "as of" a period means as of its
last day (``--as-of 2025-10`` takes in everything issued in October 2025).

>>> as_of_day("2025-10"), period_start("2024-12")
(datetime.date(2025, 10, 31), datetime.date(2024, 12, 1))
>>> known_by("2025-10-01", as_of_day("2025-10"))
True
"""

from __future__ import annotations

import calendar
import datetime as dt
import re

from helixgraph.errors import OptionError

__all__ = ["as_of_day", "known_by", "period_start"]

_PARTIAL = re.compile(r"^(\d{4})(?:-(\d{2})(?:-(\d{2}))?)?")


def _parts(value: object, what: str) -> tuple[int, int | None, int | None]:
    text = str(value).strip()
    found = _PARTIAL.match(text)
    rest = text[found.end():] if found else text
    if not found or (rest and not rest.startswith(("T", " ", "Z", "+"))):
        raise OptionError(f"{what} must be an ISO date like '2021-05-30', '2021-05' or '2021'; got {value!r}")
    year, month, day = (int(g) if g else None for g in found.groups())
    try:
        dt.date(year, month or 1, day or 1)
    except ValueError as exc:
        raise OptionError(f"{what} must be a date of the calendar; got {value!r}") from exc
    return year, month, day


def period_start(value: object, *, what: str = "date") -> dt.date:
    """The first day of the day, month or year ``value`` names (a :class:`datetime.date` as itself).

    >>> period_start("2021"), period_start("2021-05-30T10:00:00")
    (datetime.date(2021, 1, 1), datetime.date(2021, 5, 30))
    >>> period_start("2021-02-30")
    Traceback (most recent call last):
    helixgraph.errors.OptionError: date must be a date of the calendar; got '2021-02-30'
    """
    if isinstance(value, dt.datetime):
        return value.date()
    if isinstance(value, dt.date):
        return value
    year, month, day = _parts(value, what)
    return dt.date(year, month or 1, day or 1)


def as_of_day(value: object, *, what: str = "as_of") -> dt.date | None:
    """The last day of the day, month or year ``value`` names; None for None.

    >>> as_of_day("2024"), as_of_day("2024-02"), as_of_day(None)
    (datetime.date(2024, 12, 31), datetime.date(2024, 2, 29), None)
    >>> as_of_day("yesterday")
    Traceback (most recent call last):
    helixgraph.errors.OptionError: as_of must be an ISO date like '2021-05-30', '2021-05' or '2021'; got 'yesterday'
    """
    if value is None:
        return None
    if isinstance(value, dt.datetime):
        return value.date()
    if isinstance(value, dt.date):
        return value
    year, month, day = _parts(value, what)
    if day is not None:
        return dt.date(year, month, day)
    if month is not None:
        return dt.date(year, month, calendar.monthrange(year, month)[1])
    return dt.date(year, 12, 31)


def known_by(value: object, day: dt.date | None) -> bool:
    """Whether a fact dated ``value`` (any precision) is known as of ``day`` (always, for None).

    >>> known_by("2026-01", dt.date(2026, 1, 1)), known_by("2026-01-24", dt.date(2026, 1, 20))
    (True, False)
    """
    return day is None or period_start(value) <= day
