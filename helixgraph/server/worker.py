"""A query process: the store opened read-only, one query at a time, inside a memory limit.

The endpoint runs every query in such a process because pyoxigraph cannot cancel a query: the only
way to stop one that overruns its time is to kill the process running it. Each process opens the
store, then caps its own address space (``RLIMIT_AS``) at what it holds plus ``--max-memory``, so a
query that needs more memory than allowed fails in its process and not in the machine; it asks the
kernel to kill it when the endpoint that started it dies.

The protocol over the pipe: the process sends ``("ready", pid)`` or ``("failed", message)`` once;
then for each :class:`~helixgraph.server.protocol.HttpRequest` it receives, it sends one message: ``b"<status> <content type>\\n"``
followed by the complete body.
"""

from __future__ import annotations

import ctypes
import functools
import os
import signal
import sys
from dataclasses import dataclass
from multiprocessing.connection import Connection

import pyoxigraph as ox

from helixgraph.errors import StoreError
from helixgraph.graph.store import open_store
from helixgraph.server.negotiation import GRAPH_FORMATS, RESULT_FORMATS, Offer, choose
from helixgraph.server.protocol import Describe, HttpRequest, Query, Refusal, read_request
from helixgraph.server.service_clause import has_service_clause
from helixgraph.server.service_description import describe

__all__ = ["Settings", "answer", "main", "read_reply"]

#: ``prctl`` option asking for a signal when the parent dies (Linux).
_PR_SET_PDEATHSIG = 1
TEXT = "text/plain; charset=utf-8"
#: Requests (and query texts) up to this size are remembered with what was read from them, since
#: clients tend to send the same queries again; larger ones are decoded each time.
_REMEMBERED_BYTES = 1 << 16


@functools.lru_cache(maxsize=256)
def _remembered_request(request: HttpRequest) -> Query | Refusal | Describe:
    return read_request(request)


@functools.lru_cache(maxsize=256)
def _remembered_service_check(text: str) -> bool:
    return has_service_clause(text)


def _read(request: HttpRequest) -> Query | Refusal | Describe:
    """What ``request`` asks for; a small request seen lately is not decoded again."""
    if len(request.body) + len(request.query_string) <= _REMEMBERED_BYTES:
        return _remembered_request(request)
    return read_request(request)


@functools.lru_cache(maxsize=256)
def _remembered_choice(graph: bool, accept: str | None, name: str | None) -> Offer | None:
    return choose(GRAPH_FORMATS if graph else RESULT_FORMATS, accept, name)


def _choice(graph: bool, accept: str | None, name: str | None) -> Offer | None:
    """The format to answer in (see :func:`~helixgraph.server.negotiation.choose`); a short ``Accept``
    and format name seen lately are not read again."""
    if len(accept or "") + len(name or "") <= 1024:
        return _remembered_choice(graph, accept, name)
    return choose(GRAPH_FORMATS if graph else RESULT_FORMATS, accept, name)


def _holds_service(text: str) -> bool:
    """Whether the query ``text`` holds a SERVICE clause; a small text seen lately is not searched again."""
    return _remembered_service_check(text) if len(text) <= _REMEMBERED_BYTES else has_service_clause(text)


@dataclass(frozen=True)
class Settings:
    """What every query process of an endpoint shares."""

    location: str
    union_default_graph: bool = True
    allow_service: bool = False
    max_memory: int | None = None


def limit_memory(max_bytes: int) -> bool:
    """Cap this process's address space at ``max_bytes``; False where the OS offers no such limit."""
    try:
        import resource
    except ImportError:  # pragma: no cover - Windows
        return False
    resource.setrlimit(resource.RLIMIT_AS, (max_bytes, max_bytes))
    return True


def _address_space() -> int:
    """The bytes of address space this process holds now; 0 where the system does not say."""
    try:
        with open("/proc/self/statm", encoding="ascii") as statm:
            return int(statm.read().split()[0]) * os.sysconf("SC_PAGE_SIZE")
    except (OSError, ValueError):
        return 0


def _die_with(parent: int) -> None:
    """Have the kernel kill this process when ``parent`` dies (Linux), and leave now if it already has."""
    if sys.platform.startswith("linux"):
        libc = ctypes.CDLL(None, use_errno=True)
        libc.prctl(_PR_SET_PDEATHSIG, signal.SIGKILL, 0, 0, 0)
    if os.getppid() != parent:
        os._exit(0)


def _text(status: int, message: str) -> tuple[int, str, bytes]:
    return status, TEXT, (message + "\n").encode("utf-8")


