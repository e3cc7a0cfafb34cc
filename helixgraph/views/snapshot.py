"""The graph as it was known on a given day, judged by when its sources were issued."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Mapping
from dataclasses import dataclass

import networkx as nx

from helixgraph.dates import as_of_day, period_start

__all__ = ["AsOf", "edge_sources", "graph_as_of"]


@dataclass(frozen=True)
class AsOf:
    """What :func:`graph_as_of` hid: edges from later sources, and nodes known only from them."""

    day: dt.date
    hidden_edges: int
    hidden_nodes: int


def edge_sources(data: Mapping) -> tuple[str, ...]:
    """Return the source IRIs of an edge's attribute dict (``source`` may hold one IRI or several).

    >>> edge_sources({"source": "ex:s1"}), edge_sources({}), edge_sources({"source": ["ex:a", "ex:b"]})
    (('ex:s1',), (), ('ex:a', 'ex:b'))
    """
    value = data.get("source")
    if value is None:
        return ()
    if isinstance(value, str):
        return (value,)
    if isinstance(value, Iterable):
        return tuple(str(item) for item in value)
    return (str(value),)


def graph_as_of(G: nx.Graph, sources: Mapping[str, Mapping], as_of: object) -> tuple[nx.Graph, AsOf]:
    """Drop what was only published after ``as_of``.

    An edge is hidden when every one of its sources was issued after ``as_of``. A node is hidden
    when its ``first_issued`` date (the first source that types it, as the projection gives it) is
    later, or when no edge of it is left and every source known for it (its ``sources`` attribute
    and the sources of all its edges) was issued after ``as_of``; the edges of a hidden node go with it. Sources without an ``issued`` date,
    edges without a source and nodes without any known source are kept: nothing says they are
    later. Dates are read by :mod:`helixgraph.dates`: an issue date counts from the first day of
    its period (``"2021"`` is 2021-01-01), an ``as_of`` month or year means its last day.

    Parameters
    ----------
    G : networkx graph
        Edges may carry ``source``; nodes may carry ``sources`` (a list of IRIs).
    sources : mapping
        Source IRI to a dict with ``issued``.
    as_of : str or datetime.date
        The day to look from.

    Returns
    -------
    (graph, AsOf)
        A new graph of the same type (with shallow copies of the attribute dicts) and a count of
        what was hidden.

    Examples
    --------
    >>> G = nx.MultiDiGraph()
    >>> G.add_edge("a", "b", source="s1")
    0
    >>> G.add_edge("b", "c", source="s2")
    0
    >>> H, report = graph_as_of(G, {"s1": {"issued": "2019"}, "s2": {"issued": "2022-01-05"}}, "2020-12-31")
    >>> sorted(H.nodes), report.hidden_edges, report.hidden_nodes
    (['a', 'b'], 1, 1)
    """
    day = as_of_day(as_of)
    later: dict[str, bool] = {}
    for iri, meta in sources.items():
        issued = (meta or {}).get("issued")
        later[iri] = issued not in (None, "") and period_start(issued, what=f"issued of source {iri}") > day

    def is_later(iris: Iterable[str]) -> bool:
        iris = tuple(iris)
        return bool(iris) and all(later.get(iri, False) for iri in iris)

    H = G.__class__()
    H.graph.update(G.graph)
    unborn = {node for node, first in G.nodes(data="first_issued")
              if first not in (None, "") and period_start(first, what=f"first_issued of {node}") > day}
    kept_edges = []
    hidden_edges = 0
    seen_sources: dict[object, set[str]] = {}
    for u, v, *rest in G.edges(keys=True, data=True) if G.is_multigraph() else G.edges(data=True):
        data = rest[-1]
        iris = edge_sources(data)
        seen_sources.setdefault(u, set()).update(iris)
        seen_sources.setdefault(v, set()).update(iris)
        if is_later(iris) or u in unborn or v in unborn:
            hidden_edges += 1
        else:
            kept_edges.append((u, v, *rest))
    linked = {node for edge in kept_edges for node in edge[:2]}
    kept_nodes = []
    for node, data in G.nodes(data=True):
        known = seen_sources.get(node, set()) | set(data.get("sources") or ())
        if node not in unborn and (node in linked or not is_later(known)):
            kept_nodes.append((node, data))
    H.add_nodes_from(kept_nodes)
    H.add_edges_from(kept_edges)
    hidden_nodes = len(G) - len(kept_nodes)
    return H, AsOf(day=day, hidden_edges=hidden_edges, hidden_nodes=hidden_nodes)
