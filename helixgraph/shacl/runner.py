"""Run compiled SHACL checks on a pyoxigraph store: the validator the build uses."""

from __future__ import annotations

import pyoxigraph as ox
from rdflib import Graph

from helixgraph.ontology.extensions import per_ontology
from helixgraph.ontology.shapes import load_shapes
from helixgraph.shacl.checks import CompiledShapes
from helixgraph.shacl.compiler import compile_shapes
from helixgraph.shacl.violations import Violation

__all__ = ["bundled_checks", "validate_store"]


@per_ontology
def bundled_checks() -> CompiledShapes:
    """The project's shapes (:func:`~helixgraph.ontology.shapes.load_shapes`), compiled once per process.

    >>> len(bundled_checks()) > 0, bundled_checks() is bundled_checks()
    (True, True)
    """
    return compile_shapes(load_shapes())


def validate_store(store: ox.Store, *, shapes: Graph | CompiledShapes | None = None) -> list[Violation]:
    """Check everything in ``store`` (all its graphs together) against the shapes; return the violations.

    Parameters
    ----------
    store
        The data and the ontology, in any of the store's graphs: they are validated as one union.
    shapes
        The project's shapes when None (:func:`bundled_checks`); otherwise a SHACL shapes graph,
        compiled on every call, or what :func:`~helixgraph.shacl.compiler.compile_shapes` made of one.

    Returns
    -------
    list of Violation
        Sorted and without duplicates, equal to what :func:`~helixgraph.shacl.reference.validate_graph`
        reports for the same triples (see :mod:`helixgraph.shacl` for the few exceptions). An empty
        list means the data conforms.

    Raises
    ------
    OntologyError
        ``shapes`` uses a SHACL feature the compiler does not support.

    Examples
    --------
    >>> from rdflib import Graph, URIRef
    >>> from rdflib.namespace import RDF
    >>> from helixgraph.graph.store import load_graphs
    >>> from helixgraph.ontology.model import load_ontology
    >>> data = Graph().add((URIRef("https://w3id.org/helixgraph/id/nibs"), RDF.type,
    ...                     URIRef("https://w3id.org/helixgraph/ontology#Company")))
    >>> store = load_graphs(ox.Store(), [("urn:data", data), ("urn:ontology", load_ontology().graph)])
    >>> for violation in validate_store(store):
    ...     print(violation)
    nibs: has no English rdfs:label (value: nibs)
    nibs label: Less than 1 values on <https://w3id.org/helixgraph/id/nibs>->rdfs:label
    nibs sector: Less than 1 values on <https://w3id.org/helixgraph/id/nibs>->eco:sector
    nibs wasDerivedFrom: has no source (prov:wasDerivedFrom an eco:Source)
    """
    if shapes is None:
        checks = bundled_checks()
    elif isinstance(shapes, CompiledShapes):
        checks = shapes
    else:
        checks = compile_shapes(shapes)
    violations: set[Violation] = set()
    for check in checks:
        solutions = store.query(check.query, use_default_graph_as_union=True)
        violations.update(check.violations(solutions))
    return sorted(violations)
