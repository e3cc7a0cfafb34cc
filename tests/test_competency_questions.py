"""Each shipped competency question gives its exact expected answer on the bundled dataset."""

from __future__ import annotations

import re
from decimal import Decimal

import pytest

from helixgraph.graph.catalog import get_query, named_queries
from helixgraph.graph.query import query_store

HX = "https://w3id.org/helixgraph/id/"
SRC = "https://w3id.org/helixgraph/source/"
CAIXIN, PEOPLE = SRC + "caixin-2025-10-01", SRC + "people-daily-2026-01-24"


def ask(store, name, **params):
    return query_store(store, get_query(name).sparql(**params))


def cols(result, *names):
    return [tuple(row[result.variables.index(n)] for n in names) for row in result.rows]


def test_at_least_thirty_competency_questions_ship():
    cqs = {q.competency_question for q in named_queries().values() if q.competency_question}
    assert len(cqs) >= 30
    assert all(q.question.endswith("?") for q in named_queries().values())


def test_cq01_park_organisations(store):
    r = ask(store, "cq01")
    assert cols(r, "label", "type", "sector")[:3] == [
        ("Changping Laboratory", "laboratory", "academia and research"),
        ("National Institute of Biological Sciences, Beijing", "research institute", "academia and research"),
        ("China's first international research hospital", "hospital", "healthcare"),
    ]
    assert len(r) == 11
    assert ("C-Campus Innovation Center", "incubator", "intermediary") in cols(r, "label", "type", "sector")


def test_cq02_national_institutions(store):
    # the report implies the Changping Laboratory is national-level without saying so: the curator's
    # inference, shown as such; an unknown level would be empty (tests/test_evidence.py), never false
    assert cols(ask(store, "cq02"), "org", "nationalLevel", "givenBy") == [
        (HX + "changping-laboratory", True, "curator"), (HX + "nibs", True, "source")]


def test_cq03_spin_offs(store):
    assert cols(ask(store, "cq03"), "company", "founder", "institute") == [
        (HX + "huahui-health", HX + "li-wenhui", HX + "nibs")]


def test_cq04_incubator_support(store):
    assert cols(ask(store, "cq04"), "intermediary", "supported", "atLeast", "atMost", "qualifier", "refTime",
                "source") == [(HX + "c-campus", Decimal(102), None, None, "exact", "2025-10-01", CAIXIN)]


def test_cq05_technology_fields(store):
    rows = cols(ask(store, "cq05"), "fieldLabel", "actors")
    assert rows[:2] == [("innovative drugs", 3), ("life sciences", 3)]
    assert ("neuroscience", 1) in rows and len(rows) == 10


def test_cq06_sub_organisations(store):
    assert cols(ask(store, "cq06"), "unit", "parent") == [(HX + "li-wenhui-lab", HX + "nibs")]


def test_cq08_huahui_founders(store):
    assert cols(ask(store, "cq08"), "personLabel", "orgLabel", "roleLabel", "attestedOn") == [
        ("Li Wenhui", "Huahui Health", "co-founder", "2025-10-01"),
        ("Li Wenhui", "Li Wenhui's research team", "principal investigator", "2025-10-01"),
        ("Li Wenhui", "National Institute of Biological Sciences, Beijing", "senior researcher", "2025-10-01"),
    ]


def test_cq09_boundary_spanners(store):
    r = ask(store, "cq09")
    assert cols(r, "person", "sectors") == [(HX + "li-wenhui", 2)]
    assert set(r.rows[0][3].split(", ")) == {"industry", "academia and research"}


def test_cq10_cai_baochuan(store):
    assert cols(ask(store, "cq10"), "roleLabel", "orgLabel", "paragraph") == [
        ("vice president of operations", "Huahui Health", 7)]


def test_cq11_quoted_people(store):
    assert cols(ask(store, "cq11"), "source", "personLabel", "onBehalfOf", "what") == [
        (CAIXIN, "Cai Baochuan", "Huahui Health", "forecast"),
        (CAIXIN, "Li Wenhui", None, "statement"),  # the report does not say he spoke for NIBS
        (CAIXIN, "Park representative (unnamed)", None, "statistic"),
    ]


def test_cq12_translation_path(store):
    r = ask(store, "cq12")
    assert set(cols(r, "instituteLabel", "founderLabel", "companyLabel", "drugLabel")) == {
        ("National Institute of Biological Sciences, Beijing", "Li Wenhui", "Huahui Health", "Libeiweita")}
    # a designation known only to precede the report may have come first: it is not put after the NDA
    assert cols(r, "eventType", "when")[0] == ("breakthrough therapy designation granted", "by 2025-10-01")
    assert cols(r, "eventType", "when")[2] == ("new drug application accepted", "2024-12")
    assert cols(r, "eventType", "when")[-1] == ("conditional marketing approval", "2026-01-20")
    assert len(r) == 5


