"""Likely duplicates: entities of a project that are probably one thing under two ids.

Three signs, strongest first: the same identifier value (a registry number, a development code,
an INN) at two ids; the same name (any label or alias, ignoring case, punctuation and company
suffixes) at two ids; and close names, within a language or across Chinese and its pinyin
transliteration (李文辉 and Li Wenhui), for entities of related classes. The curator then merges a
pair with ``sameAs`` or fixes it. The transliteration uses pypinyin
(``pip install 'helixgraph[suggest]'``).
"""

from __future__ import annotations

import difflib
import re
from collections.abc import Iterable
from dataclasses import dataclass
from itertools import combinations
from pathlib import Path

from rdflib import RDF, RDFS, XSD, Literal, URIRef

from helixgraph.errors import MissingDependencyError
from helixgraph.iris import local_name
from helixgraph.loaders import load_sources
from helixgraph.loaders.ids import entity_iri
from helixgraph.ontology.model import load_ontology
from helixgraph.suggest.gazetteer import label_properties
from helixgraph.suggest.matching import normal_name

__all__ = ["DuplicatePair", "find_duplicates", "likely_duplicates"]

_ID_PREFIX = str(entity_iri(""))
_IDENTIFIER = re.compile(r"\b(identifier|code|nonproprietary)\b")
_HAN = re.compile(r"[\u4e00-\u9fff]")
_CLOSE = 0.88


@dataclass(frozen=True)
class DuplicatePair:
    """Two ids that probably name one entity, why, and how sure (1.0 for a shared identifier)."""

    first: str
    second: str
    reason: str
    score: float


def _identifier_properties() -> frozenset[URIRef]:
    ontology = load_ontology()
    return frozenset(p.iri for p in ontology.properties.values() if p.datatypes == (XSD.string,)
                     and _IDENTIFIER.search(" ".join(map(str, ontology.graph.objects(p.iri, RDFS.label)))))


def _pinyin(text: str) -> str:
    try:
        from pypinyin import lazy_pinyin
    except ImportError as exc:
        raise MissingDependencyError("pypinyin", "comparing Chinese names with their transliteration",
                                     extra="suggest") from exc
    return "".join(lazy_pinyin(text))


def _squash(name: str) -> str:
    return re.sub(r"[^a-z0-9]", "", normal_name(name))


def _variants(x: str, y: str) -> bool:
    """Whether two names differ only in their last character: variants (hepatitis B and D, phase 1
    and 2), not spellings of one name.

    >>> _variants("hepatitisb", "hepatitisd"), _variants("huahui", "huahiu")
    (True, False)
    """
    return len(x) == len(y) and x[:-1] == y[:-1]


def _related(a: str | None, b: str | None) -> bool:
    classes = load_ontology().classes
    if a not in classes or b not in classes:
        return a == b
    return classes[a].iri in classes[b].ancestors or classes[b].iri in classes[a].ancestors


def find_duplicates(triples: Iterable[tuple]) -> list[DuplicatePair]:
    """The likely duplicates among the entities of ``triples``, strongest first.

    >>> from rdflib import Namespace
    >>> hx, eco = Namespace(_ID_PREFIX), Namespace("https://w3id.org/helixgraph/ontology#")
    >>> data = [(hx.a, RDF.type, eco.Person), (hx.a, RDFS.label, Literal("Li Wenhui", lang="en")),
    ...         (hx.b, RDF.type, eco.Person), (hx.b, RDFS.label, Literal("李文辉", lang="zh")),
    ...         (hx.c, RDF.type, eco.Company), (hx.c, RDFS.label, Literal("Acme Bio Ltd.", lang="en")),
    ...         (hx.d, RDF.type, eco.Company), (hx.d, RDFS.label, Literal("ACME Bio", lang="en"))]
    >>> [(p.first, p.second, p.reason) for p in find_duplicates(data)]
    [('c', 'd', "the same name 'acme bio'"), ('a', 'b', "'李文辉' transliterates to 'Li Wenhui'")]
    """
    names_props, id_props = label_properties(load_ontology()), _identifier_properties()
    classes: dict[str, str] = {}
    names: dict[str, set[str]] = {}
    identifiers: dict[tuple[str, str], set[str]] = {}
    for s, p, o in triples:
        if not str(s).startswith(_ID_PREFIX):
            continue
        entity = str(s)[len(_ID_PREFIX):]
        if p == RDF.type:
            classes[entity] = local_name(str(o))
        elif isinstance(o, Literal) and p in id_props:
            identifiers.setdefault((local_name(str(p)), str(o).strip().casefold()), set()).add(entity)
        if isinstance(o, Literal) and p in names_props:
            names.setdefault(entity, set()).add(str(o).strip())
    found: dict[tuple[str, str], DuplicatePair] = {}

    def keep(a: str, b: str, reason: str, score: float) -> None:
        key = (min(a, b), max(a, b))
        if key[0] != key[1] and (key not in found or found[key].score < score):
            found[key] = DuplicatePair(key[0], key[1], reason, score)

    for (prop, value), ids in identifiers.items():
        for a, b in combinations(sorted(ids), 2):
            keep(a, b, f"the same {prop} {value!r}", 1.0)
    by_name: dict[str, set[str]] = {}
    for entity, labels in names.items():
        for label in labels:
            if normal_name(label):
                by_name.setdefault(normal_name(label), set()).add(entity)
    for name, ids in by_name.items():
        for a, b in combinations(sorted(ids), 2):
            keep(a, b, f"the same name {name!r}", 0.95)
    latin = {e: {_squash(n) for n in labels if not _HAN.search(n) and len(_squash(n)) >= 4}
             for e, labels in names.items()}
    han = {e: {(n, _pinyin(n)) for n in labels if _HAN.search(n)} for e, labels in names.items()}
    entities = sorted(names)
    for a, b in combinations(entities, 2):
        if not _related(classes.get(a), classes.get(b)):
            continue
        for x in latin[a]:
            for y in latin[b]:
                ratio = difflib.SequenceMatcher(None, x, y).ratio()
                if ratio >= _CLOSE and x != y and not _variants(x, y):
                    keep(a, b, f"close names {x!r} and {y!r}", round(ratio * 0.9, 3))
        for first, second in ((a, b), (b, a)):
            for chinese, sound in han[first]:
                for label in names[second]:
                    if _HAN.search(label):
                        continue
                    squashed = _squash(label)
                    if squashed == sound or (len(sound) >= 6 and squashed.startswith(sound)):
                        keep(first, second, f"{chinese!r} transliterates to {label!r}", 0.9)
    return sorted(found.values(), key=lambda p: (-p.score, p.first, p.second))


def likely_duplicates(sources: Iterable[str | Path] | None = None) -> list[DuplicatePair]:
    """The likely duplicates among the entities of source files (the bundled dataset when None).

    >>> likely_duplicates()
    []
    """
    if sources is None:
        from helixgraph.data import bundled_sources

        sources = [bundled_sources()]
    return find_duplicates(t for s in load_sources(list(sources)) for t in s.triples)
