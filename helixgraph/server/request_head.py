"""The head of an HTTP/1.x request: its request line and header fields, read without the email package.

The standard library's request handler reads header fields through :mod:`email.parser`, which costs
more than the rest of answering a small query; the endpoint reads them with this instead. The limits
are those of :mod:`http.client` (lines of at most 65,536 bytes, at most 100 fields), a field name
is a token followed directly by its colon, and a folded field (a line starting with a space) is
refused, as RFC 9112 allows, so that no two readers can see different fields in one head.
"""

from __future__ import annotations

import re
from collections.abc import Iterator, Mapping
from typing import BinaryIO

__all__ = ["MAX_FIELDS", "MAX_LINE", "BadHead", "Headers", "read_headers", "request_line"]

#: The longest line of a request head, in bytes.
MAX_LINE = 65536
#: The most header fields a request may have.
MAX_FIELDS = 100
#: A field name (RFC 9110 token).
_NAME = re.compile(r"[!#$%&'*+\-.^_`|~0-9A-Za-z]+")
_VERSION = re.compile(r"HTTP/(\d)\.(\d)")


class BadHead(Exception):
    """A request head that is refused: ``status`` is the HTTP status to answer with."""

    def __init__(self, status: int, message: str) -> None:
        super().__init__(message)
        self.status = status


class Headers(Mapping[str, str]):
    """Header fields by name, whatever its case; of a field sent twice, the first counts.

    >>> headers = Headers([("Content-Type", "Application/X-WWW-Form-URLencoded; charset=utf-8"),
    ...                    ("origin", "http://a.example"), ("Origin", "http://b.example")])
    >>> headers.get("ORIGIN"), headers.get("Accept"), headers.get("Accept", "*/*")
    ('http://a.example', None, '*/*')
    >>> headers.get_content_type()
    'application/x-www-form-urlencoded'
    >>> Headers([("Content-Type", "nonsense")]).get_content_type()
    'text/plain'
    """

    def __init__(self, fields: list[tuple[str, str]]) -> None:
        self._fields: dict[str, str] = {}
        for name, value in fields:
            self._fields.setdefault(name.lower(), value)

    def __getitem__(self, name: str) -> str:
        return self._fields[name.lower()]

    def get(self, name: str, default: str | None = None) -> str | None:
        return self._fields.get(name.lower(), default)

    def __iter__(self) -> Iterator[str]:
        return iter(self._fields)

    def __len__(self) -> int:
        return len(self._fields)

    def get_content_type(self) -> str:
        """The media type of ``Content-Type``, lower case without parameters (``text/plain`` if none or invalid),
        as :meth:`email.message.Message.get_content_type` gives it."""
        kind = (self.get("Content-Type") or "").partition(";")[0].strip().lower()
        return kind if kind.count("/") == 1 else "text/plain"


def request_line(raw: bytes) -> tuple[str, str, tuple[int, int]]:
    """The method, target and version of an HTTP/1.x request line.

    >>> request_line(b"POST /query?x=1 HTTP/1.1\\r\\n")
    ('POST', '/query?x=1', (1, 1))
    >>> request_line(b"GET / HTTP/2.0\\r\\n")
    Traceback (most recent call last):
    helixgraph.server.request_head.BadHead: this endpoint speaks HTTP/1.0 and HTTP/1.1, not HTTP/2.0
    >>> request_line(b"GET /\\r\\n")
    Traceback (most recent call last):
    helixgraph.server.request_head.BadHead: a request line is METHOD TARGET HTTP/1.x, not 'GET /'
    """
    text = raw.decode("latin-1").rstrip("\r\n")
    words = text.split()
    if len(words) != 3:
        raise BadHead(400, f"a request line is METHOD TARGET HTTP/1.x, not {text[:200]!r}")
    method, target, version = words
    found = _VERSION.fullmatch(version)
    if not found:
        raise BadHead(400, f"a request line ends with HTTP/1.0 or HTTP/1.1, not {version[:50]!r}")
    number = (int(found.group(1)), int(found.group(2)))
    if number[0] != 1:
        raise BadHead(505, f"this endpoint speaks HTTP/1.0 and HTTP/1.1, not {version}")
    return method, target, number


def read_headers(stream: BinaryIO) -> Headers:
    """Read header fields from ``stream`` up to and including the empty line that ends them.

    >>> import io
    >>> read_headers(io.BytesIO(b"Host: 127.0.0.1\\r\\nAccept:  text/csv \\r\\n\\r\\nbody")).get("accept")
    'text/csv'
    >>> read_headers(io.BytesIO(b"Host : 127.0.0.1\\r\\n\\r\\n"))
    Traceback (most recent call last):
    helixgraph.server.request_head.BadHead: a header field is NAME: VALUE, not 'Host : 127.0.0.1'
    >>> read_headers(io.BytesIO(b"Host: 127.0.0.1\\r\\n Origin: x\\r\\n\\r\\n"))
    Traceback (most recent call last):
    helixgraph.server.request_head.BadHead: folded header fields (lines starting with a space) are not accepted
    """
    fields: list[tuple[str, str]] = []
    while True:
        line = stream.readline(MAX_LINE + 1)
        if len(line) > MAX_LINE:
            raise BadHead(431, f"a header line is longer than {MAX_LINE} bytes")
        if line in (b"\r\n", b"\n", b""):
            return Headers(fields)
        if len(fields) == MAX_FIELDS:
            raise BadHead(431, f"a request may have at most {MAX_FIELDS} header fields")
        if line[:1] in (b" ", b"\t"):
            raise BadHead(400, "folded header fields (lines starting with a space) are not accepted")
        text = line.decode("latin-1").rstrip("\r\n")
        name, colon, value = text.partition(":")
        if not colon or not _NAME.fullmatch(name):
            raise BadHead(400, f"a header field is NAME: VALUE, not {text[:200]!r}")
        fields.append((name, value.strip(" \t")))
