"""Check source files against the ontology and the SHACL shapes, writing nothing."""

from __future__ import annotations

from collections.abc import Iterable
from pathlib import Path

import pyoxigraph as ox

from helixgraph.data import bundled_sources
from helixgraph.errors import OptionError, ValidationError
from helixgraph.graph.dataset import data_graph
from helixgraph.graph.store import load_graphs
from helixgraph.loaders import load_sources
from helixgraph.pipeline.build import graphs_of
from helixgraph.shacl import validate_graph, validate_store

__all__ = ["ENGINES", "validate_sources"]

#: The SHACL engines: the shapes compiled to SPARQL on Oxigraph, or pySHACL, the reference.
ENGINES = ("sparql", "pyshacl")


def validate_sources(sources: Iterable[str | Path] | None = None, *, engine: str = "sparql") -> list[str]:
    """Load and validate source files; return the ids of the sources, which all conform.

    ``engine="sparql"`` checks the shapes as SPARQL on an in-memory Oxigraph store (fast at any
    size); ``engine="pyshacl"`` runs pySHACL, the reference, on an rdflib graph (it needs the
    ``reference`` extra).

    Raises
    ------
    LoadError
        A source file is malformed or does not fit the ontology.
    ValidationError
        The data loads but breaks SHACL shapes.

    Examples
    --------
    >>> validate_sources()
    ['caixin-2025-10-01', 'people-daily-2026-01-24']
    """
    if engine not in ENGINES:
        raise OptionError(f"unknown validation engine {engine!r}; expected one of {', '.join(ENGINES)}")
    loaded = load_sources(list(sources) if sources else [bundled_sources()])
    if engine == "pyshacl":
        violations = validate_graph(data_graph(loaded))
    else:
        violations = validate_store(load_graphs(ox.Store(), graphs_of(loaded)))
    if violations:
        raise ValidationError(violations)
    return [source.source_id for source in loaded]
