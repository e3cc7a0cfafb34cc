"""A hand-built science-park ecosystem whose measures are worked out by hand in the tests.

Undirected simple view (weights in brackets where > 1)::

    uni --- lab ===(2)=== firm --- drug --- hosp
                         /    \\        \\
                   biotech -- incub     nmpa

``firm``, ``biotech`` and ``incub`` form the only triangle. ``drug`` has no sector.
"""

from __future__ import annotations

import networkx as nx
import pytest

NODES = {
    "uni": ("University", "ResearchInstitute", "AcademiaResearch"),
    "lab": ("Key Lab", "ResearchInstitute", "AcademiaResearch"),
    "firm": ("Firm", "Company", "Industry"),
    "biotech": ("Biotech", "Company", "Industry"),
    "incub": ("Incubator", "Incubator", "Intermediary"),
    "drug": ("Drug X", "Drug", None),
    "hosp": ("Hospital", "Hospital", "Healthcare"),
    "nmpa": ("NMPA", "Regulator", "Government"),
}

ARCS = [
    ("lab", "uni", "eco:subOrganizationOf"),
    ("firm", "lab", "eco:basedOnResearchOf"),
    ("firm", "lab", "eco:basedOnResearchOf"),  # the same tie reported by a second source
    ("biotech", "firm", "eco:subOrganizationOf"),
    ("incub", "firm", "eco:supports"),
    ("incub", "biotech", "eco:supports"),
    ("drug", "firm", "eco:developedBy"),
    ("drug", "nmpa", "eco:regulator"),
    ("hosp", "drug", "eco:trialSite"),
    ("firm", "firm", "eco:partnerOf"),  # a self-loop the views must drop
]


@pytest.fixture
def ecosystem() -> nx.MultiDiGraph:
    G = nx.MultiDiGraph()
    for node, (label, cls, sector) in NODES.items():
        G.add_node(node, label=label, cls=cls, sector=sector)
    for source, target, predicate in ARCS:
        G.add_edge(source, target, predicate=predicate, source="src:caixin")
    return G
