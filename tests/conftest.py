"""Shared fixtures: one build of the bundled dataset per test session."""

from __future__ import annotations

import os
import sys
from pathlib import Path

import pytest

from helixgraph.data import bundled_sources
from helixgraph.graph.store import open_store
from helixgraph.pipeline import build

# The benchmarks package (the synthetic-data generator and the harness some tests run) is imported
# from the repository root, however pytest was started (`pytest`, `python -m pytest`, from any folder).
_ROOT = str(Path(__file__).resolve().parents[1])
if _ROOT not in sys.path:
    sys.path.insert(0, _ROOT)


@pytest.fixture(scope="session")
def built(tmp_path_factory) -> Path:
    """The output folder of a build of the bundled dataset with its analysis (no rendering)."""
    from helixgraph.pipeline import analysis_step

    out = tmp_path_factory.mktemp("built") / "out"
    build(out=out, steps=[analysis_step])
    return out


@pytest.fixture(scope="session")
def store(built):
    """The built store, opened read-only."""
    return open_store(built)


@pytest.fixture()
def sources_copy(tmp_path) -> Path:
    """A writable copy of the bundled source files."""
    folder = tmp_path / "sources"
    folder.mkdir()
    for f in bundled_sources().iterdir():
        if f.suffix == ".yaml":
            (folder / f.name).write_text(f.read_text(encoding="utf-8"), encoding="utf-8")
    return folder


@pytest.hookimpl(hookwrapper=True)
def pytest_runtest_makereport(item, call):
    """In CI (``CI`` set), a skipped test is a failure: nothing the suite promises may go untested."""
    outcome = yield
    report = outcome.get_result()
    if os.environ.get("CI") and report.skipped and not hasattr(report, "wasxfail"):
        report.outcome = "failed"
        report.longrepr = f"skipped in CI, which must run every test: {report.longrepr}"
