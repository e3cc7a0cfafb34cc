import math

import networkx as nx
import pandas as pd
import pytest

from helixgraph.analysis import TABLE_COLUMNS, AnalysisError, AnalysisResult, run_suite, simple_view

NUMERIC = [
    "degree", "betweenness", "research_clinic_betweenness", "harmonic", "eigenvector", "pagerank",
    "constraint", "effective_size", "efficiency",
]  # fmt: skip


@pytest.fixture
def result(ecosystem) -> AnalysisResult:
    return run_suite(ecosystem)


def test_table_has_one_row_per_node_and_the_documented_columns(ecosystem, result):
    assert list(result.table.columns) == list(TABLE_COLUMNS)
    assert result.table["iri"].tolist() == list(ecosystem)
    assert result.table.set_index("iri").loc["drug", ["label", "cls", "sector"]].tolist() == [
        "Drug X",
        "Drug",
        None,
    ]


def test_table_values_by_hand(result):
    # See test_centrality, test_structural_holes and test_brokerage for the reasoning.
    firm = result.table.set_index("iri").loc["firm"]
    assert firm["degree"] == pytest.approx(4 / 7)
    assert firm["betweenness"] == pytest.approx(16 / 21)
    # research sources uni and lab, clinic targets hosp (Healthcare) and nmpa (a Regulator): see test_centrality
    assert firm["research_clinic_betweenness"] == pytest.approx(1.0)
    assert firm["harmonic"] == pytest.approx(5.5 / 7)
    assert firm["constraint"] == pytest.approx(26 / 64)
    assert firm["effective_size"] == pytest.approx(3.5)
    assert firm["efficiency"] == pytest.approx(3.5 / 4)
    assert firm["core_number"] == 2


def test_brokerage_runs_on_the_actor_view(result):
    # The actor view drops drug and folds it into firm-hosp, firm-nmpa and hosp-nmpa ties; each tie
    # is read both ways. Ordered pairs (a, b) of a broker's contacts that are not tied themselves:
    # firm (I), contacts lab (A), biotech (I), incub (X), hosp (H), nmpa (G); biotech-incub and
    # hosp-nmpa are tied, leaving 8 pairs, 16 ordered:
    #   lab/biotech, biotech/hosp, biotech/nmpa: one representative and one gatekeeper each (3 + 3);
    #   lab/incub, lab/hosp, lab/nmpa, incub/hosp, incub/nmpa: three sectors, 2 liaisons each (10).
    # lab (A), contacts uni (A) and firm (I): one representative and one gatekeeper.
    # hosp, nmpa, biotech, incub: their two contacts are tied. drug is no actor: zero roles.
    table = result.table.set_index("iri")
    roles = ["coordinator", "itinerant", "representative", "gatekeeper", "liaison"]
    assert table.loc["firm", roles].tolist() == [0, 0, 3, 3, 10]
    assert table.loc["lab", roles].tolist() == [0, 0, 1, 1, 0]
    assert table.loc["drug", roles].tolist() == [0, 0, 0, 0, 0]
    assert table.loc["hosp", roles].tolist() == [0, 0, 0, 0, 0]
    assert table.loc["biotech", roles].tolist() == [0, 0, 0, 0, 0]


@pytest.mark.parametrize("weighted", [False, True])
def test_pagerank_follows_the_flow(ecosystem, weighted):
    # Arcs follow the declared flow: lab -> firm (twice), incub -> firm and -> biotech, firm -> drug,
    # drug -> nmpa and -> hosp; the mutual lab-uni and biotech-firm ties run both ways. incub gives
    # rank and receives none; hosp and nmpa receive drug's in equal parts and give nothing back.
    table = run_suite(ecosystem, weighted=weighted).table.set_index("iri")["pagerank"]
    assert table.sum() == pytest.approx(1.0)
    assert table.idxmin() == "incub"
    assert table["hosp"] == pytest.approx(table["nmpa"])
    assert table.idxmax() == "firm"
    # against PageRank's definition, iterated here: damping 0.85, the rank of nodes without out-arcs
    # spread evenly over all nodes; lab -> firm counts twice only when ties are weighted
    nodes = list(table.index)
    arcs = [("lab", "firm", 2 if weighted else 1), ("lab", "uni", 1), ("uni", "lab", 1), ("biotech", "firm", 1),
            ("firm", "biotech", 1), ("incub", "firm", 1), ("incub", "biotech", 1), ("firm", "drug", 1),
            ("drug", "nmpa", 1), ("drug", "hosp", 1)]
    out = {n: sum(w for u, _, w in arcs if u == n) for n in nodes}
    rank = dict.fromkeys(nodes, 1 / len(nodes))
    for _ in range(200):
        dangling = sum(rank[n] for n in nodes if out[n] == 0)
        new = dict.fromkeys(nodes, (1 - 0.85) / len(nodes) + 0.85 * dangling / len(nodes))
        for u, v, w in arcs:
            new[v] += 0.85 * rank[u] * w / out[u]
        rank = new
    assert table.to_dict() == pytest.approx(rank, abs=1e-9)


