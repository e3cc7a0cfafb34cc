"""The main job: outputs, summary, SHACL failures, atomic writes, and the thin CLI over it."""

from __future__ import annotations

import json
import subprocess
import sys

import pytest
from click.testing import CliRunner
from rdflib import Dataset, Graph

from helixgraph.cli import cli
from helixgraph.errors import LoadError, ValidationError
from helixgraph.generations import current_generation
from helixgraph.pipeline import build


def _files(out):
    """Every file a reader of ``out`` can reach, by path under ``out``, with its bytes (the store's too)."""
    return {str(p.relative_to(out)): p.read_bytes() for p in sorted(out.rglob("*"))
            if p.is_file() and p.name != ".lock"}


def test_build_writes_every_output(built):
    current = current_generation(built)
    assert current is not None and current.parent == built / "generations"
    for name in ("ecosystem.trig", "ecosystem.ttl", "ecosystem.jsonld", "build-report.json", "centrality.csv"):
        assert (current / name).stat().st_size > 0
        assert (built / "latest" / name).read_bytes() == (current / name).read_bytes()
    assert (current / "store").is_dir()
    assert [p.name for p in (built / "generations").iterdir()] == [current.name], "scratch folder left behind"


def test_trig_has_a_named_graph_per_source_plus_ontology(built):
    ds = Dataset()
    ds.parse(current_generation(built) / "ecosystem.trig", format="trig")
    names = {str(g.identifier) for g in ds.graphs() if len(g)}
    assert names == {
        "https://w3id.org/helixgraph/source/caixin-2025-10-01",
        "https://w3id.org/helixgraph/source/people-daily-2026-01-24",
        "https://w3id.org/helixgraph/graph/ontology",
        "https://w3id.org/helixgraph/graph/analysis",
    }


def test_turtle_and_jsonld_hold_the_same_triples(built):
    folder = current_generation(built)
    ttl = Graph().parse(folder / "ecosystem.ttl", format="turtle")
    jsonld = Dataset().parse(folder / "ecosystem.jsonld", format="json-ld")
    report = json.loads((folder / "build-report.json").read_text(encoding="utf-8"))
    total = sum(report["triples_per_graph"].values())
    assert len(ttl) == total
    assert len(jsonld) == total


def test_report_counts(built):
    report = json.loads((current_generation(built) / "build-report.json").read_text(encoding="utf-8"))
    assert report["entities_per_class"]["Statistic"] == 13
    assert report["entities_per_class"]["RegulatoryEvent"] == 5
    assert report["violations"] == []
    assert report["triples_per_graph"]["https://w3id.org/helixgraph/source/people-daily-2026-01-24"] == 83


def test_source_provenance_is_described(store):
    from helixgraph.graph.query import query_store

    r = query_store(store, """SELECT ?publisher ?issued ?mt ?lang WHERE {
        GRAPH src:caixin-2025-10-01 { src:caixin-2025-10-01 dcterms:publisher ?publisher ;
          dcterms:issued ?issued ; eco:isMachineTranslation ?mt ; eco:originalLanguage ?lang } }""")
    assert r.rows == [("Caixin Global", "2025-10-01", True, "zh")]


def _break_a_shape(folder):
    path = folder / "caixin-2025-10-01.yaml"
    text = path.read_text(encoding="utf-8")
    # "over 1,000" is a lower bound: dropping minValue leaves a statistic with no number at all
    path.write_text(text.replace("    minValue: 1000\n", ""), encoding="utf-8")


def test_shacl_violations_fail_the_build_readably(sources_copy, tmp_path):
    _break_a_shape(sources_copy)
    with pytest.raises(ValidationError) as info:
        build([sources_copy], tmp_path / "out")
    text = str(info.value)
    assert "park-innovative-pharma-companies" in text
    assert "gives neither eco:value nor eco:minValue nor eco:maxValue" in text
    assert "the approximation qualifier" in text and "eco:minValue" in text
    assert current_generation(tmp_path / "out") is None
    assert list((tmp_path / "out" / "generations").iterdir()) == []


