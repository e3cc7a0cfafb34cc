"""The suite's tests against chance, on the ecosystem of conftest.py, worked out by hand.

Actor view (drug folded into firm-hosp, firm-nmpa and hosp-nmpa), 7 actors and 8 ties:
uni-lab (A-A), firm-biotech (I-I), lab-firm (A-I), firm-incub (I-Int), biotech-incub (I-Int),
firm-hosp (I-H), firm-nmpa (I-G), hosp-nmpa (H-G). Sector sizes: A 2, I 2, Int 1, H 1, G 1.
"""

from __future__ import annotations

import json
import math

import pytest

from helixgraph.analysis import run_suite, simple_view


@pytest.fixture
def result(ecosystem):
    return run_suite(ecosystem, null_draws=400, modularity_draws=30)


def H(*counts: int) -> float:
    total = sum(counts)
    return -sum(c / total * math.log2(c / total) for c in counts if c)


def test_brokerage_counts_each_open_pair_once(result):
    # firm's contacts: lab (A), biotech (I), incub (Int), hosp (H), nmpa (G); untied pairs:
    # biotech with lab, hosp, nmpa (one end in firm's sector): 3 representative_gatekeeper;
    # lab-incub, lab-hosp, lab-nmpa, incub-hosp, incub-nmpa: 5 liaison. 8 in all.
    brokerage = result.brokerage
    assert not brokerage.directed
    assert brokerage.raw.loc["firm"].tolist() == [0, 0, 3, 5, 8]
    assert brokerage.raw.loc["lab"].tolist() == [0, 0, 1, 0, 1]
    # p = 8 / C(7, 2) = 8/21; q = p^2 (1 - p). firm can broker C(6, 2) = 15 pairs: 9 between two
    # groups other than its own (10 pairs of uni, lab, incub, hosp, nmpa but uni-lab), 5 with biotech.
    q = (8 / 21) ** 2 * (13 / 21)
    assert brokerage.density == pytest.approx(8 / 21)
    assert brokerage.expected.loc["firm", "liaison"] == pytest.approx(9 * q)
    assert brokerage.expected.loc["firm", "representative_gatekeeper"] == pytest.approx(5 * q)
    assert brokerage.expected.loc["firm", "total"] == pytest.approx(15 * q)
    assert brokerage.z.loc["firm", "liaison"] > 0
    assert brokerage.n_ties == 8 and brokerage.too_small


def test_ei_test(result):
    # 7 actors with a sector: 2 of the 21 pairs share one (uni-lab, firm-biotech); E-I expected
    # 2 * 19/21 - 1 = 17/21. Observed (6 - 2) / 8 = 0.5, below what random mixing gives.
    test = result.ei_test
    assert test.value == pytest.approx(0.5) == pytest.approx(result.ei_index)
    assert test.expected == pytest.approx(17 / 21)
    assert (test.draws, test.seed, test.n_ties) == (400, result.parameters["seed"], 8)
    assert test.p_value > 0.05
    assert test.caveat.startswith("only 8 ties")


def test_synergy_over_the_ties(result):
    # Units (u = AcademiaResearch, i = Industry, g = Government): uni-lab 100, firm-biotech 010,
    # lab-firm 110, firm-incub 010, biotech-incub 010, firm-hosp 010, firm-nmpa 011, hosp-nmpa 001.
    # u in 2 of 8, i in 6, g in 2. (u, i): 11 once, 10 once, 01 five times, 00 once.
    # (u, g): 10 twice, 01 twice, 00 four times. (i, g): 11 once, 10 five, 01 once, 00 once.
    synergy = result.synergy
    t_uig = H(2, 6) + H(6, 2) + H(2, 6) - H(1, 1, 5, 1) - H(2, 2, 4) - H(1, 5, 1, 1) + H(1, 4, 1, 1, 1)
    assert synergy.t_uig == pytest.approx(t_uig)
    assert synergy.t_ui == pytest.approx(H(2, 6) + H(6, 2) - H(1, 1, 5, 1))
    assert synergy.n_units == 8 and synergy.draws == 400
    assert synergy.caveat is not None
    assert result.parameters["nulls"]["synergy_helices"] == ["AcademiaResearch", "Industry", "Government"]


def test_modularity_test(result, ecosystem):
    test = result.modularity_test
    U = simple_view(ecosystem)
    assert (test.draws, test.n_ties, len(test.distribution)) == (30, U.number_of_edges(), 30)
    assert 0 < test.observed < 1
    assert 0 < test.p_value <= 1
    assert test.caveat is not None


def test_modularity_null_can_be_skipped(ecosystem):
    result = run_suite(ecosystem, null_draws=5, modularity_draws=0)
    assert result.modularity_test is None
    assert result.parameters["nulls"]["modularity"].startswith("skipped")
    assert result.ei_test.draws == 5


def test_parameters_stay_json(result):
    assert json.loads(json.dumps(result.parameters))["nulls"]["seed"] == result.parameters["seed"]
