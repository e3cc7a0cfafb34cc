"""The embedded store: an on-disk Oxigraph store that later commands query without re-parsing.

Oxigraph parses and answers SPARQL 10 to 60 times faster than rdflib's memory store, and the same
folder is what Oxigraph's SPARQL server serves (``helixgraph serve``). rdflib stays the API for
modelling, the ontology and SHACL; terms cross over here.
"""

from __future__ import annotations

import json
from collections.abc import Iterable
from pathlib import Path

import pyoxigraph as ox
from rdflib import BNode, Literal, URIRef

from helixgraph.errors import StoreError
from helixgraph.generations import resolve_output

__all__ = [
    "STORE_DIR",
    "compact",
    "copy_graphs",
    "create_store",
    "load_graphs",
    "memory_store",
    "nquads",
    "open_store",
    "store_path",
    "triples_per_graph",
]

#: The store's folder inside a build's output folder.
STORE_DIR = "store"


_ESCAPES = str.maketrans({"\\": "\\\\", '"': '\\"', "\n": "\\n", "\r": "\\r"})


def _nq_term(term, iris: dict) -> str:
    if isinstance(term, URIRef):
        text = iris.get(term)
        if text is None:
            text = iris[term] = f"<{term}>"
        return text
    if isinstance(term, Literal):
        lexical = str(term).translate(_ESCAPES)
        if term.language:
            return f'"{lexical}"@{term.language}'
        if term.datatype:
            return f'"{lexical}"^^<{term.datatype}>'
        return f'"{lexical}"'
    if isinstance(term, BNode):
        return f"_:{term}"
    raise StoreError(f"cannot store the term {term!r}: expected an IRI, literal or blank node")


def nquads(graphs: Iterable[tuple[str, Iterable[tuple]]]) -> bytes:
    """Write ``(graph name, triples)`` pairs of rdflib terms as N-Quads.

    Oxigraph parses N-Quads in Rust; building its term objects one by one from Python took about
    twice as long at 850K quads.

    >>> nquads([("urn:g", [(URIRef("urn:s"), URIRef("urn:p"), Literal('say "hi"', lang="en"))])])
    b'<urn:s> <urn:p> "say \\\\"hi\\\\""@en <urn:g> .\\n'
    """
    iris: dict = {}
    lines = []
    for name, triples in graphs:
        graph = f"<{name}>"
        lines.extend(f"{_nq_term(s, iris)} {_nq_term(p, iris)} {_nq_term(o, iris)} {graph} .\n"
                     for s, p, o in triples)
    return "".join(lines).encode("utf-8")


def load_graphs(store: ox.Store, graphs: Iterable[tuple[str, Iterable[tuple]]]) -> ox.Store:
    """Bulk-load ``(graph name, triples)`` pairs of rdflib terms into ``store`` and return it.

    >>> triples = [(URIRef("urn:s"), URIRef("urn:p"), Literal("北京", lang="zh"))]
    >>> store = load_graphs(ox.Store(), [("urn:g", triples)])
    >>> [(q.object.value, q.object.language, q.graph_name.value) for q in store]
    [('北京', 'zh', 'urn:g')]
    """
    store.bulk_load(nquads(graphs), ox.RdfFormat.N_QUADS)
    return store


def memory_store(data: bytes) -> ox.Store:
    """An in-memory store holding the N-Quads ``data``.

    >>> store = memory_store(b'<urn:s> <urn:p> "1" <urn:g> .\\n<urn:s> <urn:p> "2" <urn:h> .\\n')
    >>> len(store), sorted(g.value for g in store.named_graphs())
    (2, ['urn:g', 'urn:h'])
    """
    store = ox.Store()
    store.bulk_load(data, ox.RdfFormat.N_QUADS)
    return store


def compact(store: ox.Store) -> None:
    """Compact an on-disk store after bulk loads and write it out: a freshly bulk-loaded RocksDB
    answers queries about a third slower until it is compacted.

    >>> import tempfile
    >>> path = Path(tempfile.mkdtemp()) / "store"
    >>> store = ox.Store(str(path))
    >>> store.bulk_load(b'<urn:s> <urn:p> "1" <urn:g> .\\n', ox.RdfFormat.N_QUADS)
    >>> compact(store)
    >>> len(ox.Store.read_only(str(path)))
    1
    """
    store.optimize()
    store.flush()


def create_store(path: str | Path, data: bytes | Iterable[tuple[str, Iterable[tuple]]]) -> ox.Store:
    """Create a new, compacted on-disk store at ``path`` holding N-Quads ``data`` or ``(graph name,
    triples)`` pairs.

    >>> import tempfile
    >>> path = Path(tempfile.mkdtemp()) / "store"
    >>> store = create_store(path, [("urn:g", [(URIRef("urn:s"), URIRef("urn:p"), Literal("1"))])])
    >>> len(store), (path / "CURRENT").is_file()
    (1, True)
    """
    store = ox.Store(str(path))
    store.bulk_load(data if isinstance(data, bytes) else nquads(data), ox.RdfFormat.N_QUADS)
    compact(store)
    return store