def test_failed_build_leaves_previous_outputs_intact(sources_copy, tmp_path):
    out = tmp_path / "out"
    build([sources_copy], out)
    before = _files(out)
    (sources_copy / "caixin-2025-10-01.yaml").write_text("source: [", encoding="utf-8")
    with pytest.raises(LoadError):
        build([sources_copy], out)
    assert _files(out) == before
    assert list((out / "generations").iterdir()) == [current_generation(out)]


def test_failing_step_leaves_previous_outputs_intact(sources_copy, tmp_path):
    out = tmp_path / "out"
    build([sources_copy], out)
    before = _files(out)

    def exploding_step(store, folder, report):
        (folder / "half-written.csv").write_text("x", encoding="utf-8")
        raise KeyboardInterrupt

    with pytest.raises(KeyboardInterrupt):
        build([sources_copy], out, steps=[exploding_step])
    assert _files(out) == before
    assert list((out / "generations").iterdir()) == [current_generation(out)]


def test_cli_build_exit_codes(sources_copy, tmp_path):
    runner = CliRunner()
    ok = runner.invoke(cli, ["build", "--sources", str(sources_copy), "--out", str(tmp_path / "o"),
                             "--no-analysis", "--no-render"])
    assert ok.exit_code == 0, ok.output
    assert "SHACL validation: conforms, 0 violations" in ok.output
    assert "Statistic" in ok.output
    _break_a_shape(sources_copy)
    bad = runner.invoke(cli, ["build", "--sources", str(sources_copy), "--out", str(tmp_path / "o2"), "--no-analysis", "--no-render"])
    assert bad.exit_code == 1
    assert "SHACL violation" in bad.output
    (sources_copy / "caixin-2025-10-01.yaml").write_text("records: []\n", encoding="utf-8")
    broken = runner.invoke(cli, ["validate", "--sources", str(sources_copy)])
    assert broken.exit_code == 2
    assert "missing top-level key 'source'" in broken.output


def test_cli_query_formats(built):
    runner = CliRunner()
    table = runner.invoke(cli, ["query", "cq19", "--out", str(built)])
    assert table.exit_code == 0 and "hx:libevitug" in table.output and "(1 row)" in table.output
    csv_out = runner.invoke(cli, ["query", "cq19", "--out", str(built), "--format", "csv"])
    assert csv_out.output.splitlines() == ["product,label", "https://w3id.org/helixgraph/id/libevitug,Libeiweita"]
    js = json.loads(runner.invoke(cli, ["query", "cq19", "--out", str(built), "--format", "json"]).output)
    assert js["results"]["bindings"][0]["label"] == {"type": "literal", "value": "Libeiweita", "xml:lang": "en"}
    listing = runner.invoke(cli, ["query", "--list"])
    assert "cq18-libevitug-timeline" in listing.output and "regulatory events in order" in listing.output


def test_cli_query_errors(built, tmp_path):
    runner = CliRunner()
    typo = runner.invoke(cli, ["query", "cq99-nothing", "--out", str(built)])
    assert typo.exit_code == 2 and "no named query" in typo.output
    syntax = runner.invoke(cli, ["query", "SELECT ?x WHERE { ?x", "--out", str(built)])
    assert syntax.exit_code == 2 and "SPARQL syntax error" in syntax.output
    missing = runner.invoke(cli, ["query", "cq01", "--out", str(tmp_path / "none")])
    assert missing.exit_code == 2 and "run `helixgraph build` first" in missing.output


def test_query_api_returns_dataframe(built):
    import helixgraph as hg

    df = hg.query("cq27", out=built).to_dataframe()
    assert list(df.columns) == ["qualifier", "statistics", "wordings"]
    assert df.set_index("qualifier")["statistics"].to_dict() == {"about": 1, "exact": 5, "more than": 3, "nearly": 4}


def test_console_script_runs():
    done = subprocess.run([sys.executable, "-m", "helixgraph", "--help"], capture_output=True, text=True, check=True)
    assert "build" in done.stdout and "query" in done.stdout
