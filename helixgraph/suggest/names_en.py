"""Candidate names of organisations, people, products and places in English text.

Names are runs of capitalised words (with ``of``, ``and``, ``for`` between them). A run is typed
by its last word (a company suffix such as ``Ltd.``, or the noun of an ontology class label such as
``Hospital`` or ``Laboratory``), by the lower-case noun after it (``district``), by the words
around it (``said``, a role label of the ontology, ``called``, ``known as``, ``in``), or dropped.
An acronym in brackets after a name becomes its alias. A short run that repeats part of a longer
name found before it ("Li" after "Li Wenhui") is a further mention of that name. Unnamed actors
("a park representative", "the country's first research hospital") are proposed when a class noun
or role label ends a described noun phrase.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from helixgraph.suggest.article import Paragraph
from helixgraph.suggest.events import sentences
from helixgraph.suggest.lexicon import (
    EN_COMPANY_SUFFIXES,
    EN_FUNCTION_WORDS,
    EN_MONTHS,
    EN_ORG_SUFFIXES,
    EN_PERSON_CUES,
    EN_PLACE_NOUNS,
    EN_PRODUCT_CUES,
)
from helixgraph.suggest.terms import load_terms

__all__ = ["NameCandidate", "find_names_en"]

_TOKEN = re.compile(r"[A-Za-z0-9][\w’'&.-]*|[^\sA-Za-z0-9]")
_POSSESSIVE = re.compile(r"[’']s$")
_ROMAN = re.compile(r"[IVX]+")
_CONNECTORS = {"of", "and", "for", "&"}
_DETERMINERS = {"a", "an", "the"}
_ADJECTIVE_ENDINGS = ("ese", "ean", "ian", "ish")


@dataclass
class NameCandidate:
    """A name an article gives, typed by best guess, with its paragraphs."""

    label: str
    class_name: str
    paragraphs: list[int]
    reason: str
    aliases: list[str] = field(default_factory=list)
    #: A described, unnamed actor ("a park representative") rather than a name.
    unnamed: bool = False


@dataclass
class _Token:
    text: str
    start: int
    possessive: bool = False

    @property
    def word(self) -> bool:
        return self.text[0].isalnum()

    @property
    def capitalised(self) -> bool:
        return self.word and (self.text[0].isupper() or (any(c.isupper() for c in self.text) and "-" in self.text))

    @property
    def lower(self) -> str:
        return self.text.lower()


def _tokens(sentence: str) -> list[_Token]:
    out = []
    for m in _TOKEN.finditer(sentence):
        text = m.group(0)
        if text[0].isalnum() and text.endswith(".") and text.lower() not in EN_COMPANY_SUFFIXES \
                and text.count(".") == 1:
            text = text[:-1]
        possessive = bool(_POSSESSIVE.search(text))
        if possessive:
            text = _POSSESSIVE.sub("", text)
        out.append(_Token(text, m.start(), possessive))
    return out


def _spans(tokens: list[_Token]) -> list[tuple[int, int]]:
    """Runs of capitalised tokens [i, j), joined by connectors between capitalised tokens."""
    spans, i = [], 0
    while i < len(tokens):
        if not tokens[i].capitalised:
            i += 1
            continue
        j = i + 1
        while j < len(tokens) and not tokens[j - 1].possessive:
            if tokens[j].capitalised:
                j += 1
            elif tokens[j].lower in _CONNECTORS and j + 1 < len(tokens) and tokens[j + 1].capitalised:
                j += 2
            else:
                break
        spans.append((i, j))
        i = j
    return spans


def _head(words: list[str]) -> str:
    """The head noun of a name: the last word before ``of`` or ``for``, else the last word."""
    for k, word in enumerate(words):
        if word.lower() in ("of", "for") and k:
            return words[k - 1].lower()
    return words[-1].lower()


class _Reader:
    def __init__(self, text_words: set[str]) -> None:
        terms = load_terms()
        self.heads = terms.class_heads
        self.roles = terms.role_labels["en"]
        self.lower_words = text_words
        self.found: dict[str, NameCandidate] = {}
        self.terms: set[str] = set()

    def merge(self, label: str, paragraph: int, *, part: bool = True) -> str | None:
        """Count ``label`` as a further mention of a name found before (the same name, one of its aliases,
        or with ``part`` the first or last word of a longer name: "Li" after "Li Wenhui"); its key, if any."""
        key = label.casefold()
        for found_key, other in self.found.items():
            same = key == other.label.casefold() or key in (a.casefold() for a in other.aliases)
            words = other.label.split()
            partial = part and " " not in label and not other.unnamed and len(words) > 1 and label in (words[0], words[-1])
            if same or partial:
                if paragraph not in other.paragraphs:
                    other.paragraphs.append(paragraph)
                return found_key
        return None

    def add(self, label: str, class_name: str, paragraph: int, reason: str, *, unnamed: bool = False) -> str:
        """Add a candidate, or a mention of one found before; the candidate's key."""
        key = self.merge(label, paragraph, part=not unnamed)
        if key is None:
            key = label.casefold()
            self.found[key] = NameCandidate(label, class_name, [paragraph], reason, unnamed=unnamed)
        return key

    def role_near(self, tokens: list[_Token], i: int, j: int) -> str | None:
        window = " ".join(t.lower for t in tokens[max(0, i - 6):j + 8])
        for role in self.roles:
            stem = role[:-1] if len(role) > 6 else role
            if stem in window:
                return role
        for t in tokens[max(0, i - 4):j + 3]:
            if t.lower in EN_PERSON_CUES:
                return t.lower
        return None

    def classify(self, tokens: list[_Token], i: int, j: int) -> tuple[str, str] | None:
        words = [t.text for t in tokens[i:j]]
        last = words[-1].lower()
        head = _head(words)
        after = tokens[j] if j < len(tokens) else None
        before = " ".join(t.lower for t in tokens[max(0, i - 3):i])
        if last in EN_COMPANY_SUFFIXES:
            return "Company", f"a name ending in {words[-1]!r}"
        if len(words) > 1 and head in self.heads:
            return self.heads[head], f"a name whose noun is the class label {head!r}"
        if len(words) > 1 and last in EN_ORG_SUFFIXES:
            return "Organisation", f"a name ending in {words[-1]!r}"
        if after is not None and after.lower in EN_PLACE_NOUNS:
            return "AdministrativeArea", f"a name before {after.lower!r}"
        if any(before.endswith(cue) for cue in EN_PRODUCT_CUES) or re.search(r"[A-Za-z]-?\d", words[-1]):
            window = [t.lower for t in tokens[max(0, i - 6):i]]
            kinds = [self.heads[w] for w in window if w in self.heads and self.heads[w] in load_terms().product_classes]
            return (kinds[-1] if kinds else "Product"), "a name after a naming cue, or a code-like name"
        if 2 <= len(words) <= 3 and all(w.isalpha() and w[0].isupper() and not w.isupper() for w in words):
            cue = self.role_near(tokens, i, j)
            if cue is not None:
                return "Person", f"a two- or three-word name near {cue!r}"
        if len(words) == 1 and (tokens[i].possessive or before.endswith(("in", "in the", "across"))):
            return "AdministrativeArea", "a single name after 'in' or before a possessive"
        return None

    def read(self, paragraph: Paragraph) -> None:
        for _offset, sentence in sentences(paragraph.text):
            tokens = _tokens(sentence)
            self._names(tokens, paragraph.number)
            self._described(tokens, paragraph.number)

    def _names(self, tokens: list[_Token], number: int) -> None:
        previous: str | None = None
        for i, j in _spans(tokens):
            while i < j and tokens[i].lower in EN_FUNCTION_WORDS:
                i += 1
            if i >= j:
                continue
            words = [t.text for t in tokens[i:j]]
            if len(words) == 1 and (i == 0 and words[0].lower() in self.lower_words):
                continue
            if len(words) == 2 and _ROMAN.fullmatch(words[1]):
                continue  # a category such as Class III
            if words[0].lower() in EN_MONTHS:
                continue
            after = tokens[j] if j < len(tokens) else None
            if len(words) == 1 and words[0].lower().endswith(_ADJECTIVE_ENDINGS) and after is not None \
                    and after.word and after.text.islower():
                continue  # an adjective of nationality
            bracketed = i > 0 and tokens[i - 1].text == "(" and after is not None and after.text == ")"
            if bracketed and words[0].isupper():
                initials = "".join(t.text[0] for t in tokens[max(0, i - 1 - len(words[0])):i - 1] if t.word)
                if previous is not None:
                    self.found[previous].aliases.append(words[0])
                elif initials.lower() == words[0].lower():
                    self.terms.add(words[0])
                continue
            label = " ".join(words)
            previous = None
            if label in {a for c in self.found.values() for a in c.aliases}:
                self.merge(label, number)  # a further mention by its alias
                continue
            if label in self.terms or (len(words) == 1 and words[0].isalpha() and words[0].isupper()):
                continue  # a term's acronym, or an acronym nothing explains
            typed = self.classify(tokens, i, j)
            if typed is None:
                self.merge(label, number)
                continue
            class_name, reason = typed
            if class_name == "AdministrativeArea" and after is not None and after.lower in EN_PLACE_NOUNS:
                label = f"{label} {after.text}"
            previous = self.add(label, class_name, number, reason)

    def _described(self, tokens: list[_Token], number: int) -> None:
        roles = {r.split()[-1]: r for r in self.roles if " " not in r}
        for k, token in enumerate(tokens):
            noun = token.lower
            if noun not in self.heads and noun not in roles:
                continue
            nxt = tokens[k + 1] if k + 1 < len(tokens) else None
            if nxt is not None and nxt.word and not (nxt.lower in EN_FUNCTION_WORDS or nxt.lower.endswith(("ed", "ing"))
                                                    or nxt.lower == "in"):
                continue
            if nxt is not None and nxt.lower in ("called", "named", "known", "dubbed"):
                continue
            if nxt is not None and nxt.text == "," and k + 2 < len(tokens) and tokens[k + 2].lower in ("known", "called"):
                continue
            m = k - 1
            while m >= 0 and tokens[m].word and tokens[m].text.islower() and not tokens[m].possessive \
                    and tokens[m].lower not in _DETERMINERS and not any(c.isdigit() for c in tokens[m].text) \
                    and k - m <= 4:
                m -= 1
            modifiers = tokens[m + 1:k]
            if not modifiers or m < 0:
                continue
            opener = tokens[m]
            if opener.lower in _DETERMINERS:
                if m > 0 and tokens[m - 1].text == ",":
                    continue  # an apposition describing the name before it
            elif not opener.possessive:
                continue
            label = " ".join(t.text for t in [*modifiers, token])
            if opener.possessive and opener.capitalised:
                label = f"{opener.text}’s {label}"
            class_name = "Person" if noun in roles else self.heads[noun]
            self.add(label, class_name, number, f"a described, unnamed {noun} (a class or role label)", unnamed=True)


def find_names_en(paragraphs: list[Paragraph], known: set[str] = frozenset()) -> list[NameCandidate]:
    """Candidate names in English paragraphs, leaving out the ``known`` names (matched elsewhere).

    >>> found = find_names_en([Paragraph(1, "Acme Bio Ltd., co-founded by Jane Roe, opened the Hill Laboratory "
    ...                                      "(HL) in Springfield."), Paragraph(2, "Roe said HL grew.")])
    >>> [(c.label, c.class_name, c.paragraphs, c.aliases) for c in found]
    [('Acme Bio Ltd.', 'Company', [1], []), ('Jane Roe', 'Person', [1, 2], []), ('Hill Laboratory', 'Laboratory', [1, 2], ['HL']), ('Springfield', 'AdministrativeArea', [1], [])]
    """
    lower_words = {t.lower for p in paragraphs for t in _tokens(p.text) if t.word and t.text.islower()}
    reader = _Reader(lower_words)
    for para in paragraphs:
        reader.read(para)
    known_folded = {k.casefold() for k in known}
    return [c for c in reader.found.values() if c.class_name and c.label.casefold() not in known_folded
            and not any(a.casefold() in known_folded for a in c.aliases)]
