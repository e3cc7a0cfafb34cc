"""Ecosystem projects: the config file, `helixgraph init`, and commands that work on a project."""

from __future__ import annotations

from pathlib import Path

import pytest
from click.testing import CliRunner

from helixgraph.cli import cli
from helixgraph.errors import OptionError
from helixgraph.project import bundled_project, find_project, load_project, resolve_project
from helixgraph.scaffold import init_project


def write(root: Path, text: str) -> Path:
    root.mkdir(parents=True, exist_ok=True)
    (root / "helixgraph.toml").write_text(text, encoding="utf-8")
    return root


def test_bundled_project_is_the_worked_example():
    example = bundled_project()
    assert example.title == "Zhongguancun Life Science Park"
    assert [p.name for p in example.sources] == ["sources"]
    assert sorted(p.name for p in example.sources[0].iterdir()) == [
        "caixin-2025-10-01.yaml", "people-daily-2026-01-24.yaml"]


def test_a_project_reads_its_folders_relative_to_its_file(tmp_path):
    (tmp_path / "p" / "data" / "news").mkdir(parents=True)
    (tmp_path / "p" / "queries").mkdir()
    write(tmp_path / "p", '[ecosystem]\ntitle = " Kendall Square "\nsources = ["data/news"]\nas_of = "2025-06"\n'
                          '[explorer]\nmax_nodes = 120\n')
    project = load_project(tmp_path / "p")
    assert project.title == "Kendall Square"
    assert project.sources == ((tmp_path / "p" / "data" / "news").resolve(),)
    assert project.queries == ((tmp_path / "p" / "queries").resolve(),)  # the default folder, as it exists
    assert project.as_of == "2025-06" and project.explorer == {"max_nodes": 120}


def test_find_project_walks_up_from_a_subfolder(tmp_path):
    root = init_project(tmp_path / "cluster", title="Cluster")
    assert find_project(root / "sources").root == root.resolve()
    assert find_project(tmp_path) is None
    assert resolve_project(start=tmp_path).root == bundled_project().root
    assert resolve_project(root).title == "Cluster"


@pytest.mark.parametrize(("text", "message"), [
    ("[ecosystem\ntitle = 'x'", "not valid TOML"),
    ("[ecosystem]\ntitle = 3\n", "[ecosystem] title: got 3; expected a str"),
    ("[ecosystem]\ndescription = 'no title'\n", "[ecosystem] title: got None; expected the ecosystem's name"),
    ("[ecosystem]\ntitle = 'x'\ncolour = 'red'\n", "[ecosystem] colour: got 'red'; expected one of the keys"),
    ("[ecosystem]\ntitle = 'x'\nsources = 'src'\n", "[ecosystem] sources: got 'src'; expected a list"),
    ("[ecosystem]\ntitle = 'x'\nsources = ['missing']\n", "[ecosystem] sources: got 'missing'; expected a file"),
    ("[ecosystem]\ntitle = 'x'\nas_of = '2025-13'\n", "[ecosystem] as_of must be a date of the calendar"),
    ("[ecosystem]\ntitle = 'x'\n[explorer]\nmax_nodes = 'many'\n", "[explorer] max_nodes: got 'many'; expected"),
    ("[ecosystem]\ntitle = 'x'\n[views]\n", "[views]: got {}; expected the tables [ecosystem] and [explorer]"),
])
def test_bad_config_names_file_key_value_and_expectation(tmp_path, text, message):
    root = write(tmp_path / "bad", text)
    with pytest.raises(OptionError) as info:
        load_project(root)
    assert str(info.value).startswith(str(root / "helixgraph.toml") + ": ")
    assert message in str(info.value)


def test_bad_config_exits_2_without_traceback(tmp_path):
    root = write(tmp_path / "bad", "[ecosystem]\ntitle = 3\n")
    result = CliRunner().invoke(cli, ["--project", str(root), "validate"])
    assert result.exit_code == 2
    assert "title: got 3; expected a str" in result.output and "Traceback" not in result.output


def test_init_refuses_a_folder_with_a_project_and_writes_nothing(tmp_path):
    root = init_project(tmp_path / "p")
    before = sorted(p.as_posix() for p in root.rglob("*"))
    with pytest.raises(OptionError, match="a project is here already"):
        init_project(root)
    (tmp_path / "q" / "sources").mkdir(parents=True)
    (tmp_path / "q" / "sources" / "example-source.yaml").write_text("mine", encoding="utf-8")
    with pytest.raises(OptionError, match="example-source.yaml: exists already"):
        init_project(tmp_path / "q")
    assert sorted(p.as_posix() for p in root.rglob("*")) == before
    assert not (tmp_path / "q" / "helixgraph.toml").exists()
    assert (tmp_path / "q" / "sources" / "example-source.yaml").read_text(encoding="utf-8") == "mine"


def test_project_queries_join_the_library_and_may_not_take_a_shipped_name(tmp_path):
    root = init_project(tmp_path / "p")
    result = CliRunner().invoke(cli, ["--project", str(root), "query", "--list"])
    assert "spin-offs-of\n    Which companies did researchers" in result.output
    assert "entity-timeline" in result.output
    (root / "queries" / "firsts.rq").write_text("# Question: mine?\nASK {}\n", encoding="utf-8")
    clash = CliRunner().invoke(cli, ["--project", str(root), "query", "--list"])
    assert clash.exit_code == 2
    assert "firsts.rq: the query name 'firsts' is taken already (library query)" in clash.output


