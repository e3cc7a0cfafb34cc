"""Table cells as the values a source file would hold, for the record loader's range rules to read.

A CSV cell is text and an Excel or Parquet cell has the reader's type; a source file's value is
what YAML gives (a whole number, a flag, a date as text). Cells are brought to that form by the
property's range and nothing more: the loader then converts and checks them exactly as it does a
source file's values, so a table and a YAML file accept the same values. Concepts may also be
named by any of their labels, in any language.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Callable
from functools import cached_property

from rdflib import RDFS, SKOS, XSD, Literal, URIRef

from helixgraph.ontology.model import Ontology, PropertySpec

__all__ = ["CellReader"]

_WHOLE = re.compile(r"[+-]?[0-9]+")
_INTEGERS = frozenset({XSD.integer, XSD.positiveInteger, XSD.nonNegativeInteger})
_DATES = frozenset({XSD.date, XSD.gYearMonth, XSD.gYear})
_FLAGS = {"true": True, "false": False}


class CellReader:
    """Bring cells to source-file values, by the range of the property they feed."""

    def __init__(self, ontology: Ontology) -> None:
        self.ontology = ontology
        self._converters: dict[str, Callable[[object], object]] = {}

    @cached_property
    def concept_labels(self) -> dict[str, list[str]]:
        """Every label of an ontology individual, folded to lower case, to the individuals bearing it.

        >>> from helixgraph.ontology.model import load_ontology
        >>> CellReader(load_ontology()).concept_labels["产业"]
        ['Industry']
        """
        graph = self.ontology.graph
        out: dict[str, list[str]] = {}
        for name in self.ontology.individuals:
            iri = self.ontology.individual_iri(name)
            for prop in (SKOS.prefLabel, RDFS.label, SKOS.altLabel):
                for label in graph.objects(iri, prop):
                    if isinstance(label, Literal):
                        names = out.setdefault(str(label).casefold(), [])
                        if name not in names:
                            names.append(name)
        return out

    def concept(self, text: str, rng: URIRef) -> str:
        """The id of the individual of range ``rng`` that ``text`` names by id or label; else ``text``.

        >>> from helixgraph.ontology.model import load_ontology
        >>> from helixgraph.ontology.namespace import ECO
        >>> reader = CellReader(load_ontology())
        >>> reader.concept("cell and gene therapy", ECO.TechnologyField), reader.concept("nibs", ECO.Organisation)
        ('CellGeneTherapy', 'nibs')
        """
        if text in self.ontology.individuals:
            return text
        for name in self.concept_labels.get(text.casefold(), ()):
            if rng in self.ontology.individuals[name]:
                return name
        return text

    def value(self, cell: object, prop: PropertySpec) -> object:
        """``cell`` as the value a source file would give ``prop``; what fits no rule is passed on unchanged
        for the loader to refuse with its usual message.

        >>> from helixgraph.ontology.model import load_ontology
        >>> onto = load_ontology()
        >>> reader = CellReader(onto)
        >>> reader.value("22", onto.properties["value"]), reader.value(" 2024-12 ", onto.properties["date"])
        ('22', '2024-12')
        >>> reader.value("TRUE", onto.properties["nationalLevel"]), reader.value(5.0, onto.properties["draws"])
        (True, 5)
        >>> reader.value(dt.datetime(2025, 1, 2), onto.properties["issued"])
        '2025-01-02'
        """
        return self.converter(prop)(cell)

    def converter(self, prop: PropertySpec) -> Callable[[object], object]:
        """The function :meth:`value` applies for ``prop``, chosen once per property (a table has many rows)."""
        found = self._converters.get(prop.name)
        if found is None:
            found = self._converters[prop.name] = self._choose(prop)
        return found

    def _choose(self, prop: PropertySpec) -> Callable[[object], object]:
        if not prop.is_literal:
            if prop.range in self.ontology.concept_classes:
                cache: dict[str, str] = {}

                def concept(cell: object) -> object:
                    text = _text(_whole(cell))
                    found = cache.get(text)
                    if found is None:
                        found = cache[text] = self.concept(text, prop.range)
                    return found

                return concept
            return lambda cell: _text(_whole(cell))
        kinds = set(prop.datatypes)
        if kinds & _DATES:
            return _date
        if kinds & _INTEGERS and XSD.decimal not in kinds:
            return _integer
        if XSD.decimal in kinds:
            return lambda cell: str(cell) if isinstance(cell, float) else _strip(cell)
        if XSD.boolean in kinds:
            return lambda cell: _FLAGS.get(cell.strip().casefold(), cell.strip()) if isinstance(cell, str) else cell
        return _plain


def _strip(cell: object) -> object:
    return cell.strip() if isinstance(cell, str) else cell


def _whole(cell: object) -> object:
    return int(cell) if isinstance(cell, float) and cell.is_integer() else cell


def _text(cell: object) -> str:
    return cell.strip() if isinstance(cell, str) else str(cell)


def _date(cell: object) -> object:
    if isinstance(cell, str):
        return cell.strip()
    if isinstance(cell, dt.datetime):
        return cell.date().isoformat()
    if isinstance(cell, dt.date):
        return cell.isoformat()
    return _whole(cell)


def _integer(cell: object) -> object:
    if isinstance(cell, str):
        cell = cell.strip()
        return int(cell) if _WHOLE.fullmatch(cell) else cell
    return _whole(cell)


def _plain(cell: object) -> object:
    if isinstance(cell, str):
        return cell.strip()
    if isinstance(cell, bool):
        return cell
    if isinstance(cell, float) and cell.is_integer():
        return str(int(cell))
    if isinstance(cell, dt.date):
        return cell.isoformat()
    if isinstance(cell, int | float):
        return str(cell)
    return cell
