"""The analysis summary says how to read a broker's z when the null cannot produce the broker's ties."""

from __future__ import annotations

import networkx as nx

from helixgraph.analysis import run_suite
from helixgraph.pipeline.analysis_step import LARGE_BROKERAGE_Z, chance_summary

_SECTORS = ("Industry", "AcademiaResearch", "Government", "Healthcare")
_CLASSES = {"Industry": "Company", "AcademiaResearch": "ResearchInstitute", "Government": "GovernmentBody",
            "Healthcare": "Hospital"}


def _network(hub_ties: int) -> nx.MultiDiGraph:
    """A chain of 400 organisations of four sectors, and one hub tied to ``hub_ties`` of them."""
    G = nx.MultiDiGraph()
    for i in range(400):
        sector = _SECTORS[i % 4]
        G.add_node(f"urn:n{i}", label=f"Node {i}", cls=_CLASSES[sector], sector=sector, kind="actor")
    for i in range(399):
        G.add_edge(f"urn:n{i}", f"urn:n{i + 1}", predicate="collaboratesWith")
    G.add_node("urn:hub", label="Hub", cls="Company", sector="Industry", kind="actor")
    for i in range(0, 4 * hub_ties, 4):
        G.add_edge("urn:hub", f"urn:n{i + 1}", predicate="collaboratesWith")
    return G


def test_a_hub_far_outside_the_null_gets_the_note():
    result = run_suite(_network(100), null_draws=20, modularity_draws=0)
    z = result.brokerage.z["total"]
    assert z.max() > LARGE_BROKERAGE_Z and z.idxmax() == "urn:hub"
    summary = chance_summary(result).splitlines()
    brokers = summary.index("Brokers between sectors (open pairs; z against the group-preserving null):")
    assert summary[brokers + 1].startswith("  Hub: ")
    assert any(line.startswith(f"  A z above {LARGE_BROKERAGE_Z:g} mostly says that the node has many ties")
               for line in summary)


def test_no_note_when_every_z_is_moderate():
    result = run_suite(_network(3), null_draws=20, modularity_draws=0)
    assert result.brokerage.z["total"].max() < LARGE_BROKERAGE_Z
    assert not any("mostly says that the node has many ties" in line for line in chance_summary(result).splitlines())