def test_cq13_product_milestones(store):
    assert cols(ask(store, "cq13"), "product", "milestone") == [
        (HX + "beinao-1", "clinical trial"),
        (HX + "libevitug", "conditional marketing approval"),
        (HX + "libevitug", "new drug application accepted"),
    ]


def test_cq14_investigated_versus_approved(store):
    assert cols(ask(store, "cq14"), "diseaseLabel", "status") == [
        ("hepatitis D", "approved"), ("hepatitis B", "investigated"), ("hepatitis D", "investigated")]


def test_cq15_firsts(store):
    assert cols(ask(store, "cq15"), "product", "first", "indicationLabel", "jurisdictionLabel", "date") == [
        (HX + "international-research-hospital", "first of its kind", None, "China", None),
        (HX + "libevitug", "first approved for its indication", "hepatitis D", "China", "2026-01-20")]


def test_cq16_clinical_sites(store):
    assert cols(ask(store, "cq16"), "hospital") == [(HX + "international-research-hospital",)]


def test_cq17_beinao_surgeries(store):
    assert cols(ask(store, "cq17"), "surgeries", "atLeast", "atMost", "qualifier", "refTime", "publisher") == [
        (Decimal(5), None, None, "exact", "2025-10-01", "Caixin Global")]


def test_cq18_libevitug_timeline(store):
    # ordered by the earliest date each event can have: the designations, known only to precede the
    # report, come before the NDA rather than after it; priority review cannot precede the NDA
    assert cols(ask(store, "cq18"), "event", "date", "notEarlierThan", "notLaterThan", "jurisdiction") == [
        (HX + "libevitug-btd-china", None, None, "2025-10-01", "Chinese mainland"),
        (HX + "libevitug-btd-us", None, None, "2025-10-01", "United States"),
        (HX + "libevitug-nda-accepted", "2024-12", None, None, "China"),
        (HX + "libevitug-priority-review", None, "2024-12", "2025-10-01", "China"),
        (HX + "libevitug-conditional-approval", "2026-01-20", None, "2026-01-24", "China"),
    ]
    assert cols(ask(store, "cq18"), "indication")[-1] == ("hepatitis D",)


def test_cq19_dual_breakthrough(store):
    assert cols(ask(store, "cq19"), "product") == [(HX + "libevitug",)]


def test_cq20_nda_to_approval(store):
    # 2024-12-01 .. 2026-01-20 is 415 days; 2024-12-31 .. 2026-01-20 is 385 days.
    assert cols(ask(store, "cq20"), "minDays", "maxDays", "priorityReview") == [(385, 415, True)]


def test_cq21_forecast_status_as_of(store):
    columns = ("forecast", "status", "fulfilledOn")
    forecast = HX + "libevitug-approval-forecast"
    assert cols(ask(store, "cq21"), *columns) == [(forecast, "fulfilled", "2026-01-20")]  # the preset's day
    assert cols(ask(store, "cq21", as_of="2025-09-30"), *columns) == []  # not yet stated
    assert cols(ask(store, "cq21", as_of="2025-10-01"), *columns) == [(forecast, "open", None)]
    # approved on 01-20, but no source had reported it yet
    assert cols(ask(store, "cq21", as_of="2026-01-21"), *columns) == [(forecast, "open", None)]
    assert cols(ask(store, "cq21", as_of="2026-06-01"), *columns) == [(forecast, "fulfilled", "2026-01-20")]


def test_cq22_status_as_of_two_dates(store):
    rows = cols(ask(store, "cq22"), "asOf", "eventType")
    before = [t for d, t in rows if d == "2025-10-01"]
    after = [t for d, t in rows if d == "2026-02-01"]
    assert "conditional marketing approval" not in before and len(before) == 4
    assert after == [*before, "conditional marketing approval"]


def test_cq23_pathways(store):
    assert cols(ask(store, "cq23"), "event", "pathwayLabel") == [
        (HX + "libevitug-btd-china", "breakthrough therapy programme"),
        (HX + "libevitug-conditional-approval", "conditional approval programme"),
        (HX + "libevitug-priority-review", "priority review programme"),
    ]


def test_cq25_statistics(store):
    r = ask(store, "cq25")
    assert len(r) == 13
    by_stat = {row[0].rsplit("/", 1)[1]: row for row in r.rows}
    beds = dict(zip(r.variables, by_stat["park-accessible-beds"]))
    assert (beds["value"], beds["minValue"], beds["qualifier"], beds["unit"], beds["statedAs"]) == (
        None, Decimal(3000), "more than", "beds", "over 3,000")
    assert dict(zip(r.variables, by_stat["park-area"]))["value"] == Decimal("7.2")


