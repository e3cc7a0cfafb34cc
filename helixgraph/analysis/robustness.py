"""Robustness: what happens to connectivity when the top broker goes."""

from __future__ import annotations

from collections.abc import Collection, Hashable, Mapping
from dataclasses import dataclass, field

import networkx as nx

from helixgraph.analysis.centrality import betweenness as betweenness_centrality

__all__ = ["RobustnessReport", "remove_top_broker"]


@dataclass(frozen=True)
class RobustnessReport:
    """Connectivity of a graph before and after removing its top broker.

    Attributes
    ----------
    broker : node or None
        The removed node (None for an empty graph).
    broker_betweenness : float
        Its betweenness.
    components_before, components_after : int
        Number of (weakly) connected components.
    largest_before, largest_after : int
        Size of the largest component.
    cut_off : list
        Nodes of the broker's component that are no longer connected to the largest piece left
        of that component, sorted as ``str``.
    """

    broker: Hashable | None
    broker_betweenness: float
    components_before: int
    components_after: int
    largest_before: int
    largest_after: int
    cut_off: list = field(default_factory=list)


def remove_top_broker(G: nx.Graph, *, betweenness: Mapping | None = None,
                      candidates: Collection | None = None) -> RobustnessReport:
    """Remove the node with the highest betweenness and report what falls apart.

    A translation path that runs through one broker is fragile (Powell et al. 2005): removing
    that broker shows how many actors it alone connected.

    Parameters
    ----------
    G : networkx graph
        Directed graphs are read as undirected (weak connectivity).
    betweenness : mapping, optional
        Precomputed betweenness; by default :func:`helixgraph.analysis.centrality.betweenness`.
        Ties go to the smallest node, compared as ``str``.
    candidates : collection, optional
        The nodes that may be removed (the actors, when products are in the graph); all by default.

    Returns
    -------
    RobustnessReport

    Examples
    --------
    >>> import networkx as nx
    >>> G = nx.Graph([("lab", "park"), ("park", "firm"), ("firm", "cro"), ("park", "hospital")])
    >>> report = remove_top_broker(G)
    >>> report.broker, report.components_after, report.largest_after, report.cut_off
    ('park', 3, 2, ['hospital', 'lab'])
    >>> remove_top_broker(G, candidates=["lab", "firm"]).broker
    'firm'
    >>> remove_top_broker(nx.Graph([("lab", "firm")])).broker is None  # no one lies between two others
    True

    References
    ----------
    .. [1] W. W. Powell, D. R. White, K. W. Koput and J. Owen-Smith, "Network dynamics and field
       evolution", American Journal of Sociology 110(4), 1132-1205, 2005.
       https://doi.org/10.1086/421508
    """
    U = G.to_undirected(as_view=True) if G.is_directed() else G
    before = list(nx.connected_components(U))
    if len(U) == 0:
        return RobustnessReport(None, 0.0, 0, 0, 0, 0, [])
    scores = betweenness_centrality(U) if betweenness is None else betweenness
    wanted = None if candidates is None else set(candidates)
    pool = list(U) if wanted is None else [v for v in U if v in wanted]
    broker = min(pool, key=lambda v: (-scores[v], str(v)), default=None)
    if broker is None or scores[broker] <= 0:  # nobody lies between two others: there is no broker
        largest = max(map(len, before))
        return RobustnessReport(None, 0.0, len(before), len(before), largest, largest, [])
    home = next(c for c in before if broker in c)
    rest = U.subgraph([v for v in U if v != broker])
    after = list(nx.connected_components(rest))
    pieces = [c for c in after if next(iter(c)) in home]
    kept = min(pieces, key=lambda c: (-len(c), min(map(str, c))), default=set())
    cut_off = sorted((v for c in pieces if c is not kept for v in c), key=str)
    return RobustnessReport(
        broker=broker,
        broker_betweenness=float(scores[broker]),
        components_before=len(before),
        components_after=len(after),
        largest_before=max(map(len, before)),
        largest_after=max(map(len, after), default=0),
        cut_off=cut_off,
    )
