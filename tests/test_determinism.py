"""Two builds of the bundled dataset in separate processes, with different hash seeds, agree exactly.

Python salts the hashes of strings per process, so any result that follows the iteration order of
a set or a dict keyed by hashes (a tie in a ranking, a community's number, a sample of pivots)
changes from one process to the next. The builds here run with the analysis step in two
interpreters whose ``PYTHONHASHSEED`` differs, and everything they write must match, save the one
quad that records when the analysis ran: ``<hxg:analysis> prov:endedAtTime ?when`` in the analysis graph.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pyoxigraph as ox
import pytest
from rdflib import Dataset
from rdflib.compare import to_canonical_graph
from rdflib.namespace import PROV

from helixgraph.ontology.prefixes import GRAPH_NS

ANALYSIS_GRAPH = GRAPH_NS["analysis"]
#: The analysis run's timestamp: the only statement allowed to differ between two builds.
TIMESTAMP = (ANALYSIS_GRAPH, PROV.endedAtTime)
HASH_SEEDS = ("1", "2718")
#: rdflib's own TriG and N-Quads parsers use its deprecated ConjunctiveGraph API.
pytestmark = pytest.mark.filterwarnings(r"ignore:.*is deprecated:DeprecationWarning:rdflib\..*")


@pytest.fixture(scope="module")
def two_builds(tmp_path_factory) -> list[Path]:
    """Output folders of ``helixgraph build --no-render`` run at once under each hash seed."""
    root = tmp_path_factory.mktemp("determinism")
    outs, runs = [], []
    for seed in HASH_SEEDS:
        out = root / f"hash-seed-{seed}"
        command = [sys.executable, "-m", "helixgraph", "build", "--out", str(out), "--no-render"]
        runs.append(subprocess.Popen(command, env={**os.environ, "PYTHONHASHSEED": seed}, text=True,
                                     stdout=subprocess.PIPE, stderr=subprocess.STDOUT))
        outs.append(out)
    for run in runs:
        output, _ = run.communicate(timeout=600)
        assert run.returncode == 0, output
    return outs


def canonical_nquads(dataset: Dataset) -> tuple[list[str], list[str]]:
    """Every quad as a sorted N-Quads line, blank nodes named by their content; and the timestamp lines.

    The ontology's OWL restrictions and lists are blank nodes, whose labels a parser picks at random:
    each graph is canonicalised (rdflib's RDF graph canonicalisation) before it is written out.
    """
    lines, timestamps = [], []
    for graph in dataset.graphs():
        name = graph.identifier.n3()
        for s, p, o in to_canonical_graph(graph):
            line = f"{s.n3()} {p.n3()} {o.n3()} {name} ."
            (timestamps if (graph.identifier, s, p) == (ANALYSIS_GRAPH, *TIMESTAMP) else lines).append(line)
    return sorted(lines), timestamps


def trig_quads(out: Path) -> tuple[list[str], list[str]]:
    return canonical_nquads(Dataset().parse(out / "latest" / "ecosystem.trig", format="trig"))


def store_quads(out: Path) -> tuple[list[str], list[str]]:
    dump = ox.Store.read_only(str(out / "latest" / "store")).dump(format=ox.RdfFormat.N_QUADS)
    return canonical_nquads(Dataset().parse(data=dump.decode("utf-8"), format="nquads"))


def test_centrality_tables_are_identical(two_builds):
    first, second = ((out / "latest" / "centrality.csv").read_bytes() for out in two_builds)
    assert first == second
    assert first.count(b"\n") > 20  # a row per node of the bundled network, and a header


@pytest.mark.parametrize("read", [trig_quads, store_quads], ids=["trig", "store"])
def test_datasets_are_identical_but_for_the_analysis_timestamp(two_builds, read):
    (first, first_time), (second, second_time) = (read(out) for out in two_builds)
    assert len(first_time) == len(second_time) == 1  # exactly the one quad set aside, in each build
    assert first == second
    # every quad the build reports writing is there: the sources, the ontology and the analysis
    report = json.loads((two_builds[0] / "latest" / "build-report.json").read_text(encoding="utf-8"))
    assert len(first) + 1 == sum(report["triples_per_graph"].values())
    assert any(str(ANALYSIS_GRAPH) in line and "betweenness" in line for line in first)


def test_the_store_holds_what_the_trig_holds(two_builds):
    assert store_quads(two_builds[0])[0] == trig_quads(two_builds[0])[0]


def test_canonical_form_tells_different_datasets_apart():
    a = Dataset().parse(data='<urn:s> <urn:p> _:x <urn:g> .\n_:x <urn:q> "1" <urn:g> .\n', format="nquads")
    b = Dataset().parse(data='<urn:s> <urn:p> _:y <urn:g> .\n_:y <urn:q> "1" <urn:g> .\n', format="nquads")
    c = Dataset().parse(data='<urn:s> <urn:p> _:x <urn:g> .\n_:x <urn:q> "2" <urn:g> .\n', format="nquads")
    assert canonical_nquads(a) == canonical_nquads(b) != canonical_nquads(c)
