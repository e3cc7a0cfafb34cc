"""The explorer's nodes: vis-network node dicts, and the tooltip and filter data behind them.

A page has two kinds of node: the nodes it keeps, and one node standing in for each folded group
(see :mod:`helixgraph.views.fold`). Node ids on the page are numbers, kept nodes first.
"""

from __future__ import annotations

import math
from collections import Counter
from collections.abc import Hashable, Mapping, Sequence
from dataclasses import dataclass, field

import networkx as nx

from helixgraph.iris import local_name
from helixgraph.views.fold import FoldGroup
from helixgraph.views.legend import vis_colour
from helixgraph.views.values import measure_value, plain

__all__ = [
    "LABEL_CHARS",
    "FilterKeys",
    "aliases",
    "folded_index",
    "group_info",
    "group_node",
    "kept_node",
    "label_of",
    "node_info",
    "node_size",
]

#: Node labels drawn on the canvas are cut to this many characters (tooltips show them whole).
LABEL_CHARS = 32


@dataclass
class FilterKeys:
    """Filter entries of one kind (classes, sectors): key to index, label and count.

    >>> keys = FilterKeys()
    >>> keys.add("Company", "company"), keys.add("Hospital", "hospital"), keys.add("Company", "company")
    (0, 1, 0)
    >>> keys.entries()
    [{'index': 0, 'label': 'company', 'count': 2}, {'index': 1, 'label': 'hospital', 'count': 1}]
    """

    index: dict = field(default_factory=dict)
    labels: list = field(default_factory=list)
    counts: Counter = field(default_factory=Counter)

    def add(self, key: Hashable, label: str, count: int = 1) -> int:
        """Count ``count`` more of ``key`` (labelled ``label`` when new); return its index."""
        if key not in self.index:
            self.index[key] = len(self.labels)
            self.labels.append(label)
        self.counts[self.index[key]] += count
        return self.index[key]

    def entries(self) -> list[dict]:
        """The filter's entries, by label."""
        order = sorted(self.index.values(), key=lambda i: self.labels[i].lower())
        return [{"index": i, "label": self.labels[i], "count": self.counts[i]} for i in order]


def label_of(data: Mapping, node: Hashable) -> str:
    """A node's label, or its IRI's short name when it has none.

    >>> label_of({}, "http://example.org/park/nibs"), label_of({"label": "NIBS"}, "x")
    ('nibs', 'NIBS')
    """
    return str(data.get("label") or local_name(node))


def aliases(data: Mapping) -> list[str]:
    """A node's other labels (the ``labels`` attribute: one text or several).

    >>> aliases({"labels": "NIBS"}), aliases({"labels": ["NIBS", 7]}), aliases({})
    (['NIBS'], ['NIBS', '7'], [])
    """
    labels = data.get("labels") or ()
    return [labels] if isinstance(labels, str) else [str(text) for text in labels]


def _labels_of(data: Mapping, node: Hashable) -> list[str]:
    return list(dict.fromkeys([label_of(data, node), *aliases(data)]))


def node_info(
    data: Mapping, node: Hashable, classes: FilterKeys, sectors: FilterKeys, measures: Sequence[str],
    *, count: int = 1,
) -> dict:
    """What a kept node's tooltip and the filters need; counts the node into ``classes`` and ``sectors``.

    Examples
    --------
    >>> classes, sectors = FilterKeys(), FilterKeys()
    >>> data = {"label": "NIBS", "labels": ["北京生命科学研究所"], "cls": "ResearchInstitute",
    ...         "cls_label": "research institute", "sector": "AcademiaResearch", "degree": 3}
    >>> info = node_info(data, "https://w3id.org/helixgraph/id/nibs", classes, sectors, ["degree", "pagerank"])
    >>> info["labels"], info["clsLabel"], info["measures"]
    (['NIBS', '北京生命科学研究所'], 'research institute', [['degree', 3.0]])
    >>> node_info({}, "https://w3id.org/helixgraph/id/x", classes, sectors, [])["labels"]
    ['x']
    >>> classes.entries()
    [{'index': 1, 'label': 'no class', 'count': 1}, {'index': 0, 'label': 'research institute', 'count': 1}]
    """
    cls, sector = data.get("cls"), data.get("sector")
    cls_label = str(data.get("cls_label") or cls or "")
    sector_label = str(data.get("sector_label") or sector or "")
    values = ((name, measure_value(data.get(name))) for name in measures)
    return {
        "iri": str(node),
        "labels": _labels_of(data, node),
        "cls": classes.add(cls, cls_label or "no class", count=count),
        "clsLabel": cls_label,
        "sector": sectors.add(sector, sector_label or "no sector", count=count),
        "sectorLabel": sector_label,
        "community": plain(data.get("community")),
        "stats": [str(stat) for stat in data.get("stats") or ()],
        "measures": [[name, value] for name, value in values if value is not None],
        "since": None if data.get("first_issued") in (None, "") else str(data["first_issued"]),
    }


