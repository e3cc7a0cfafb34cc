"""Triple Helix synergy on tables of units whose entropies are computed here by hand.

Eight units (u = university, i = industry, g = government take part):

    1 {u, i}   2 {u, i}   3 {u, g}   4 {i, g}   5 {u, i, g}   6 {u}   7 {i}   8 {g}

Counts: u in 5 of 8 (1, 2, 3, 5, 6), i in 5 (1, 2, 4, 5, 7), g in 4 (3, 4, 5, 8).
(u, i): both 3 (1, 2, 5), u only 2 (3, 6), i only 2 (4, 7), neither 1 (8).
(u, g): both 2 (3, 5), u only 3 (1, 2, 6), g only 2 (4, 8), neither 1 (7).
(i, g): both 2 (4, 5), i only 3 (1, 2, 7), g only 2 (3, 8), neither 1 (6).
(u, i, g): 110 twice (1, 2), 101, 011, 111, 100, 010, 001 once each, 000 never.
"""

from __future__ import annotations

import itertools
import math
from collections import Counter

import networkx as nx
import numpy as np
import pytest

from helixgraph.analysis import AnalysisError
from helixgraph.analysis.synergy import DEFAULT_HELICES, affiliation_units, tie_units, triple_helix_synergy

HELICES = ("u", "i", "g")
UNITS = [{"u", "i"}, {"u", "i"}, {"u", "g"}, {"i", "g"}, {"u", "i", "g"}, {"u"}, {"i"}, {"g"}]


def H(*counts: int) -> float:
    total = sum(counts)
    return -sum(c / total * math.log2(c / total) for c in counts if c)


def test_eight_units_by_hand():
    h_u, h_i, h_g = H(5, 3), H(5, 3), H(4, 4)
    h_ui, h_ug, h_ig = H(3, 2, 2, 1), H(2, 3, 2, 1), H(2, 3, 2, 1)
    h_uig = H(2, 1, 1, 1, 1, 1, 1)
    result = triple_helix_synergy(UNITS, helices=HELICES, draws=20, seed=0)
    assert result.entropies == pytest.approx(
        {"H_u": h_u, "H_i": h_i, "H_g": h_g, "H_ui": h_ui, "H_ug": h_ug, "H_ig": h_ig, "H_uig": h_uig}
    )
    assert result.t_uig == pytest.approx(h_u + h_i + h_g - h_ui - h_ug - h_ig + h_uig)
    assert result.t_ui == pytest.approx(h_u + h_i - h_ui)
    assert result.t_ug == pytest.approx(h_u + h_g - h_ug)
    assert result.t_ig == pytest.approx(h_i + h_g - h_ig)
    assert result.table.loc[(1, 1, 0)] == 2 and result.table.loc[(0, 0, 0)] == 0
    assert result.table.sum() == result.n_units == 8
    # H(1 bit) for g: half the units; the triple table has 7 cells in use.
    assert h_g == 1.0 and result.entropies["H_uig"] == pytest.approx(3 - 2 / 8)


def test_xor_is_pure_synergy():
    # g takes part exactly when one of u and i does: pairwise independent, jointly determined.
    # Each H is 1 bit, each pair 2 bits, the triple 2 bits: T = 3 - 6 + 2 = -1.
    result = triple_helix_synergy([set(), {"i", "g"}, {"u", "g"}, {"u", "i"}], helices=HELICES, draws=10)
    assert (result.t_uig, result.t_ui, result.t_ug, result.t_ig) == (-1.0, 0.0, 0.0, 0.0)


def test_identical_helices_are_redundant():
    # All or nothing: each H and each pair 1 bit, the triple 1 bit: T = 3 - 3 + 1 = +1.
    result = triple_helix_synergy([{"u", "i", "g"}, {"u", "i", "g"}, set(), set()], helices=HELICES, draws=10)
    assert (result.t_uig, result.t_ui, result.t_ug, result.t_ig) == (1.0, 1.0, 1.0, 1.0)


def test_shuffle_null_finds_the_xor_synergy():
    units = [set(), {"i", "g"}, {"u", "g"}, {"u", "i"}] * 15
    result = triple_helix_synergy(units, helices=HELICES, draws=499, seed=4)
    assert result.t_uig == -1.0
    # A shuffle keeps every helix in 30 of 60 units but almost never rebuilds the XOR.
    assert result.distribution.min() > -1.0
    assert result.p_value == pytest.approx(1 / 500)
    assert abs(result.null_mean) < 0.1
    assert (result.draws, result.seed, result.n_units, result.n_ties, result.caveat) == (499, 4, 60, 60, None)


def test_shuffle_keeps_each_helix_share():
    # A unit table where u and i go together: T(UI) = 1 bit; shuffles break it to near 0, and
    # T(UIG) of the shuffles is computed from the same marginal entropies as the observed value.
    units = [{"u", "i"}] * 10 + [set()] * 10 + [{"g"}] * 5
    result = triple_helix_synergy(units, helices=HELICES, draws=200, seed=1)
    assert result.t_ui == pytest.approx(H(10, 15) + H(10, 15) - H(10, 15))
    assert result.null_sd > 0
    assert np.isfinite(result.distribution).all()


