"""Node and edge attributes as typed scalars: what GEXF, GraphML and CSV can hold.

The projection keeps lists (labels, fields, indications), None for what is unknown, and NumPy
numbers. Files for other tools need one type per attribute: text, a whole number or a real number.
Lists become text joined by ``"; "``, None is left out (the element has no value for that key),
whole-number measures (community, core number, brokerage roles) stay integers, the other
measures are reals. Each edge also gets its source's title and issue date, and a ``start`` day
(when it became known: its source's issue date) that GEXF turns into a time interval, as each
node gets the day its first source was issued.
"""

from __future__ import annotations

import math
import numbers
from collections.abc import Iterable, Mapping

import networkx as nx

from helixgraph.dates import period_start

__all__ = ["LIST_SEPARATOR", "exportable", "scalar"]

#: What joins the items of a list attribute.
LIST_SEPARATOR = "; "


def scalar(value: object) -> str | int | float | bool | None:
    """One attribute value as a typed scalar; None stays None (the caller leaves it out).

    >>> scalar(["NIBS", "北京生命科学研究所"]), scalar(3), scalar(0.25), scalar(True), scalar(None)
    ('NIBS; 北京生命科学研究所', 3, 0.25, True, None)
    >>> import numpy as np
    >>> scalar(np.int64(4)), scalar(np.float64(0.5)), scalar(()), scalar(float("nan"))
    (4, 0.5, None, None)
    """
    if value is None or isinstance(value, bool | str):
        return value
    if isinstance(value, numbers.Integral):
        return int(value)
    if isinstance(value, numbers.Real):
        number = float(value)
        return number if math.isfinite(number) else None
    if isinstance(value, Iterable) and not isinstance(value, Mapping):
        items = [str(item) for item in value if item is not None]
        return LIST_SEPARATOR.join(items) if items else None
    return str(value)


def _typed(data: Mapping) -> dict:
    return {name: value for name, raw in data.items() if (value := scalar(raw)) is not None}


def _day(value: object) -> str | None:
    if value in (None, ""):
        return None
    return period_start(value).isoformat()


def exportable(G: nx.Graph) -> nx.MultiDiGraph:
    """A copy of the projected network whose attributes every export format can hold.

    Node ids stay the entities' IRIs; each node gets ``start`` (the day its first source was
    issued) and each edge ``start``, ``source_title`` and ``issued`` from its source. Graph
    attributes other than ``as_of`` are dropped (the sources table travels on the edges).

    Examples
    --------
    >>> G = nx.MultiDiGraph(sources={"ex:s": {"title": "A report", "issued": "2025-10"}})
    >>> G.add_node("ex:a", label="Alpha", labels=["Alpha", "阿尔法"], sector=None, community=2, first_issued="2025-10")
    >>> G.add_node("ex:b", label="Beta", first_issued="2025-10")
    >>> _ = G.add_edge("ex:a", "ex:b", predicate="eco:supports", role=None, source="ex:s")
    >>> H = exportable(G)
    >>> H.nodes["ex:a"]
    {'label': 'Alpha', 'labels': 'Alpha; 阿尔法', 'community': 2, 'first_issued': '2025-10', 'start': '2025-10-01'}
    >>> H.edges["ex:a", "ex:b", 0]
    {'predicate': 'eco:supports', 'source': 'ex:s', 'source_title': 'A report', 'issued': '2025-10', 'start': '2025-10-01'}
    """
    sources = G.graph.get("sources") or {}
    H = nx.MultiDiGraph()
    if G.graph.get("as_of"):
        H.graph["as_of"] = str(G.graph["as_of"])
    for node, data in G.nodes(data=True):
        attrs = _typed(data)
        start = _day(data.get("first_issued"))
        if start:
            attrs["start"] = start
        H.add_node(str(node), **attrs)
    edges = G.edges(keys=True, data=True) if G.is_multigraph() else ((u, v, 0, d) for u, v, d in G.edges(data=True))
    for u, v, _, data in edges:
        attrs = _typed(data)
        meta = sources.get(data.get("source")) or {}
        if meta.get("title"):
            attrs["source_title"] = str(meta["title"])
        if meta.get("issued"):
            attrs["issued"] = str(meta["issued"])
            attrs["start"] = _day(meta["issued"])
        H.add_edge(str(u), str(v), **attrs)
    return H
