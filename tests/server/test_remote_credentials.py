"""Credentials and retries of the remote client, against a small HTTP server on loopback.

The server answers every POST with a one-row SPARQL JSON result, after the statuses it is told to
send first, and records each request's ``Authorization`` header.
"""

from __future__ import annotations

import base64
import http.server
import json
import threading

import pytest

from helixgraph.errors import EndpointError
from helixgraph.remote.client import SparqlClient
from helixgraph.remote.credentials import credentials_for

ONE_ROW = json.dumps({"head": {"vars": ["n"]}, "results": {"bindings": [
    {"n": {"type": "typed-literal", "datatype": "http://www.w3.org/2001/XMLSchema#integer", "value": "7"}}]}})


class _Handler(http.server.BaseHTTPRequestHandler):
    def log_message(self, *args) -> None:
        pass

    def do_POST(self) -> None:
        server = self.server
        self.rfile.read(int(self.headers.get("Content-Length", 0)))
        server.seen.append(self.headers.get("Authorization"))
        if server.basic and self.headers.get("Authorization") != server.basic:
            self.send_response(401)
            self.send_header("WWW-Authenticate", 'Basic realm="sparql"')
            self.end_headers()
            return
        if server.statuses:
            status, headers = server.statuses.pop(0)
            self.send_response(status)
            for name, value in headers.items():
                self.send_header(name, value)
            self.end_headers()
            self.wfile.write(b"busy")
            return
        body = ONE_ROW.encode()
        self.send_response(200)
        self.send_header("Content-Type", "application/sparql-results+json")
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)


@pytest.fixture()
def server():
    """The loopback server; set ``basic`` to require those credentials, ``statuses`` to fail first."""
    httpd = http.server.ThreadingHTTPServer(("127.0.0.1", 0), _Handler)
    httpd.seen, httpd.basic, httpd.statuses = [], None, []
    thread = threading.Thread(target=httpd.serve_forever, daemon=True)
    thread.start()
    yield httpd
    httpd.shutdown()
    httpd.server_close()
    thread.join(5)


def _url(server) -> str:
    return f"http://127.0.0.1:{server.server_port}/sparql"


def test_a_bearer_token_goes_with_every_request(server):
    client = SparqlClient(_url(server), timeout=5, environ={"HELIXGRAPH_TOKEN": "t0ken"})
    assert client.query("ASK {}").variables == ["n"]  # the server answers rows whatever the query
    assert server.seen == ["Bearer t0ken"]


def test_basic_credentials_answer_the_servers_challenge(server):
    server.basic = "Basic " + base64.b64encode(b"reader:pa55").decode()
    client = SparqlClient(_url(server), timeout=5, environ={"HELIXGRAPH_USER": "reader",
                                                            "HELIXGRAPH_PASSWORD": "pa55"})
    assert client.query("ASK {}").rows == [(7,)]
    assert server.seen == [None, server.basic]  # nothing is sent before the server asks


def test_netrc_credentials_are_used_and_never_shown(server, tmp_path):
    netrc = tmp_path / "netrc"
    netrc.write_text("machine 127.0.0.1 login reader password pa55\n", encoding="utf-8")
    netrc.chmod(0o600)
    server.basic = "Basic " + base64.b64encode(b"reader:pa55").decode()
    environ = {"NETRC": str(netrc)}
    found = credentials_for(_url(server), environ)
    assert (found.user, found.password) == ("reader", "pa55")
    assert "pa55" not in repr(found)
    assert SparqlClient(_url(server), timeout=5, environ=environ).query("ASK {}").rows == [(7,)]
    wrong = tmp_path / "wrong"
    wrong.write_text("machine 127.0.0.1 login reader password nope-9\n", encoding="utf-8")
    wrong.chmod(0o600)
    with pytest.raises(EndpointError) as refused:
        SparqlClient(_url(server), timeout=5, environ={"NETRC": str(wrong)}).query("ASK {}")
    assert f"answered 401 Unauthorized: (no message); the credentials from {wrong} (machine 127.0.0.1)" \
        in str(refused.value)
    assert "nope-9" not in str(refused.value)


def test_credentials_in_the_url_are_refused():
    with pytest.raises(EndpointError) as refused:
        SparqlClient("http://reader:pa55@127.0.0.1:9/sparql")
    assert "pa55" not in str(refused.value)
    assert "carries a user name or password" in str(refused.value)


def test_a_transient_failure_is_tried_again_and_a_timeout_status_is_not(server):
    server.statuses = [(502, {}), (503, {"Retry-After": "0"})]
    client = SparqlClient(_url(server), timeout=5, environ={})
    client._transport.pause = 0.01
    assert client.query("ASK {}").rows == [(7,)]
    assert len(server.seen) == 3
    server.statuses = [(503, {})]
    with pytest.raises(EndpointError) as stopped:
        client.query("ASK {}")
    assert str(stopped.value) == f"the SPARQL endpoint {_url(server)} answered 503 Service Unavailable: busy"
    assert len(server.seen) == 4


def test_a_broken_netrc_names_its_line_and_keeps_a_cause_without_the_token(tmp_path):
    import netrc as netrc_module
    import traceback

    path = tmp_path / "netrc"
    path.write_text("machine example.org login reader password p\ns3cret-token x\n", encoding="utf-8")
    path.chmod(0o600)
    with pytest.raises(EndpointError) as caught:
        credentials_for("https://example.org/sparql", {"NETRC": str(path)})
    assert str(caught.value) == f"cannot read the netrc file {path} (line 2)"
    cause = caught.value.__cause__
    assert isinstance(cause, netrc_module.NetrcParseError) and cause.lineno == 2
    shown = "".join(traceback.format_exception(caught.value))
    assert "s3cret-token" not in shown and "token is not shown" in shown


def test_a_netrc_that_is_not_utf8_is_a_clear_error_with_its_cause(tmp_path):
    path = tmp_path / "netrc"
    path.write_bytes(b"machine example.org login r\xe9ader password p\n")
    path.chmod(0o600)
    with pytest.raises(EndpointError) as caught:
        credentials_for("https://example.org/sparql", {"NETRC": str(path)})
    assert str(caught.value) == f"cannot read the netrc file {path}: it is not UTF-8 text"
    assert isinstance(caught.value.__cause__, UnicodeDecodeError)
