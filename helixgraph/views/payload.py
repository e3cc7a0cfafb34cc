"""The data of an explorer page: pyvis node and edge dicts plus what tooltips, legend and filters show.

The pieces come from :mod:`~helixgraph.views.nodes`, :mod:`~helixgraph.views.edges`,
:mod:`~helixgraph.views.legend` and :mod:`~helixgraph.views.vis_options`; this module lays the nodes
out and puts the pieces together. Everything shown as text (labels, classes, stats, sources) travels
as JSON and is put into the page by DOM text nodes only.
"""

from __future__ import annotations

from collections.abc import Hashable, Mapping, Sequence
from dataclasses import dataclass

import networkx as nx

from helixgraph.views.edges import edge_dicts, source_text
from helixgraph.views.fold import Folding, GroupKey
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
from helixgraph.views.vis_options import vis_options

__all__ = ["Page", "build_page"]


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


def build_page(
    G: nx.Graph,
    folding: Folding,
    *,
    sources: Mapping[str, Mapping],
    ranking: Mapping[Hashable, float],
    color_by: str,
    measures: Sequence[str],
    seed: int = 7,
) -> Page:
    """Turn a folded graph into node and edge dicts, tooltip data, legend and filter entries.

    Node ids on the page are numbers: kept nodes first in rank order, then one per fold group.

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
    page_id = {node: index for index, node in enumerate([*kept, *group_keys])}

    classes, sectors = FilterKeys(), FilterKeys()
    infos = [node_info(attrs[node], node, classes, sectors, measures) for node in kept]
    if groups:
        folded_class = classes.add(GroupKey(-1), "folded community", count=len(groups))
        infos += [group_info(G, group, folded_class) for group in groups]
    kept_colours, group_colours, legend = node_colours(G, folding, color_by)
    edges, edge_info, source_list, source_counts = edge_dicts(folding, sources, page_id)

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
        "sizeBy": folding.measure,
        "colorBy": color_by,
        "options": vis_options(len(net.edges)),
    }
    return Page(net=net, data=data, legend=legend, filters=filters)
