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

ARCS = [  # as the projection gives them: oriented in the declared direction of flow
    ("lab", "uni", "eco:subOrganizationOf", "Mutual"),
    ("lab", "firm", "eco:basedOnResearchOf", "FromObject"),
    ("lab", "firm", "eco:basedOnResearchOf", "FromObject"),  # the same tie reported by a second source
    ("biotech", "firm", "eco:subOrganizationOf", "Mutual"),
    ("incub", "firm", "eco:supports", "FromSubject"),
    ("incub", "biotech", "eco:supports", "FromSubject"),
    ("firm", "drug", "eco:developedBy", "FromObject"),
    ("drug", "nmpa", "eco:RegulatoryDecisionTie", "FromSubject"),
    ("drug", "hosp", "eco:TrialSiteTie", "FromSubject"),
    ("firm", "firm", "eco:partnerOf", "Mutual"),  # a self-loop the views must drop
]


@pytest.fixture
def ecosystem() -> nx.MultiDiGraph:
    G = nx.MultiDiGraph()
    for node, (label, cls, sector) in NODES.items():
        G.add_node(node, label=label, cls=cls, sector=sector)
    for source, target, predicate, flow in ARCS:
        G.add_edge(source, target, predicate=predicate, flow=flow, source="src:caixin")
    return G
