"""Find the entities a graph already has in an article, by every label and alias in every language."""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass, field

from rdflib import RDF, RDFS, Literal, URIRef

from helixgraph.iris import local_name
from helixgraph.loaders.ids import entity_iri
from helixgraph.ontology.model import Ontology, load_ontology
from helixgraph.ontology.namespace import ECO
from helixgraph.suggest.article import Paragraph

__all__ = ["Gazetteer", "Mention", "label_properties"]

_ID_PREFIX = str(entity_iri(""))
_LATIN_WORD = re.compile(r"[A-Za-z0-9]")
_NAMEY = re.compile(r"\b(label|name|code)\b")


def label_properties(ontology: Ontology) -> frozenset[URIRef]:
    """The properties whose values name a thing: labels, aliases, brand names, INNs and codes.

    >>> sorted(local_name(p) for p in label_properties(load_ontology()))
    ['altLabel', 'brandName', 'developmentCode', 'inn', 'label']
    """
    out = set()
    for prop in ontology.properties.values():
        if not prop.is_literal or (prop.iri, RDFS.subPropertyOf, ECO.externalIdentifier) in ontology.graph:
            continue  # a registry's key (a credit code, an ORCID) is not a name a text uses
        words = " ".join(str(x) for x in ontology.graph.objects(prop.iri, RDFS.label)).lower()
        if _NAMEY.search(words) or prop.iri == RDFS.label:
            out.add(prop.iri)
    return frozenset(out)


@dataclass(frozen=True)
class Mention:
    """A label of a known entity found in a paragraph, at characters ``start:end``."""

    entity: str
    paragraph: int
    start: int
    end: int
    label: str


@dataclass
class Gazetteer:
    """Every name of every entity of a graph, and the entities' classes."""

    names: dict[str, set[str]] = field(default_factory=dict)
    classes: dict[str, str] = field(default_factory=dict)

    @classmethod
    def from_triples(cls, triples: Iterable[tuple], ontology: Ontology | None = None) -> Gazetteer:
        """Index the labels of the entities (``hx:`` IRIs) in ``triples``.

        >>> from helixgraph.data import bundled_sources
        >>> from helixgraph.loaders import load_sources
        >>> g = Gazetteer.from_triples(t for s in load_sources([bundled_sources()]) for t in s.triples)
        >>> sorted(g.names["李文辉"]), g.classes["li-wenhui"]
        (['li-wenhui'], 'Person')
        """
        ontology = ontology or load_ontology()
        props = label_properties(ontology)
        out = cls()
        for s, p, o in triples:
            if not str(s).startswith(_ID_PREFIX):
                continue
            entity = str(s)[len(_ID_PREFIX):]
            if p == RDF.type:
                out.classes[entity] = local_name(str(o))
            elif p in props and isinstance(o, Literal) and len(str(o).strip()) >= 2:
                out.names.setdefault(str(o).strip(), set()).add(entity)
        return out

    def _pattern(self) -> re.Pattern:
        parts = []
        for name in sorted(self.names, key=len, reverse=True):
            escaped = re.escape(name)
            if _LATIN_WORD.match(name[0]):
                escaped = r"(?<![A-Za-z0-9])" + escaped
            if _LATIN_WORD.match(name[-1]):
                escaped += r"(?![A-Za-z0-9])"
            parts.append(escaped)
        return re.compile("|".join(parts) or r"(?!x)x", re.IGNORECASE)

    def find(self, paragraphs: list[Paragraph]) -> list[Mention]:
        """Every non-overlapping mention, longest names first; all-capital names (acronyms) match in
        capitals only, others in any case.

        >>> g = Gazetteer({"NIBS": {"nibs"}, "Beijing": {"beijing"}, "北京": {"beijing"}})
        >>> [(m.entity, m.paragraph, m.label) for m in g.find([Paragraph(1, "Nibs in beijing; 北京的NIBS")])]
        [('beijing', 1, 'beijing'), ('beijing', 1, '北京'), ('nibs', 1, 'NIBS')]
        """
        if not self.names:
            return []
        pattern = self._pattern()
        folded = {name.casefold(): name for name in self.names}
        found = []
        for para in paragraphs:
            for match in pattern.finditer(para.text):
                text = match.group(0)
                name = self.names.get(text) and text or folded.get(text.casefold())
                if name is None or (name.isupper() and text != name):
                    continue
                for entity in sorted(self.names[name]):
                    found.append(Mention(entity, para.number, match.start(), match.end(), text))
        return found
