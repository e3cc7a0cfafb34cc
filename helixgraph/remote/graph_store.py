"""Load a built dataset into any SPARQL 1.1 Graph Store Protocol endpoint, one named graph at a time.

Each named graph of the built store (one per source, the ontology graph, the analysis graphs) is
sent as N-Triples in chunks of a bounded number of triples: the first chunk with
``PUT {store_url}?graph=<IRI>``, which replaces that graph on the server and leaves the others
alone, the rest with ``POST``, which adds to it. Triples that share a blank node travel in the same
chunk, since a blank node label means one node only within one request. This is what
``helixgraph build --store URL`` does; Oxigraph's writable server (``oxigraph serve``) offers the
protocol at ``/store``, Virtuoso at ``/sparql-graph-crud-auth`` (with digest credentials), Fuseki
at ``/dataset/data``.

A rerun replaces each graph rather than adding to it, and resumes an interrupted upload: a graph is
skipped when the journal beside the build (``uploads.json``) says the same content was sent to the
same address and the server's SPARQL endpoint counts the same number of triples in it. After
sending a graph the count is checked, so a server that kept less than it was sent is reported.
A transient failure within a graph sends that graph again from its first chunk.
"""

from __future__ import annotations

import hashlib
import json
import re
import sys
import time
import urllib.parse
import urllib.request
from collections.abc import Callable, Iterator
from pathlib import Path

import pyoxigraph as ox

from helixgraph.errors import EndpointError
from helixgraph.files import write_text_atomically
from helixgraph.graph.store import open_store, store_path
from helixgraph.remote.client import SparqlClient
from helixgraph.remote.credentials import check_url, credentials_for, forget_challenges, opener_for
from helixgraph.remote.http import TransientEndpointError, Transport

__all__ = ["CHUNK_TRIPLES", "N_TRIPLES", "chunks", "graph_url", "query_url_for", "upload_dataset"]

#: The media type the graphs are sent in.
N_TRIPLES = "application/n-triples"
#: Triples sent in one request at most (a group sharing a blank node may exceed it).
CHUNK_TRIPLES = 50_000
#: The journal of completed graphs, beside the built store.
JOURNAL = "uploads.json"

Progress = Callable[[str, int, int], None]
_BLANK = re.compile(rb"(?:^|\s)_:([A-Za-z0-9_.\-]+)")
#: Graph Store addresses whose SPARQL query address is known: (ending, replacement).
_QUERY_ADDRESSES = (("/sparql-graph-crud-auth", "/sparql"), ("/sparql-graph-crud", "/sparql"),
                    ("/store", "/query"), ("/data", "/sparql"))


def graph_url(store_url: str, graph: str | None) -> str:
    """The Graph Store Protocol URL of one graph: ``?graph=<IRI>``, or ``?default`` for None.

    >>> graph_url("http://127.0.0.1:7878/store", "https://w3id.org/helixgraph/source/a")
    'http://127.0.0.1:7878/store?graph=https%3A%2F%2Fw3id.org%2Fhelixgraph%2Fsource%2Fa'
    >>> graph_url("http://example.org/ds/data?key=1", None)
    'http://example.org/ds/data?key=1&default'
    """
    parameter = "default" if graph is None else urllib.parse.urlencode({"graph": graph})
    return f"{store_url}{'&' if '?' in store_url else '?'}{parameter}"


def query_url_for(store_url: str) -> str | None:
    """The SPARQL query address beside a Graph Store address, for the engines whose layout is known.

    >>> query_url_for("http://127.0.0.1:8890/sparql-graph-crud-auth")
    'http://127.0.0.1:8890/sparql'
    >>> query_url_for("http://127.0.0.1:7878/store")
    'http://127.0.0.1:7878/query'
    >>> query_url_for("http://127.0.0.1:3030/ds/data")
    'http://127.0.0.1:3030/ds/sparql'
    >>> query_url_for("http://example.org/gsp") is None
    True
    """
    parts = urllib.parse.urlsplit(store_url)
    for ending, replacement in _QUERY_ADDRESSES:
        if parts.path.endswith(ending):
            path = parts.path[: -len(ending)] + replacement
            return urllib.parse.urlunsplit(parts._replace(path=path, query=""))
    return None


