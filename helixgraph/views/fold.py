"""Folding a large graph for display: keep the top nodes, one node per community for the rest.

A page stays usable with a few hundred nodes (with a thousand, vis-network took half a minute to
settle in headless Chromium), so above ``max_nodes`` the explorer keeps the nodes ranked highest
by a measure, and the :data:`BROKERS` actors with ties into the most other communities, and stands
one node in for each community of the others, named by its most central members. Edges that touch
a folded node are summed into one weighted link per pair of displayed nodes; ties inside a
community are counted into its size, never drawn as loops.
"""

from __future__ import annotations

import math
from collections import Counter
from collections.abc import Hashable, Mapping, Sequence
from dataclasses import dataclass, field

import networkx as nx

from helixgraph.iris import local_name
from helixgraph.views.palette import key_order
from helixgraph.views.snapshot import edge_sources

__all__ = ["BROKERS", "FoldGroup", "FoldedLink", "Folding", "GroupKey", "brokers", "community_text", "fold_graph",
           "max_groups"]

#: How many actors that broker between communities a folded page always draws.
BROKERS = 20


@dataclass(frozen=True, order=True)
class GroupKey:
    """Stands for folded group number ``index`` wherever a node id is expected."""

    index: int


@dataclass(frozen=True)
class FoldGroup:
    """The nodes of one community (or of several small ones) folded into a single node."""

    label: str
    #: The community number, or None for nodes with no community and for merged small communities.
    community: int | None
    #: The community numbers merged in (one for a plain community group).
    communities: tuple
    #: Folded node ids, highest ranked first.
    members: tuple
    #: Edges with both ends inside the group.
    internal_edges: int


@dataclass
class FoldedLink:
    """The edges from one displayed node to another, summed because one end or both are folded."""

    source: Hashable
    target: Hashable
    count: int = 0
    relations: Counter = field(default_factory=Counter)
    sources: set = field(default_factory=set)
    #: The attribute dicts of the edges summed here.
    members: list = field(default_factory=list)


@dataclass(frozen=True)
class Folding:
    """What :func:`fold_graph` keeps, what it folds, and the edges of the page."""

    measure: str
    threshold: int
    total: int
    #: Node ids shown as themselves, highest ranked first.
    kept: tuple
    groups: tuple[FoldGroup, ...]
    #: Edges between kept nodes, as ``(u, v, data)``.
    edges: list
    #: Summed edges touching at least one group.
    links: list[FoldedLink]
    #: Kept nodes drawn because they broker between communities, most communities first.
    brokers: tuple = ()

    @property
    def folded(self) -> int:
        """How many nodes were folded into groups."""
        return self.total - len(self.kept)

    @property
    def edge_total(self) -> int:
        """How many edges of the graph this folding accounts for (shown, summed or inside a group)."""
        summed = sum(link.count for link in self.links)
        return len(self.edges) + summed + sum(group.internal_edges for group in self.groups)


