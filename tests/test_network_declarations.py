"""The network is what the ontology declares: every object property decided, the projection
generated from the decisions, places kept as context, approvals read at the right date."""

from __future__ import annotations

import networkx as nx
import pytest
from rdflib import OWL, RDF, Graph

from helixgraph.analysis import default_translation_sets, run_suite
from helixgraph.analysis.projection import project, ties_sparql
from helixgraph.errors import OntologyError, OptionError
from helixgraph.ontology.model import load_ontology
from helixgraph.ontology.namespace import ECO
from helixgraph.ontology.ties import decision_table, load_ties, read_ties
from helixgraph.pipeline import runner

HX = "https://w3id.org/helixgraph/id/"


def _ontology_copy() -> Graph:
    copy = Graph()
    for triple in load_ontology().graph:
        copy.add(triple)
    return copy


def test_every_object_property_has_a_decision():
    ties = load_ties()
    assert ties.undecided() == []
    assert len(ties.object_properties) >= 40


def test_a_new_property_without_a_decision_is_reported():
    graph = _ontology_copy()
    graph.add((ECO._NS["partnerOf"], RDF.type, OWL.ObjectProperty))
    assert read_ties(graph).undecided() == ["partnerOf"]


def test_a_decision_on_a_term_that_is_no_object_property_is_refused():
    graph = _ontology_copy()
    graph.add((ECO.statedAs, ECO.networkExclusion, ECO.Mutual))
    with pytest.raises(OntologyError, match="statedAs"):
        read_ties(graph)


def test_a_tie_without_a_flow_is_refused():
    graph = _ontology_copy()
    graph.remove((ECO.supports, ECO.flow, None))
    with pytest.raises(OntologyError, match="supports needs exactly one eco:flow"):
        read_ties(graph)


def test_the_edge_query_has_a_branch_per_pattern_and_flow():
    text = ties_sparql()
    ties = load_ties()
    assert text.count("} UNION {") == len(ties.patterns) + len({t.flow for t in ties.direct.values()}) - 1
    for pattern in ties.patterns:
        assert f"eco:{pattern.name}" in text


def test_decision_table_names_every_decision_once():
    rows = decision_table()
    ties = load_ties()
    assert len(rows) == len(ties.direct) + len(ties.patterns) + len(ties.attributes) + len(ties.excluded)
    assert ("eco:Membership: eco:member -> eco:organization", "tie pattern", "affiliation", "mutual") in rows


@pytest.fixture(scope="module")
def network(store):
    return project(runner(store=store))


def test_only_what_no_source_ties_is_isolated(network):
    # Beinao-1 and its trial: the source names no developer, sponsor or site
    assert [node for node in network if network.degree(node) == 0] == [HX + "beinao-1"]


def test_stated_relations_become_ties(network):
    relations = {(u, v, d["predicate"]) for u, v, d in network.edges(data=True)}
    assert (HX + "beijing-government", HX + "changping-district", "eco:GovernanceTie") in relations
    assert (HX + "cai-baochuan", HX + "huahui-health", "eco:QuotedForTie") in relations
    # the source does not say Li Wenhui spoke for NIBS at the summit: no tie is made of it
    assert (HX + "li-wenhui", HX + "nibs", "eco:QuotedForTie") not in relations
    assert (HX + "park-representative", HX + "innovative-pharma-companies", "eco:FigureAttributionTie") in relations
    assert (HX + "park-representative", HX + "zgc-life-science-park", "eco:FigureAttributionTie") in relations
    # flow: research -> product -> regulator
    assert (HX + "li-wenhui-lab", HX + "libevitug", "eco:basedOnResearchOf") in relations
    assert (HX + "libevitug", HX + "nmpa", "eco:RegulatoryDecisionTie") in relations


def test_places_are_context_never_ranked(network):
    result = run_suite(network)
    places = {node for node, kind in network.nodes(data="kind") if kind == "place"}
    assert HX + "zgc-life-science-park" in places
    assert not places & set(result.table["iri"])
    assert result.robustness.broker not in places
    # places tied to an actor or product are kept with it as context; a place tied only to places
    # (the Chinese mainland, within China) is context to nothing
    kinds = dict(network.nodes(data="kind"))
    tied = {p for p in places if any(kinds[n] != "place" for n in nx.all_neighbors(network, p))}
    assert HX + "chinese-mainland" in places - tied
    assert result.parameters["places_excluded"] == sorted(tied)


def test_the_approved_drug_is_a_clinic_target_only_after_its_approval(store):
    before = project(runner(store=store), as_of="2025-10-01")
    after = project(runner(store=store), as_of="2026-02-01")
    assert HX + "libevitug" not in default_translation_sets(before)[1]
    assert HX + "libevitug" in default_translation_sets(after)[1]
    assert before.nodes[HX + "libevitug"].get("approved_for") is None
    assert after.nodes[HX + "libevitug"]["approved_for"] == [HX + "hepatitis-d"]