def test_same_seed_same_null():
    first = triple_helix_synergy(UNITS * 5, helices=HELICES, draws=50, seed=9)
    again = triple_helix_synergy(UNITS * 5, helices=HELICES, draws=50, seed=9)
    other = triple_helix_synergy(UNITS * 5, helices=HELICES, draws=50, seed=10)
    assert np.array_equal(first.distribution, again.distribution)
    assert not np.array_equal(first.distribution, other.distribution)


def test_other_sectors_are_ignored_and_caveat_counts_ties():
    units = [{"u", "Healthcare"}, {"Healthcare"}, {"i"}]
    result = triple_helix_synergy(units, helices=HELICES, draws=5, n_ties=12)
    assert result.table.loc[(0, 0, 0)] == 1  # the unit with only a hospital
    assert result.n_ties == 12 and result.too_small and result.caveat.startswith("only 12 ties")


def test_without_units_everything_is_nan():
    result = triple_helix_synergy([], helices=HELICES, draws=5)
    assert math.isnan(result.t_uig) and math.isnan(result.p_value) and result.n_units == 0


@pytest.mark.parametrize("helices", [("u", "i"), ("u", "u", "g")])
def test_bad_helices(helices):
    with pytest.raises(AnalysisError, match="helices"):
        triple_helix_synergy(UNITS, helices=helices)


def test_tie_units_and_default_helices():
    assert DEFAULT_HELICES == ("AcademiaResearch", "Industry", "Government")
    G = nx.Graph([("lab", "firm"), ("firm", "nmpa"), ("lab", "uni"), ("firm", "drug"), ("drug", "drug")])
    sectors = {"lab": "AcademiaResearch", "uni": "AcademiaResearch", "firm": "Industry", "nmpa": "Government",
               "drug": None}  # fmt: skip
    nx.set_node_attributes(G, sectors, "sector")
    units = tie_units(G)
    assert units == [
        {"AcademiaResearch", "Industry"},
        {"AcademiaResearch"},
        {"Industry", "Government"},
        {"Industry"},
    ]
    result = triple_helix_synergy(units, draws=5)
    assert result.table.loc[(1, 1, 0)] == 1 and result.table.loc[(0, 1, 1)] == 1
    assert result.table.loc[(1, 0, 0)] == 1 and result.table.loc[(0, 1, 0)] == 1


def _t_uig(rows) -> float:
    """T(UIG) of (u, i, g) rows, from the entropies of their counts, written out."""

    def h(columns):
        counts = Counter(tuple(row[c] for c in columns) for row in rows)
        return H(*counts.values())

    return h([0]) + h([1]) + h([2]) - h([0, 1]) - h([0, 2]) - h([1, 2]) + h([0, 1, 2])


def test_null_matches_every_shuffle_enumerated():
    # Shuffling all three columns is shuffling i and g against a fixed u. The eight units have i
    # in 5 and g in 4: C(8, 5) * C(8, 4) = 56 * 70 = 3,920 equally likely arrangements.
    u = [int("u" in unit) for unit in UNITS]
    exact = []
    for ones_i in itertools.combinations(range(8), 5):
        for ones_g in itertools.combinations(range(8), 4):
            rows = [(u[k], int(k in ones_i), int(k in ones_g)) for k in range(8)]
            exact.append(_t_uig(rows))
    exact = np.array(exact)
    assert len(exact) == 3920
    result = triple_helix_synergy(UNITS, helices=HELICES, draws=20_000, seed=3)
    assert result.null_mean == pytest.approx(exact.mean(), abs=0.01)
    assert result.null_sd == pytest.approx(exact.std(), abs=0.01)
    assert result.p_value == pytest.approx(np.mean(exact <= result.t_uig + 1e-12), abs=0.015)
    # the same values occur, and no other
    assert set(np.round(result.distribution, 9)) <= set(np.round(exact, 9))


def test_affiliation_units_from_the_ecosystem(ecosystem):
    # drug: developedBy firm (Industry), regulator nmpa (Government), trialSite from hosp
    # (Healthcare). lab: uni (AcademiaResearch, subOrganizationOf) and firm (basedOnResearchOf,
    # twice) - its own sector is not counted.
    drug, lab = affiliation_units(ecosystem, ["drug", "lab"])
    assert drug == {"Industry", "Government", "Healthcare"}
    assert lab == {"AcademiaResearch", "Industry"}
    result = triple_helix_synergy([drug, lab], draws=5)
    assert result.table.loc[(0, 1, 1)] == 1 and result.table.loc[(1, 1, 0)] == 1


def test_affiliation_unit_must_be_a_node(ecosystem):
    with pytest.raises(AnalysisError, match="unit"):
        affiliation_units(ecosystem, ["nowhere"])
