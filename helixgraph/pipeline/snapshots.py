"""The network as known at each source's issue date, with the measures of each snapshot.

The explorer's date slider and the profile pages show how the ecosystem grew: at each date, the
ties whose sources had been issued by then, and the measures computed on that snapshot (not
guessed from the full network). A snapshot is the full projection seen through
:func:`~helixgraph.views.snapshot.graph_as_of`; its measures are degree, betweenness and PageRank,
computed on the views :func:`~helixgraph.analysis.suite.run_suite` uses. Above
:data:`LARGE_NETWORK` nodes a timeline keeps fewer dates (:data:`LARGE_SNAPSHOTS`), since each
snapshot costs a betweenness run, and a build draws it only when asked (:func:`timeline_wanted`).
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence

import networkx as nx

from helixgraph.analysis.actor_network import flow_view, simple_view, without_places
from helixgraph.analysis.centrality import betweenness, degree, pagerank
from helixgraph.analysis.engine import DEFAULT_SEED, resolve_engine
from helixgraph.dates import period_start
from helixgraph.views.snapshot import graph_as_of
from helixgraph.views.timeline import Snapshot

__all__ = ["LARGE_NETWORK", "LARGE_SNAPSHOTS", "MAX_SNAPSHOTS", "SNAPSHOT_MEASURES", "Snapshot", "snapshot_days",
           "snapshot_measures", "snapshots", "timeline_note", "timeline_wanted"]

#: The measures each snapshot carries.
SNAPSHOT_MEASURES = ("degree", "betweenness", "pagerank")

#: The most dates a timeline holds; with more source dates, evenly spaced ones are kept (the last always).
MAX_SNAPSHOTS = 24

#: Networks above this many nodes get at most :data:`LARGE_SNAPSHOTS` dates.
LARGE_NETWORK = 10_000
LARGE_SNAPSHOTS = 6


def timeline_wanted(G: nx.Graph, timeline: bool | None = None) -> bool:
    """Whether the explorer's date slider and the profile pages' snapshots are drawn for ``G``.

    ``timeline`` True or False decides; None (the default of a build) draws them up to
    :data:`LARGE_NETWORK` nodes. Above, they are opt-in: each snapshot is the network rebuilt as
    of its date with its own betweenness and PageRank, and at 100,000 entities the six snapshots
    took longer than the rest of the explorer and the pages together.

    >>> G = nx.path_graph(3)
    >>> timeline_wanted(G), timeline_wanted(G, False), timeline_wanted(nx.empty_graph(LARGE_NETWORK + 1))
    (True, False, False)
    >>> timeline_wanted(nx.empty_graph(LARGE_NETWORK + 1), True)
    True
    """
    return G.number_of_nodes() <= LARGE_NETWORK if timeline is None else bool(timeline)


def timeline_note(G: nx.Graph) -> str:
    """What a build says when :func:`timeline_wanted` leaves a large network's snapshots out.

    >>> timeline_note(nx.empty_graph(12_345))
    "the explorer's date slider and the pages' snapshots were left out: the network has 12,345 nodes, above 10,000 (build with --timeline to draw them)"
    """
    return (f"the explorer's date slider and the pages' snapshots were left out: the network has "
            f"{G.number_of_nodes():,} nodes, above {LARGE_NETWORK:,} (build with --timeline to draw them)")


def snapshot_measures(H: nx.Graph, *, seed: int = DEFAULT_SEED) -> dict[str, dict]:
    """Degree, betweenness and PageRank of a (snapshot) network.

    They are computed on the views :func:`~helixgraph.analysis.suite.run_suite` uses (places left
    out; undirected simple view; PageRank along the flow), with igraph (whose betweenness equals
    NetworkX's), so the snapshot of all sources gives the build's own values up to
    :data:`~helixgraph.analysis.engine.EXACT_THRESHOLD` nodes (above, betweenness is sampled).

    Examples
    --------
    >>> H = nx.MultiDiGraph()
    >>> _ = H.add_edge("a", "b"); _ = H.add_edge("b", "c")
    >>> measures = snapshot_measures(H)
    >>> measures["betweenness"], sorted(measures)
    ({'a': 0.0, 'b': 1.0, 'c': 0.0}, ['betweenness', 'degree', 'pagerank'])
    >>> snapshot_measures(nx.MultiDiGraph())
    {'degree': {}, 'betweenness': {}, 'pagerank': {}}
    """
    actors = without_places(H)
    U = simple_view(actors)
    if len(U) == 0:
        return {name: {} for name in SNAPSHOT_MEASURES}
    engine = resolve_engine(U, "auto", threshold=0)  # igraph at every size: the same numbers, sooner
    return {
        "degree": degree(U),
        "betweenness": betweenness(U, seed=seed, engine=engine),
        "pagerank": pagerank(flow_view(actors), weight=None),
    }


def snapshot_days(sources: Mapping[str, Mapping], *, limit: int = MAX_SNAPSHOTS) -> list[str]:
    """The distinct issue days of the sources, oldest first, thinned evenly to ``limit`` (the last kept).

    >>> snapshot_days({"a": {"issued": "2025-10-01"}, "b": {"issued": "2021"}, "c": {"issued": None}})
    ['2021-01-01', '2025-10-01']
    >>> snapshot_days({f"s{i}": {"issued": f"20{10 + i}-01-01"} for i in range(10)}, limit=3)
    ['2010-01-01', '2014-01-01', '2019-01-01']
    """
    days = sorted({period_start(meta["issued"]).isoformat() for meta in sources.values()
                   if meta and meta.get("issued")})
    if len(days) <= limit:
        return days
    step = (len(days) - 1) / (limit - 1)
    return [days[round(i * step)] for i in range(limit)]


def snapshots(G: nx.MultiDiGraph, days: Sequence[str], *, seed: int = DEFAULT_SEED) -> list[Snapshot]:
    """The network as known on each of ``days``, with its measures.

    Parameters
    ----------
    G : networkx.MultiDiGraph
        The full projection, with the ``sources`` graph attribute (source IRI to ``issued``).
    days : sequence of str
        ISO days, oldest first.
    seed : int
        Seed of sampled betweenness and of Louvain.

    Examples
    --------
    >>> from helixgraph.pipeline.build import load_store
    >>> from helixgraph.pipeline.connection import runner
    >>> from helixgraph.analysis.projection import project
    >>> G = project(runner(store=load_store()))
    >>> timeline = snapshots(G, snapshot_days(G.graph["sources"]))
    >>> [(s.day, len(s.nodes), s.edge_count) for s in timeline]
    [('2025-10-01', 27, 35), ('2026-01-24', 27, 36)]

    A broker appears when its second tie is reported:

    >>> G = nx.MultiDiGraph(sources={"s1": {"issued": "2020"}, "s2": {"issued": "2022-05"}})
    >>> _ = G.add_edge("a", "b", source="s1"); _ = G.add_edge("b", "c", source="s2")
    >>> [(s.day, sorted(s.nodes), s.measures["betweenness"]["b"]) for s in snapshots(G, ["2020-01-01", "2022-05-01"])]
    [('2020-01-01', ['a', 'b'], 0.0), ('2022-05-01', ['a', 'b', 'c'], 1.0)]
    """
    sources = G.graph.get("sources", {})
    taken = []
    for day in days:
        H, _ = graph_as_of(G, sources, day)
        taken.append(Snapshot(day=day, nodes=frozenset(H.nodes), edge_count=H.number_of_edges(),
                              measures=snapshot_measures(H, seed=seed)))
    return taken