def test_a_snapshot_shows_no_name_that_only_a_later_source_gives(store):
    drug = HX + "libevitug"
    before = project(runner(store=store), as_of="2025-10-01").nodes[drug]["labels"]
    after = project(runner(store=store), as_of="2026-01-24").nodes[drug]["labels"]
    # the development code and the INN as a name come from the 2026 report only
    assert "HH-003" not in before and "libevitug" not in before
    assert {"HH-003", "libevitug"} <= set(after)


@pytest.mark.parametrize(("as_of", "approved"), [("2026", True), ("2026-01", True), ("2025", False), ("2025-12", False)])
def test_a_partial_as_of_date_means_the_end_of_its_period(store, as_of, approved):
    network = project(runner(store=store), as_of=as_of)
    assert (HX + "libevitug" in default_translation_sets(network)[1]) is approved
    assert network.graph["as_of"] == {"2026": "2026-12-31", "2026-01": "2026-01-31", "2025": "2025-12-31",
                                      "2025-12": "2025-12-31"}[as_of]


def test_directed_brokerage_along_the_flow_tells_representative_from_gatekeeper(store):
    # Along the flow (research -> product -> regulator) the drug folds into team -> NMPA, team -> FDA,
    # Huahui -> NMPA, Huahui -> FDA; Li Wenhui's affiliations tie team, NIBS and Huahui both ways.
    # Open two-paths: NIBS -> team -> NMPA and -> FDA (the team shares NIBS's sector: representative);
    # NIBS -> Huahui -> NMPA and -> FDA (three sectors: liaison). Every other two-path is closed.
    result = run_suite(project(runner(store=store)))
    raw = result.directed_brokerage.raw
    assert raw.loc[HX + "li-wenhui-lab", ["representative", "gatekeeper", "liaison"]].tolist() == [2, 0, 0]
    assert raw.loc[HX + "huahui-health", ["representative", "gatekeeper", "liaison"]].tolist() == [0, 0, 2]
    assert raw["total"].sum() == 4


def test_the_person_level_view_makes_the_scientist_founder_a_broker(store):
    network = project(runner(store=store))
    organisations = run_suite(network).brokerage.raw
    people = run_suite(network, view="people").brokerage.raw
    founder = HX + "li-wenhui"
    assert founder not in organisations.index
    # Li Wenhui (no sector) ties NIBS, his team (academia) and Huahui (industry); only NIBS-Huahui is
    # open through her alone (the team is tied to both): one liaison
    assert people.loc[founder, "liaison"] == 1 and people.loc[founder, "total"] == 1


def test_layers_can_be_chosen_by_name_short_name_or_label(store):
    translation = project(runner(store=store), layers=["translation"])
    assert {layer for *_, layer in translation.edges(data="layer")} == {"TranslationLayer"}
    # the drug's developer and the research it rests on: two ties in the translation layer
    assert translation.number_of_edges() == 2
    both = project(runner(store=store), layers=["TranslationLayer", "regulation and governance"])
    assert {layer for *_, layer in both.edges(data="layer")} == {"TranslationLayer", "RegulationLayer"}
    with pytest.raises(OptionError, match="unknown network layer 'gossip'"):
        project(runner(store=store), layers=["gossip"])


def test_cli_analyze_by_layer_and_view(built, tmp_path):
    from click.testing import CliRunner

    from helixgraph.cli import cli

    out = tmp_path / "out"
    import shutil

    shutil.copytree(built, out, symlinks=True)
    result = CliRunner().invoke(cli, ["analyze", "--out", str(out), "--layer", "translation", "--view", "people"])
    assert result.exit_code == 0, result.output
    assert "2 ties" in result.output
    refused = CliRunner().invoke(cli, ["analyze", "--out", str(out), "--layer", "gossip"])
    assert refused.exit_code == 2 and "unknown network layer 'gossip'" in refused.output


def test_leave_one_source_out_flags_ranks_that_rest_on_one_source(store):
    from helixgraph.pipeline import leave_one_source_out

    table = leave_one_source_out(runner(store=store), top=3)
    # every actor is named by the Caixin report; the 2026 report adds one more decision on a tie
    # the drug and NMPA already had (binary ties: no change) and an approval: no rank moves
    assert table["rank"].tolist() == [1, 2, 3]
    assert table["people-daily-2026-01-24"].tolist() == [1, 2, 3]
    assert table["caixin-2025-10-01"].isna().all()
    assert set(table["depends_on"]) == {"caixin-2025-10-01"}
    assert table.index[0] == HX + "huahui-health"


def test_each_tie_says_when_it_holds_and_what_dated_it(store):
    network = project(runner(store=store))
    decisions = {(d["role"], d["date"], d["date_from"]) for u, v, d in network.edges(data=True)
                 if d["predicate"] == "eco:RegulatoryDecisionTie"}
    assert ("conditional marketing approval", "2026-01-20", "date") in decisions
    assert ("new drug application accepted", "2024-12", "date") in decisions  # the month the source gives
    assert ("priority review granted", "2025-10-01", "notLaterThan") in decisions  # an upper bound only
    located = [d for u, v, d in network.edges(data=True) if d["predicate"] == "eco:locatedIn"]
    assert {(d["date"], d["date_from"]) for d in located} == {("2025-10-01", "issued")}
