"""Burt's measures worked out by hand on the ecosystem of conftest.py.

firm's contacts are lab, biotech, incub, drug (p = 1/4 each); biotech and incub are tied.
Constraint c_ij = (p_ij + sum_q p_iq p_qj)^2:
  lab, drug: (1/4)^2 = 4/64;  biotech: (1/4 + p_firm,incub * p_incub,biotech)^2 = (1/4 + 1/8)^2 = 9/64;
  incub likewise 9/64.  Total 26/64.
biotech's contacts firm and incub are tied, but firm has 4 contacts and incub 2:
  c_firm = (1/2 + p_biotech,incub * p_incub,firm)^2 = (1/2 + 1/2 * 1/2)^2 = 36/64,
  c_incub = (1/2 + p_biotech,firm * p_firm,incub)^2 = (1/2 + 1/2 * 1/4)^2 = 25/64; total 61/64.
incub is placed like biotech: 61/64.
drug's contacts firm, hosp, nmpa are not tied: 3 * (1/3)^2 = 1/3.
Effective size deg - 2t/deg: firm 4 - 2/4 = 3.5; biotech 2 - 2/2 = 1; drug 3; uni 1.
"""

import math

import networkx as nx
import pytest

from helixgraph.analysis import AnalysisError, constraint, effective_size, efficiency, simple_view

ENGINES = ["networkx", "igraph"]


@pytest.fixture
def U(ecosystem):
    return simple_view(ecosystem)


@pytest.mark.parametrize("engine", ENGINES)
@pytest.mark.parametrize(
    ("node", "expected"),
    [
        ("firm", 26 / 64),
        ("biotech", 61 / 64),
        ("incub", 61 / 64),
        ("drug", 1 / 3),
        ("uni", 1.0),
        ("lab", 0.5),
    ],
)
def test_constraint(U, engine, node, expected):
    assert constraint(U, engine=engine)[node] == pytest.approx(expected)


@pytest.mark.parametrize("engine", ENGINES)
@pytest.mark.parametrize(
    ("node", "size", "ratio"),
    [("firm", 3.5, 3.5 / 4), ("biotech", 1.0, 0.5), ("drug", 3.0, 1.0), ("uni", 1.0, 1.0), ("lab", 2.0, 1.0)],
)
def test_effective_size_and_efficiency(U, engine, node, size, ratio):
    assert effective_size(U, engine=engine)[node] == pytest.approx(size)
    assert efficiency(U, engine=engine)[node] == pytest.approx(ratio)


@pytest.mark.parametrize("engine", ENGINES)
def test_isolated_node_is_nan(engine):
    G = nx.Graph([(0, 1)])
    G.add_node(2)
    assert math.isnan(constraint(G, engine=engine)[2])
    assert math.isnan(effective_size(G, engine=engine)[2])
    assert math.isnan(efficiency(G, engine=engine)[2])


def test_efficiency_uses_given_effective_sizes():
    G = nx.path_graph(3)
    assert efficiency(G, effective_sizes={0: 1.0, 1: 1.0, 2: 1.0}) == {0: 1.0, 1: 0.5, 2: 1.0}


@pytest.mark.parametrize("measure", [constraint, effective_size, efficiency])
def test_directed_graphs_are_refused(measure):
    with pytest.raises(AnalysisError, match="undirected") as info:
        measure(nx.DiGraph([(0, 1)]))
    assert info.value.parameter == "G"