def max_groups(max_nodes: int) -> int:
    """How many group nodes a page of ``max_nodes`` may spend on folded communities.

    >>> max_groups(300), max_groups(10), max_groups(2)
    (50, 2, 1)
    """
    return max(1, min(50, max_nodes // 5))


def community_text(key: object) -> str:
    """A community number as text: ``42.0`` reads ``42``.

    >>> community_text(42.0), community_text(7), community_text("north"), community_text(None)
    ('42', '7', 'north', 'none')
    """
    if key is None:
        return "none"
    if isinstance(key, float) and key.is_integer():
        return str(int(key))
    return str(key)


def brokers(G: nx.Graph, community: Mapping, *, count: int = BROKERS) -> list:
    """The ``count`` nodes tied into the most communities other than their own (then most such ties).

    Nodes with no tie across communities are never chosen; ties keep graph order.

    >>> G = nx.Graph([("a", "b"), ("a", "c"), ("b", "c"), ("c", "d"), ("c", "e")])
    >>> brokers(G, {"a": 0, "b": 1, "c": 2, "d": 2, "e": 3}, count=2)
    ['c', 'a']
    """
    reach: dict = {}
    for u, v in G.edges():
        cu, cv = community.get(u), community.get(v)
        if cu == cv or cu is None or cv is None:
            continue
        for node, other in ((u, cv), (v, cu)):
            entry = reach.setdefault(node, [set(), 0])
            entry[0].add(other)
            entry[1] += 1
    order = sorted(reach, key=lambda node: (-len(reach[node][0]), -reach[node][1]))
    return order[:count]


def _group_name(G: nx.Graph, members: Sequence, communities: tuple, key: object) -> str:
    """A group named by its two most central members (``members`` come highest ranked first)."""
    if len(communities) > 1:
        return f"{len(communities)} other communities: {len(members)} actors"
    names = [str(G.nodes[m].get("label") or local_name(m)) for m in members[:2]]
    rest = len(members) - len(names)
    head = " · ".join(names) if names else f"community {community_text(key)}"
    return f"{head} +{rest:,}" if rest else head


def fold_graph(G: nx.Graph, ranking: Mapping[Hashable, float], *, max_nodes: int, measure: str) -> Folding:
    """Keep the ``max_nodes`` best-ranked nodes, or fewer plus one node per community of the rest.

    The page never holds more than ``max_nodes`` nodes: when folding, up to :func:`max_groups`
    places go to group nodes (the largest communities get their own, the smallest are merged into
    one "other communities" node) and the rest to the top nodes by ``ranking``. Ties keep graph
    order; nodes without a value rank last. The ``community`` node attribute groups nodes.

    Parameters
    ----------
    G : networkx graph
    ranking : mapping
        Node to the value of the size measure.
    max_nodes : int
        The most nodes the page may show.
    measure : str
        Name of the ranking measure, kept for the report.

    Returns
    -------
    Folding

    Examples
    --------
    >>> G = nx.MultiDiGraph()
    >>> for i in range(12):
    ...     G.add_node(f"n{i}", community=i % 2)
    >>> _ = G.add_edge("n0", "n1", predicate_label="partner of")
    >>> _ = G.add_edge("n4", "n6", predicate_label="partner of")
    >>> folding = fold_graph(G, {f"n{i}": 12 - i for i in range(12)}, max_nodes=10, measure="degree")
    >>> folding.kept
    ('n0', 'n1', 'n2', 'n3', 'n4', 'n5', 'n6', 'n7')
    >>> [group.label for group in folding.groups]
    ['n8 · n10', 'n9 · n11']
    """
    total = G.number_of_nodes()
    edges_of = G.edges(data=True)
    if total <= max_nodes:
        return Folding(measure, max_nodes, total, tuple(G.nodes), (), list(edges_of), [])

    ranked = sorted(G.nodes, key=lambda node: -ranking.get(node, -math.inf))
    community = nx.get_node_attributes(G, "community")
    limit = max_groups(max_nodes)
    distinct = len({community.get(node) for node in ranked[max_nodes - limit :]})
    keep = max_nodes - min(limit, distinct)
    chosen_brokers = brokers(G, community, count=min(BROKERS, keep // 2)) if community else []
    chosen = set(chosen_brokers)
    top = [node for node in ranked if node not in chosen][: keep - len(chosen)]
    chosen.update(top)
    kept = [node for node in ranked if node in chosen]
    rest = [node for node in ranked if node not in chosen]

    by_community: dict[object, list] = {}
    for node in rest:
        by_community.setdefault(community.get(node), []).append(node)
    order = sorted(by_community, key=lambda key: (-len(by_community[key]), key_order(key)))
    if len(order) > limit:
        own, merged = order[: limit - 1], order[limit - 1 :]
    else:
        own, merged = order, []
    plans = [(key, (key,), by_community[key]) for key in own]
    if merged:
        rank = {node: index for index, node in enumerate(rest)}
        members = sorted((node for key in merged for node in by_community[key]), key=rank.__getitem__)
        plans.append((None, tuple(merged), members))
    group_of = {}
    for index, (_, _, members) in enumerate(plans):
        key = GroupKey(index)
        group_of.update(dict.fromkeys(members, key))

    edges, internal, links = [], Counter(), {}
    for u, v, data in edges_of:
        ends = group_of.get(u, u), group_of.get(v, v)
        if ends == (u, v):
            edges.append((u, v, data))
        elif ends[0] == ends[1]:
            internal[ends[0]] += 1
        else:
            link = links.get(ends)
            if link is None:
                link = links[ends] = FoldedLink(*ends)
            link.count += 1
            link.relations[data.get("predicate_label") or data.get("predicate") or "related to"] += 1
            link.sources.update(edge_sources(data))
            link.members.append(data)

    groups = []
    for index, (key, communities, members) in enumerate(plans):
        groups.append(
            FoldGroup(
                label=_group_name(G, members, communities, key),
                community=key,
                communities=communities,
                members=tuple(members),
                internal_edges=internal[GroupKey(index)],
            )
        )
    return Folding(measure, max_nodes, total, tuple(kept), tuple(groups), edges, list(links.values()),
                   tuple(chosen_brokers))
