"""Smoke test of the end-to-end build benchmark (not timed): it runs the user's command, reads back
the stages, opens a session and asks the entity questions, and its table reports each against its
target. The analysis makes it a minute long, so it is in the slow tier."""

from __future__ import annotations

import json
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))


@pytest.mark.slow
def test_build_benchmark_measures_every_figure(tmp_path):
    from benchmarks.build import measure, table

    figures = measure(600, tmp_path, limit_gb=4.0)
    build = figures["build"]
    assert build["code"] == 0
    assert {"reading sources", "validating", "analysis", "explorer", "writing serialisations"} <= set(build["stages"])
    assert build["files"][:3] == ["ecosystem.trig", "ecosystem.ttl", "ecosystem.jsonld"]
    assert figures["parse"]["quads"] > 5000 and figures["session"]["rows_n"] > figures["parse"]["quads"]
    assert figures["session"]["memory:timeline (cq18)"]["rows"] == figures["session"]["disk:timeline (cq18)"]["rows"] > 0
    text = table(figures)
    assert "**`helixgraph build` (default), end to end**" in text and "stage: analysis" in text
    assert text.count("entity question") == 6
    assert "rows as Python tuples" in text and text.count("the raw iteration") == 2


@pytest.mark.slow
def test_the_session_alone_is_timed_on_an_existing_build(built, capsys):
    from benchmarks.build import main

    main(["--session", str(built)])
    printed = capsys.readouterr().out
    assert "session: `open_store(out, in_memory=True)`" in printed
    assert printed.count("entity question") == 6 and "rows as a typed DataFrame" in printed
    figures = json.loads(printed[:printed.index("load average after")])
    assert figures["rows_n"] > 1000 and figures["rows_cpu"] > 0 and figures["raw_cpu"] > 0
    for key in ("raw", "rows", "dataframe"):  # each the median of three runs
        assert len(figures[f"{key}_runs"]) == 3
        assert figures[key] == pytest.approx(sorted(figures[f"{key}_runs"])[1], abs=1e-3)
