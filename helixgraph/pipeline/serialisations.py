"""The dataset's files: TriG and JSON-LD with the named graphs kept, Turtle for their union."""

from __future__ import annotations

from collections.abc import Iterable
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

import pyoxigraph as ox

from helixgraph.errors import OptionError
from helixgraph.ontology.prefixes import PREFIXES

__all__ = ["FORMATS", "JSONLD_LIMIT", "SERIALISATIONS", "default_formats", "formats_from_text",
           "write_serialisations"]

#: The dataset's serialisations a build can write, by format name.
FORMATS = {"trig": "ecosystem.trig", "ttl": "ecosystem.ttl", "jsonld": "ecosystem.jsonld"}

#: The dataset's serialisations a build writes by default (JSON-LD only up to :data:`JSONLD_LIMIT`).
SERIALISATIONS = tuple(FORMATS.values())

#: Quads above which JSON-LD is written only when asked for: about 120 bytes a quad, a 240 MB
#: file at this limit, more than JSON-LD tools load comfortably.
JSONLD_LIMIT = 2_000_000


def formats_from_text(text: str) -> list[str]:
    """The format names of a comma-separated list (``trig,ttl,jsonld``; ``none`` for no file).

    >>> formats_from_text("jsonld, trig"), formats_from_text("none")
    (['trig', 'jsonld'], [])
    >>> formats_from_text("xml")
    Traceback (most recent call last):
    helixgraph.errors.OptionError: unknown format 'xml' in --formats; expected trig, ttl, jsonld or none
    """
    names = [name.strip().lower() for name in text.split(",") if name.strip()]
    if names == ["none"]:
        return []
    for name in names:
        if name not in FORMATS:
            raise OptionError(f"unknown format {name!r} in --formats; expected {', '.join(FORMATS)} or none")
    return [name for name in FORMATS if name in names]


def default_formats(quads: int) -> tuple[list[str], str | None]:
    """The formats written for a dataset of ``quads`` quads when none are asked for, and a note
    saying what was left out and how to get it.

    >>> default_formats(1_000)
    (['trig', 'ttl', 'jsonld'], None)
    >>> formats, note = default_formats(9_000_000)
    >>> formats, note.split(":")[0]
    (['trig', 'ttl'], 'ecosystem.jsonld not written')
    """
    if quads <= JSONLD_LIMIT:
        return list(FORMATS), None
    return ["trig", "ttl"], (f"ecosystem.jsonld not written: {quads:,} quads would make a JSON-LD file of about "
                             f"{quads * 120 / 1e9:.1f} GB (JSON-LD is written by default up to {JSONLD_LIMIT:,} "
                             "quads); ask for it with --formats trig,ttl,jsonld")


def _turtle(store: ox.Store, path: Path) -> None:
    with open(path, "wb") as turtle:
        for graph in sorted(store.named_graphs(), key=lambda g: g.value):
            store.dump(turtle, ox.RdfFormat.TURTLE, from_graph=graph, prefixes=PREFIXES)


def write_serialisations(store: ox.Store, folder: Path, formats: Iterable[str] | None = None) -> list[str]:
    """Write the store as TriG and JSON-LD (named graphs kept) and as Turtle (their union) into ``folder``.

    ``formats`` names the files to write (see :data:`FORMATS`); all three by default. The Turtle file
    is each graph's Turtle one after another: Turtle allows prefixes to be declared again, and a
    triple stated in two graphs is one triple of the union. Copying the quads into a union store
    first took longer than writing all three files. Oxigraph writes each file without holding
    Python's lock, so two are written at a time. Returns the names written.

    >>> import tempfile
    >>> store = ox.Store()
    >>> store.load(b'<urn:s> <urn:p> "1" <urn:a> .\\n<urn:s> <urn:p> "1" <urn:b> .\\n', ox.RdfFormat.N_QUADS)
    >>> folder = Path(tempfile.mkdtemp())
    >>> write_serialisations(store, folder)
    ['ecosystem.trig', 'ecosystem.ttl', 'ecosystem.jsonld']
    >>> trig = ox.parse(path=str(folder / "ecosystem.trig"), format=ox.RdfFormat.TRIG)
    >>> sorted(quad.graph_name.value for quad in trig)
    ['urn:a', 'urn:b']
    >>> len(set(ox.parse(path=str(folder / "ecosystem.ttl"), format=ox.RdfFormat.TURTLE)))
    1
    >>> write_serialisations(store, Path(tempfile.mkdtemp()), ["ttl"])
    ['ecosystem.ttl']
    """
    chosen = list(FORMATS) if formats is None else [name for name in FORMATS if name in set(formats)]
    writers = {
        "trig": lambda path: store.dump(str(path), ox.RdfFormat.TRIG, prefixes=PREFIXES),
        "ttl": lambda path: _turtle(store, path),
        "jsonld": lambda path: store.dump(str(path), ox.RdfFormat.JSON_LD, prefixes=PREFIXES),
    }
    with ThreadPoolExecutor(2, "helixgraph-dump") as pool:
        for done in [pool.submit(writers[name], folder / FORMATS[name]) for name in chosen]:
            done.result()
    return [FORMATS[name] for name in chosen]
