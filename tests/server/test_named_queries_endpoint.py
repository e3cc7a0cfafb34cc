"""The endpoint runs the project's named queries by name, with their parameters bound as RDF terms."""

from __future__ import annotations

import json
import urllib.error
import urllib.parse
import urllib.request

import pytest

from helixgraph import api

pytestmark = pytest.mark.server


def post(endpoint: str, fields: dict) -> tuple[int, str]:
    body = urllib.parse.urlencode(fields).encode()
    request = urllib.request.Request(endpoint, data=body, method="POST", headers={
        "Content-Type": "application/x-www-form-urlencoded", "Accept": "application/sparql-results+json"})
    try:
        with urllib.request.urlopen(request, timeout=20) as response:
            return response.status, response.read().decode()
    except urllib.error.HTTPError as error:
        return error.code, error.read().decode()


def test_a_named_query_with_parameters_answers_as_the_api(endpoint, server_store):
    status, text = post(endpoint, {"named": "people-and-roles", "param.entity": "li-wenhui"})
    assert status == 200
    rows = [b["other"]["value"] for b in json.loads(text)["results"]["bindings"]]
    expected = [row[0] for row in api.query("people-and-roles", store=server_store, entity="li-wenhui").rows]
    assert rows == expected and len(rows) == 3


def test_a_preset_runs_with_its_default_and_with_a_given_value(endpoint):
    _, default = post(endpoint, {"named": "cq21"})
    _, earlier = post(endpoint, {"named": "cq21", "param.as_of": "2025-10-01"})
    status_of = [[b["status"]["value"] for b in json.loads(t)["results"]["bindings"]] for t in (default, earlier)]
    assert status_of == [["fulfilled"], ["open"]]


@pytest.mark.parametrize(("fields", "message"), [
    ({"named": "entity-timeline"}, "parameter 'entity' is required"),
    ({"named": "entity-timeline", "param.entity": "x> } ; DROP ALL"}, "parameter 'entity' got"),
    ({"named": "entity-timeline", "param.entity": "nibs", "param.when": "2020-01-01"}, "no parameter 'when'"),
    ({"named": "../helixgraph.toml"}, "no named query '../helixgraph.toml'"),
    ({"named": "cq18", "query": "ASK {}"}, "a query or a named query, not both"),
])
def test_bad_named_requests_are_400_with_the_reason(endpoint, fields, message):
    status, text = post(endpoint, fields)
    assert status == 400
    assert message in text
