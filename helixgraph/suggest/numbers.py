"""Candidate statistics: numbers with their qualifier, unit and, for a share, what it is a share of."""

from __future__ import annotations

import re
from dataclasses import dataclass
from decimal import Decimal

from helixgraph.suggest.article import Paragraph
from helixgraph.suggest.lexicon import (
    EN_NUMBER_WORDS,
    EN_QUALIFIERS,
    EN_UNIT_STOPS,
    ZH_MEASURE_WORDS,
    ZH_QUALIFIERS_AFTER,
    ZH_QUALIFIERS_BEFORE,
)
from helixgraph.suggest.terms import load_terms

__all__ = ["Figure", "find_figures"]

_EN_NUMBER = re.compile(
    r"(?<![\w.-])(?P<num>\d{1,3}(?:,\d{3})+(?:\.\d+)?|\d+(?:\.\d+)?|(?P<word>"
    + "|".join(sorted(EN_NUMBER_WORDS, key=len, reverse=True)) + r"))(?![\w,]*\d)"
    r"(?P<pct>\s?%|\s(?:percent|per cent)\b)?(?P<hyphen>-[a-z]+(?:-[a-z]+)*)?", re.IGNORECASE)
_WORD = re.compile(r"[A-Za-z][\w’'-]*")
_ZH_NUMBER = re.compile(
    "(?P<q>" + "|".join(sorted(ZH_QUALIFIERS_BEFORE, key=len, reverse=True)) + r")?"
    r"(?P<num>\d+(?:\.\d+)?)(?P<big>[万亿])?(?P<after>" + "|".join(ZH_QUALIFIERS_AFTER) + ")?"
    r"(?P<pct>[%％])?(?P<mw>[" + ZH_MEASURE_WORDS + "])?(?P<after2>以上|左右)?")
_SENTENCE_END = re.compile(r"[.!?。！？](?:\s|$)")
_SHARE = re.compile(r"^\s*(?:of|的)\s")


@dataclass
class Figure:
    """A number an article states, as a candidate statistic."""

    paragraph: int
    start: int
    end: int
    #: Where the words naming the unit end.
    unit_end: int
    number: Decimal
    qualifier: str
    unit: str
    stated_as: str
    #: For a share (a percentage of something): the index, among the paragraph's figures, of the
    #: figure it is a share of, when the sentence gives one before it.
    share_of: int | None = None
    #: The words after "of" that say what the share is of, when stated.
    denominator: str | None = None


def _sentence_start(text: str, at: int) -> int:
    starts = [m.end() for m in _SENTENCE_END.finditer(text, 0, at)]
    return starts[-1] if starts else 0


def _en_qualifier(before: str) -> str:
    words = before.lower().rstrip()
    for phrase in sorted(EN_QUALIFIERS, key=len, reverse=True):
        if words.endswith(" " + phrase) or words == phrase:
            return EN_QUALIFIERS[phrase]
    return "exact"


def _en_unit(after: str) -> tuple[str, int]:
    """The unit (the last lower-case word of the noun phrase after the number) and where it ends."""
    taken: list[tuple[str, int]] = []
    pos = 0
    for match in _WORD.finditer(after):
        if after[pos:match.start()].strip(" "):  # punctuation between words ends the phrase
            break
        word = match.group(0)
        if word.lower() in EN_UNIT_STOPS or len(taken) >= 7:
            break
        taken.append((word, match.end()))
        pos = match.end()
    while taken and not taken[-1][0].islower():
        taken.pop()
    return taken[-1] if taken else ("", 0)


