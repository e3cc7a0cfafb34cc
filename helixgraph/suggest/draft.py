"""Put the candidates found in an article together as a draft source file for a curator.

Every record of the draft carries ``candidate: {reviewed: false, reason: ...}``: the loader refuses
it until a curator has checked it (see :mod:`helixgraph.loaders.review`). Nothing of the
article's wording goes into the draft but names and the short quoted figures and dates
(``statedAs``).
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass, field
from decimal import Decimal
from pathlib import Path

import yaml

from helixgraph.files import write_text_atomically
from helixgraph.loaders.review import CANDIDATE_KEY
from helixgraph.suggest.events import EventMention
from helixgraph.suggest.names_en import NameCandidate
from helixgraph.suggest.numbers import Figure
from helixgraph.suggest.terms import load_terms

__all__ = ["Draft", "candidate_id"]

_NOT_ID = re.compile(r"[^a-z0-9]+")


def candidate_id(kind: str, label: str, taken: set[str]) -> str:
    """A new id for a candidate, from its label where the label is Latin text.

    >>> taken = set()
    >>> candidate_id("org", "Huahui Health Ltd.", taken), candidate_id("org", "华辉", taken), candidate_id("org", "华辉", taken)
    ('cand-huahui-health-ltd', 'cand-org-1', 'cand-org-2')
    """
    slug = _NOT_ID.sub("-", label.lower()).strip("-")[:60].strip("-")
    base = f"cand-{slug}" if slug else f"cand-{kind}"
    n, out = 1, base if slug else f"{base}-1"
    while out in taken:
        n += 1
        out = f"{base}-{n}"
    taken.add(out)
    return out


def _mark(reason: str, **more) -> dict:
    return {"reviewed": False, "reason": reason, **more}


def rounding_interval(number: Decimal) -> tuple[Decimal, Decimal]:
    """The interval a rounded number stands for: half a unit of its last non-zero digit either side.

    >>> [str(x) for x in rounding_interval(Decimal(40))], [str(x) for x in rounding_interval(Decimal("4.5"))]
    (['35', '45'], ['4.45', '4.55'])
    """
    exponent = Decimal(number).normalize().as_tuple().exponent
    half = Decimal(5).scaleb(exponent - 1)
    return number - half, number + half


def _number(value: Decimal) -> int | float:
    return int(value) if value == value.to_integral_value() else float(value)


def _paras(numbers: list[int]) -> int | list[int]:
    numbers = sorted(set(numbers))
    return numbers[0] if len(numbers) == 1 else numbers


@dataclass
class Draft:
    """The header and records of a draft source file."""

    header: dict
    records: list[dict] = field(default_factory=list)
    _ids: set[str] = field(default_factory=set)

    @property
    def language(self) -> str:
        return self.header["language"]

    @property
    def issued(self) -> str:
        return self.header["issued"]

    def add_mention(self, entity: str, paragraphs: list[int], labels: list[str]) -> None:
        shown = ", ".join(repr(x) for x in sorted(set(labels))[:3])
        self.records.append({"about": entity, "para": _paras(paragraphs),
                             CANDIDATE_KEY: _mark(f"names an entity of the graph by its label {shown}")})

    def add_name(self, name: NameCandidate) -> str:
        new_id = candidate_id("entity", name.label, self._ids)
        record = {"id": new_id, "type": name.class_name, "para": _paras(name.paragraphs),
                  "label": {self.language: name.label}}
        if name.aliases:
            record["altLabel"] = [{self.language: a} for a in name.aliases]
        record[CANDIDATE_KEY] = _mark(name.reason, unnamed=True) if name.unnamed else _mark(name.reason)
        self.records.append(record)
        return new_id

    def add_figure(self, figure: Figure, share_of: str | None, denominator_area: str | None = None) -> str:
        new_id = candidate_id("statistic", f"statistic p{figure.paragraph} {figure.unit}", self._ids)
        record: dict = {"id": new_id, "type": "Statistic", "para": figure.paragraph}
        fields = load_terms().bound_fields.get(figure.qualifier, ("value",))
        if fields == ("minValue", "maxValue"):  # a rounded number: the interval its last digit allows
            low, high = rounding_interval(figure.number)
            record["minValue"], record["maxValue"] = _number(low), _number(high)
        else:
            for name in fields:
                record[name] = _number(figure.number)
        record.update({"approximation": figure.qualifier, "unit": figure.unit, "refTime": self.issued,
                       "statedAs": {self.language: figure.stated_as}})
        reason = f"a number read with the qualifier {figure.qualifier}"
        if share_of is not None:
            record["shareOf"] = share_of
            reason += ", a share of the figure before it"
        if denominator_area is not None:
            record["denominatorArea"] = denominator_area
            reason += ", of a total of the place named after it"
        record[CANDIDATE_KEY] = _mark(reason + "; measure and aboutEntity are left to the curator")
        self.records.append(record)
        return new_id

    def add_event(self, event: EventMention, subject: str | None) -> None:
        new_id = candidate_id("event", f"{event.event_type} p{event.paragraph}", self._ids)
        record: dict = {"id": new_id, "type": "RegulatoryEvent", "para": event.paragraph,
                        "eventType": event.event_type}
        if subject is not None:
            record["subject"] = subject
        mark = _mark(f"names the event type {event.event_type} by its label; regulator and jurisdiction are "
                     "left to the curator")
        single = [d for d in event.dates if d.single]
        if single:
            record["date"] = single[0].first
            if single[0].resolved:
                mark["dateResolved"] = f"a relative date, resolved against the issue date {self.issued}"
        record[CANDIDATE_KEY] = mark
        self.records.append(record)

    def add_forecast(self, events: list[EventMention], subject: str | None) -> None:
        first = events[0]
        new_id = candidate_id("forecast", f"forecast {first.event_type}", self._ids)
        record: dict = {"id": new_id, "type": "Forecast", "para": _paras([e.paragraph for e in events]),
                        "expectedEventType": first.event_type}
        if subject is not None:
            record["subject"] = subject
        dates = [d for e in events for d in e.dates]
        mark = _mark(f"names the event type {first.event_type} after a forecast cue")
        if dates:
            record["expectedFrom"] = min(d.first for d in dates)
            record["expectedUntil"] = max(d.last for d in dates)
            if any(d.resolved for d in dates):
                mark["dateResolved"] = f"a relative date, resolved against the issue date {self.issued}"
        stated = next((e.stated_as for e in events if e.stated_as), None)
        if stated:
            record["statedAs"] = {self.language: stated}
        record[CANDIDATE_KEY] = mark
        self.records.append(record)

    def to_yaml(self) -> str:
        """The draft as a source file."""
        note = ("# A draft written by `helixgraph suggest`: every record is a candidate. Check each one against\n"
                "# the article, fix or delete it, and set `reviewed: true` (or delete the `candidate` key).\n"
                "# The build refuses unreviewed candidates unless run with --allow-unreviewed.\n")
        body = yaml.safe_dump({"source": self.header, "records": self.records}, allow_unicode=True,
                              sort_keys=False, width=110, default_flow_style=None)
        return note + body

    def write(self, path: str | Path) -> Path:
        path = Path(path)
        write_text_atomically(path, self.to_yaml())
        return path


def draft_header(source_id: str, title: str, publisher: str, issued: dt.date, language: str,
                 url: str | None) -> dict:
    header = {"id": source_id, "title": {language: title}, "publisher": publisher, "issued": issued.isoformat(),
              "language": language}
    if url:
        header["url"] = url
    return header
