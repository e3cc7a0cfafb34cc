"""Which colour each node of the explorer gets, and the legend that names the colours."""

from __future__ import annotations

from collections import Counter
from collections.abc import Hashable, Mapping

import networkx as nx

from helixgraph.views.fold import Folding
from helixgraph.views.palette import FOLDED, border_of, colour_table, key_order

__all__ = ["COLOUR_ATTRIBUTE", "node_colours", "vis_colour"]

#: The node attribute each ``color_by`` choice colours by.
COLOUR_ATTRIBUTE = {"sector": "sector", "class": "cls", "community": "community"}


def vis_colour(colour: str, *, border: str | None = None) -> dict:
    """A vis-network node colour: ``colour`` inside a darker border, dark when selected or hovered.

    >>> vis_colour("#f28e2b")["border"]
    '#a9631e'
    """
    focus = {"background": colour, "border": "#1f2933"}
    return {"background": colour, "border": border or border_of(colour), "highlight": focus, "hover": focus}


def _legend_name(color_by: str, key: Hashable, data: Mapping | None) -> str:
    if color_by == "community":
        return "no community" if key is None else f"community {key}"
    if color_by == "sector":
        return str((data or {}).get("sector_label") or key or "no sector")
    return str((data or {}).get("cls_label") or key or "no class")


def node_colours(G: nx.Graph, folding: Folding, color_by: str) -> tuple[list[str], list[str], list[dict]]:
    """Colour of each kept node and each group node, and the legend entries.

    Parameters
    ----------
    G : networkx graph
        The graph the folding was made from.
    folding : Folding
        The kept nodes and the groups standing in for the others.
    color_by : {"sector", "class", "community"}

    Returns
    -------
    tuple
        The colours of ``folding.kept``, in order; those of ``folding.groups`` (a group gets its
        community's colour when colouring by community, else :data:`~helixgraph.views.palette.FOLDED`);
        and the legend, one ``{"label", "colour", "count"}`` per colour, by name.

    Examples
    --------
    >>> from helixgraph.views.fold import fold_graph
    >>> G = nx.MultiDiGraph()
    >>> G.add_node("a", sector="Industry", sector_label="industry")
    >>> G.add_node("b")
    >>> folding = fold_graph(G, {"a": 2, "b": 1}, max_nodes=5, measure="degree")
    >>> kept, groups, legend = node_colours(G, folding, "sector")
    >>> kept, [entry["label"] for entry in legend]
    (['#f28e2b', '#bab0ac'], ['industry', 'no sector'])
    """
    attrs, attribute = G.nodes, COLOUR_ATTRIBUTE[color_by]
    node_keys = [attrs[node].get(attribute) for node in folding.kept]
    own = [group.community for group in folding.groups if len(group.communities) == 1]
    group_keys = own if color_by == "community" else []
    table = colour_table(color_by, node_keys + group_keys)
    names: dict = {}
    for node, key in zip(folding.kept, node_keys, strict=True):
        names.setdefault(key, _legend_name(color_by, key, attrs[node]))
    for key in group_keys:
        names.setdefault(key, _legend_name(color_by, key, None))
    counts = Counter(node_keys) + Counter(group_keys)
    order = sorted(
        names, key=lambda key: (key is None, key_order(key) if color_by == "community" else names[key])
    )
    legend = [{"label": names[key], "colour": table[key], "count": counts[key]} for key in order]
    group_colours = [
        table[group.community] if color_by == "community" and len(group.communities) == 1 else FOLDED
        for group in folding.groups
    ]
    if FOLDED in group_colours:
        legend.append({"label": "folded communities", "colour": FOLDED, "count": group_colours.count(FOLDED)})
    return [table[key] for key in node_keys], group_colours, legend
