"""Where a server listens: loopback checks, query URLs and free ports.

The endpoints helixgraph runs have no authentication, so they bind to loopback unless remote
access is asked for explicitly.
"""

from __future__ import annotations

import ipaddress
import socket
import sys

from helixgraph.errors import EndpointError

__all__ = ["authority", "check_host", "endpoint_url", "free_port", "is_loopback"]


def is_loopback(host: str) -> bool:
    """Whether ``host`` only accepts connections from this machine.

    >>> is_loopback("127.0.0.1"), is_loopback("::1"), is_loopback("localhost")
    (True, True, True)
    >>> is_loopback("0.0.0.0"), is_loopback("192.168.1.5"), is_loopback("example.org")
    (False, False, False)
    """
    if host == "localhost":
        return True
    try:
        return ipaddress.ip_address(host).is_loopback
    except ValueError:
        return False


def authority(host: str, port: int) -> str:
    """``host:port``, with an IPv6 address in brackets.

    >>> authority("127.0.0.1", 7878), authority("::1", 7878)
    ('127.0.0.1:7878', '[::1]:7878')
    """
    return f"[{host}]:{port}" if ":" in host else f"{host}:{port}"


def endpoint_url(host: str, port: int) -> str:
    """The query URL of a server bound to ``host:port``; a wildcard address is reached on loopback.

    >>> endpoint_url("127.0.0.1", 7878)
    'http://127.0.0.1:7878/query'
    >>> endpoint_url("0.0.0.0", 7878), endpoint_url("::1", 7878)
    ('http://127.0.0.1:7878/query', 'http://[::1]:7878/query')
    """
    reach = {"0.0.0.0": "127.0.0.1", "::": "::1"}.get(host, host)
    return f"http://{authority(reach, port)}/query"


def free_port(host: str = "127.0.0.1") -> int:
    """A TCP port that was free on ``host`` a moment ago (the OS picks it).

    Another program may take the port before it is used, so a caller that binds it retries on
    "address in use".

    Examples
    --------
    >>> port = free_port()
    >>> with socket.socket() as sock:
    ...     sock.bind(("127.0.0.1", port))
    ...     sock.getsockname()[1] == port
    True
    """
    family = socket.AF_INET6 if ":" in host else socket.AF_INET
    with socket.socket(family, socket.SOCK_STREAM) as sock:
        sock.bind((host, 0))
        return sock.getsockname()[1]


def check_host(host: str, allow_remote: bool) -> None:
    """Refuse a non-loopback ``host`` unless ``allow_remote``; warn on stderr when it is allowed.

    Raises
    ------
    EndpointError
        ``host`` is not loopback and ``allow_remote`` is False.

    Examples
    --------
    >>> check_host("127.0.0.1", allow_remote=False)
    >>> check_host("0.0.0.0", allow_remote=False)  # doctest: +ELLIPSIS
    Traceback (most recent call last):
    ...
    helixgraph.errors.EndpointError: refusing to listen on '0.0.0.0': the SPARQL server has no authentication, ...
    """
    if is_loopback(host):
        return
    if not allow_remote:
        raise EndpointError(
            f"refusing to listen on {host!r}: the SPARQL server has no authentication, so it binds to "
            "loopback (127.0.0.1) unless remote access is asked for explicitly (allow_remote=True)")
    print(f"warning: listening on {host}: anyone who can reach this machine can query the data "
          "(the server has no authentication)", file=sys.stderr)
