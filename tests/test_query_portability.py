"""The shipped queries spell class and concept hierarchies out to a fixed depth (Virtuoso 7.2 drops
rows when a zero-or-more path meets other patterns): the ontology must stay within that depth."""

from __future__ import annotations

import re

from rdflib import RDFS, SKOS

from helixgraph.graph.catalog import named_queries
from helixgraph.ontology.model import load_ontology
from helixgraph.remote.query_text import without_comments


def _deepest_chain(graph, predicate) -> int:
    """The number of steps in the longest chain of ``predicate`` in ``graph``."""
    parents: dict = {}
    for child, parent in graph.subject_objects(predicate):
        parents.setdefault(child, set()).add(parent)

    def depth(node, seen=()) -> int:
        return max((1 + depth(p, (*seen, node)) for p in parents.get(node, ()) if p not in seen), default=0)

    return max((depth(node) for node in parents), default=0)


def _spelled_out(name: str) -> int:
    """The longest sequence path of ``name`` (``rdfs:subClassOf``) in any shipped query."""
    longest = 0
    for query in named_queries().values():
        for path in re.findall(rf"(?:\S+/)*{re.escape(name)}(?:/\S+)*", without_comments(query.text)):
            longest = max(longest, path.split("/").count(name))
    return longest


def test_the_class_and_concept_hierarchies_fit_the_spelled_out_chains():
    graph = load_ontology().graph
    assert 1 <= _deepest_chain(graph, RDFS.subClassOf) <= _spelled_out("rdfs:subClassOf") == 4
    assert 1 <= _deepest_chain(graph, SKOS.broader) <= _spelled_out("skos:broader") == 2
