"""One HTTP exchange with the standard library, every failure turned into an :class:`EndpointError`.

The SPARQL client and the Graph Store Protocol upload share this so that both name the URL, the
status and the server's own words when something goes wrong.
"""

from __future__ import annotations

import http.client
import urllib.error
import urllib.request
from dataclasses import dataclass
from email.message import Message

from helixgraph.errors import EndpointError

__all__ = ["Answer", "send", "server_message"]

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
    """The readable text of a server's answer, on one line and at most ``limit`` characters.

    >>> server_message(b"error at 1:6:\\n expected [_]")
    'error at 1:6: expected [_]'
    >>> server_message(b"")
    '(no message)'
    >>> server_message(b"x" * 10, limit=4)
    'xxxx...'
    """
    text = " ".join(body.decode("utf-8", errors="replace").split())
    if not text:
        return "(no message)"
    return text if len(text) <= limit else text[:limit] + "..."


def send(request: urllib.request.Request, *, timeout: float | None, what: str) -> Answer:
    """Send ``request`` and return the 2xx answer, or raise :class:`EndpointError` naming ``what``.

    Parameters
    ----------
    request
        The prepared request.
    timeout
        Seconds to wait for the connection and for each read; None waits as long as the OS does.
    what
        How to name the exchange in a message, e.g. ``"the SPARQL endpoint http://…/query"``.

    Returns
    -------
    Answer
        The status, headers and body. A body cut off mid-stream (the connection closed before its
        announced end) comes back with ``complete=False`` so the caller can say what that means.

    Raises
    ------
    EndpointError
        The server answered with a non-2xx status, could not be reached, or did not answer in time.

    Examples
    --------
    A server on loopback that serves the bundled source files:

    >>> import functools, http.server, threading
    >>> from helixgraph.data import bundled_sources
    >>> class Quiet(http.server.SimpleHTTPRequestHandler):
    ...     def log_message(self, *args):
    ...         pass
    >>> handler = functools.partial(Quiet, directory=str(bundled_sources()))
    >>> server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    >>> threading.Thread(target=server.serve_forever, daemon=True).start()
    >>> base = f"http://127.0.0.1:{server.server_port}"
    >>> answer = send(urllib.request.Request(f"{base}/people-daily-2026-01-24.yaml"), timeout=5, what="the files")
    >>> answer.status, answer.complete, answer.body.startswith(b"# Curated from People's Daily")
    (200, True, True)
    >>> send(urllib.request.Request(f"{base}/missing.yaml"), timeout=5, what="the files")
    Traceback (most recent call last):
    ...
    helixgraph.errors.EndpointError: the files answered 404 File not found: ...
    >>> server.shutdown(); server.server_close()
    >>> send(urllib.request.Request(f"{base}/"), timeout=5, what="the files")  # doctest: +ELLIPSIS
    Traceback (most recent call last):
    ...
    helixgraph.errors.EndpointError: cannot reach the files: ...Connection refused
    """
    try:
        with urllib.request.urlopen(request, timeout=timeout) as response:
            try:
                return Answer(response.status, response.headers, response.read())
            except http.client.IncompleteRead as exc:
                return Answer(response.status, response.headers, exc.partial, complete=False)
    except urllib.error.HTTPError as exc:
        body = exc.read() if exc.fp is not None else b""
        raise EndpointError(f"{what} answered {exc.code} {exc.reason}: {server_message(body)}") from exc
    except urllib.error.URLError as exc:
        if isinstance(exc.reason, TimeoutError):
            raise EndpointError(f"{what} did not answer within {timeout} s") from exc
        raise EndpointError(f"cannot reach {what}: {exc.reason}") from exc
    except TimeoutError as exc:
        raise EndpointError(f"{what} did not answer within {timeout} s") from exc
    except (http.client.HTTPException, ConnectionError) as exc:
        raise EndpointError(f"{what} broke off the exchange: {exc!r}") from exc
