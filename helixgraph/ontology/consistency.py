"""OWL 2 RL consistency check of the ontology (and optionally data), with owlrl."""

from __future__ import annotations

import owlrl
from owlrl.Namespaces import ERRNS
from rdflib import RDF, Graph

from helixgraph.ontology.model import load_ontology

__all__ = ["owl_rl_errors"]


def owl_rl_errors(extra: Graph | None = None) -> list[str]:
    """Expand the ontology (plus ``extra`` triples) under OWL 2 RL and return owlrl's clash messages.

    An empty list means no inconsistency was found.

    >>> owl_rl_errors()
    []
    """
    g = Graph()
    g += load_ontology().graph
    if extra is not None:
        g += extra
    owlrl.DeductiveClosure(owlrl.OWLRL_Semantics, axiomatic_triples=False, datatype_axioms=False).expand(g)
    return sorted(str(g.value(m, ERRNS.error)) for m in g.subjects(RDF.type, ERRNS.ErrorMessage))