def _english(para: Paragraph) -> list[Figure]:
    terms = load_terms().qualifier_labels["en"]
    text = para.text
    out: list[Figure] = []
    sentence_figures: dict[int, list[int]] = {}
    for match in _EN_NUMBER.finditer(text):
        raw = match.group("num")
        word = match.group("word")
        start = match.start()
        before = text[_sentence_start(text, start):start]
        number = Decimal(EN_NUMBER_WORDS[word.lower()]) if word is not None else Decimal(raw.replace(",", ""))
        qualifier = _en_qualifier(before)
        pct = match.group("pct")
        hyphen = match.group("hyphen")
        unit, unit_end = _en_unit(text[match.end():])
        unit_end += match.end()
        if pct:
            unit = "percent"
        elif hyphen:
            unit = hyphen.strip("-").replace("-", " ")
        if not unit or (word is not None and not unit.endswith("s")):
            continue  # a bare number is a year, a version or a code, not a figure
        if word is None and not pct and "," not in raw and "." not in raw and 1900 <= number <= 2100 \
                and qualifier == "exact":
            continue  # a year
        q_words = next((p for p in sorted(EN_QUALIFIERS, key=len, reverse=True)
                        if before.lower().rstrip().endswith(p)), "")
        stated_start = start - len(q_words) - (1 if q_words else 0)
        stated_as = text[max(stated_start, 0):match.end()].strip()
        concept = terms.get(qualifier, terms.get("exact"))
        figure = Figure(para.number, start, match.end(), max(unit_end, match.end()), number, concept, unit,
                        stated_as)
        sentence = _sentence_start(text, start)
        if pct and _SHARE.match(text[match.end():]):
            figure.denominator = re.split(r"[,.;]", text[match.end():].strip()[3:], maxsplit=1)[0].strip() or None
            earlier = [i for i in sentence_figures.get(sentence, []) if out[i].unit != "percent"]
            figure.share_of = earlier[-1] if earlier else None
        sentence_figures.setdefault(sentence, []).append(len(out))
        out.append(figure)
    return out


def _chinese(para: Paragraph) -> list[Figure]:
    terms = load_terms().qualifier_labels["zh"]
    text = para.text
    out: list[Figure] = []
    for match in _ZH_NUMBER.finditer(text):
        q = match.group("q")
        after = match.group("after") or match.group("after2")
        pct, mw = match.group("pct"), match.group("mw")
        if not (q or after or pct or mw):
            continue
        if text[match.end():match.end() + 1] in "年月日":
            continue
        label = ZH_QUALIFIERS_BEFORE.get(q) if q else ZH_QUALIFIERS_AFTER.get(after) if after else "确切"
        number = Decimal(match.group("num"))
        if match.group("big"):
            number *= 10_000 if match.group("big") == "万" else 100_000_000
        start = match.start()
        figure = Figure(para.number, start, match.end(), match.end(), number, terms[label],
                        "percent" if pct else (mw or ""),
                        match.group(0))
        if pct:
            earlier = [i for i, f in enumerate(out) if f.unit != "percent"
                       and _sentence_start(text, f.start) == _sentence_start(text, start)]
            figure.share_of = earlier[-1] if earlier else None
        out.append(figure)
    return out


def find_figures(paragraphs: list[Paragraph], language: str = "en") -> list[Figure]:
    """Every figure the paragraphs state, in order.

    >>> [(f.number, f.qualifier, f.unit, f.stated_as) for f in find_figures([Paragraph(1,
    ...     "By 2024 the park had over 1,200 firms and nearly 40 labs, about 5% of the city's total.")])]
    [(Decimal('1200'), 'MoreThan', 'firms', 'over 1,200'), (Decimal('40'), 'Nearly', 'labs', 'nearly 40'), (Decimal('5'), 'Approximately', 'percent', 'about 5%')]
    >>> [(f.number, f.qualifier, f.unit) for f in find_figures([Paragraph(1, "园区有逾300家企业，近20个平台。")], "zh")]
    [(Decimal('300'), 'MoreThan', '家'), (Decimal('20'), 'Nearly', '个')]
    """
    read = _chinese if language.startswith("zh") else _english
    return [figure for para in paragraphs for figure in read(para)]
