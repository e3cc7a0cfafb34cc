"""Credentials for remote SPARQL and Graph Store servers, from the environment or a netrc file only.

They never come from the command line (where they would land in shell histories and process
lists) and never appear in a message or a ``repr``. In order of precedence:

* ``HELIXGRAPH_TOKEN``: a bearer token, sent as ``Authorization: Bearer ...`` to the server's host;
* ``HELIXGRAPH_USER`` and ``HELIXGRAPH_PASSWORD``: a user name and password;
* the netrc file (``$NETRC``, else ``~/.netrc``): the ``machine`` entry of the server's host name.

A user name and password answer whichever challenge the server sends, HTTP digest (Virtuoso's
authenticated endpoints) or basic (most others); they are never sent before the server asks.
"""

from __future__ import annotations

import netrc
import os
import urllib.parse
import urllib.request
from dataclasses import dataclass, field
from pathlib import Path

from helixgraph.errors import EndpointError

__all__ = ["ENVIRONMENT", "Credentials", "check_url", "credentials_for", "opener_for"]

#: The environment variables read, by role.
ENVIRONMENT = {"token": "HELIXGRAPH_TOKEN", "user": "HELIXGRAPH_USER", "password": "HELIXGRAPH_PASSWORD"}


@dataclass(frozen=True)
class Credentials:
    """A user name and password, or a bearer token; where they came from, for messages.

    The secret stays out of ``repr``:

    >>> Credentials(user="dba", password="s3cret", origin="HELIXGRAPH_USER")
    Credentials(user='dba', origin='HELIXGRAPH_USER')
    """

    user: str | None = None
    password: str | None = field(default=None, repr=False)
    token: str | None = field(default=None, repr=False)
    origin: str = ""


def check_url(url: str) -> str:
    """Accept only http(s) URLs without credentials in them, so a typo cannot turn into a ``file:``
    read and a password cannot reach a log.

    >>> check_url("http://127.0.0.1:7878/query")
    'http://127.0.0.1:7878/query'
    >>> check_url("localhost:7878/query")
    Traceback (most recent call last):
    ...
    helixgraph.errors.EndpointError: expected an http:// or https:// endpoint URL, got 'localhost:7878/query'
    >>> check_url("http://dba:dba@127.0.0.1:8890/sparql")
    Traceback (most recent call last):
    ...
    helixgraph.errors.EndpointError: the URL http://127.0.0.1:8890/sparql carries a user name or password; \
set HELIXGRAPH_USER and HELIXGRAPH_PASSWORD (or HELIXGRAPH_TOKEN) or add a netrc entry for 127.0.0.1 instead
    """
    parts = urllib.parse.urlsplit(url)
    if parts.scheme not in ("http", "https") or not parts.netloc:
        raise EndpointError(f"expected an http:// or https:// endpoint URL, got {url!r}")
    if parts.username is not None or parts.password is not None:
        bare = urllib.parse.urlunsplit(parts._replace(netloc=parts.netloc.rpartition("@")[2]))
        raise EndpointError(
            f"the URL {bare} carries a user name or password; set {ENVIRONMENT['user']} and "
            f"{ENVIRONMENT['password']} (or {ENVIRONMENT['token']}) or add a netrc entry for "
            f"{parts.hostname} instead")
    return url


def _netrc_entry(host: str, environ) -> Credentials | None:
    path = Path(environ["NETRC"]) if environ.get("NETRC") else Path.home() / ".netrc"
    if not path.is_file():
        return None
    try:
        entry = netrc.netrc(str(path)).authenticators(host)
    except netrc.NetrcParseError as exc:
        # The parse error quotes the offending token, which may be a password: the message names the
        # place only, and the cause kept is the same error with the token left out.
        cause = netrc.NetrcParseError("the offending token is not shown", exc.filename, exc.lineno)
        raise EndpointError(f"cannot read the netrc file {path} (line {exc.lineno})") from cause
    except UnicodeDecodeError as exc:
        raise EndpointError(f"cannot read the netrc file {path}: it is not UTF-8 text") from exc
    except OSError as exc:
        raise EndpointError(f"cannot read the netrc file {path}") from exc
    if entry is None:
        return None
    login, _, password = entry
    return Credentials(user=login, password=password, origin=f"{path} (machine {host})")


