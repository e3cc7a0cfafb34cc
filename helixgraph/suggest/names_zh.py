"""Candidate names in Chinese text, from jieba's segmentation and part-of-speech tags.

jieba tags person names ``nr``, places ``ns``, organisations ``nt`` and other proper nouns ``nz``.
A run of nouns that ends in an ontology class label (研究所, 实验室, 医院, 企业, ...) or in a common
organisation ending (公司, 中心, ...) is an organisation of that class. jieba is optional
(``pip install 'helixgraph[suggest]'``).
"""

from __future__ import annotations

import logging

from helixgraph.errors import MissingDependencyError
from helixgraph.suggest.article import Paragraph
from helixgraph.suggest.lexicon import ZH_ORG_SUFFIXES
from helixgraph.suggest.names_en import NameCandidate
from helixgraph.suggest.terms import load_terms

__all__ = ["find_names_zh"]

_NOUNISH = ("n", "nr", "ns", "nt", "nz", "nrt", "nrfg", "l", "j", "eng", "vn")
_TAG_CLASS = {"nr": "Person", "nrfg": "Person", "nrt": "Person", "ns": "AdministrativeArea", "nt": "Organisation"}


def _posseg():
    try:
        import jieba
        import jieba.posseg
    except ImportError as exc:
        raise MissingDependencyError("jieba", "finding names in Chinese text", extra="suggest") from exc
    jieba.setLogLevel(logging.WARNING)
    return jieba.posseg


def _suffix_class(word: str) -> str | None:
    labels = load_terms().class_labels["zh"]
    for label in sorted(labels, key=len, reverse=True):
        if word.endswith(label) and len(word) > len(label):
            return labels[label]
    if word.endswith(ZH_ORG_SUFFIXES) and len(word) > 2:
        return "Company" if word.endswith("公司") else "Organisation"
    return None


def find_names_zh(paragraphs: list[Paragraph], known: set[str] = frozenset()) -> list[NameCandidate]:
    """Candidate names in Chinese paragraphs, leaving out the ``known`` names.

    >>> found = find_names_zh([Paragraph(1, "王芳在深圳创办了海德生物科技公司。")])
    >>> sorted((c.label, c.class_name) for c in found)
    [('海德生物科技公司', 'Company'), ('深圳', 'AdministrativeArea'), ('王芳', 'Person')]
    """
    posseg = _posseg()
    found: dict[str, NameCandidate] = {}

    def add(word: str, class_name: str, number: int, reason: str) -> None:
        if word in known or any(word in k for k in known if len(word) < len(k)):
            return
        if word in found:
            if number not in found[word].paragraphs:
                found[word].paragraphs.append(number)
            return
        found[word] = NameCandidate(word, class_name, [number], reason)

    terms = load_terms()
    ontology_words = [*terms.event_labels["zh"], *terms.class_labels["zh"], *terms.role_labels["zh"]]
    for para in paragraphs:
        tokens = [(w.word, w.flag) for w in posseg.cut(para.text)]
        run: list[tuple[str, str]] = []
        for word, flag in [*tokens, ("", "x")]:
            if flag in _NOUNISH and word.strip():
                run.append((word, flag))
                continue
            inside: set[int] = set()
            end = len(run)
            while end >= 2:
                class_name = _suffix_class(run[end - 1][0]) or (
                    _suffix_class("".join(w for w, _ in run[end - 2:end])) if end >= 2 else None)
                starts = [s for s in range(max(0, end - 4), end - 1) if any(f != "n" for _, f in run[s:end - 1])]
                if class_name is None and not any(run[end - 1][0].endswith(x) for x in ontology_words):
                    end -= 1
                    continue
                if starts:
                    first = starts[0]
                    name = "".join(w for w, _ in run[first:end])
                    add(name, _suffix_class(name) or class_name or "Organisation", para.number,
                        "nouns ending in an organisation word")
                    inside.update(range(first, end))
                    end = first
                else:
                    end -= 1
            for k, (word_, flag_) in enumerate(run):
                if k in inside or flag_ not in _TAG_CLASS or len(word_) < 2:
                    continue
                if k == len(run) - 1 and word.strip()[:1].isdigit():
                    continue  # glued to a number that follows: a qualifier read as a name
                if any(word_ in label for label in ontology_words):
                    continue
                add(word_, _TAG_CLASS[flag_], para.number, f"tagged {flag_!r} by the segmenter")
            run = []
    return list(found.values())
