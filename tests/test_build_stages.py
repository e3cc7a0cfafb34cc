"""A build's stages: timed and reported, shown only when asked, one projection for analysis and explorer,
library warnings logged rather than shown, formats chosen, and a session copy of the store."""

from __future__ import annotations

import gc
import importlib
import io
import json
import logging
import time
import warnings
import weakref

import pyoxigraph as ox
import pytest
from click.testing import CliRunner

from helixgraph.cli import cli
from helixgraph.graph.store import open_store, store_path
from helixgraph.ontology.vocabulary import load_vocabulary
from helixgraph.pipeline import analysis_step, build
from helixgraph.pipeline.build import load_store
from helixgraph.pipeline.connection import runner
from helixgraph.pipeline.projection_share import take_projection
from helixgraph.pipeline.render_step import explorer_network
from helixgraph.pipeline.report import BuildReport
from helixgraph.progress import display


def test_explorer_on_the_shared_projection_equals_a_fresh_one(tmp_path):
    store = load_store()
    analysis_step(store, tmp_path, BuildReport(out=tmp_path))
    shared = take_projection(store)
    assert shared is not None and shared.number_of_nodes() > 20
    fresh = explorer_network(runner(store=store))
    drawn = explorer_network(runner(store=store), projection=shared)
    assert dict(drawn.nodes(data=True)) == dict(fresh.nodes(data=True))
    assert sorted(map(repr, drawn.edges(keys=True, data=True))) == sorted(map(repr, fresh.edges(keys=True, data=True)))
    assert "betweenness" in drawn.nodes["https://w3id.org/helixgraph/id/huahui-health"]
    read = explorer_network(runner(store=store), store=store)  # the measures read graph by graph, not queried
    assert dict(read.nodes(data=True)) == dict(fresh.nodes(data=True))
    measures = {name for _, data in read.nodes(data=True) for name in data if name in load_vocabulary().measure_columns}
    assert {"betweenness", "degree", "community"} <= measures


def _warning_step(store: ox.Store, folder, report) -> list[str]:
    warnings.warn("eigenvector centralities are not unique", RuntimeWarning, stacklevel=1)
    return []


def test_build_stages_are_reported_and_shown_when_asked(tmp_path, caplog):
    shown = io.StringIO()
    with warnings.catch_warnings():
        warnings.simplefilter("error")  # a warning reaching the caller fails the test
        with display(stream=shown), caplog.at_level(logging.INFO, logger="helixgraph"):
            report = build(out=tmp_path / "out", steps=[_warning_step], formats=["trig"])
    assert list(report.stages) == ["reading sources", "indexing in memory", "validating", "_warning_step",
                                   "writing serialisations", "finishing the on-disk store"]
    lines = shown.getvalue().splitlines()
    assert lines[0] == "reading sources ..." and lines[-1].startswith("finishing the on-disk store: ")
    assert any("eigenvector centralities are not unique (RuntimeWarning)" in r.getMessage() for r in caplog.records)
    written = json.loads((tmp_path / "out" / "latest" / "build-report.json").read_text(encoding="utf-8"))
    assert written["stages"] == report.stages
    assert written["files"] == ["ecosystem.trig", "store", "build-report.json"]
    assert not (tmp_path / "out" / "latest" / "ecosystem.jsonld").exists()


def _named(store: ox.Store) -> set:
    """The quads without blank nodes (which a parse labels afresh), and how many quads there are."""
    return {q for q in store if not isinstance(q.subject, ox.BlankNode) and not isinstance(q.object, ox.BlankNode)}


def test_session_copy_holds_the_store(built):
    copy = open_store(built, in_memory=True)
    on_disk = ox.Store.read_only(str(store_path(built)))
    assert len(copy) == len(on_disk) and _named(copy) == _named(on_disk)
    assert ox.NamedNode("https://w3id.org/helixgraph/graph/analysis") in set(copy.named_graphs())


def test_session_copy_falls_back_to_the_store_when_the_trig_disagrees(tmp_path):
    out = tmp_path / "out"
    build(out=out, formats=["trig"])
    trig = out / "latest" / "ecosystem.trig"
    trig.write_text("<urn:s> <urn:p> <urn:o> .\n", encoding="utf-8")
    copy = open_store(out, in_memory=True)
    on_disk = ox.Store.read_only(str(store_path(out)))
    assert len(copy) == len(on_disk) > 100 and _named(copy) == _named(on_disk)