def test_cq26_shares_and_implied_totals(store):
    # "almost 40%" of 19 certificates: the total is above 47.5, with no upper end; "about 5%" (4.5 to
    # 5.5) of "nearly 30" approvals: the total is below 30 / 4.5% = 666.7, with no lower end
    assert cols(ask(store, "cq26"), "denominatorArea", "percentLow", "percentHigh", "partLow", "partHigh",
                "totalLow", "totalHigh") == [
        ("Beijing", None, Decimal(40), Decimal(19), Decimal(19), Decimal("47.5"), None),
        ("China", Decimal("4.5"), Decimal("5.5"), None, Decimal(30), None, Decimal("666.7")),
    ]


def test_cq27_qualifiers(store):
    assert cols(ask(store, "cq27"), "qualifier", "statistics") == [
        ("about", 1), ("exact", 5), ("more than", 3), ("nearly", 4)]


def test_cq28_measure_over_time_needs_two_observations(store, tmp_path, sources_copy):
    assert len(ask(store, "cq28")) == 0
    from helixgraph.graph.store import open_store
    from helixgraph.pipeline import build

    (sources_copy / "park-report-2023.yaml").write_text("""\
source:
  id: park-report-2023
  title: {en: Park annual report 2023}
  publisher: Park Press
  issued: 2023-03-17
  language: en
records:
  - id: park-innovative-pharma-companies-2023
    type: Statistic
    para: 2
    measure: InnovativePharmaCompanies
    aboutEntity: innovative-pharma-companies
    refArea: zgc-life-science-park
    refTime: 2023-03-17
    minValue: 600
    unit: companies
    approximation: MoreThan
    statedAs: {en: more than 600}
  - id: cohort-b
    type: ActorCohort
    para: 3
    label: {en: A second cohort}
    sector: Industry
  - id: cohort-b-2022
    type: Statistic
    para: 3
    measure: InnovativePharmaCompanies
    aboutEntity: cohort-b
    refArea: zgc-life-science-park
    refTime: 2022-01-01
    value: 40
    unit: companies
    approximation: Exact
    statedAs: {en: "40"}
  - id: cohort-b-2023
    type: Statistic
    para: 3
    measure: InnovativePharmaCompanies
    aboutEntity: cohort-b
    refArea: zgc-life-science-park
    refTime: 2023-01-01
    value: 45
    unit: companies
    approximation: Exact
    statedAs: {en: "45"}
""", encoding="utf-8")
    build([sources_copy], tmp_path / "out")
    rows = cols(ask(open_store(tmp_path / "out"), "cq28"), "refTime", "minValue", "value", "publisher")
    # Two entities observed more than once under one measure: each statistic is still listed once.
    assert rows == [("2022-01-01", None, Decimal(40), "Park Press"), ("2023-01-01", None, Decimal(45), "Park Press"),
                    ("2023-03-17", Decimal(600), None, "Park Press"),
                    ("2025-10-01", Decimal(1000), None, "Caixin Global")]


def test_cq36_evidence_per_statement(store):
    rows = {(re.split("[#/]", p)[-1], str(v).rsplit("/", 1)[-1], s): (n, q, stated, why) for e, p, v, s, n, q, stated, why
            in cols(ask(store, "cq36"), "entity", "property", "value", "source", "paragraphs", "quote", "stated",
                    "reason") if e == HX + "libevitug"}
    # each value its own paragraph, not the record's 2, 7 and 8 at once
    assert rows["basedOnResearchOf", "li-wenhui-lab", CAIXIN] == ("8", "based on research from Li's team", True, None)
    assert rows["modality", "monoclonal antibody", CAIXIN] == ("7", "a monoclonal antibody", True, None)
    assert sorted(rows["investigatedFor", "hepatitis-b", CAIXIN][0].split(",")) == ["2", "7"]
    # the second source's lead does not give the code: the curator's knowledge, with its reason
    paragraphs, quote, stated, why = rows["developmentCode", "HH-003", PEOPLE]
    assert quote is None
    assert (paragraphs, stated) == ("1", False) and "does not state" in why
    assert rows["approvedFor", "hepatitis-d", PEOPLE][2] is True
    # "known as" is not a brand name, and the name is not also an alias
    assert not any(p == "brandName" for p, _, _ in rows)
    assert ("altLabel", "Libeiweita", PEOPLE) not in rows


def test_cq37_single_source(store):
    entities = {e for e, _ in cols(ask(store, "cq37"), "entity", "class")}
    assert HX + "nibs" in entities and HX + "libevitug-conditional-approval" in entities
    assert HX + "libevitug" not in entities and HX + "libevitug-approval-forecast" not in entities
    assert len(entities) == 60


