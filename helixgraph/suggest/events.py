"""Candidate regulatory events and forecasts: an event type named by its label, with its dates.

An event type is recognised when most words of one of its ontology labels (English) or the whole
label (Chinese) occur in a sentence. A forecast cue before it ("expected to", 预计) makes it a
forecast, whose dates become the expected period.
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass, field

from helixgraph.suggest.article import Paragraph
from helixgraph.suggest.dates import DateSpan, find_dates
from helixgraph.suggest.lexicon import EN_FORECAST_CUES, ZH_FORECAST_CUES
from helixgraph.suggest.numbers import Figure
from helixgraph.suggest.terms import load_terms

__all__ = ["EventMention", "find_events", "sentences"]

_BOUNDARY = re.compile(r"(?<=[.!?])\s+(?=[A-Z\u201c\"\u2018(0-9\u4e00-\u9fff])|(?<=[。！？])")
_TOKEN = re.compile(r"[A-Za-z][A-Za-z-]*")
_STEM = 6


@dataclass
class EventMention:
    """An event type a sentence names, whether it is expected, and the dates the sentence gives."""

    paragraph: int
    event_type: str
    forecast: bool
    start: int
    dates: list[DateSpan] = field(default_factory=list)
    stated_as: str | None = None


def sentences(text: str) -> list[tuple[int, str]]:
    """The sentences of ``text`` with their offsets.

    >>> [s for _, s in sentences("One. Two U.S. sites? 三。四")]
    ['One.', 'Two U.S. sites?', '三。', '四']
    """
    out, start = [], 0
    for m in [*_BOUNDARY.finditer(text), None]:
        end = m.start() if m else len(text)
        piece = text[start:end]
        if piece.strip():
            out.append((start + len(piece) - len(piece.lstrip()), piece.strip()))
        start = m.end() if m else end
    return out


def _stems(text: str) -> list[tuple[str, int]]:
    return [(m.group(0).lower()[:_STEM], m.start()) for m in _TOKEN.finditer(text)]


def _english_types(sentence: str) -> list[tuple[str, int, float]]:
    """The event types whose label words fill most of a short window of the sentence, best window each."""
    tokens = _stems(sentence)
    terms = load_terms()
    class_words = {frozenset(w[:_STEM] for w in label.split()) for label in terms.every_class_label}
    found = []
    for label, concept in terms.event_labels["en"].items():
        words = [w[:_STEM] for w in label.split()]
        best = None
        for i in range(len(tokens)):
            window = tokens[i:i + len(words) + 2]
            hits = {}
            for stem, at in window:
                if stem in words and stem not in hits:
                    hits[stem] = at
            key = (len(hits), -i)
            if hits and (best is None or key > best[0]):
                best = (key, hits)
        if best is None:
            continue
        hits = best[1]
        score = len(hits) / len(words)
        if frozenset(hits) in class_words:  # "clinical trial" names the class, not an approval of one
            continue
        if len(hits) >= 2 and score >= 2 / 3:
            found.append((concept, min(hits.values()), score, frozenset(hits.values())))
    kept = [f for f in found if not any(o is not f and f[3] <= o[3] and o[2] > f[2] for o in found)]
    return [(concept, at, score) for concept, at, score, _ in kept]


def _chinese_types(sentence: str) -> list[tuple[str, int, float]]:
    return [(concept, sentence.find(label), 1.0) for label, concept in load_terms().event_labels["zh"].items()
            if label in sentence]


def find_events(paragraphs: list[Paragraph], issued: dt.date, language: str = "en",
                figures: list[Figure] = ()) -> list[EventMention]:
    """Event types named in the paragraphs, with forecast cues and dates.

    A label inside a figure's unit ("30 clinical trial approvals") counts things, and names no event.
    An event's dates are those stated after its label and before the next event's (in Chinese, before
    its label and after the previous event's).

    >>> found = find_events([Paragraph(3, "The drug is expected to win conditional marketing approval by late 2026.")],
    ...                     dt.date(2025, 10, 1))
    >>> [(e.event_type, e.forecast, [(d.first, d.last) for d in e.dates], e.stated_as) for e in found]
    [('ConditionalApproval', True, [('2026-10', '2026-12')], 'late 2026')]
    """
    chinese = language.startswith("zh")
    cues = ZH_FORECAST_CUES if chinese else EN_FORECAST_CUES
    out = []
    for para in paragraphs:
        counted = [(f.start, f.unit_end) for f in figures if f.paragraph == para.number]
        for offset, sentence in sentences(para.text):
            types = _chinese_types(sentence) if chinese else _english_types(sentence)
            dates = find_dates(sentence, issued, language)
            types = [t for t in types if not any(start <= offset + t[1] <= end for start, end in counted)]
            places = sorted(at for _, at, _ in types)
            for concept, at, _score in sorted(types, key=lambda t: t[1]):
                if chinese:  # 去年12月获得受理: a Chinese date comes before its event
                    earlier = [p for p in places if p < at]
                    since = earlier[-1] if earlier else 0
                    own = [d for d in dates if since <= d.start < at]
                else:  # granted in March: an English one after it
                    later = [p for p in places if p > at]
                    until = later[0] if later else len(sentence)
                    own = [d for d in dates if at <= d.start < until]
                before = sentence[:at].lower()
                forecast = any(re.search(rf"(?<![a-z]){re.escape(c)}(?![a-z])", before) if not chinese
                               else c in before for c in cues)
                mention = EventMention(para.number, concept, forecast, offset + at, own)
                if forecast and own:
                    mention.stated_as = sentence[own[0].start:own[-1].end]
                    if len(mention.stated_as.split()) > 8:
                        mention.stated_as = sentence[own[0].start:own[0].end]
                out.append(mention)
    return out