@pytest.mark.parametrize("flag", ["--quiet", None])
def test_cli_shows_no_progress_off_a_terminal(tmp_path, flag):
    args = ["build", "--out", str(tmp_path / "out"), "--no-analysis", "--no-render", "--formats", "ttl"]
    result = CliRunner().invoke(cli, args + ([flag] if flag else []))
    assert result.exit_code == 0, result.output
    assert "reading sources" not in result.stderr
    assert "ecosystem.ttl" in result.stdout and "ecosystem.trig" not in result.stdout


def test_cli_verbose_logs_the_stages(tmp_path):
    result = CliRunner().invoke(cli, ["build", "--out", str(tmp_path / "out"), "--no-analysis", "--no-render",
                                      "--formats", "none", "--verbose"])
    assert result.exit_code == 0, result.output
    assert "validating: " in result.stderr and " s" in result.stderr


def test_cli_rejects_an_unknown_format(tmp_path):
    result = CliRunner().invoke(cli, ["build", "--out", str(tmp_path / "out"), "--formats", "trig,xml"])
    assert result.exit_code == 2
    assert "unknown format 'xml' in --formats" in result.stderr
    assert not (tmp_path / "out").exists() or not (tmp_path / "out" / "latest").exists()



def test_measures_are_written_node_by_node(tmp_path):
    from itertools import groupby

    from helixgraph.pipeline.analysis_graph import measure_nquads
    from helixgraph.pipeline.analysis_step import analyze

    result = analyze(runner(store=load_store()))
    subjects = [line.split(" ", 1)[0] for line in measure_nquads(result).decode("utf-8").splitlines()]
    assert len([node for node, _ in groupby(subjects)]) == len(set(subjects)) == len(result.table)
    assert {s.strip("<>") for s in subjects} == set(result.table["iri"])


def _analysis_free(store: ox.Store) -> set:
    """The named quads of every graph but the analysis runs' (whose run records carry times)."""
    return {q for q in _named(store) if not q.graph_name.value.startswith("https://w3id.org/helixgraph/graph/analysis")}


def test_data_above_the_memory_copy_limit_is_worked_on_disk_with_the_same_outputs(tmp_path):
    in_memory = build(out=tmp_path / "memory", steps=[analysis_step], formats=["trig"])
    on_disk = build(out=tmp_path / "disk", steps=[analysis_step], formats=["trig"], memory_copy_limit=100)
    assert "indexing in memory" in in_memory.stages and "indexing in memory" not in on_disk.stages
    assert "indexing on disk" in on_disk.stages
    note = next(n for n in on_disk.notes if "in-memory copy's limit (100)" in n)
    assert note.startswith("The sources hold ") and not any("in-memory copy" in n for n in in_memory.notes)
    assert on_disk.triples_per_graph == in_memory.triples_per_graph
    stores = [ox.Store.read_only(str(store_path(tmp_path / name))) for name in ("memory", "disk")]
    assert len(stores[0]) == len(stores[1]) > 1000
    assert _analysis_free(stores[0]) == _analysis_free(stores[1])
    measures = [(tmp_path / name / "latest" / "centrality.csv").read_text(encoding="utf-8") for name in ("memory", "disk")]
    assert measures[0] == measures[1] and measures[0].count("\n") > 20
    trig = [ox.Store() for _ in range(2)]
    for name, copy in zip(("memory", "disk"), trig, strict=True):
        copy.bulk_load(path=str(tmp_path / name / "latest" / "ecosystem.trig"), format=ox.RdfFormat.TRIG)
    assert len(trig[0]) == len(trig[1]) == len(stores[0])


