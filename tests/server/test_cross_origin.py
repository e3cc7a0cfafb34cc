"""Web pages on other origins cannot make the endpoint run a query, unless ``--cors`` names them.

The endpoint here allows ``SERVICE``, so a query that runs is seen by the loopback listener: a refused
request must leave the listener empty, and the same request without the browser's headers reaches it.
"""

from __future__ import annotations

import urllib.error
import urllib.parse
import urllib.request

import pytest

from helixgraph.server.endpoint import running_endpoint

pytestmark = pytest.mark.server

ALLOWED = "http://allowed.example"
ASK = "ASK { ?s ?p ?o }"


@pytest.fixture(scope="module")
def reaching(server_build):
    """An endpoint that allows SERVICE (so running a query is observable) and one other origin."""
    with running_endpoint(server_build, allow_service=True, cors=[ALLOWED], timeout=20, workers=2) as url:
        yield url


def _request(url: str, *, method: str = "POST", query: str | None = ASK, headers: dict | None = None,
             form: bool = True):
    data = None
    headers = dict(headers or {})
    if method == "POST" and query is not None:
        data = urllib.parse.urlencode({"query": query}).encode() if form else query.encode()
        headers.setdefault("Content-Type",
                           "application/x-www-form-urlencoded" if form else "application/sparql-query")
    elif method == "GET" and query is not None:
        url = f"{url}?{urllib.parse.urlencode({'query': query})}"
    request = urllib.request.Request(url, data=data, method=method, headers=headers)
    try:
        with urllib.request.urlopen(request, timeout=30) as response:
            return response.status, response.headers, response.read().decode()
    except urllib.error.HTTPError as exc:
        return exc.code, exc.headers, exc.read().decode()


def _service(listener) -> str:
    return f"SELECT * WHERE {{ SERVICE SILENT <{listener.url}> {{ ?s ?p ?o }} }}"


def test_a_cross_site_form_post_runs_no_query(reaching, listener):
    status, headers, body = _request(reaching, query=_service(listener),
                                     headers={"Origin": "https://evil.example"})
    assert status == 403
    assert body.startswith("requests from pages on https://evil.example are refused")
    assert headers.get("Access-Control-Allow-Origin") is None
    assert listener.received == []
    status, _, _ = _request(reaching, query=_service(listener))  # the same query from a plain client
    assert status == 200
    assert len(listener.received) == 1


@pytest.mark.parametrize("headers", [
    {"Sec-Fetch-Site": "cross-site"},  # an image or script tag: a GET without Origin
    {"Sec-Fetch-Site": "same-site"},   # another port of the same host
    {"Origin": "null"},                # a sandboxed frame or a file:// page
], ids=["cross-site-get", "same-site-get", "null-origin"])
def test_other_browser_requests_run_no_query(reaching, listener, headers):
    status, _, body = _request(reaching, method="GET", query=_service(listener), headers=headers)
    assert status == 403, body
    assert listener.received == []


def test_a_page_of_the_endpoint_itself_may_query(reaching):
    own = reaching.removesuffix("/query")
    status, headers, body = _request(reaching, headers={"Origin": own, "Sec-Fetch-Site": "same-origin"})
    assert (status, body) == (200, '{"head":{},"boolean":true}')
    assert headers.get("Access-Control-Allow-Origin") is None  # same origin needs no CORS


def test_an_allowed_origin_gets_the_answer_and_cors_headers(reaching):
    status, headers, body = _request(reaching, form=False, headers={"Origin": ALLOWED, "Sec-Fetch-Site": "cross-site"})
    assert (status, body) == (200, '{"head":{},"boolean":true}')
    assert headers["Access-Control-Allow-Origin"] == ALLOWED
    assert headers["Vary"] == "Origin"


@pytest.mark.parametrize(("origin", "allowed"), [(ALLOWED, True), ("https://evil.example", False)])
def test_preflight(reaching, origin, allowed):
    status, headers, _ = _request(reaching, method="OPTIONS", query=None, headers={
        "Origin": origin, "Access-Control-Request-Method": "POST",
        "Access-Control-Request-Headers": "content-type"})
    assert status == (204 if allowed else 403)
    assert headers.get("Access-Control-Allow-Origin") == (origin if allowed else None)
    if allowed:
        assert "POST" in headers["Access-Control-Allow-Methods"]
        assert "Content-Type" in headers["Access-Control-Allow-Headers"]


def test_cors_star_allows_every_origin(server_build):
    with running_endpoint(server_build, cors=["*"], workers=1) as url:
        status, headers, _ = _request(url, headers={"Origin": "https://anywhere.example"})
    assert status == 200
    assert headers["Access-Control-Allow-Origin"] == "*"


def test_a_rebound_host_name_is_refused(reaching, listener):
    port = urllib.parse.urlsplit(reaching).port
    status, _, body = _request(reaching, query=_service(listener), headers={
        "Host": f"evil.example:{port}", "Origin": f"http://evil.example:{port}"})
    assert status == 403
    assert body.startswith(f"requests for host 'evil.example:{port}' are refused")
    assert listener.received == []