def credentials_for(url: str, environ=None) -> Credentials | None:
    """The credentials to offer ``url``'s server, or None.

    Parameters
    ----------
    url
        The server's URL; its host name picks the netrc entry.
    environ
        The environment to read (``os.environ`` by default).

    Raises
    ------
    EndpointError
        Only one of the user name and password is set, or the netrc file cannot be read.

    Examples
    --------
    >>> credentials_for("http://127.0.0.1:8890/sparql", {"HELIXGRAPH_USER": "dba", "HELIXGRAPH_PASSWORD": "x",
    ...                                                   "NETRC": "/nonexistent"})
    Credentials(user='dba', origin='HELIXGRAPH_USER and HELIXGRAPH_PASSWORD')
    >>> credentials_for("http://127.0.0.1:8890/sparql", {"NETRC": "/nonexistent"}) is None
    True
    >>> credentials_for("http://127.0.0.1:8890/sparql", {"HELIXGRAPH_USER": "dba"})
    Traceback (most recent call last):
    ...
    helixgraph.errors.EndpointError: HELIXGRAPH_USER is set but HELIXGRAPH_PASSWORD is not; set both (or neither)
    """
    environ = os.environ if environ is None else environ
    if environ.get(ENVIRONMENT["token"]):
        return Credentials(token=environ[ENVIRONMENT["token"]], origin=ENVIRONMENT["token"])
    user, password = environ.get(ENVIRONMENT["user"]), environ.get(ENVIRONMENT["password"])
    if user or password:
        if not (user and password):
            have, lack = (("user", "password") if user else ("password", "user"))
            raise EndpointError(f"{ENVIRONMENT[have]} is set but {ENVIRONMENT[lack]} is not; set both (or neither)")
        return Credentials(user=user, password=password,
                           origin=f"{ENVIRONMENT['user']} and {ENVIRONMENT['password']}")
    host = urllib.parse.urlsplit(url).hostname
    return _netrc_entry(host, environ) if host else None


class _Bearer(urllib.request.BaseHandler):
    """Adds ``Authorization: Bearer`` to every request to one scheme and host."""

    def __init__(self, origin: tuple[str, str], token: str) -> None:
        self.origin, self.token = origin, token

    def _add(self, request: urllib.request.Request) -> urllib.request.Request:
        parts = urllib.parse.urlsplit(request.full_url)
        if (parts.scheme, parts.netloc) == self.origin:
            request.add_unredirected_header("Authorization", f"Bearer {self.token}")
        return request

    http_request = https_request = _add


class _RememberingDigest(urllib.request.HTTPDigestAuthHandler):
    """Digest authentication that, once the server has sent a challenge, answers it in advance on
    the following requests (counting ``nc`` up), so a large upload is not sent only to be refused.

    Servers answer an unauthenticated request at once with ``401`` and may close the connection
    before reading its body; for a body of megabytes the client then sees a reset connection, not
    the challenge. :func:`prime` fetches the challenge with a request without a body.
    """

    challenge: dict | None = None

    def retry_http_digest_auth(self, req, auth):
        _, challenge = auth.split(" ", 1)
        self.challenge = urllib.request.parse_keqv_list(filter(None, urllib.request.parse_http_list(challenge)))
        return super().retry_http_digest_auth(req, auth)

    def http_request(self, req):
        if self.challenge is not None and not req.has_header(self.auth_header):
            answer = self.get_authorization(req, self.challenge)
            if answer:
                req.add_unredirected_header(self.auth_header, f"Digest {answer}")
        return req

    https_request = http_request

    def http_error_401(self, req, fp, code, msg, headers):
        try:
            return super().http_error_401(req, fp, code, msg, headers)
        finally:  # also when the authenticated retry raises (a 404, say), which urllib does not reset
            self.reset_retry_count()


def forget_challenges(opener: urllib.request.OpenerDirector) -> None:
    """Drop any digest challenge the opener answers in advance (after a refusal or a reset)."""
    for handler in opener.handlers:
        if isinstance(handler, _RememberingDigest):
            handler.challenge = None


def opener_for(url: str, credentials: Credentials | None) -> urllib.request.OpenerDirector:
    """A urllib opener that answers the server's authentication challenges with ``credentials``.

    A fresh opener per client: urllib's digest handler keeps a count of retries per instance.

    >>> opener = opener_for("http://127.0.0.1:8890/sparql", Credentials(user="u", password="p"))
    >>> sorted(type(h).__name__ for h in opener.handlers if isinstance(h, urllib.request.AbstractBasicAuthHandler)
    ...        or isinstance(h, urllib.request.AbstractDigestAuthHandler))
    ['HTTPBasicAuthHandler', '_RememberingDigest']
    """
    handlers: list[urllib.request.BaseHandler] = []
    if credentials is not None and credentials.token:
        parts = urllib.parse.urlsplit(url)
        handlers.append(_Bearer((parts.scheme, parts.netloc), credentials.token))
    elif credentials is not None:
        parts = urllib.parse.urlsplit(url)
        passwords = urllib.request.HTTPPasswordMgrWithDefaultRealm()
        passwords.add_password(None, f"{parts.scheme}://{parts.netloc}/", credentials.user, credentials.password)
        handlers += [_RememberingDigest(passwords), urllib.request.HTTPBasicAuthHandler(passwords)]
    return urllib.request.build_opener(*handlers)
