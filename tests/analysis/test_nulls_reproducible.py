"""The tests against chance give the same figures in processes with different string hashing."""

from __future__ import annotations

import json
import os
import subprocess
import sys

SCRIPT = r"""
import json
import networkx as nx
from helixgraph.analysis import ei_index_test, gould_fernandez, modularity_test, tie_units, triple_helix_synergy

G = nx.gnm_random_graph(40, 90, seed=8)
G = nx.relabel_nodes(G, {v: f"org-{v}" for v in G})
sectors = ["AcademiaResearch", "Industry", "Government", "Healthcare", None]
nx.set_node_attributes(G, {v: sectors[i % 5] for i, v in enumerate(G)}, "sector")
D = nx.DiGraph((u, v) if i % 3 else (v, u) for i, (u, v) in enumerate(G.edges()))
nx.set_node_attributes(D, dict(G.nodes(data="sector")), "sector")
ei = ei_index_test(G, draws=200, seed=5)
q = modularity_test(G, draws=5, seed=5)
th = triple_helix_synergy(tie_units(G), draws=200, seed=5)
print(json.dumps({
    "brokerage": gould_fernandez(D).z.round(12).fillna(0).to_dict(),
    "overall": gould_fernandez(G).overall.round(12).to_dict(),
    "ei": [ei.value, ei.p_value, ei.distribution.tolist()],
    "modularity": [q.observed, q.distribution.tolist()],
    "synergy": [th.t_uig, th.distribution.tolist()],
}, sort_keys=True))
"""


def _run(hash_seed: str) -> dict:
    env = {**os.environ, "PYTHONHASHSEED": hash_seed}
    done = subprocess.run([sys.executable, "-c", SCRIPT], env=env, capture_output=True, text=True, check=False,
                          timeout=300)  # fmt: skip
    assert done.returncode == 0, done.stderr
    return json.loads(done.stdout)


def test_same_results_under_different_hash_seeds():
    first, second = _run("1"), _run("2")
    assert first == second
    assert len(first["ei"][2]) == 200 and len(first["brokerage"]["liaison"]) == 40
