"""SHACL validation: the shapes compiled to SPARQL and run on Oxigraph, with pySHACL as the reference.

pySHACL (:mod:`helixgraph.shacl.reference`, an optional dependency) stays the reference, but walking
a national-scale graph node by node takes minutes. Our shapes use a small part of SHACL, so
:mod:`~helixgraph.shacl.compiler` turns each of their constraints into one SPARQL ``SELECT`` and
:mod:`~helixgraph.shacl.runner` has Oxigraph answer all of them. Both validators return the same
:class:`~helixgraph.shacl.violations.Violation` objects, down to pySHACL's default message texts
(:mod:`~helixgraph.shacl.messages`).

Supported, and nothing else (anything else raises :class:`~helixgraph.errors.OntologyError` naming
the shape and the feature, so that no check is silently dropped):

* node shapes with ``sh:targetClass`` (SHACL instances: ``rdf:type/rdfs:subClassOf*``) and
  ``sh:targetSubjectsOf``;
* property shapes (via ``sh:property``) with a single-IRI ``sh:path`` and ``sh:minCount``,
  ``sh:maxCount``, ``sh:class``, ``sh:datatype``, ``sh:or`` of ``[ sh:datatype ... ]`` and
  ``sh:message``;
* a node-level ``sh:or`` of property shapes with ``sh:minCount 1``, with or without ``sh:message``;
* ``sh:sparql`` SELECT constraints on node shapes, with prefixes from ``sh:prefixes``/``sh:declare``
  and ``{?var}`` placeholders in their ``sh:message``; the query must be a flat group of triples,
  BIND and FILTER (see :mod:`~helixgraph.shacl.select_parts`).

Where Oxigraph sees literals differently from rdflib (derived integer datatypes, canonical lexical
forms, ill-typed literals) is described in :mod:`~helixgraph.shacl.sparql_fragments`. Blank nodes: a
blank focus node's name differs between the two validators, and a blank value node is printed by its
name, not by its content as pySHACL does. The loader writes no blank nodes.

>>> from helixgraph.shacl import validate_store, compile_shapes, Violation
"""

from helixgraph.shacl.checks import CompiledCheck, CompiledShapes
from helixgraph.shacl.compiler import compile_shapes
from helixgraph.shacl.reference import validate_graph
from helixgraph.shacl.runner import bundled_checks, validate_store
from helixgraph.shacl.violations import Violation

__all__ = [
    "CompiledCheck",
    "CompiledShapes",
    "Violation",
    "bundled_checks",
    "compile_shapes",
    "validate_graph",
    "validate_store",
]
