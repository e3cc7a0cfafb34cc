"""One HTTP exchange with a remote server: credentials, a timeout, retries for transient failures.

A transient failure (the connection refused, reset or broken off, a 429 or 502 status, or a 503
that says when to come back with ``Retry-After``) is tried again after a pause that doubles each
time. Anything else raises at once with the URL, the status, the server's own words and, for 401
and 403, what to set: a query that ran out of time (no answer within the timeout, a 503 without
``Retry-After`` as ``helixgraph serve`` sends, a 504 from a proxy) would only run out of time again.
"""

from __future__ import annotations

import html
import http.client
import re
import time
import urllib.error
import urllib.request
from dataclasses import dataclass
from email.message import Message

from helixgraph.errors import EndpointError
from helixgraph.remote.credentials import ENVIRONMENT, Credentials

__all__ = ["TRANSIENT_STATUSES", "Answer", "TransientEndpointError", "Transport", "server_message"]

#: Statuses that say "try again later" rather than "this request is wrong" (503 only with Retry-After).
TRANSIENT_STATUSES = frozenset({429, 502})
#: How much of a server's error text goes into our messages.
MESSAGE_CHARS = 300


@dataclass
class Answer:
    """A response that arrived with a 2xx status; ``complete`` is False if the body was cut off."""

    status: int
    headers: Message
    body: bytes
    complete: bool = True

    @property
    def content_type(self) -> str:
        """The media type without parameters, lower case (``application/sparql-results+json``)."""
        return self.headers.get_content_type() if self.headers.get("Content-Type") else ""


def server_message(body: bytes, *, limit: int = MESSAGE_CHARS) -> str:
    """The readable text of a server's answer (an HTML error page's text), on one line, at most
    ``limit`` characters.

    >>> server_message(b"<html><body><h3>Error 42000</h3>\\n<xmp>SQ110: Permission denied</xmp></body></html>")
    'Error 42000 SQ110: Permission denied'
    >>> server_message(b"")
    '(no message)'
    >>> server_message(b"x" * 10, limit=4)
    'xxxx...'
    """
    text = body.decode("utf-8", errors="replace")
    if text.lstrip().startswith("<"):
        text = re.sub(r"<[^>]*>", " ", re.sub(r"(?is)<(script|style|head)\b.*?</\1>", " ", text))
    text = " ".join(html.unescape(text).split())
    if not text:
        return "(no message)"
    return text if len(text) <= limit else text[:limit] + "..."


class TransientEndpointError(EndpointError):
    """A failure that may pass (a refused or reset connection, 429, 502, 503 with Retry-After), still
    there after the retries."""


def _refusal_hint(status: int, credentials: Credentials | None) -> str:
    """What a user can do about a 401 or 403.

    >>> _refusal_hint(401, None).startswith("; the server wants credentials: set HELIXGRAPH_USER")
    True
    >>> _refusal_hint(403, Credentials(user="u", password="p", origin="HELIXGRAPH_USER and HELIXGRAPH_PASSWORD"))
    '; the credentials from HELIXGRAPH_USER and HELIXGRAPH_PASSWORD were refused or lack the right to do this'
    >>> _refusal_hint(404, None)
    ''
    """
    if status not in (401, 403):
        return ""
    if credentials is not None:
        return f"; the credentials from {credentials.origin} were refused or lack the right to do this"
    return (f"; the server wants credentials: set {ENVIRONMENT['user']} and {ENVIRONMENT['password']} "
            f"(or {ENVIRONMENT['token']}), or add a netrc entry for its host; some servers take writes "
            "only at an authenticated address (Virtuoso: /sparql-graph-crud-auth)")


@dataclass
class Transport:
    """Sends requests through one opener, with a timeout and retries.

    Parameters
    ----------
    opener
        The urllib opener (see :func:`helixgraph.remote.credentials.opener_for`).
    credentials
        What the opener offers, for messages (never the secret itself).
    timeout
        Seconds to wait for the connection and for each read; None waits as long as the OS does.
    retries
        How many times to try a transient failure again.
    pause
        Seconds before the first retry; each further retry waits twice as long.
    """

    opener: urllib.request.OpenerDirector
    credentials: Credentials | None = None
    timeout: float | None = None
    retries: int = 3
    pause: float = 0.5

    def send(self, request: urllib.request.Request, *, what: str, retry: bool = True) -> Answer:
        """Send ``request`` and return its 2xx answer, or raise :class:`EndpointError` naming ``what``.

        ``retry=False`` sends once (for a request that must not run twice, such as an append).
        A body cut off mid-stream comes back with ``complete=False``.
        """
        attempts = 1 + (self.retries if retry else 0)
        for attempt in range(attempts):
            try:
                return self._once(request, what)
            except _Transient as exc:
                if attempt + 1 == attempts:
                    tries = f" (tried {attempts} times)" if attempts > 1 else ""
                    raise TransientEndpointError(f"{exc.message}{tries}") from exc.__cause__
                time.sleep(self.pause * 2 ** attempt)
        raise AssertionError("unreachable")  # pragma: no cover

    def _once(self, request: urllib.request.Request, what: str) -> Answer:
        try:
            with self.opener.open(request, timeout=self.timeout) as response:
                try:
                    return Answer(response.status, response.headers, response.read())
                except http.client.IncompleteRead as exc:
                    return Answer(response.status, response.headers, exc.partial, complete=False)
        except urllib.error.HTTPError as exc:
            body = exc.read() if exc.fp is not None else b""
            message = f"{what} answered {exc.code} {exc.reason}: {server_message(body)}"
            if exc.code in TRANSIENT_STATUSES or (exc.code == 503 and exc.headers.get("Retry-After")):
                raise _Transient(message) from exc
            raise EndpointError(message + _refusal_hint(exc.code, self.credentials)) from exc
        except urllib.error.URLError as exc:
            if isinstance(exc.reason, TimeoutError):
                raise EndpointError(f"{what} did not answer within {self.timeout} s") from exc
            if isinstance(exc.reason, ConnectionError):
                raise _Transient(f"cannot reach {what}: {exc.reason}") from exc
            raise EndpointError(f"cannot reach {what}: {exc.reason}") from exc
        except TimeoutError as exc:
            raise EndpointError(f"{what} did not answer within {self.timeout} s") from exc
        except (http.client.HTTPException, ConnectionError) as exc:
            raise _Transient(f"{what} broke off the exchange: {exc!r}") from exc
        except ValueError as exc:  # urllib's auth handlers, for a scheme they do not speak
            raise EndpointError(f"{what} asked for an authentication helixgraph cannot give: {exc}") from exc


class _Transient(Exception):
    def __init__(self, message: str) -> None:
        super().__init__(message)
        self.message = message
