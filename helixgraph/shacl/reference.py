"""Validate data against the SHACL shapes with pySHACL, the reference validator.

The build validates with :func:`helixgraph.shacl.runner.validate_store`, which runs the same shapes
as SPARQL on the Oxigraph store and is tested to report the same violations; pySHACL takes minutes
on a graph of 850K triples, where the SPARQL checks take seconds. pySHACL is an optional
dependency (``pip install 'helixgraph[reference]'``), imported only when this validator runs.
"""

from __future__ import annotations

from rdflib import Graph
from rdflib.namespace import RDF, SH

from helixgraph.errors import MissingDependencyError, OntologyError
from helixgraph.ontology.model import load_ontology
from helixgraph.ontology.shapes import load_shapes
from helixgraph.shacl.violations import Violation, short_name

__all__ = ["validate_graph"]


def validate_graph(data: Graph) -> list[Violation]:
    """Check ``data`` (with the ontology mixed in) against every shape with pySHACL; return the violations.

    Parameters
    ----------
    data
        The triples to check, without the ontology.

    Returns
    -------
    list of Violation
        Sorted and without duplicates; an empty list means the data conforms.

    Raises
    ------
    MissingDependencyError
        pySHACL is not installed.
    OntologyError
        pySHACL could not apply the shapes.

    Examples
    --------
    >>> from rdflib import URIRef
    >>> data = Graph().add((URIRef("https://w3id.org/helixgraph/id/nibs"), RDF.type,
    ...                     URIRef("https://w3id.org/helixgraph/ontology#Company")))
    >>> for violation in validate_graph(data):
    ...     print(violation)
    nibs: has no English rdfs:label (value: nibs)
    nibs label: Less than 1 values on <https://w3id.org/helixgraph/id/nibs>->rdfs:label
    nibs sector: Less than 1 values on <https://w3id.org/helixgraph/id/nibs>->eco:sector
    nibs wasDerivedFrom: has no source (prov:wasDerivedFrom an eco:Source)
    """
    try:
        from pyshacl import validate as shacl_validate
    except ImportError as exc:
        raise MissingDependencyError("pyshacl", "the pySHACL validator") from exc
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
                focus=short_name(report.value(result, SH.focusNode)),
                path=short_name(report.value(result, SH.resultPath)),
                message=str(message) if message else short_name(report.value(result, SH.sourceConstraintComponent)),
                value=short_name(report.value(result, SH.value)),
            )
        )
    return sorted(violations)
