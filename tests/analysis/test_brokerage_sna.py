"""Gould-Fernandez brokerage against R's ``sna::brokerage``, the reference implementation.

Every graph below is written to a temporary directory and handed to one ``Rscript`` run, which
prints ``raw.nli``, ``exp.nli``, ``sd.nli``, ``z.nli`` and the graph-level ``*.gli`` vectors
with 17 significant digits. A node without a group gets a class of its own, which is how
:func:`gould_fernandez` reads it. The undirected results are checked against sna run on the
graph with every edge read as two arcs.
"""

from __future__ import annotations

import csv
import shutil
import subprocess
from collections import defaultdict
from pathlib import Path

import networkx as nx
import numpy as np
import pytest

from helixgraph.analysis import gould_fernandez

SNA_COLUMNS = {"w_I": "coordinator", "w_O": "itinerant", "b_IO": "representative", "b_OI": "gatekeeper",
               "b_O": "liaison", "t": "total"}  # fmt: skip

R_SCRIPT = r"""
suppressPackageStartupMessages(library(sna))
dir <- commandArgs(trailingOnly = TRUE)[1]
for (case in readLines(file.path(dir, "cases.txt"))) {
  path <- function(suffix) file.path(dir, paste0(case, suffix))
  n <- as.integer(readLines(path(".n")))
  edges <- read.csv(path(".edges.csv"))
  cl <- readLines(path(".groups.txt"))
  g <- matrix(0, n, n)
  if (nrow(edges) > 0) g[cbind(edges$from, edges$to)] <- 1
  b <- brokerage(g, cl)
  out <- file(path(".out.csv"), "w")
  writeLines("part,row,col,value", out)
  for (part in c("raw.nli", "exp.nli", "sd.nli", "z.nli")) {
    m <- b[[part]]
    for (i in seq_len(nrow(m))) for (j in seq_len(ncol(m)))
      writeLines(sprintf("%s,%d,%s,%.17g", part, i, colnames(m)[j], m[i, j]), out)
  }
  for (part in c("raw.gli", "exp.gli", "sd.gli", "z.gli")) {
    v <- b[[part]]
    for (j in seq_along(v)) writeLines(sprintf("%s,0,%s,%.17g", part, names(v)[j], v[j]), out)
  }
  close(out)
}
"""


def _hand_made() -> dict[str, nx.DiGraph]:
    """Small directed graphs whose structure exercises each role and the edge cases."""
    graphs = {}
    G = nx.DiGraph()
    groups = {"a1": "A", "a2": "A", "a3": "A", "b1": "B", "b2": "B", "c1": "C", "x": None}
    G.add_nodes_from((v, {"sector": g}) for v, g in groups.items())
    G.add_edges_from([("a1", "a2"), ("a2", "a3"), ("a1", "b1"), ("b2", "b1"), ("b1", "b2"), ("b1", "a3"),
                      ("b1", "c1"), ("a1", "c1"), ("x", "b1"), ("b1", "x"), ("c1", "a2")])  # fmt: skip
    graphs["mixed"] = G
    chain = nx.DiGraph(
        [("lab", "firm"), ("firm", "drug"), ("drug", "nmpa"), ("lab", "hosp"), ("hosp", "drug")]
    )
    nx.set_node_attributes(chain, {"lab": "U", "firm": "I", "drug": None, "nmpa": "G", "hosp": "H"}, "sector")
    graphs["translation_chain"] = chain
    mutual = nx.DiGraph([(0, 1), (1, 0), (1, 2), (2, 1), (2, 3), (3, 0)])
    nx.set_node_attributes(mutual, {0: "A", 1: "A", 2: "B", 3: "B"}, "sector")
    graphs["mutual_ties"] = mutual
    one_group = nx.DiGraph([(0, 1), (1, 2), (2, 3), (3, 4), (4, 0), (0, 2)])
    nx.set_node_attributes(one_group, "A", "sector")
    graphs["one_group"] = one_group
    return graphs


