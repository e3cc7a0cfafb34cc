"""OWL 2 RL consistency check of the ontology (and optionally data), with owlrl.

owlrl is an optional dependency (``pip install 'helixgraph[reference]'``), imported only when the
check runs.
"""

from __future__ import annotations

from rdflib import RDF, Graph

from helixgraph.errors import MissingDependencyError
from helixgraph.ontology.model import load_ontology

__all__ = ["owl_rl_errors"]


def owl_rl_errors(extra: Graph | None = None) -> list[str]:
    """Expand the ontology (plus ``extra`` triples) under OWL 2 RL and return owlrl's clash messages.

    An empty list means no inconsistency was found.

    Raises
    ------
    MissingDependencyError
        owlrl is not installed.

    >>> owl_rl_errors()
    []
    """
    try:
        import owlrl
        from owlrl.Namespaces import ERRNS
    except ImportError as exc:
        raise MissingDependencyError("owlrl", "the OWL 2 RL consistency check") from exc
    g = Graph()
    g += load_ontology().graph
    if extra is not None:
        g += extra
    owlrl.DeductiveClosure(owlrl.OWLRL_Semantics, axiomatic_triples=False, datatype_axioms=False).expand(g)
    return sorted(str(g.value(m, ERRNS.error)) for m in g.subjects(RDF.type, ERRNS.ErrorMessage))