@pytest.mark.slow
def test_init_build_query_analyze_render_in_a_new_folder(tmp_path, monkeypatch):
    runner = CliRunner()
    assert runner.invoke(cli, ["init", str(tmp_path / "cluster"), "--title", "Test cluster"]).exit_code == 0
    monkeypatch.chdir(tmp_path / "cluster")
    built = runner.invoke(cli, ["build"])
    assert built.exit_code == 0, built.output
    assert (tmp_path / "cluster" / "out" / "latest" / "store").is_dir()
    assert "1 source(s)" in built.output
    answer = runner.invoke(cli, ["query", "spin-offs-of", "--format", "csv"])
    assert answer.exit_code == 0, answer.output
    assert answer.output.splitlines()[1:] == [
        ("https://w3id.org/helixgraph/id/example-biotech,Example Biotech,"
         "https://w3id.org/helixgraph/id/example-researcher,Example Researcher")]
    other = runner.invoke(cli, ["query", "spin-offs-of", "--param", "organisation=example-biotech"])
    assert other.exit_code == 0 and "(0 rows)" in other.output
    timeline = runner.invoke(cli, ["query", "people-and-roles", "--param", "entity=example-researcher",
                                   "--format", "csv"])
    assert [line.split(",")[2] for line in timeline.output.splitlines()[1:]] == ["co-founder", "senior researcher"]
    analysed = runner.invoke(cli, ["analyze"])
    assert analysed.exit_code == 0, analysed.output
    assert "Example Researcher" in analysed.output
    rendered = runner.invoke(cli, ["render", "--file", "page.html"])
    assert rendered.exit_code == 0, rendered.output
    page = (tmp_path / "cluster" / "page.html").read_text(encoding="utf-8")
    assert "Example Biotech" in page and "<title>Test cluster</title>" in page
    built_page = (tmp_path / "cluster" / "out" / "latest" / "ecosystem.html").read_text(encoding="utf-8")
    assert "<title>Test cluster</title>" in built_page


EXTENSION = """\
@prefix eco:  <https://w3id.org/helixgraph/ontology#> .
@prefix kx:   <https://example.org/kx#> .
@prefix owl:  <http://www.w3.org/2002/07/owl#> .
@prefix rdfs: <http://www.w3.org/2000/01/rdf-schema#> .
@prefix skos: <http://www.w3.org/2004/02/skos/core#> .
@prefix sh:   <http://www.w3.org/ns/shacl#> .
@prefix xsd:  <http://www.w3.org/2001/XMLSchema#> .

kx:Accelerator a owl:Class ; rdfs:label "accelerator"@en ;
    skos:definition "A programme that takes start-ups in cohorts."@en ;
    rdfs:subClassOf eco:IntermediaryOrganisation .
kx:cohortSize a owl:DatatypeProperty , owl:FunctionalProperty ; rdfs:label "cohort size"@en ;
    skos:definition "How many start-ups a cohort takes."@en ; rdfs:range xsd:integer .
kx:AcceleratorHasCohortSize a sh:NodeShape ; sh:targetClass kx:Accelerator ;
    sh:property [ sh:path kx:cohortSize ; sh:minCount 1 ; sh:message "an accelerator says its cohort size" ] .
"""

ACCELERATOR = """\
source: {id: notes, title: Notes, publisher: Desk, issued: 2026-01-01, language: en}
records:
  - {id: launchpad, type: Accelerator, para: 1, label: Launchpad, sector: Intermediary, cohortSize: 12}
"""


def _extended_project(root: Path) -> Path:
    init_project(root, title="Extended")
    (root / "ontology").mkdir()
    (root / "ontology" / "extension.ttl").write_text(EXTENSION, encoding="utf-8")
    config = (root / "helixgraph.toml").read_text(encoding="utf-8")
    (root / "helixgraph.toml").write_text(config.replace('queries = ["queries"]',
                                                         'queries = ["queries"]\nontology = ["ontology/extension.ttl"]'),
                                          encoding="utf-8")
    (root / "sources" / "notes.yaml").write_text(ACCELERATOR, encoding="utf-8")
    return root


def test_a_project_ontology_extension_adds_classes_fields_and_rules(tmp_path):
    from helixgraph import api
    from helixgraph.errors import ValidationError

    root = _extended_project(tmp_path / "p")
    assert load_project(root).ontology == ((root / "ontology" / "extension.ttl").resolve(),)
    runner = CliRunner()
    listed = runner.invoke(cli, ["--project", str(root), "ontology"])
    assert "Accelerator: required label, sector" in listed.output and "cohortSize: integer" in listed.output
    assert "Accelerator" not in runner.invoke(cli, ["ontology"]).output  # only inside the project
    assert api.validate(project=root) == ["example-source", "notes"]
    dataset = api.load(project=root)
    rows = list(dataset.query("SELECT ?n WHERE { ?a a <https://example.org/kx#Accelerator> ; "
                              "<https://example.org/kx#cohortSize> ?n }"))
    assert [int(n) for (n,) in rows] == [12]
    (root / "sources" / "notes.yaml").write_text(ACCELERATOR.replace(", cohortSize: 12", ""), encoding="utf-8")
    with pytest.raises(ValidationError, match="an accelerator says its cohort size"):
        api.validate(project=root)
    refused = runner.invoke(cli, ["--project", str(root), "validate"])
    assert refused.exit_code == 1 and "an accelerator says its cohort size" in refused.output


def test_an_extension_that_is_not_turtle_is_named(tmp_path):
    root = _extended_project(tmp_path / "p")
    (root / "ontology" / "extension.ttl").write_text("kx:Accelerator a", encoding="utf-8")
    result = CliRunner().invoke(cli, ["--project", str(root), "validate"])
    assert result.exit_code == 2
    assert "extension.ttl: the project's ontology extension is not valid Turtle" in result.output
