"""When two names are the same name: shared by the curation report, the linker and the duplicates report."""

from __future__ import annotations

import re

from helixgraph.suggest.lexicon import EN_COMPANY_SUFFIXES

__all__ = ["name_level", "name_words", "normal_name"]

_PUNCT = re.compile(r"[^\w\s-]")
_STOP = {"the", "a", "an", "of", "at", "and", "for", "in"}


def normal_name(name: str) -> str:
    """A name folded for comparison: lower case, no possessive, punctuation or company suffix.

    >>> normal_name("Huahui Health Ltd."), normal_name("China’s top regulator")
    ('huahui health', 'china top regulator')
    """
    text = name.casefold().replace("’", "'")
    text = re.sub(r"'s\b", "", text)
    text = _PUNCT.sub(" ", text)
    return " ".join(w for w in text.split() if w not in EN_COMPANY_SUFFIXES)


def name_words(name: str) -> frozenset[str]:
    """The words of a name that tell it apart (no articles or prepositions, no single letters).

    >>> sorted(name_words("The Institute of Biology, U.S."))
    ['biology', 'institute']
    """
    return frozenset(w for w in normal_name(name).split() if w not in _STOP and len(w) > 1)


def name_level(first: list[str], second: list[str]) -> int | None:
    """0 when the two lists share a name; 1 when all words of one name of either (at least two words)
    are words of a name of the other; None otherwise.

    >>> name_level(["Huahui Health Ltd."], ["Huahui Health"]), name_level(["park representative"],
    ...     ["Park representative (unnamed)"]), name_level(["U.S."], ["U.S. Food and Drug Administration"])
    (0, 1, None)
    """
    if {normal_name(n) for n in first} & {normal_name(n) for n in second}:
        return 0
    for a in first:
        for b in second:
            wa, wb = name_words(a), name_words(b)
            if min(len(wa), len(wb)) >= 2 and (wa <= wb or wb <= wa):
                return 1
    return None