def answer(store: ox.Store, settings: Settings, request: HttpRequest) -> tuple[int, str, bytes]:
    """Answer ``request`` from ``store``: the HTTP status, ``Content-Type`` and complete body.

    A syntax error is a 400 with Oxigraph's message; an update or a ``SERVICE`` clause a 403 (unless
    the endpoint allows SERVICE); a format the client cannot take a 406; a request without a query
    gets the service description.

    Examples
    --------
    >>> import urllib.parse
    >>> from helixgraph.pipeline import load_store
    >>> store, settings = load_store(), Settings("unused: the store is given")
    >>> drugs = "SELECT (COUNT(?d) AS ?n) WHERE { ?d a <https://w3id.org/helixgraph/ontology#Drug> }"
    >>> answer(store, settings, HttpRequest(urllib.parse.urlencode({"query": drugs}), accept="text/csv"))
    (200, 'text/csv; charset=utf-8', b'n\\r\\n1\\r\\n')
    >>> status, _, body = answer(store, settings, HttpRequest("query=SELECT"))
    >>> status, body.decode().split(":")[0]
    (400, 'error at 1')
    >>> answer(store, settings, HttpRequest("update=CLEAR%20ALL"))[0]
    403
    >>> service = "SELECT * WHERE { SERVICE <http://example.org/sparql> { ?s ?p ?o } }"
    >>> answer(store, settings, HttpRequest(urllib.parse.urlencode({"query": service})))[0]
    403
    """
    wanted = _read(request)
    if isinstance(wanted, Refusal):
        return _text(wanted.status, wanted.message)
    if isinstance(wanted, Describe):
        offer = choose(GRAPH_FORMATS, wanted.accept) or GRAPH_FORMATS[0]
        body = describe(wanted.endpoint, union_default_graph=settings.union_default_graph, format=offer.format)
        return 200, offer.content_type, body
    return _run(store, settings, wanted)


def _run(store: ox.Store, settings: Settings, request: Query) -> tuple[int, str, bytes]:
    if not settings.allow_service and _holds_service(request.text):
        return _text(403, "SERVICE clauses are disabled on this endpoint, so a query cannot make it send "
                          "requests to other servers (start it with --allow-service to allow them); "
                          "a query that cannot be parsed is refused here too if it mentions SERVICE")
    try:
        results = store.query(request.text, **request.dataset(settings.union_default_graph))
        graph = isinstance(results, ox.QueryTriples)
        offer = _choice(graph, request.accept, request.format_name)
        if offer is None:
            offers = GRAPH_FORMATS if graph else RESULT_FORMATS
            kinds = ", ".join(o.media_type for o in offers)
            return _text(406, f"cannot answer this query in {request.accept!r}; it can be answered in {kinds}")
        return 200, offer.content_type, results.serialize(format=offer.format)
    except (SyntaxError, ValueError) as exc:
        return _text(400, str(exc))
    except MemoryError:
        raise
    except Exception as exc:  # noqa: BLE001 - the engine's evaluation errors have no common class
        return _text(500, f"the query failed: {exc}")


def main(connection: Connection, settings: Settings, parent: int) -> None:
    """Serve queries from ``connection`` until it closes; ``parent`` is the endpoint's process id."""
    _die_with(parent)
    try:
        store = open_store(settings.location)
    except StoreError as exc:
        connection.send(("failed", str(exc)))
        return
    if settings.max_memory:
        # The cap counts from what the open store already holds: RocksDB's threads and caches
        # reserve address space that a query does not use, and opening under a tight cap can fail.
        limit_memory(_address_space() + settings.max_memory)
    connection.send(("ready", os.getpid()))
    while True:
        try:
            request = connection.recv()
        except (EOFError, OSError):
            return
        try:
            status, content_type, body = answer(store, settings, request)
        except (ValueError, TypeError, OSError) as exc:  # a request the checks above did not foresee
            status, content_type, body = _text(400, f"cannot answer this request: {exc}")
        except MemoryError:
            status, content_type, body = _text(503, "the query needed more memory than this endpoint allows "
                                                    "a query (--max-memory)")
            _reply(connection, status, content_type, body)
            return  # a process that ran out of memory is not trusted with the next query
        _reply(connection, status, content_type, body)


def _reply(connection: Connection, status: int, content_type: str, body: bytes) -> None:
    connection.send_bytes(f"{status} {content_type}\n".encode("ascii") + body)


def read_reply(message: bytes) -> tuple[int, str, memoryview]:
    """The status, content type and body of a reply message (the body not copied).

    >>> status, kind, body = read_reply(b"200 text/csv; charset=utf-8\\nn\\r\\n1\\r\\n")
    >>> status, kind, bytes(body)
    (200, 'text/csv; charset=utf-8', b'n\\r\\n1\\r\\n')
    """
    end = message.index(b"\n")
    status, _, content_type = message[:end].decode("ascii").partition(" ")
    return int(status), content_type, memoryview(message)[end + 1:]
