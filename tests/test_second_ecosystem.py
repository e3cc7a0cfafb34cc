"""A second, non-Chinese ecosystem (tests/projects/kendall-square) with no code change: it validates,
answers the library's questions, and builds together with the worked example, sharing entities."""

from __future__ import annotations

from decimal import Decimal
from pathlib import Path

import pytest

from helixgraph import api
from helixgraph.analysis.projection import project
from helixgraph.errors import LoadError, LoadErrors
from helixgraph.graph.query import query_store
from helixgraph.loaders import load_sources
from helixgraph.pipeline import load_store
from helixgraph.project import bundled_project, load_project

KENDALL = load_project(Path(__file__).parent / "projects" / "kendall-square")
HX = "https://w3id.org/helixgraph/id/"
NOTES = "https://w3id.org/helixgraph/source/kendall-notes-2026"
IDS = "https://w3id.org/helixgraph/source/kendall-identifiers-2026"


@pytest.fixture(scope="module")
def kendall():
    return load_store(KENDALL.sources)


@pytest.fixture(scope="module")
def both():
    return load_store([*bundled_project().sources, *KENDALL.sources])


def ask(store, name, *columns, **params):
    result = api.query(name, store=store, project=KENDALL, **params)
    return [tuple(_short(row[result.variables.index(c)]) for c in columns) for row in result.rows]


def _short(value):
    return value.removeprefix(HX) if isinstance(value, str) else value


def test_it_validates_alone_and_with_the_worked_example():
    assert api.validate(project=KENDALL) == ["kendall-identifiers-2026", "kendall-notes-2026"]
    assert api.validate([*bundled_project().sources, *KENDALL.sources]) == [
        "caixin-2025-10-01", "people-daily-2026-01-24", "kendall-identifiers-2026", "kendall-notes-2026"]


def test_library_questions_answer_with_exact_rows(kendall):
    assert ask(kendall, "cluster-actors", "actor", "type", place="kendall-square") == [
        ("broad-institute", "research institute"), ("mit", "university"),
        ("whitehead-institute", "research institute"), ("labcentral", "incubator")]
    assert ask(kendall, "entity-timeline", "event", "eventType", "date", "source", entity="mrna-1273") == [
        ("mrna-1273-eua", "emergency use authorisation", "2020-12-18", NOTES),
        ("mrna-1273-eu-conditional", "conditional marketing approval", "2021-01-06", NOTES),
        ("mrna-1273-bla-approval", "full marketing approval", "2022-01-31", NOTES)]
    assert ask(kendall, "people-and-roles", "other", "roleLabel", entity="moderna") == [
        ("noubar-afeyan", "co-founder"), ("robert-langer", "co-founder"),
        ("stephane-bancel", "chief executive officer")]  # a role the project adds as a concept record
    assert ask(kendall, "product-milestones", "milestone", "jurisdiction", "date") == [
        ("clinical trial", None, None),
        ("emergency use authorisation", "United States", "2020-12-18"),
        ("conditional marketing approval", "European Union", "2021-01-06"),
        ("full marketing approval", "United States", "2022-01-31")]
    assert ask(kendall, "forecasts-as-of", "forecast", as_of="2026-01-31") == []  # the notes make none
    assert ask(kendall, "firsts", "product") == []  # nor claim a first


def test_external_identifiers_come_with_their_source(kendall):
    assert ask(kendall, "external-identifiers", "entity", "scheme", "identifier", "source") == [
        ("cove-trial", "ClinicalTrials.gov identifier", "NCT04470427", IDS),
        ("harvard", "Wikidata item", "Q13371", IDS),
        ("mit", "ROR identifier", "042nb2s44", IDS),
        ("mit", "Wikidata item", "Q49108", IDS)]
    assert ask(kendall, "external-identifiers", "identifier", entity="harvard") == [("Q13371",)]


def test_approvals_follow_broader_across_jurisdictions(both):
    rows = ask(both, "approvals", "product", "kind", "regulator")
    assert rows == [("mrna-1273", "emergency use authorisation", "fda"),
                    ("mrna-1273", "conditional marketing approval", "ema"),
                    ("mrna-1273", "full marketing approval", "fda"),
                    ("libevitug", "conditional marketing approval", "nmpa")]


def test_a_rate_in_percent_needs_no_denominator_and_funding_is_a_tie(kendall):
    rows = query_store(kendall, "SELECT ?v ?share WHERE { hx:cove-efficacy eco:value ?v ; eco:isShare ?share }").rows
    assert rows == [(Decimal("94.1"), False)]
    G = project(lambda text: query_store(kendall, text))
    [tie] = G[HX + "barda"][HX + "moderna"].values()
    assert (tie["layer"], tie["date"]) == ("CollaborationLayer", "2020-04")


def test_shared_entities_are_one_node_with_both_ecosystems_ties(both):
    G = project(lambda text: query_store(both, text))
    fda = HX + "fda"
    assert sorted(G.nodes[n]["label"] for n in G.predecessors(fda)) == ["Libeiweita", "mRNA-1273"]
    graphs = query_store(both, "SELECT DISTINCT ?g WHERE { GRAPH ?g { hx:fda a eco:Regulator } } ORDER BY ?g").rows
    assert [g for (g,) in graphs] == ["https://w3id.org/helixgraph/source/caixin-2025-10-01", NOTES]


def _source(source_id, records):
    return f"source: {{id: {source_id}, title: T, publisher: P, issued: 2026-01-01, language: en}}\nrecords:\n{records}"


