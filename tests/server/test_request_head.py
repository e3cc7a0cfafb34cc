"""The endpoint reads request heads strictly: malformed or ambiguous heads are refused before anything runs,
and the headers that decide what runs are read the same way a browser sends them."""

from __future__ import annotations

import socket
import urllib.parse

import pytest

pytestmark = pytest.mark.server

ASK = "/query?" + urllib.parse.urlencode({"query": "ASK { ?s ?p ?o }"})


def _exchange(endpoint: str, head: bytes) -> tuple[int, bytes]:
    """Send ``head`` raw on a new connection; the status and the whole answer (read until the server closes)."""
    parts = urllib.parse.urlsplit(endpoint)
    with socket.create_connection((parts.hostname, parts.port), timeout=20) as connection:
        connection.sendall(head)
        answer = b""
        while chunk := connection.recv(65536):
            answer += chunk
    return int(answer.split(b" ", 2)[1]), answer


def _request(host: str, *fields: str, line: str = f"GET {ASK} HTTP/1.1") -> bytes:
    return "\r\n".join([line, f"Host: {host}", *fields, "Connection: close", "", ""]).encode("latin-1")


def _host(endpoint: str) -> str:
    return urllib.parse.urlsplit(endpoint).netloc


def test_a_plain_head_runs_the_query(endpoint):
    status, answer = _exchange(endpoint, _request(_host(endpoint), "Accept: application/sparql-results+json"))
    assert status == 200
    assert b'"boolean":true' in answer.replace(b" ", b"")


@pytest.mark.parametrize(("fields", "line", "status", "says"), [
    (("Origin : http://evil.example",), None, 400, b"a header field is NAME: VALUE"),
    (("Accept: text/csv", " Origin: http://evil.example"), None, 400, b"folded header fields"),
    (("no colon here",), None, 400, b"a header field is NAME: VALUE"),
    (tuple(f"X-Field-{i}: {i}" for i in range(101)), None, 431, b"at most 100 header fields"),
    (("X-Long: " + "a" * 65600,), None, 431, b"longer than 65536 bytes"),
    ((), f"GET {ASK} HTTP/2.0", 505, b"not HTTP/2.0"),
    ((), f"GET {ASK} SPDY/3", 400, b"not 'SPDY/3'"),
    ((), f"GET {ASK}", 400, b"a request line is METHOD TARGET HTTP/1.x"),
])
def test_a_malformed_head_is_refused_with_its_reason(endpoint, fields, line, status, says):
    head = _request(_host(endpoint), *fields, **({"line": line} if line else {}))
    got, answer = _exchange(endpoint, head)
    assert got == status
    assert says in answer
    assert b"boolean" not in answer


def test_of_two_origin_fields_the_first_counts(endpoint):
    host = _host(endpoint)
    refused, answer = _exchange(endpoint, _request(host, "Origin: http://evil.example", f"Origin: http://{host}"))
    assert refused == 403 and b"http://evil.example" in answer
    allowed, _ = _exchange(endpoint, _request(host, f"origin: http://{host}", "ORIGIN: http://evil.example"))
    assert allowed == 200


def test_an_http_1_0_client_is_answered_and_disconnected(endpoint):
    status, answer = _exchange(endpoint, f"GET {ASK} HTTP/1.0\r\nHost: {_host(endpoint)}\r\n\r\n".encode())
    assert status == 200 and b"Content-Length:" in answer
