"""The loader's exact output for a small source, against triples written out by hand.

``tests/data/golden.yaml`` (and the same records as ``golden.jsonl``) holds one record of each kind
the loader converts: a language map, a plain label in the source's language, a date at each
precision, a number, both booleans, concept and entity references (one pointing further down the
file), an ``about`` record and paragraph evidence. ``tests/data/golden.ttl`` lists every triple the
loader must give for it, worked out from the ontology, and nothing else.
"""

from __future__ import annotations

from pathlib import Path

import pytest
from rdflib import Graph
from rdflib.compare import isomorphic

from helixgraph.loaders import load_sources

DATA = Path(__file__).parent / "data"


def expected_graph() -> Graph:
    return Graph().parse(DATA / "golden.ttl", format="turtle")


def as_graph(triples) -> Graph:
    graph = Graph()
    for triple in triples:
        graph.add(triple)
    return graph


def nt(graph: Graph) -> str:
    return "\n".join(sorted(f"{s.n3()} {p.n3()} {o.n3()} ." for s, p, o in graph))


@pytest.mark.parametrize("name", ["golden.yaml", "golden.jsonl"])
def test_loader_gives_exactly_the_golden_triples(name):
    (loaded,) = load_sources([DATA / name])
    assert (loaded.source_id, loaded.issued) == ("golden-2025-05-01", "2025-05-01")
    got, expected = as_graph(loaded.triples), expected_graph()
    missing, unexpected = expected - got, got - expected
    assert not missing and not unexpected, f"missing:\n{nt(missing)}\nunexpected:\n{nt(unexpected)}"
    assert isomorphic(got, expected)
    assert len(expected) == 62  # the hand count of golden.ttl: nothing was lost in parsing it


def test_the_golden_triples_cover_every_kind_of_value():
    """The expected graph itself holds what the golden test is meant to check (so the data cannot shrink)."""
    datatypes = {o.datatype for o in expected_graph().objects() if getattr(o, "datatype", None)}
    languages = {o.language for o in expected_graph().objects() if getattr(o, "language", None)}
    assert {str(d).rsplit("#", 1)[1] for d in datatypes} == {
        "date", "gYearMonth", "gYear", "decimal", "boolean", "positiveInteger"}
    assert languages == {"en", "zh"}
