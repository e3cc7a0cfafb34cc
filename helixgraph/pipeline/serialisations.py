"""The dataset's files: TriG and JSON-LD with the named graphs kept, Turtle for their union."""

from __future__ import annotations

from pathlib import Path

import pyoxigraph as ox

from helixgraph.ontology.prefixes import PREFIXES

__all__ = ["SERIALISATIONS", "write_serialisations"]

#: The dataset's serialisations a build writes.
SERIALISATIONS = ("ecosystem.trig", "ecosystem.ttl", "ecosystem.jsonld")


def write_serialisations(store: ox.Store, folder: Path) -> list[str]:
    """Write the store as TriG and JSON-LD (named graphs kept) and as Turtle (their union) into ``folder``.

    The Turtle file is each graph's Turtle one after another: Turtle allows prefixes to be declared
    again, and a triple stated in two graphs is one triple of the union. Copying the quads into a
    union store first took longer than writing all three files. Returns the names written.

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
    """
    store.dump(str(folder / "ecosystem.trig"), ox.RdfFormat.TRIG, prefixes=PREFIXES)
    store.dump(str(folder / "ecosystem.jsonld"), ox.RdfFormat.JSON_LD, prefixes=PREFIXES)
    with open(folder / "ecosystem.ttl", "wb") as turtle:
        for graph in sorted(store.named_graphs(), key=lambda g: g.value):
            store.dump(turtle, ox.RdfFormat.TURTLE, from_graph=graph, prefixes=PREFIXES)
    return list(SERIALISATIONS)