def chunks(ntriples: bytes, size: int) -> Iterator[list[bytes]]:
    """Split N-Triples into lists of at most ``size`` lines, keeping lines that share a blank node
    (directly or through other blank nodes) together.

    >>> text = b'<urn:a> <urn:p> _:x .\\n_:x <urn:q> _:y .\\n<urn:b> <urn:p> "1" .\\n_:y <urn:r> "2" .\\n'
    >>> [len(c) for c in chunks(text, 2)]
    [1, 3]
    >>> [b"".join(c).count(b"_:") for c in chunks(text, 2)]
    [0, 4]
    """
    lines = [line + b"\n" for line in ntriples.splitlines() if line.strip()]
    parent: dict[bytes, bytes] = {}

    def root(label: bytes) -> bytes:
        while parent.setdefault(label, label) != label:
            parent[label] = parent[parent[label]]
            label = parent[label]
        return label

    blank_of: list[bytes | None] = []
    for line in lines:
        labels = _BLANK.findall(line)
        for other in labels[1:]:
            parent[root(other)] = root(labels[0])
        blank_of.append(labels[0] if labels else None)
    groups: dict[bytes, list[bytes]] = {}
    plain: list[list[bytes]] = []
    for line, label in zip(lines, blank_of):
        if label is None:
            plain.append([line])
        else:
            groups.setdefault(root(label), []).append(line)
    current: list[bytes] = []
    for group in [*plain, *groups.values()]:
        if current and len(current) + len(group) > size:
            yield current
            current = []
        current.extend(group)
    if current:
        yield current


def _graphs(store: ox.Store) -> list[ox.NamedNode | ox.DefaultGraph]:
    """The store's named graphs by name, and its default graph too if it holds anything."""
    graphs: list = sorted(store.named_graphs(), key=lambda g: g.value)
    if next(iter(store.quads_for_pattern(None, None, None, ox.DefaultGraph())), None) is not None:
        graphs.append(ox.DefaultGraph())
    return graphs


def print_progress(graph: str, sent: int, total: int) -> None:
    """Report a graph's progress on standard error, one line per chunk."""
    print(f"  {graph}: {sent}/{total} triples", file=sys.stderr, flush=True)


def _remote_count(client: SparqlClient, name: str) -> int:
    return client.select_rows(f"SELECT (COUNT(*) AS ?n) WHERE {{ GRAPH <{name}> {{ ?s ?p ?o }} }}")[0][0]


