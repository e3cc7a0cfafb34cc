"""Sector mixing on the ecosystem of conftest.py.

Ties of the undirected simple view between nodes that both have a sector (drug has none, so
drug-firm, drug-hosp and drug-nmpa drop out):
  uni-lab (A-A, internal), lab-firm (A-I), firm-biotech (I-I, internal),
  firm-incub (I-Int), biotech-incub (I-Int).
Internal 2, external 3: E-I = (3 - 2) / 5 = 0.2.
"""

import math

import networkx as nx
import pandas as pd
import pytest

from helixgraph.analysis import cross_sector_ties, ei_index, sector_mixing_matrix, simple_view

SECTORS = ["AcademiaResearch", "Government", "Healthcare", "Industry", "Intermediary"]


@pytest.fixture
def U(ecosystem):
    return simple_view(ecosystem)


def test_mixing_matrix_counts_each_undirected_tie_from_both_ends(U):
    expected = pd.DataFrame(0.0, index=SECTORS, columns=SECTORS)
    expected.loc["AcademiaResearch", "AcademiaResearch"] = 2  # uni-lab, from both ends
    expected.loc["AcademiaResearch", "Industry"] = expected.loc["Industry", "AcademiaResearch"] = 1
    expected.loc["Industry", "Industry"] = 2  # firm-biotech
    expected.loc["Industry", "Intermediary"] = expected.loc["Intermediary", "Industry"] = 2
    pd.testing.assert_frame_equal(sector_mixing_matrix(U), expected)


def test_mixing_matrix_normalized_sums_to_one(U):
    table = sector_mixing_matrix(U, normalized=True)
    assert table.to_numpy().sum() == pytest.approx(1.0)
    assert table.loc["Industry", "Intermediary"] == pytest.approx(2 / 10)


def test_directed_mixing_matrix_reads_tail_to_head():
    G = nx.DiGraph([("lab", "firm"), ("firm", "hosp")])
    nx.set_node_attributes(G, {"lab": "U", "firm": "I", "hosp": "H"}, "sector")
    table = sector_mixing_matrix(G)
    assert (table.loc["U", "I"], table.loc["I", "U"], table.loc["I", "H"]) == (1, 0, 1)


def test_mixing_matrix_without_sectors_is_empty():
    assert sector_mixing_matrix(nx.path_graph(3)).empty


def test_ei_index(U):
    assert ei_index(U) == pytest.approx(0.2)


@pytest.mark.parametrize(
    ("sectors", "expected"),
    [
        (("A", "A", "A"), -1.0),
        (("A", "B", "C"), 1.0),
        (("A", "A", "B"), 0.0),
        (("A", None, "B"), math.nan),
    ],
)
def test_ei_index_on_a_path(sectors, expected):
    G = nx.path_graph(3)
    nx.set_node_attributes(G, dict(enumerate(sectors)), "sector")
    assert ei_index(G) == pytest.approx(expected, nan_ok=True)


def test_cross_sector_ties_lists_every_relation(ecosystem):
    table = cross_sector_ties(ecosystem)
    assert list(table.columns) == ["source", "target", "source_sector", "target_sector", "predicate"]
    assert table.values.tolist() == [
        ["lab", "firm", "AcademiaResearch", "Industry", "eco:basedOnResearchOf"],
        ["lab", "firm", "AcademiaResearch", "Industry", "eco:basedOnResearchOf"],
        ["incub", "firm", "Intermediary", "Industry", "eco:supports"],
        ["incub", "biotech", "Intermediary", "Industry", "eco:supports"],
    ]


def test_cross_sector_ties_of_simple_view_have_no_predicate(U):
    table = cross_sector_ties(U)
    assert len(table) == 3
    assert table["predicate"].isna().all()
