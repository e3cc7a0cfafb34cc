"""Parameterised queries send the same bound text to a remote endpoint and get the store's rows."""

from __future__ import annotations

import pytest

from helixgraph import api
from helixgraph.graph.catalog import named_queries
from helixgraph.graph.store import open_store
from helixgraph.server.oxigraph_server import running_server

pytestmark = pytest.mark.server

CASES = [
    ("entity-timeline", {"entity": "libevitug", "as_of": "2026-01-01"}),
    ("people-and-roles", {"entity": "li-wenhui"}),
    ("forecasts-as-of", {"as_of": "2026-02-01"}),
    ("firsts", {"jurisdiction": "hx:china"}),
    ("product-milestones", {"product_class": "eco:Drug"}),
]


def test_cases_cover_the_library():
    assert {name for name, _ in CASES} <= {n for n, q in named_queries().items() if q.kind == "library"}


def test_remote_rows_equal_the_store_rows(server_build):
    store = open_store(server_build, in_memory=True)
    with running_server(server_build) as url:
        for name, params in CASES:
            local = api.query(name, store=store, **params)
            remote = api.query(name, endpoint=url, **params)
            assert local.rows, name
            assert [tuple(map(str, row)) for row in remote.rows] == [tuple(map(str, r)) for r in local.rows], name
