"""More kept-alive clients than query processes are all answered in turn, none starved and none
disconnected; requests sent back to back in one write are each answered, in order."""

from __future__ import annotations

import http.client
import json
import socket
import urllib.parse

import pytest

from helixgraph.server.client import SparqlClient

pytestmark = pytest.mark.server

COUNT = "SELECT (COUNT(*) AS ?n) WHERE { GRAPH ?g { ?s ?p ?o } }"


def _count(connection: http.client.HTTPConnection, path: str) -> int:
    connection.request("POST", path, body=COUNT.encode("utf-8"),
                       headers={"Content-Type": "application/sparql-query",
                                "Accept": "application/sparql-results+json"})
    response = connection.getresponse()
    assert response.status == 200
    return int(json.loads(response.read())["results"]["bindings"][0]["n"]["value"])


def test_more_kept_alive_clients_than_processes_are_all_answered_in_turn(endpoint, server_store):
    parts = urllib.parse.urlsplit(endpoint)
    clients = [http.client.HTTPConnection(parts.hostname, parts.port, timeout=20) for _ in range(5)]
    try:
        for _ in range(3):
            # each connection stays open between its requests; the endpoint has two query processes
            assert [_count(client, parts.path) for client in clients] == [len(server_store)] * 5
        assert all(client.sock is not None for client in clients)  # never closed in between
    finally:
        for client in clients:
            client.close()


def test_requests_sent_in_one_write_are_answered_in_order(endpoint):
    parts = urllib.parse.urlsplit(endpoint)
    asks = ["ASK { ?s ?p ?o }", "ASK { <urn:helixgraph:test:none> ?p ?o }", "ASK { ?s ?p ?o }"]
    head = "GET {} HTTP/1.1\r\nHost: {}\r\nAccept: text/csv\r\n{}\r\n"
    pipelined = "".join(head.format(f"{parts.path}?{urllib.parse.urlencode({'query': ask})}", parts.netloc,
                                    "Connection: close\r\n" if number == len(asks) - 1 else "")
                        for number, ask in enumerate(asks)).encode("latin-1")
    with socket.create_connection((parts.hostname, parts.port), timeout=20) as connection:
        connection.sendall(pipelined)
        answer = b""
        while chunk := connection.recv(65536):
            answer += chunk
    assert answer.count(b"HTTP/1.1 200 OK") == 3
    bodies = [part.split(b"\r\n\r\n", 1)[1] for part in answer.split(b"HTTP/1.1 ")[1:]]
    assert [body.split() for body in bodies] == [[b"true"], [b"false"], [b"true"]]
    assert SparqlClient(endpoint).query("ASK { ?s ?p ?o }").boolean  # the endpoint goes on answering
