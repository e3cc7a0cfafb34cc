"""Validate data against the SHACL shapes with pySHACL and report violations readably."""

from __future__ import annotations

from dataclasses import dataclass

from pyshacl import validate as shacl_validate
from rdflib import Graph, URIRef
from rdflib.namespace import RDF, SH

from helixgraph.errors import OntologyError
from helixgraph.ontology.model import load_ontology, local_name
from helixgraph.ontology.shapes import load_shapes

__all__ = ["Violation", "validate_graph"]


@dataclass(frozen=True, order=True)
class Violation:
    """One SHACL result, in words: which node, which property, what is wrong."""

    focus: str
    path: str
    message: str
    value: str = ""

    def __str__(self) -> str:
        text = f"{self.focus}"
        if self.path:
            text += f" {self.path}"
        text += f": {self.message}"
        if self.value:
            text += f" (value: {self.value})"
        return text


def _short(term) -> str:
    if term is None:
        return ""
    if isinstance(term, URIRef):
        iri = str(term)
        if "/helixgraph/id/" in iri:
            return iri.rsplit("/", 1)[1]
        return local_name(iri)
    return str(term)


def validate_graph(data: Graph) -> list[Violation]:
    """Check ``data`` (with the ontology mixed in) against every shape; return the violations.

    An empty list means the data conforms.
    """
    # pySHACL's ont_graph mixes in axioms but not the concept individuals' types, which sh:class
    # checks need, so the ontology is added to a copy of the data instead.
    union = Graph()
    union += data
    union += load_ontology().graph
    conforms, report, _text = shacl_validate(
        union,
        shacl_graph=load_shapes(),
        inference="none",
        advanced=True,
        allow_warnings=True,
    )
    if isinstance(report, BaseException):  # pySHACL returns, rather than raises, some failures
        raise OntologyError(f"the SHACL shapes could not be applied: {report}")
    if conforms:
        return []
    violations = set()
    for result in report.subjects(RDF.type, SH.ValidationResult):
        if report.value(result, SH.resultSeverity) != SH.Violation:
            continue
        message = report.value(result, SH.resultMessage)
        violations.add(
            Violation(
                focus=_short(report.value(result, SH.focusNode)),
                path=_short(report.value(result, SH.resultPath)),
                message=str(message) if message else _short(report.value(result, SH.sourceConstraintComponent)),
                value=_short(report.value(result, SH.value)),
            )
        )
    return sorted(violations)
