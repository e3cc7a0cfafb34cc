"""Fixtures for the server tests: one build per module (`server_build`) and a read-only Oxigraph server on it.

Every server runs inside :func:`running_server`, whose exit stops it, so a failing test cannot
leave one behind.
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from helixgraph.graph.results import QueryResult
from helixgraph.graph.store import open_store
from helixgraph.pipeline import build
from helixgraph.server.oxigraph_server import running_server


@pytest.fixture(scope="module")
def server_build(tmp_path_factory) -> Path:
    """The output folder of a build of the bundled dataset for one module's servers.

    No analysis or rendering steps; each module gets its own, so a server test cannot change what
    the session's ``built`` folder holds.
    """
    out = tmp_path_factory.mktemp("server") / "out"
    build(out=out)
    return out


@pytest.fixture(scope="module")
def server_store(server_build):
    """The store of :func:`server_build`, opened read-only in this process beside the server reading it."""
    return open_store(server_build)


@pytest.fixture(scope="module")
def endpoint(server_build) -> str:
    """The query URL of a read-only server on the build, on a free loopback port."""
    with running_server(server_build, timeout=10) as url:
        yield url


def _canonical(result: QueryResult) -> list[str]:
    return sorted(json.dumps(b, sort_keys=True, ensure_ascii=False) for b in result.bindings)


@pytest.fixture(scope="session")
def canonical():
    """A function giving a result's rows as sorted canonical JSON: row order does not count, terms do."""
    return _canonical