def test_summaries(result):
    # actor view ties: uni-lab and firm-biotech inside a sector; lab-firm, firm-incub, biotech-incub,
    # firm-hosp, firm-nmpa and hosp-nmpa (the last three folded through drug) across: (6 - 2) / 8
    assert result.ei_index == pytest.approx(0.5)
    assert result.mixing.loc["Industry", "Intermediary"] == 2
    assert result.robustness.broker == "firm"
    assert result.robustness.cut_off == ["biotech", "incub", "lab", "uni"]
    assert len(result.cross_sector_ties) == 7  # one row per relation: firm -> lab twice
    assert 0 < result.modularity < 1
    sizes_by_id = result.table["community"].value_counts().sort_index().tolist()
    assert sizes_by_id == sorted(sizes_by_id, reverse=True)  # id 0 is the largest community
    community = result.table.set_index("iri")["community"]
    assert community["biotech"] == community["incub"]  # the triangle's two low-degree corners


def test_parameters_document_the_run(result):
    p = result.parameters
    assert (p["seed"], p["engine_requested"], p["engine"]) == (42, "auto", "networkx")
    assert p["pagerank_constraint_engine"] == "igraph"
    assert p["betweenness_k"] is None
    assert p["betweenness"] == "exact"
    assert (p["nodes"], p["relations"], p["ties"]) == (8, 10, 8)
    assert (p["research_sources"], p["clinic_targets"]) == (2, 2)


def test_is_deterministic(ecosystem):
    first, second = run_suite(ecosystem, seed=5), run_suite(ecosystem, seed=5)
    pd.testing.assert_frame_equal(first.table, second.table)
    assert first.parameters == second.parameters


def test_igraph_engine_gives_the_same_table(ecosystem, result):
    other = run_suite(ecosystem, engine="igraph")
    assert other.parameters["engine"] == "igraph"
    for column in NUMERIC:
        assert other.table[column].tolist() == pytest.approx(result.table[column].tolist(), rel=1e-6), column
    pd.testing.assert_frame_equal(other.table[["core_number"]], result.table[["core_number"]])
    assert other.robustness == result.robustness


def test_networkx_engine_needs_scipy_for_pagerank(ecosystem):
    try:
        import scipy  # noqa: F401
    except ModuleNotFoundError:
        with pytest.raises(AnalysisError, match="SciPy"):
            run_suite(ecosystem, engine="networkx")
    else:
        assert run_suite(ecosystem, engine="networkx").parameters["pagerank_constraint_engine"] == "networkx"


def test_unknown_engine_is_refused(ecosystem):
    with pytest.raises(AnalysisError, match="unknown engine"):
        run_suite(ecosystem, engine="fast")


def test_sampled_betweenness_is_the_mean_of_two_networkx_estimators(ecosystem):
    # 4 pivots drawn as two independent halves of 2 (seeds 7 and 8); the estimate is their mean, and
    # how far their rankings agree is reported
    sampled = run_suite(ecosystem, betweenness_k=4, seed=7)
    U = simple_view(ecosystem)
    first = nx.betweenness_centrality(U, k=2, seed=7)
    second = nx.betweenness_centrality(U, k=2, seed=8)
    expected = [(first[v] + second[v]) / 2 for v in U]
    assert sampled.table["betweenness"].tolist() == pytest.approx(expected)
    assert sampled.parameters["betweenness_k"] == 4
    assert sampled.parameters["betweenness"] == "sampled from 4 pivots"
    assert sampled.parameters["betweenness_agreement"] == "8 of the top 8 shared by two independent halves of the pivots"


def test_the_agreement_of_the_halves_is_their_top_100_overlap():
    G = nx.MultiDiGraph(nx.barabasi_albert_graph(400, 2, seed=1))
    result = run_suite(G, betweenness_k=60, seed=3, null_draws=10, modularity_draws=0)
    U = simple_view(G)
    first = nx.betweenness_centrality(U, k=30, seed=3)
    second = nx.betweenness_centrality(U, k=30, seed=4)

    def top(scores):
        return set(sorted(scores, key=lambda v: (-scores[v], str(v)))[:100])

    shared = len(top(first) & top(second))
    assert 0 < shared < 100  # 30 pivots a half cannot rank the top 100 of 400 nodes the same way
    assert result.parameters["betweenness_agreement"].startswith(f"{shared} of the top 100 ")


def test_empty_graph():
    result = run_suite(nx.MultiDiGraph())
    assert result.table.empty
    assert list(result.table.columns) == list(TABLE_COLUMNS)
    assert result.mixing.empty
    assert math.isnan(result.ei_index)
    assert math.isnan(result.modularity)
    assert result.robustness.broker is None
    assert result.cross_sector_ties.empty


def test_single_node():
    G = nx.MultiDiGraph()
    G.add_node("lab", label="Lab", cls="ResearchInstitute", sector="AcademiaResearch")
    row = run_suite(G).table.iloc[0]
    # NetworkX's convention gives a lone node degree centrality 1; PageRank has all the mass.
    assert (row["degree"], row["pagerank"]) == (1.0, pytest.approx(1.0))
    assert (row["betweenness"], row["harmonic"], row["eigenvector"]) == (0.0, 0.0, 0.0)
    assert math.isnan(row["constraint"])
    assert math.isnan(row["efficiency"])
    assert (row["coordinator"], row["community"], row["core_number"]) == (0, 0, 0)