@pytest.mark.slow
def test_cli_timeline_choice_is_kept_by_a_later_analysis(tmp_path):
    from helixgraph.generations import resolve_output
    from helixgraph.views.pages.site import read_manifest

    out = tmp_path / "out"
    result = CliRunner().invoke(cli, ["build", "--out", str(out), "--no-timeline", "--formats", "none"])
    assert result.exit_code == 0, result.output
    assert read_manifest(resolve_output(out) / "pages")["timeline"] is False
    explorer = (resolve_output(out) / "ecosystem.html").read_text(encoding="utf-8")
    assert '"timeline"' not in explorer and "date slider" not in result.output
    result = CliRunner().invoke(cli, ["analyze", "--out", str(out), "--as-of", "2025-12-31"])
    assert result.exit_code == 0, result.output
    assert read_manifest(resolve_output(out) / "pages")["timeline"] is False
    assert '"timeline"' not in (resolve_output(out) / "ecosystem.html").read_text(encoding="utf-8")

    result = CliRunner().invoke(cli, ["build", "--out", str(out), "--formats", "none"])
    assert result.exit_code == 0, result.output
    assert read_manifest(resolve_output(out) / "pages")["timeline"] is True
    assert '"timeline"' in (resolve_output(out) / "ecosystem.html").read_text(encoding="utf-8")


def _wait_for(path, seconds: float = 120) -> bool:
    deadline = time.monotonic() + seconds
    while not path.exists() and time.monotonic() < deadline:
        time.sleep(0.01)
    return path.exists()


def test_serialisations_are_written_beside_steps_that_only_read(tmp_path):
    seen = {}

    def adding(store, folder, report):
        seen["before adding"] = (folder / "ecosystem.ttl").exists()
        store.add(ox.Quad(ox.NamedNode("urn:s"), ox.NamedNode("urn:p"), ox.Literal("o"), ox.NamedNode("urn:added")))
        return []

    def reading(store, folder, report):
        seen["while reading"] = _wait_for(folder / "ecosystem.ttl")  # written while this step runs
        return []

    reading.reads_only = True
    report = build(out=tmp_path / "out", steps=[adding, reading])
    assert seen == {"before adding": False, "while reading": True}
    assert report.triples_per_graph["urn:added"] == 1  # the serialisations have the step's graph
    trig = ox.parse(path=str(report.out / "latest" / "ecosystem.trig"), format=ox.RdfFormat.TRIG)
    assert any(quad.graph_name == ox.NamedNode("urn:added") for quad in trig)


def test_a_step_that_only_reads_may_not_add_a_graph(tmp_path):
    def sneaky(store, folder, report):
        store.add(ox.Quad(ox.NamedNode("urn:s"), ox.NamedNode("urn:p"), ox.Literal("o"), ox.NamedNode("urn:late")))
        return []

    sneaky.reads_only = True
    with pytest.raises(RuntimeError, match="reads_only added a graph"):
        build(out=tmp_path / "out", steps=[sneaky])
    assert not (tmp_path / "out" / "latest").exists()  # nothing half-written


class _Cycle:
    """An object that refers to itself: only the cyclic collector frees it."""

    def __init__(self) -> None:
        self.me = self


def _cycle_steps(seen: dict) -> list:
    def first(store, folder, report):
        seen["threshold"] = gc.get_threshold()[0]
        cycle = _Cycle()
        seen["cycle"] = weakref.ref(cycle)
        return []

    def second(store, folder, report):
        seen["freed before the next step"] = seen["cycle"]() is None
        return []

    return [first, second]


def test_steps_on_large_data_run_with_the_collector_relaxed_and_their_cycles_freed_between_steps(tmp_path, monkeypatch):
    gc_pause = importlib.import_module("helixgraph.gc_pause")
    build_module = importlib.import_module("helixgraph.pipeline.build")  # the package's name is the function
    monkeypatch.setattr(build_module, "RELAXED_FROM", 0)  # the bundled data counts as large
    monkeypatch.setattr(gc_pause, "RELAXED_THRESHOLD", 10**9)  # no collection but the build's own
    before, seen = gc.get_threshold(), {}
    build(out=tmp_path / "out", steps=_cycle_steps(seen), formats=["trig"])
    assert seen["threshold"] == 10**9
    assert seen["freed before the next step"] is True
    assert gc.get_threshold() == before


def test_steps_on_small_data_keep_the_collector_as_it_was(tmp_path):
    seen = {}
    build(out=tmp_path / "out", steps=_cycle_steps(seen), formats=["trig"])
    assert seen["threshold"] == gc.get_threshold()[0]