def group_info(G: nx.Graph, group: FoldGroup, folded_class: int) -> dict:
    """What a group node's tooltip needs: its size, top members, classes and sectors.

    Examples
    --------
    >>> G = nx.Graph()
    >>> G.add_node("ex:a", label="Alpha", cls_label="company", sector="Industry")
    >>> G.add_node("http://example.org/b", cls="Hospital", sector="Healthcare")
    >>> group = FoldGroup("community 3: 2 actors", 3, (3,), ("ex:a", "http://example.org/b"), 1)
    >>> info = group_info(G, group, folded_class=4)
    >>> info["labels"], info["cls"], info["community"]
    (['community 3: 2 actors'], 4, 3)
    >>> info["folded"]["count"], info["folded"]["top"], info["folded"]["classes"]
    (2, ['Alpha', 'b'], [['company', 1], ['Hospital', 1]])
    """
    attrs = G.nodes
    classes = Counter(attrs[m].get("cls_label") or attrs[m].get("cls") or "no class" for m in group.members)
    sectors = Counter(
        attrs[m].get("sector_label") or attrs[m].get("sector") or "no sector" for m in group.members
    )
    return {
        "iri": "",
        "labels": [group.label],
        "cls": folded_class,
        "clsLabel": "folded community",
        "sector": None,
        "sectorLabel": "",
        "community": plain(group.community),
        "stats": [],
        "measures": [],
        "folded": {
            "count": len(group.members),
            "internal": group.internal_edges,
            "communities": [str(key) for key in group.communities],
            "top": [label_of(attrs[member], member) for member in group.members[:5]],
            "classes": [[str(name), count] for name, count in classes.most_common(6)],
            "sectors": [[str(name), count] for name, count in sectors.most_common(6)],
        },
    }


def node_size(value: float | None, low: float, high: float) -> float:
    """A kept node's size: 10 to 40 by the square root of its rank value's place in ``[low, high]``
    (values outside count as the nearest end).

    >>> node_size(None, 0, 1), node_size(0.25, 0, 1), node_size(3, 3, 3)
    (8.0, 25.0, 18.0)
    """
    if value is None:
        return 8.0
    if high <= low:
        return 18.0
    return round(10 + 30 * math.sqrt((min(max(value, low), high) - low) / (high - low)), 1)


def kept_node(page_id: int, label: str, size: float, position: tuple[float, float], colour: str) -> dict:
    """The vis-network dict of a kept node: a dot with its label cut to :data:`LABEL_CHARS`.

    Examples
    --------
    >>> node = kept_node(0, "Kendall Square Life Science District Phase II", 20.0, (1.5, -2.0), "#4e79a7")
    >>> node["label"], len(node["label"]) == LABEL_CHARS, node["shape"], (node["x"], node["y"])
    ('Kendall Square Life Science Dis…', True, 'dot', (1.5, -2.0))
    >>> node["color"]["background"], node["color"]["border"]
    ('#4e79a7', '#365474')
    """
    return {
        "id": page_id,
        "label": label if len(label) <= LABEL_CHARS else label[: LABEL_CHARS - 1] + "…",
        "shape": "dot",
        "size": size,
        "x": position[0],
        "y": position[1],
        "color": vis_colour(colour),
    }


def group_node(page_id: int, group: FoldGroup, position: tuple[float, float], colour: str) -> dict:
    """The vis-network dict of a group node: a dashed diamond growing with the group's size.

    Examples
    --------
    >>> small = FoldGroup("community 1: 2 actors", 1, (1,), ("ex:a", "ex:b"), 0)
    >>> large = FoldGroup("community 2: 100 actors", 2, (2,), tuple(range(100)), 0)
    >>> node = group_node(9, small, (1.0, 2.0), "#f28e2b")
    >>> node["id"], node["shape"], node["size"], node["color"]["border"]
    (9, 'diamond', 16.4, '#6b7280')
    >>> group_node(10, large, (0.0, 0.0), "#f28e2b")["size"]
    30.0
    """
    return {
        "id": page_id,
        "label": group.label,
        "shape": "diamond",
        "size": round(14 + 8 * math.log10(len(group.members)), 1),
        "x": position[0],
        "y": position[1],
        "borderWidth": 2,
        "shapeProperties": {"borderDashes": [5, 3]},
        "color": vis_colour(colour, border="#6b7280"),
    }


def folded_index(G: nx.Graph, groups: Sequence[FoldGroup], ids: Sequence[int]) -> list[list]:
    """``[group node id, label, alias, ...]`` for every folded node, so search finds them too.

    Examples
    --------
    >>> G = nx.Graph()
    >>> G.add_node("ex:nibs", label="NIBS", labels=["NIBS", "北京生命科学研究所"])
    >>> G.add_node("https://w3id.org/helixgraph/id/huahui")
    >>> group = FoldGroup("community 0: 2 actors", 0, (0,), ("ex:nibs", "https://w3id.org/helixgraph/id/huahui"), 0)
    >>> folded_index(G, [group], [7])
    [[7, 'NIBS', '北京生命科学研究所'], [7, 'huahui']]
    """
    index, attrs = [], G.nodes
    for page_node, group in zip(ids, groups, strict=True):
        for member in group.members:
            data = attrs[member]
            label = str(data.get("label") or local_name(member))
            index.append([page_node, label, *(alias for alias in aliases(data) if alias != label)])
    return index