def copy_graphs(source: ox.Store, target: ox.Store, graphs: Iterable[ox.NamedNode], *,
                chunk_bytes: int = 16 << 20) -> None:
    """Copy the named ``graphs`` of ``source`` into ``target`` (as N-Triples, graph by graph).

    Each graph is bulk-loaded ``chunk_bytes`` of text at a time (cut at line ends): Oxigraph's bulk
    loader into RocksDB holds several times its input in memory, so a 114 MB graph loaded whole
    took 730 MB more, and in 16 MB pieces 110 MB (and less time).

    >>> source = memory_store(b'<urn:s> <urn:p> "1" <urn:g> .\\n<urn:s> <urn:p> "2" <urn:h> .\\n')
    >>> target = ox.Store()
    >>> copy_graphs(source, target, [ox.NamedNode("urn:h")])
    >>> [(q.object.value, q.graph_name.value) for q in target]
    [('2', 'urn:h')]
    """
    copied = False
    for graph in graphs:
        data = source.dump(format=ox.RdfFormat.N_TRIPLES, from_graph=graph)
        start = 0
        while start < len(data):
            end = data.find(b"\n", min(start + chunk_bytes, len(data)) - 1) + 1 or len(data)
            target.bulk_load(data[start:end], ox.RdfFormat.N_TRIPLES, to_graph=graph)
            start = end
        copied = True
    if copied:
        compact(target)


def store_path(path: str | Path) -> Path:
    """The store folder of a build: ``path`` is a build's output folder or the store folder itself.

    An output folder's current generation is followed (see :mod:`helixgraph.generations`).

    >>> import tempfile
    >>> store_path(tempfile.mkdtemp())
    Traceback (most recent call last):
    helixgraph.errors.StoreError: no built store at ...: run `helixgraph build` first (or pass --out)
    """
    path = Path(path)
    build = resolve_output(path)
    if (build / STORE_DIR).is_dir():
        return build / STORE_DIR
    if (path / "CURRENT").is_file() and any(path.glob("MANIFEST-*")):  # the store's own folder
        return path
    raise StoreError(f"no built store at {path}: run `helixgraph build` first (or pass --out)")


def triples_per_graph(store: ox.Store) -> dict[str, int]:
    """How many triples each named graph of ``store`` holds, by graph IRI, in IRI order.

    >>> triples_per_graph(memory_store(b'<urn:s> <urn:p> "1" <urn:g> .\\n<urn:s> <urn:p> "2" <urn:g> .\\n'))
    {'urn:g': 2}
    """
    counts = store.query("SELECT ?g (COUNT(*) AS ?n) WHERE { GRAPH ?g { ?s ?p ?o } } GROUP BY ?g ORDER BY ?g")
    return {row["g"].value: int(row["n"].value) for row in counts}


def _build_trig(path: Path) -> tuple[Path, int] | None:
    """The TriG file the build wrote beside the store at ``path`` and the quads it holds, or None.

    A build (and a re-analysis) writes ``ecosystem.trig`` from the store it writes, and lists it
    and the triples of every graph in ``build-report.json``.
    """
    folder = path.parent
    trig, report = folder / "ecosystem.trig", folder / "build-report.json"
    try:
        written = json.loads(report.read_text(encoding="utf-8"))
        if "ecosystem.trig" not in written.get("files", ()) or not trig.is_file():
            return None
        return trig, sum(int(n) for n in written["triples_per_graph"].values())
    except (OSError, ValueError, KeyError, TypeError, AttributeError):
        return None


def _memory_copy(data: bytes, fmt: ox.RdfFormat) -> ox.Store:
    """A new in-memory store holding ``data``, written by the build or dumped from its store.

    ``Store.load`` parses and inserts in one transaction. For the 1.6M quads of a 100K-entity build's
    TriG it took 4.7 to 5.2 s of processor time where ``Store.bulk_load`` took 5.2 to 5.7 s (three
    runs each on a busy machine); most of either is inserting into the in-memory store, not parsing.

    >>> len(_memory_copy(b'<urn:s> <urn:p> "1" <urn:g> .\\n', ox.RdfFormat.N_QUADS))
    1
    """
    copy = ox.Store()
    copy.load(data, fmt, lenient=True)
    return copy


def open_store(path: str | Path, *, in_memory: bool = False) -> ox.Store:
    """Open a built store read-only, or say clearly why it cannot be.

    Parameters
    ----------
    path
        The build's output folder, or the store folder itself.
    in_memory
        Copy the store into memory and return the copy. Oxigraph answers the shipped queries 2 to 10
        times faster from memory than from RocksDB (see the README's Performance section), so a
        session that runs many queries, such as a notebook, gains from the one-off copy; changes to
        the copy are not saved. The copy is parsed from the TriG file the build wrote beside the
        store when it holds as many quads as the build reported (one parse, several times faster
        than reading the quads out of RocksDB), else read from the store. Either is read by
        Oxigraph's transactional loader, which fills an in-memory store in about a tenth less time
        than its bulk loader.

    Raises
    ------
    StoreError
        ``path`` holds no built store, or the store cannot be opened.

    Examples
    --------
    >>> import tempfile
    >>> path = Path(tempfile.mkdtemp()) / "store"
    >>> _ = create_store(path, [("urn:g", [(URIRef("urn:s"), URIRef("urn:p"), Literal("1"))])])
    >>> copy = open_store(path, in_memory=True)
    >>> copy.add(ox.Quad(ox.NamedNode("urn:s"), ox.NamedNode("urn:p"), ox.Literal("2")))
    >>> len(copy), len(open_store(path))
    (2, 1)
    """
    path = store_path(path)
    try:
        store = ox.Store.read_only(str(path))
        if not in_memory:
            return store
        written = _build_trig(path)
        if written is not None:
            trig, quads = written
            try:
                copy = _memory_copy(trig.read_bytes(), ox.RdfFormat.TRIG)
                if len(copy) == quads:
                    return copy
                del copy
            except (OSError, SyntaxError):
                pass  # the store itself is the reference: read it instead
        return _memory_copy(store.dump(format=ox.RdfFormat.N_QUADS), ox.RdfFormat.N_QUADS)
    except OSError as exc:
        raise StoreError(f"cannot open the store at {path}: {exc}") from exc
