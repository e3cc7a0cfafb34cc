"""The data of an explorer page: pyvis node and edge dicts plus what tooltips, legend and filters show.

The pieces come from :mod:`~helixgraph.views.nodes`, :mod:`~helixgraph.views.edges`,
:mod:`~helixgraph.views.legend` and :mod:`~helixgraph.views.vis_options`; this module lays the nodes
out and puts the pieces together. Everything shown as text (labels, classes, stats, sources) travels
as JSON and is put into the page by DOM text nodes only.
"""

from __future__ import annotations

import math
from collections.abc import Hashable, Mapping, Sequence
from dataclasses import dataclass

import networkx as nx

from helixgraph.views.edges import edge_dicts, source_text
from helixgraph.views.fold import FoldGroup, Folding, GroupKey
from helixgraph.views.layout import layout_positions
from helixgraph.views.legend import node_colours
from helixgraph.views.nodes import (
    FilterKeys,
    folded_index,
    group_info,
    group_node,
    kept_node,
    node_info,
    node_size,
)
from helixgraph.views.timeline import Snapshot, timeline_data
from helixgraph.views.vis_options import vis_options

__all__ = ["EXPAND_MEMBERS", "Page", "build_page", "member_edges", "member_positions"]

#: How many members of each folded community the page carries, so the community can open in place.
EXPAND_MEMBERS = 40


@dataclass
class Page:
    """Everything the template and the page script need."""

    #: The pyvis network holding the vis-network node and edge dicts.
    net: object
    #: What goes into the page as JSON.
    data: dict
    legend: list[dict]
    filters: list[dict]


def _pyvis_network(nodes: list[dict], edges: list[dict]):
    """A pyvis network holding these vis-network node and edge dicts, as ``add_node``/``add_edge`` would.

    Pyvis' ``add_node`` and ``add_edge`` look every id up in a list, which is quadratic at size
    (``Network.from_nx`` took minutes on 20K nodes) and would also rebuild the dicts in another key
    order. So the dicts go into the network's lists directly, and its id index (``node_ids``,
    ``node_map``, attributes pyvis documents nowhere) is kept in step, so that the network's own
    methods (``get_node``, ``num_nodes``) still answer.
    """
    from pyvis.network import Network  # imported here: pyvis pulls in IPython

    net = Network(directed=True, cdn_resources="in_line")
    net.nodes.extend(nodes)
    net.edges.extend(edges)
    net.node_ids.extend(node["id"] for node in nodes)
    net.node_map.update((node["id"], node) for node in nodes)
    return net


def member_positions(centre: tuple[float, float], count: int, *, spacing: float = 55.0) -> list[tuple[float, float]]:
    """Where an opened community's members go: a sunflower spiral around the community's place.

    >>> member_positions((100.0, 0.0), 3)[0], len(set(member_positions((0.0, 0.0), 40)))
    ((100.0, 0.0), 40)
    """
    golden = math.pi * (3 - math.sqrt(5))
    return [
        (round(centre[0] + spacing * math.sqrt(i) * math.cos(i * golden), 1),
         round(centre[1] + spacing * math.sqrt(i) * math.sin(i * golden), 1))
        for i in range(count)
    ]


def member_edges(G: nx.Graph, shown: Mapping[Hashable, GroupKey], kept: set) -> list[tuple]:
    """Edges of the members a page carries: to kept nodes, and to members of the same community.

    >>> G = nx.MultiDiGraph([("a", "m1"), ("m1", "m2"), ("m2", "m3"), ("b", "c")])
    >>> member_edges(G, {"m1": GroupKey(0), "m2": GroupKey(0), "m3": GroupKey(1)}, {"a", "b"})
    [('m1', 'm2', {}), ('a', 'm1', {})]
    """
    found, seen = [], set()
    for node in shown:
        edges = G.edges(node, data=True)
        if G.is_directed():
            edges = [*edges, *G.in_edges(node, data=True)]
        for u, v, data in edges:
            other = v if u == node else u
            if (other in kept or shown.get(other) == shown[node]) and id(data) not in seen:
                seen.add(id(data))
                found.append((u, v, data))
    return found


