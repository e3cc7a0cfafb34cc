"""The explorer's date slider: when each node and edge of the page becomes known, and each snapshot's measures.

The snapshots themselves (the network as known at each source date, with measures computed on it)
are made by the build (:mod:`helixgraph.pipeline.snapshots`); this module turns them into what the
page needs: for every page node and edge the first snapshot that shows it, and for every snapshot
the sizes and tooltip measures of the kept nodes.
"""

from __future__ import annotations

import datetime as dt
import math
from collections.abc import Hashable, Mapping, Sequence
from dataclasses import dataclass, field

from helixgraph.dates import period_start
from helixgraph.views.fold import Folding
from helixgraph.views.nodes import node_size
from helixgraph.views.snapshot import edge_sources
from helixgraph.views.values import measure_value

__all__ = ["Snapshot", "edge_since", "timeline_data"]


@dataclass(frozen=True)
class Snapshot:
    """The network as known on ``day`` (ISO): its nodes and its measures (name to node to value)."""

    day: str
    nodes: frozenset
    edge_count: int
    measures: Mapping[str, Mapping] = field(default_factory=dict)
    community: Mapping = field(default_factory=dict)


def edge_since(data: Mapping, issued: Mapping[str, dt.date | None]) -> dt.date | None:
    """The first day an edge is known: its earliest source's issue day; None when always known.

    An edge with no source, or with a source that has no issue date, is known at every date, as
    :func:`~helixgraph.views.snapshot.graph_as_of` keeps it.

    >>> issued = {"s1": dt.date(2021, 1, 1), "s2": dt.date(2025, 10, 1), "s3": None}
    >>> edge_since({"source": ["s2", "s1"]}, issued), edge_since({"source": "s3"}, issued), edge_since({}, issued)
    (datetime.date(2021, 1, 1), None, None)
    """
    days = [issued.get(iri) for iri in edge_sources(data)]
    if not days or any(day is None for day in days):
        return None
    return min(days)


def _first_index(days: Sequence[dt.date], since: dt.date | None) -> int:
    """The first snapshot on or after ``since`` (0 for None; ``len(days)`` when never)."""
    if since is None:
        return 0
    return next((i for i, day in enumerate(days) if day >= since), len(days))


def timeline_data(
    timeline: Sequence[Snapshot],
    folding: Folding,
    sources: Mapping[str, Mapping],
    page_id: Mapping[Hashable, int],
    edge_ends: Sequence[tuple],
    size_by: str,
) -> dict:
    """The slider's data: days, when each page node and edge appears, per-snapshot sizes and measures.

    Parameters
    ----------
    timeline : sequence of Snapshot
        Oldest first; the last is the network the page draws.
    folding : Folding
        The page's kept nodes and groups (groups are shown at every date).
    sources : mapping
        Source IRI to ``issued``.
    page_id : mapping
        Node to page id.
    edge_ends : sequence
        For each page edge in order, the edge's data dict (a kept edge) or the list of data dicts it
        sums (a link touching a group).
    size_by : str
        The measure that sizes nodes; when a snapshot has it, nodes are resized by it.

    Examples
    --------
    >>> import networkx as nx
    >>> from helixgraph.views.fold import fold_graph
    >>> G = nx.MultiDiGraph()
    >>> _ = G.add_edge("a", "b", source="s1"); _ = G.add_edge("b", "c", source="s2")
    >>> folding = fold_graph(G, {"a": 1, "b": 2, "c": 1}, max_nodes=5, measure="betweenness")
    >>> snaps = [Snapshot("2020-01-01", frozenset("ab"), 1, {"betweenness": {"a": 0.0, "b": 0.0}}),
    ...          Snapshot("2022-01-01", frozenset("abc"), 2, {"betweenness": {"a": 0.0, "b": 1.0, "c": 0.0}})]
    >>> data = timeline_data(snaps, folding, {"s1": {"issued": "2020"}, "s2": {"issued": "2022"}},
    ...                      {"a": 0, "b": 1, "c": 2}, [d for *_, d in folding.edges], "betweenness")
    >>> data["days"], data["nodeSince"], data["edgeSince"], data["counts"]
    (['2020-01-01', '2022-01-01'], [0, 0, 1], [0, 1], [[2, 1], [3, 2]])
    >>> data["measures"][1]
    [[['betweenness', 0.0]], [['betweenness', 1.0]], [['betweenness', 0.0]]]
    """
    days = [period_start(snapshot.day) for snapshot in timeline]
    issued = {iri: (period_start(meta["issued"]) if (meta or {}).get("issued") else None)
              for iri, meta in sources.items()}
    kept = folding.kept
    node_since = [len(days)] * (len(kept) + len(folding.groups))
    for index, snapshot in reversed(list(enumerate(timeline))):
        for node in kept:
            if node in snapshot.nodes:
                node_since[page_id[node]] = index
    for index in range(len(kept), len(node_since)):
        node_since[index] = 0
    edge_since_index = []
    for entry in edge_ends:
        datas = entry if isinstance(entry, list) else [entry]
        firsts = [edge_since(data, issued) for data in datas]
        first = None if any(day is None for day in firsts) else min(firsts, default=None)
        edge_since_index.append(_first_index(days, first))
    sizes, measures = [], []
    for snapshot in timeline:
        ranking = snapshot.measures.get(size_by)
        if ranking is not None:
            values = [v for v in (measure_value(ranking.get(node)) for node in kept) if v is not None]
            low, high = (min(values), max(values)) if values else (0.0, 0.0)
            sizes.append([node_size(measure_value(ranking.get(node)), low, high) for node in kept])
        else:
            sizes.append(None)
        measures.append([
            [[name, _round(values[node])] for name, values in snapshot.measures.items()
             if measure_value(values.get(node)) is not None]
            for node in kept
        ])
    return {
        "days": [snapshot.day for snapshot in timeline],
        "nodeSince": node_since,
        "edgeSince": edge_since_index,
        "counts": [[len(snapshot.nodes), snapshot.edge_count] for snapshot in timeline],
        "sizes": sizes,
        "measures": measures,
    }


def _round(value: float) -> float:
    """Four significant digits: what the tooltip shows, and a smaller page."""
    value = float(value)
    if value == 0 or not math.isfinite(value):
        return value
    return float(f"{value:.4g}")