def test_cq38_superseded_or_fulfilled(store):
    [(statement, outcome, replacement, reported_on, caveat)] = cols(
        ask(store, "cq38"), "statement", "outcome", "replacement", "reportedOn", "caveat")
    assert (statement, outcome, replacement, reported_on) == (
        HX + "libevitug-approval-forecast", "fulfilled by", HX + "libevitug-conditional-approval", "2026-01-24")
    # the forecast spoke of hepatitis B and D; the approval covers D only
    assert "hepatitis D only" in caveat


def test_cq39_machine_translation(store):
    rows = cols(ask(store, "cq39"), "class", "entities", "source", "originalLanguage")
    assert all(s == CAIXIN and lang == "zh" for _, _, s, lang in rows)
    assert {c: n for c, n, _, _ in rows}["statistic"] == 13
    assert sum(n for _, n, _, _ in rows) == 61  # every record of the Caixin file


@pytest.mark.parametrize("name", [n for n, q in named_queries().items() if q.kind == "competency"])
def test_every_competency_query_runs_and_answers(store, name):
    result = ask(store, name)
    assert result.variables
    if name != "cq28-measure-over-time":
        assert len(result) >= 1, f"{name} returned no rows on the bundled data"


# ---- network questions, answered from the analysis graph the build writes back ----------------


def test_cq29_top_research_to_clinic_brokers(store):
    # Places are context, so the park brokers nothing. Research sources: NIBS, the lab and the
    # Changping Laboratory; clinic targets: both hospital entries, NMPA, FDA and the approved drug
    # (5). Of the 10 pairs that do not end at the lab, its shortest paths carry NIBS -> NMPA, FDA and
    # the drug (NIBS - lab - drug is shorter than NIBS - Li Wenhui - Huahui - drug): 3 / 10. The
    # drug lies on 4 of its 12 pairs but is a product, not an actor.
    assert cols(ask(store, "cq29"), "node", "researchClinicBetweenness") == [(HX + "li-wenhui-lab", 0.3)]


def test_cq30_brokerage_roles(store):
    # actor view: Li Wenhui folds into NIBS-Huahui and lab-Huahui ties; the drug into ties among
    # Huahui, the lab, NMPA and FDA. Huahui (industry) links NIBS to each regulator both ways: 4
    # liaisons; the lab (academia) passes NIBS to NMPA and FDA: 2 representative, 2 gatekeeper.
    assert cols(ask(store, "cq30"), "node", "representative", "gatekeeper", "liaison") == [
        (HX + "huahui-health", 0.0, 0.0, 4.0), (HX + "li-wenhui-lab", 2.0, 2.0, 0.0)]


def test_cq31_structural_holes(store):
    rows = cols(ask(store, "cq31"), "node", "effectiveSize")
    # Huahui's three contacts (Cai Baochuan, Li Wenhui, the drug) are not tied to one another
    assert rows[0] == (HX + "huahui-health", 3.0)
    assert HX + "zgc-life-science-park" not in {node for node, _ in rows}


def test_cq33_k_core(store):
    core = {n for n, k, pos in cols(ask(store, "cq33"), "node", "coreNumber", "position") if pos == "core"}
    # the cycle Li Wenhui - Huahui - drug - lab - Li Wenhui, with NIBS tied to Li Wenhui and the lab
    assert core == {HX + n for n in ("huahui-health", "li-wenhui", "li-wenhui-lab", "libevitug", "nibs")}


def test_cq34_robustness(store):
    # Without places: the Huahui/NIBS cluster of 8, two pairs and 9 actors tied only to places.
    # The top actor by betweenness is Huahui (the drug ranks higher but is a product); without it
    # Cai Baochuan is cut off and 6 of the cluster stay together.
    assert cols(ask(store, "cq34"), "broker", "componentsBefore", "componentsAfter", "largestBefore",
                "largestAfter") == [(HX + "huahui-health", 12, 13, 8, 6)]


def test_cq35_ei_index(store):
    # actor view: 7 ties across sectors, 2 within (lab-NIBS, NMPA-FDA): (7 - 2) / 9
    ((ei, expected, p_value, draws, _modularity, seed, nodes, communities),) = ask(store, "cq35").rows
    assert ei == pytest.approx(5 / 9)
    # random mixing: the 9 ties' ends drawn from the 12 actors with a sector (3 academia, 3 government,
    # 4 industry, 2 healthcare... as the ontology's sectors count them) gives the recorded expectation
    assert 0 < expected < 1 and expected != pytest.approx(ei)
    assert 0 < p_value <= 1 and draws == 1000
    # the run's recorded settings, typed, describe the network the other questions answer about
    members = cols(ask(store, "cq32"), "community", "members")
    assert seed == 42 and nodes == sum(n for _, n in members) and communities == len(members)


def test_cq32_communities_cover_every_node(store):
    rows = cols(ask(store, "cq32"), "community", "members")
    assert sum(n for _, n in rows) == 21  # every actor and product; places are not clustered
    assert [c for c, _ in rows] == list(range(len(rows)))