def test_an_id_two_sources_define_as_different_classes_is_refused(tmp_path):
    (tmp_path / "a.yaml").write_text(_source("a", "  - {id: acme, type: Company, para: 1, label: Acme, "
                                                  "sector: Industry}\n"), encoding="utf-8")
    (tmp_path / "b.yaml").write_text(_source("b", "  - {id: acme, type: Hospital, para: 1, label: Acme, "
                                                  "sector: Healthcare}\n"), encoding="utf-8")
    with pytest.raises((LoadError, LoadErrors)) as info:
        load_sources([tmp_path])
    message = str(info.value)
    assert "b.yaml" in message and "also defined at" in message and "a.yaml:3 as a Company" in message


def test_same_as_folds_two_local_ids_into_one_node(tmp_path):
    (tmp_path / "a.yaml").write_text(_source("a", (
        "  - {id: us-fda, type: Regulator, para: 1, label: FDA, sector: Government}\n"
        "  - {id: drug-a, type: Drug, para: 1, label: Drug A}\n"
        "  - {id: us, type: AdministrativeArea, para: 1, label: US}\n"
        "  - {id: ev-a, type: RegulatoryEvent, para: 1, eventType: FullApproval, subject: drug-a, regulator: us-fda,"
        " jurisdiction: us}\n")), encoding="utf-8")
    (tmp_path / "b.yaml").write_text(_source("b", (
        "  - {id: fda-agency, type: Regulator, para: 1, label: Food and Drug Administration, sector: Government,"
        " sameAs: us-fda}\n"
        "  - {id: drug-b, type: Drug, para: 1, label: Drug B}\n"
        "  - {id: ev-b, type: RegulatoryEvent, para: 1, eventType: FullApproval, subject: drug-b,"
        " regulator: fda-agency, jurisdiction: us}\n")), encoding="utf-8")
    store = load_store([tmp_path])
    G = project(lambda text: query_store(store, text))
    assert HX + "us-fda" not in G
    node = G.nodes[HX + "fda-agency"]
    assert node["same_as"] == [HX + "us-fda"]
    assert node["labels"] == ["FDA", "Food and Drug Administration"]
    assert sorted(G.predecessors(HX + "fda-agency")) == [HX + "drug-a", HX + "drug-b"]


def test_identifier_formats_are_checked_with_the_value_and_an_example(tmp_path):
    (tmp_path / "a.yaml").write_text(_source("a", (
        "  - {id: lab, type: ResearchInstitute, para: 1, label: Lab, sector: AcademiaResearch, rorId: 42}\n"
        "  - {id: someone, type: Person, para: 1, label: Someone, orcid: 0000-0002-1825-009}\n"
        "  - {id: grant, type: Funding, para: 1, funder: lab, recipient: lab, amount: 10, currency: usd}\n")),
        encoding="utf-8")
    with pytest.raises(LoadErrors) as info:
        load_sources([tmp_path])
    found = {(e.record, e.field, e.value): str(e) for e in info.value.errors}
    assert set(found) == {("lab", "rorId", 42), ("someone", "orcid", "0000-0002-1825-009"),
                          ("grant", "currency", "usd")}
    assert "such as '0000-0002-1825-0097'" in found[("someone", "orcid", "0000-0002-1825-009")]
    assert "[A-Z]{3}" in found[("grant", "currency", "usd")]


def test_concept_ids_are_camel_case_and_entity_ids_are_not(tmp_path):
    (tmp_path / "a.yaml").write_text(_source("a", (
        "  - {id: gene-editing, type: TechnologyField, para: 1, label: gene editing}\n"
        "  - {id: AcmeBio, type: Company, para: 1, label: Acme, sector: Industry}\n"
        "  - {id: Hepatology, type: TechnologyField, para: 1, label: liver}\n")), encoding="utf-8")
    with pytest.raises(LoadErrors) as info:
        load_sources([tmp_path])
    messages = {e.record: str(e) for e in info.value.errors}
    assert "expected a CamelCase id such as 'GeneEditing'" in messages["gene-editing"]
    assert "CamelCase ids are for concepts" in messages["AcmeBio"]
    assert "the ontology has a concept of this id already" in messages["Hepatology"]


def test_the_explorer_is_headed_by_the_project_in_effect(kendall, tmp_path, monkeypatch):
    from helixgraph.pipeline.render_step import render_store

    monkeypatch.chdir(KENDALL.root)
    page = render_store(kendall, tmp_path / "kendall.html", size_by="degree").read_text(encoding="utf-8")
    assert "<title>Kendall Square life sciences</title>" in page
    assert '<p class="hx-description">Universities, institutes, a hospital' in page
    assert "Zhongguancun" not in page


def test_a_project_preset_of_a_library_question(both):
    assert ask(both, "us-authorisations", "product", "kind", "date") == [
        ("mrna-1273", "emergency use authorisation", "2020-12-18"),
        ("mrna-1273", "full marketing approval", "2022-01-31")]


def test_statement_sources_and_statistics_by_qualifier_in_any_project(kendall, monkeypatch):
    from helixgraph.graph.evidence import statement_evidence

    monkeypatch.chdir(KENDALL.root)  # the worked example's questions are not in effect here
    located = [(e.value, e.paragraphs, e.stated) for e in statement_evidence(kendall, "moderna")
               if e.property.endswith("#locatedIn")]
    assert located == [(HX + "cambridge-ma", (4,), True)]
    assert ask(kendall, "statistics-by-qualifier", "qualifier", "statistics", "wordings") == [("exact", 1, "94.1%")]
    assert ask(kendall, "statistics-by-qualifier", "qualifier", approximation="Nearly") == []