def upload_dataset(out: str | Path, store_url: str, *, timeout: float | None = 60.0,
                   chunk_triples: int = CHUNK_TRIPLES, query_url: str | None = None,
                   progress: Progress | None = print_progress, retries: int = 3, environ=None) -> str:
    """Replace each of the build's graphs at a Graph Store Protocol endpoint with its built content.

    Parameters
    ----------
    out
        The build's output folder (or the store folder itself).
    store_url
        The Graph Store Protocol URL, e.g. ``http://127.0.0.1:7878/store`` for ``oxigraph serve``.
        Credentials come from the environment or netrc (:mod:`helixgraph.remote.credentials`).
    timeout
        Seconds to wait for each request.
    chunk_triples
        Triples sent in one request at most.
    query_url
        The server's SPARQL query URL, to skip complete graphs and check what arrived; guessed from
        ``store_url`` for Oxigraph, Virtuoso and Fuseki (:func:`query_url_for`). Without one every
        graph is sent and nothing is checked.
    progress
        Called with the graph's IRI, the triples sent so far and its total after each chunk, and
        with the total twice when a complete graph is skipped; None for silence.
    retries
        How often to resend a graph (and retry a request) after a transient failure.
    environ
        Where to read credentials (``os.environ`` by default).

    Returns
    -------
    str
        A one-line summary: ``Loaded 3 graphs, 1766 triples into http://127.0.0.1:7878/store``,
        followed by how many graphs were already complete when there were any.

    Raises
    ------
    StoreError
        There is no built store in ``out``.
    EndpointError
        A request failed; the message names the graph, the status and the server's message. Graphs
        sent before it stay loaded, and a rerun skips them.

    Examples
    --------
    Build the bundled dataset, upload it into an empty writable Oxigraph server, and count what
    arrived there:

    >>> import tempfile
    >>> from helixgraph.pipeline import build
    >>> from helixgraph.server.oxigraph_server import running_server
    >>> folder = tempfile.TemporaryDirectory()
    >>> _ = build(out=folder.name)
    >>> built = len(open_store(folder.name))
    >>> with running_server(location=Path(folder.name, "target"), read_only=False) as url:
    ...     store = url.removesuffix("query") + "store"
    ...     summary = upload_dataset(folder.name, store, progress=None)
    ...     again = upload_dataset(folder.name, store, progress=None)
    ...     rows = SparqlClient(url).select_rows("SELECT (COUNT(*) AS ?n) WHERE { GRAPH ?g { ?s ?p ?o } }")
    >>> summary == f"Loaded 3 graphs, {built} triples into {store}"
    True
    >>> again == f"Loaded 0 graphs, 0 triples into {store}; 3 graphs were already complete"
    True
    >>> rows == [(built,)]
    True
    >>> folder.cleanup()
    """
    check_url(store_url)
    store = open_store(out)
    journal_path = store_path(out).parent / JOURNAL
    journal = _read_journal(journal_path)
    sent_before = journal.setdefault(store_url, {})
    credentials = credentials_for(store_url, environ)
    transport = Transport(opener_for(store_url, credentials), credentials, timeout, retries)
    query_url = query_url or query_url_for(store_url)
    counter = SparqlClient(query_url, timeout=timeout, retries=retries, environ=environ) if query_url else None
    loaded = total = skipped = 0
    for graph in _graphs(store):
        name = graph.value if isinstance(graph, ox.NamedNode) else None
        body = store.dump(format=ox.RdfFormat.N_TRIPLES, from_graph=graph)
        digest = hashlib.sha256(body).hexdigest()
        count = sum(1 for _ in store.quads_for_pattern(None, None, None, graph))
        label = f"<{name}>" if name else "default graph"
        if name and counter and sent_before.get(name) == digest and _remote_count(counter, name) == count:
            skipped += 1
            if progress:
                progress(label, count, count)
            continue
        sent_before.pop(name or "", None)
        _send_graph(transport, store_url, name, body, count, chunk_triples, progress, retries)
        if name and counter:
            arrived = _remote_count(counter, name)
            if arrived != count:
                raise EndpointError(
                    f"the Graph Store {store_url} holds {arrived} triples in the graph {label} after it was "
                    f"sent {count}; the server dropped or merged some")
            sent_before[name] = digest
            write_text_atomically(journal_path, json.dumps(journal, indent=1, sort_keys=True) + "\n")
        loaded += 1
        total += count
    summary = f"Loaded {loaded} graph{'s' if loaded != 1 else ''}, {total} triples into {store_url}"
    if skipped:
        summary += f"; {skipped} graph{'s were' if skipped != 1 else ' was'} already complete"
    return summary


def _read_journal(path: Path) -> dict:
    try:
        journal = json.loads(path.read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return {}
    return journal if isinstance(journal, dict) else {}


#: A graph no build holds, asked for to learn the server's authentication challenge.
_PROBE_GRAPH = "urn:helixgraph:authentication-check"


def _prime(transport: Transport, store_url: str) -> None:
    """Ask for a graph without sending a body, so that a server wanting digest credentials sends its
    challenge (and a refusal shows) before any chunk of megabytes goes out."""
    if transport.credentials is None:
        return
    forget_challenges(transport.opener)
    request = urllib.request.Request(graph_url(store_url, _PROBE_GRAPH), method="GET",
                                     headers={"Accept": N_TRIPLES})
    try:
        transport.send(request, what=f"the Graph Store {store_url} (checking the credentials)")
    except EndpointError as exc:
        if " answered 404 " not in str(exc):
            raise


def _send_graph(transport: Transport, store_url: str, name: str | None, body: bytes, count: int,
                chunk_triples: int, progress: Progress | None, retries: int) -> None:
    """Send one graph in chunks, starting over (with PUT, which replaces) after a transient failure."""
    label = f"<{name}>" if name else "default graph"
    for attempt in range(retries + 1):
        try:
            _prime(transport, store_url)
            sent = 0
            parts = chunks(body, chunk_triples) if body else iter([[]])
            for number, lines in enumerate(parts):
                method = "PUT" if number == 0 else "POST"
                request = urllib.request.Request(
                    graph_url(store_url, name), data=b"".join(lines), method=method,
                    headers={"Content-Type": N_TRIPLES})
                what = f"the Graph Store {store_url} ({method} of graph {label}, triples {sent + 1}-{sent + len(lines)})"
                transport.send(request, what=what, retry=False)
                sent += len(lines)
                if progress:
                    progress(label, sent, count)
            return
        except TransientEndpointError:
            if attempt == retries:
                raise
            time.sleep(transport.pause * 2 ** attempt)