def build_page(
    G: nx.Graph,
    folding: Folding,
    *,
    sources: Mapping[str, Mapping],
    ranking: Mapping[Hashable, float],
    color_by: str,
    measures: Sequence[str],
    seed: int = 7,
    timeline: Sequence[Snapshot] = (),
    pages: Mapping[Hashable, str] | None = None,
) -> Page:
    """Turn a folded graph into node and edge dicts, tooltip data, legend and filter entries.

    Node ids on the page are numbers: kept nodes first in rank order, then one per fold group, then
    the top :data:`EXPAND_MEMBERS` members of each group (hidden until their community is opened).
    ``timeline`` adds the date slider's data (:func:`~helixgraph.views.timeline.timeline_data`);
    ``pages`` maps nodes to the address of their profile page, which the page links to.

    Examples
    --------
    >>> from helixgraph.views.fold import fold_graph
    >>> G = nx.MultiDiGraph()
    >>> G.add_node("ex:a", label="Alpha", cls="Company", sector="Industry", degree=2)
    >>> G.add_node("ex:b", label="Beta", cls="Hospital", sector="Healthcare", degree=1)
    >>> G.add_node("ex:c", label="Gamma", cls="Company", sector="Industry", degree=1)
    >>> _ = G.add_edge("ex:a", "ex:b", predicate_label="partner of", source="ex:s1")
    >>> _ = G.add_edge("ex:c", "ex:a", predicate_label="funded by")
    >>> ranking = {"ex:a": 2, "ex:b": 1, "ex:c": 1}
    >>> folding = fold_graph(G, ranking, max_nodes=10, measure="degree")
    >>> page = build_page(G, folding, sources={"ex:s1": {"title": "Report"}}, ranking=ranking,
    ...                   color_by="sector", measures=["degree"])
    >>> [(node["id"], node["label"]) for node in page.data["nodes"]]
    [(0, 'Alpha'), (1, 'Beta'), (2, 'Gamma')]
    >>> [(edge["from"], edge["to"], edge["label"]) for edge in page.data["edges"]]
    [(0, 1, 'partner of'), (2, 0, 'funded by')]
    >>> for entry in page.filters:
    ...     print(entry["name"], [(item["label"], item["count"]) for item in entry["items"]])
    Classes [('Company', 2), ('Hospital', 1)]
    Sectors [('Healthcare', 1), ('Industry', 2)]
    Sources [('Report', 1), ('no source', 1)]
    """
    kept, groups, attrs = folding.kept, folding.groups, G.nodes
    group_keys = [GroupKey(index) for index in range(len(groups))]
    carried: dict[Hashable, GroupKey] = {}
    for key, group in zip(group_keys, groups, strict=True):
        carried.update(dict.fromkeys(group.members[:EXPAND_MEMBERS], key))
    page_id = {node: index for index, node in enumerate([*kept, *group_keys, *carried])}

    classes, sectors = FilterKeys(), FilterKeys()
    infos = [node_info(attrs[node], node, classes, sectors, measures) for node in kept]
    if groups:
        folded_class = classes.add(GroupKey(-1), "folded community", count=len(groups))
        infos += [group_info(G, group, folded_class) for group in groups]
    for member, key in carried.items():
        info = node_info(attrs[member], member, classes, sectors, measures, count=0)
        info["group"] = page_id[key]
        infos.append(info)
    if pages:
        for node, info in zip([*kept, *group_keys, *carried], infos, strict=True):
            info["page"] = pages.get(node)
    kept_colours, group_colours, legend = node_colours(G, folding, color_by)
    extra = member_edges(G, carried, set(kept))
    edges, edge_info, source_list, source_counts = edge_dicts(folding, sources, page_id, extra)

    clusters = {node: attrs[node].get("community") for node in kept}
    clusters.update({key: group.community for key, group in zip(group_keys, groups, strict=True)})
    ends = [(u, v) for u, v, _ in folding.edges] + [(link.source, link.target) for link in folding.links]
    positions = layout_positions([*kept, *group_keys], ends, clusters, seed=seed)
    values = [ranking[node] for node in kept if ranking.get(node) is not None]
    low, high = (min(values), max(values)) if values else (0.0, 0.0)
    nodes = [
        kept_node(index, infos[index]["labels"][0], node_size(ranking.get(node), low, high), positions[node],
                  kept_colours[index])
        for index, node in enumerate(kept)
    ]
    nodes += [
        group_node(page_id[key], group, positions[key], colour)
        for key, group, colour in zip(group_keys, groups, group_colours, strict=True)
    ]
    opened = []
    for key, group, colour in zip(group_keys, groups, group_colours, strict=True):
        shown = group.members[:EXPAND_MEMBERS]
        places = member_positions(positions[key], len(shown))
        for member, place in zip(shown, places, strict=True):
            label = infos[page_id[member]]["labels"][0]
            nodes.append(kept_node(page_id[member], label, node_size(ranking.get(member), low, high), place, colour))
        opened.append(_opening(page_id[key], group, [page_id[m] for m in shown]))
    net = _pyvis_network(nodes, edges)

    source_items = [
        {"index": i, "label": source_text(entry), "count": source_counts[i]}
        for i, entry in enumerate(source_list)
    ]
    filters = [
        {"name": "Classes", "kind": "cls", "items": classes.entries()},
        {"name": "Sectors", "kind": "sector", "items": sectors.entries()},
        {"name": "Sources", "kind": "source", "items": source_items},
    ]
    data = {
        "nodes": net.nodes,
        "edges": net.edges,
        "nodeInfo": infos,
        "edgeInfo": edge_info,
        "sources": source_list,
        "folded": folded_index(G, groups, [page_id[key] for key in group_keys]),
        "groups": opened,
        "brokers": [page_id[node] for node in folding.brokers],
        "sizeBy": folding.measure,
        "colorBy": color_by,
        "options": vis_options(len(net.edges)),
    }
    if timeline:
        ends = [data for *_, data in folding.edges] + [link.members for link in folding.links]
        ends += [data for *_, data in extra]
        data["timeline"] = timeline_data(timeline, folding, sources, page_id, ends, folding.measure)
        data["timeline"]["nodeSince"] += [  # a carried member appears when it becomes known
            next((i for i, snapshot in enumerate(timeline) if member in snapshot.nodes), len(timeline))
            for member in carried
        ]
    return Page(net=net, data=data, legend=legend, filters=filters)


def _opening(group_id: int, group: FoldGroup, member_ids: list[int]) -> dict:
    """What opening a folded community in place shows: its carried members and how many it leaves out."""
    return {"id": group_id, "members": member_ids, "more": len(group.members) - len(member_ids)}
