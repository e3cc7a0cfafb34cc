"""Which web pages may use the endpoint: same-origin and non-browser clients, plus allowed origins.

A browser lets any page send a "simple" request to any address (a GET, or a form POST) and only
hides the answer from the page; the query still runs. So the endpoint decides from the request's
own headers, before running anything:

- ``Origin``: browsers send it with every POST and every cross-origin fetch. The endpoint's own
  origin (the page at ``/``) and the origins given to ``--cors`` are accepted; any other is refused.
- ``Sec-Fetch-Site``: browsers send it with every request, including the GETs of images, scripts
  and links that carry no ``Origin``; ``cross-site`` and ``same-site`` are refused unless every
  origin is allowed (``--cors '*'``).
- ``Host``: on loopback, only a loopback name is accepted, so a web site whose name is made to
  resolve to 127.0.0.1 (DNS rebinding) is not treated as the endpoint's own origin.

Clients that are not browsers (curl, SPARQLWrapper, helixgraph) send none of these and are served.
"""

from __future__ import annotations

import functools
import urllib.parse
from collections.abc import Iterable, Mapping
from dataclasses import dataclass

from helixgraph.errors import EndpointError
from helixgraph.server.addresses import is_loopback

__all__ = ["ANY", "OriginPolicy", "normalise_origin"]

#: The ``--cors`` value that allows every origin.
ANY = "*"


def normalise_origin(value: str) -> str:
    """An origin as browsers send it (``scheme://host[:port]``, lower case, no path), or an error.

    >>> normalise_origin("https://Example.org/"), normalise_origin("http://localhost:3000")
    ('https://example.org', 'http://localhost:3000')
    >>> normalise_origin("*")
    '*'
    >>> normalise_origin("example.org")
    Traceback (most recent call last):
    ...
    helixgraph.errors.EndpointError: --cors expects an origin such as https://example.org or '*', got 'example.org'
    """
    text = value.strip()
    if text == ANY:
        return ANY
    parts = urllib.parse.urlsplit(text)
    if parts.scheme not in ("http", "https") or not parts.netloc or parts.path not in ("", "/") \
            or parts.query or parts.fragment or "@" in parts.netloc:
        raise EndpointError(f"--cors expects an origin such as https://example.org or '*', got {value!r}")
    return f"{parts.scheme}://{parts.netloc}".lower()


def _host_name(host_header: str) -> str:
    """The name part of a ``Host`` header.

    >>> _host_name("127.0.0.1:7878"), _host_name("[::1]:7878"), _host_name("localhost")
    ('127.0.0.1', '::1', 'localhost')
    """
    if host_header.startswith("["):
        return host_header[1:].split("]")[0]
    return host_header.rsplit(":", 1)[0] if host_header.count(":") == 1 else host_header


@functools.lru_cache(maxsize=64)
def _loopback_host(host_header: str) -> bool:
    """Whether a ``Host`` header names this machine (the answer for a header seen lately is remembered)."""
    return is_loopback(_host_name(host_header))


@dataclass(frozen=True)
class OriginPolicy:
    """The origins an endpoint accepts besides its own.

    Parameters
    ----------
    allowed
        Origins (``https://example.org``) whose pages may query, or ``"*"`` for all.
    loopback
        The endpoint listens on loopback only, so its ``Host`` must be a loopback name.

    Examples
    --------
    >>> policy = OriginPolicy.of(["http://localhost:3000"])
    >>> own = {"Host": "127.0.0.1:7878"}
    >>> policy.refusal(own) is None                                     # curl, SPARQLWrapper
    True
    >>> policy.refusal({**own, "Origin": "http://127.0.0.1:7878"}) is None  # the query page
    True
    >>> policy.refusal({**own, "Origin": "http://localhost:3000"}) is None
    True
    >>> policy.refusal({**own, "Origin": "https://evil.example"})
    "requests from pages on https://evil.example are refused: this endpoint allows its own pages and, with --cors, the origins named there ('http://localhost:3000')"
    >>> policy.refusal({**own, "Sec-Fetch-Site": "cross-site"})[:52]
    'cross-site requests without an Origin are refused: a'
    >>> policy.refusal({"Host": "evil.example:7878", "Origin": "http://evil.example:7878"})[:44]
    "requests for host 'evil.example:7878' are re"
    """

    allowed: tuple[str, ...] = ()
    loopback: bool = True

    @classmethod
    def of(cls, origins: Iterable[str] = (), *, loopback: bool = True) -> OriginPolicy:
        """A policy from ``--cors`` values, checked and normalised."""
        return cls(tuple(dict.fromkeys(normalise_origin(o) for o in origins)), loopback)

    @property
    def allows_any(self) -> bool:
        return ANY in self.allowed

    def refusal(self, headers: Mapping[str, str]) -> str | None:
        """Why a request with ``headers`` must not run a query, or None if it may."""
        host = headers.get("Host") or ""
        if self.loopback and host and not _loopback_host(host):
            return (f"requests for host {host!r} are refused: this endpoint listens on loopback and answers "
                    "only to a loopback name (127.0.0.1, localhost, [::1])")
        origin = headers.get("Origin")
        if origin is not None:
            if self.cross_origin_allowed(origin) or origin.lower() == f"http://{host}".lower():
                return None
            named = ", ".join(repr(o) for o in self.allowed) or "none"
            return (f"requests from pages on {origin} are refused: this endpoint allows its own pages and, "
                    f"with --cors, the origins named there ({named})")
        site = (headers.get("Sec-Fetch-Site") or "").lower()
        if site in ("cross-site", "same-site") and not self.allows_any:
            return (f"{site} requests without an Origin are refused: a page on another origin cannot make "
                    "this endpoint run queries (--cors '*' allows every origin)")
        return None

    def cross_origin_allowed(self, origin: str | None) -> bool:
        """Whether ``origin`` is one that ``--cors`` allows (the endpoint's own origin aside)."""
        if not origin:
            return False
        return self.allows_any or origin.lower() in self.allowed

    def response_headers(self, origin: str | None) -> dict[str, str]:
        """The CORS headers an answer to a request from ``origin`` carries."""
        if not self.cross_origin_allowed(origin):
            return {}
        return {"Access-Control-Allow-Origin": ANY if self.allows_any else origin, "Vary": "Origin"}