def _random(seed: int) -> nx.DiGraph:
    """A seeded random directed graph of 10-40 nodes in 2-4 groups, some nodes without a group."""
    rng = np.random.default_rng(seed)
    n = int(rng.integers(10, 41))
    G = nx.gnp_random_graph(n, float(rng.uniform(0.05, 0.35)), seed=seed, directed=True)
    names = ["U", "I", "G", "H"][: int(rng.integers(2, 5))]
    labels = [names[i] for i in rng.integers(0, len(names), n)]
    for node in rng.choice(n, size=n // 10, replace=False):  # a few people or products
        labels[int(node)] = None
    nx.set_node_attributes(G, dict(enumerate(labels)), "sector")
    return G


def _symmetrised(seed: int) -> tuple[nx.Graph, nx.DiGraph]:
    U = _random(seed).to_undirected()
    return U, U.to_directed()


CASES: dict[str, nx.DiGraph] = {
    **_hand_made(),
    **{f"random_{seed}": _random(seed) for seed in range(8)},
    **{f"symmetrised_{seed}": _symmetrised(seed)[1] for seed in (20, 21, 22)},
}


@pytest.fixture(scope="module")
def sna(tmp_path_factory) -> dict[str, dict]:
    """Run sna::brokerage once on every case; return ``{case: {part: {(row, role): value}}}``."""
    rscript = shutil.which("Rscript")
    assert rscript, "Rscript not found: install the Debian packages r-base-core and r-cran-sna"
    folder: Path = tmp_path_factory.mktemp("sna")
    for case, G in CASES.items():
        index = {v: i + 1 for i, v in enumerate(G)}
        (folder / f"{case}.n").write_text(f"{len(G)}\n")
        rows = ["from,to", *(f"{index[u]},{index[v]}" for u, v in G.edges())]
        (folder / f"{case}.edges.csv").write_text("\n".join(rows) + "\n")
        groups = [str(g) if g is not None else f"own:{v}" for v, g in G.nodes(data="sector")]
        (folder / f"{case}.groups.txt").write_text("\n".join(groups) + "\n")
    (folder / "cases.txt").write_text("\n".join(CASES) + "\n")
    (folder / "brokerage.R").write_text(R_SCRIPT)
    run = subprocess.run([rscript, str(folder / "brokerage.R"), str(folder)], capture_output=True, text=True,
                         timeout=300, check=False)  # fmt: skip
    assert run.returncode == 0, run.stderr
    results = {}
    for case in CASES:
        parts: dict[str, dict] = defaultdict(dict)
        with (folder / f"{case}.out.csv").open() as handle:
            for record in csv.DictReader(handle):
                parts[record["part"]][int(record["row"]), SNA_COLUMNS[record["col"]]] = float(record["value"])
        results[case] = parts
    return results


def _node_matrix(part: dict, n: int) -> np.ndarray:
    return np.array([[part[i + 1, role] for role in SNA_COLUMNS.values()] for i in range(n)])


def _graph_vector(part: dict) -> np.ndarray:
    return np.array([part[0, role] for role in SNA_COLUMNS.values()])


def _close(actual, expected) -> None:
    np.testing.assert_allclose(
        np.asarray(actual, dtype=float), expected, rtol=1e-9, atol=1e-9, equal_nan=True
    )


@pytest.mark.parametrize("case", list(CASES))
def test_directed_matches_sna(sna, case):
    G = CASES[case]
    reference = sna[case]
    result = gould_fernandez(G)
    assert list(result.raw.columns) == list(SNA_COLUMNS.values())
    assert (result.raw.to_numpy() == _node_matrix(reference["raw.nli"], len(G))).all()
    for ours, theirs in (("expected", "exp.nli"), ("sd", "sd.nli"), ("z", "z.nli")):
        _close(getattr(result, ours).to_numpy(), _node_matrix(reference[theirs], len(G)))
    for row, theirs in (
        ("raw", "raw.gli"),
        ("expected", "exp.gli"),
        ("sd_sna", "sd.gli"),
        ("z_sna", "z.gli"),
    ):
        _close(result.overall.loc[row].to_numpy(), _graph_vector(reference[theirs]))


def test_random_cases_exercise_every_role(sna):
    totals = sum(_graph_vector(sna[f"random_{seed}"]["raw.gli"]) for seed in range(8))
    assert (totals > 20).all()


@pytest.mark.parametrize("seed", [20, 21, 22])
def test_undirected_is_sna_on_both_arcs_once_per_pair(sna, seed):
    # sna sees every open pair {a, b} through v twice: a->v->b and b->v->a, of the same role
    # except that the reverse of a representative path is a gatekeeper path.
    U, D = _symmetrised(seed)
    reference = sna[f"symmetrised_{seed}"]
    raw = _node_matrix(reference["raw.nli"], len(D))
    expected = _node_matrix(reference["exp.nli"], len(D))
    z = _node_matrix(reference["z.nli"], len(D))
    coordinator, itinerant, representative, gatekeeper, liaison, total = range(6)
    assert (raw[:, representative] == raw[:, gatekeeper]).all()
    result = gould_fernandez(U)
    assert list(result.raw.columns) == [
        "coordinator",
        "itinerant",
        "representative_gatekeeper",
        "liaison",
        "total",
    ]
    halved = [coordinator, itinerant, liaison, total]
    assert (result.raw.to_numpy()[:, [0, 1, 3, 4]] * 2 == raw[:, halved]).all()
    assert (result.raw["representative_gatekeeper"].to_numpy() == raw[:, representative]).all()
    _close(result.expected.to_numpy()[:, [0, 1, 3, 4]] * 2, expected[:, halved])
    _close(result.expected["representative_gatekeeper"], expected[:, representative])
    # Half the mean and half the variance: the z-score shrinks by sqrt(2).
    _close(result.z.to_numpy()[:, [0, 1, 3, 4]] * np.sqrt(2), z[:, halved])
    _close(result.z["representative_gatekeeper"], z[:, representative])
    _close(
        result.overall.loc["raw"].to_numpy()[[0, 1, 3, 4]] * 2, _graph_vector(reference["raw.gli"])[halved]
    )
    _close(result.overall.loc["expected"].to_numpy()[[0, 1, 3, 4]] * 2,
           _graph_vector(reference["exp.gli"])[halved])  # fmt: skip
    assert result.density == pytest.approx(U.number_of_edges() / (len(U) * (len(U) - 1) / 2))
    assert result.raw["total"].sum() > 20
