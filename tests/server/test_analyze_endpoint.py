"""`analyze --endpoint` reads the graph from a SPARQL server and gives the embedded store's measures."""

from __future__ import annotations

import pandas as pd
import pytest
from click.testing import CliRunner

import helixgraph as hg
from helixgraph.cli import cli

pytestmark = pytest.mark.server


def test_analysis_over_an_endpoint_matches_the_embedded_store(server_build, endpoint):
    remote = hg.analyze(server_build, endpoint=endpoint)
    local = hg.analyze(server_build, write=False)
    pd.testing.assert_frame_equal(remote.table, local.table)
    assert remote.ei_index == pytest.approx(local.ei_index)
    assert remote.parameters["endpoint"] == endpoint


def test_cli_analyze_endpoint_prints_the_ranking_and_writes_nothing(server_build, endpoint):
    before = sorted(p.name for p in server_build.iterdir())
    result = CliRunner().invoke(cli, ["analyze", "--endpoint", endpoint, "--out", str(server_build)])
    assert result.exit_code == 0, result.output
    # the top actor by betweenness (places are context, products are not actors)
    assert result.output.splitlines()[1].split()[:2] == ["Huahui", "Health"]
    assert "E-I index 0.556 over 9 actor ties" in result.output
    assert "Wrote" not in result.output
    assert sorted(p.name for p in server_build.iterdir()) == before
