"""The modularity null is drawn at every size, with fewer draws on large graphs, stated with the result."""

from __future__ import annotations

import importlib

import networkx as nx
import numpy as np
import pytest

from helixgraph.analysis import modularity_draw_count, modularity_test, run_suite


@pytest.mark.parametrize(("ties", "draws"), [(0, 100), (5_000, 100), (10_000, 50), (25_000, 20),
                                             (26_316, 19), (111_307, 19), (10**7, 19)])
def test_draws_shrink_with_the_ties_but_never_below_nineteen(ties, draws):
    assert modularity_draw_count(ties) == draws


def test_the_suite_states_the_draws_it_made(ecosystem):
    result = run_suite(ecosystem, null_draws=10)
    assert result.modularity_test.draws == result.parameters["nulls"]["modularity_draws"] == 100
    assert result.parameters["nulls"]["modularity"].startswith("100 degree-preserving rewirings")
    skipped = run_suite(ecosystem, null_draws=10, modularity_draws=0)
    assert skipped.modularity_test is None
    assert skipped.parameters["nulls"]["modularity_draws"] == 0


@pytest.mark.slow
def test_draws_in_worker_processes_are_the_draws_made_in_turn(monkeypatch):
    # below this much work the draws stay in the calling process; zero sends them to the workers,
    # one draw a task, some done by the workers and the rest by the caller
    nulls = importlib.import_module("helixgraph.analysis.nulls")
    monkeypatch.setattr(nulls, "_WORK_FOR_WORKERS", 0)
    monkeypatch.setattr(nulls, "_WORK_PER_TASK", 1)
    G = nx.barabasi_albert_graph(300, 2, seed=4)
    alone = modularity_test(G, draws=7, seed=11, engine="igraph", workers=1)
    spread = modularity_test(G, draws=7, seed=11, engine="igraph", workers=2)
    assert np.array_equal(alone.distribution, spread.distribution)
    assert len(set(alone.distribution.tolist())) > 1  # seven different rewirings


def test_a_bad_number_of_workers_is_refused(ecosystem):
    from helixgraph.errors import AnalysisError

    with pytest.raises(AnalysisError, match="worker processes"):
        run_suite(ecosystem, workers=0)
