"""The built store on disk and its in-memory copy."""

from __future__ import annotations

import shutil

import pyoxigraph as ox
import pytest

import helixgraph as hg
from helixgraph.errors import StoreError
from helixgraph.graph.store import copy_graphs, memory_store, open_store
from helixgraph.ontology.prefixes import ONTOLOGY_GRAPH
from helixgraph.pipeline.analysis_graph import ANALYSIS_GRAPH


def _quads(store: ox.Store) -> tuple[int, set[str]]:
    """How many quads, and those without blank nodes (which a copy renames)."""
    quads = list(store)
    named = {str(q) for q in quads if not any(isinstance(t, ox.BlankNode) for t in (q.subject, q.object))}
    return len(quads), named


def test_in_memory_copy_holds_every_quad_of_the_store(built, store):
    copy = open_store(built, in_memory=True)
    count, named = _quads(copy)
    assert (count, named) == _quads(store)
    assert count > len(named) > 0
    graphs = {g.value for g in copy.named_graphs()}
    assert {str(ONTOLOGY_GRAPH), ANALYSIS_GRAPH} <= graphs


def test_queries_answer_the_same_from_memory(built):
    copy = open_store(built, in_memory=True)
    for name in ("cq01", "cq18", "cq29"):
        from_disk = hg.query(name, out=built)
        from_memory = hg.query(name, store=copy)
        assert from_memory.rows == from_disk.rows, name
        assert len(from_memory.rows) > 0, name


def test_changes_to_the_copy_are_not_saved(built):
    copy = open_store(built, in_memory=True)
    marker = ox.Quad(ox.NamedNode("urn:test:s"), ox.NamedNode("urn:test:p"), ox.Literal("only in memory"))
    copy.add(marker)
    assert marker in copy
    assert marker not in open_store(built)
    assert marker not in open_store(built, in_memory=True)


def test_a_missing_store_is_a_clear_error(tmp_path):
    with pytest.raises(StoreError, match="no built store at .*helixgraph build"):
        open_store(tmp_path / "nowhere", in_memory=True)


def test_a_trig_short_of_the_reported_quads_is_not_trusted(built, store, tmp_path):
    from helixgraph.generations import resolve_output

    shutil.copytree(resolve_output(built), tmp_path / "out")
    trig = tmp_path / "out" / "ecosystem.trig"
    whole = ox.Store()
    whole.load(trig.read_bytes(), ox.RdfFormat.TRIG)
    assert len(whole) == len(store)
    graph = next(iter(whole.named_graphs()))
    whole.remove_graph(graph)  # the file now lacks one graph: the copy must come from the store instead
    trig.write_bytes(whole.dump(format=ox.RdfFormat.TRIG))
    copy = open_store(tmp_path / "out", in_memory=True)
    assert _quads(copy) == _quads(store)
    assert copy.contains_named_graph(graph)


@pytest.mark.parametrize("chunk_bytes", [1, 40, 1 << 20])
def test_graphs_are_copied_whole_whatever_the_chunk_size(tmp_path, chunk_bytes):
    lines = [f'<urn:s{i}> <urn:p> "line {i}\\nand more" <urn:g> .\n' for i in range(50)]
    lines += ['<urn:s> <urn:p> "other" <urn:h> .\n']
    source = memory_store("".join(lines).encode("utf-8"))
    target = ox.Store(str(tmp_path / "store"))
    copy_graphs(source, target, [ox.NamedNode("urn:g")], chunk_bytes=chunk_bytes)
    assert set(target) == {q for q in source if q.graph_name.value == "urn:g"}
    assert len(target) == 50 and {q.object.value for q in target} == {f"line {i}\nand more" for i in range(50)}
