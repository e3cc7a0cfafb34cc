"""The data of an explorer page: pyvis node and edge dicts plus what tooltips, legend and filters show.

Pyvis' :class:`~pyvis.network.Network` holds the vis-network node and edge dicts. They are
appended to ``net.nodes`` / ``net.edges`` directly: ``add_node`` and ``add_edge`` look ids up in
lists, which is quadratic at size (TOOLING.md section 10). Everything shown as text (labels,
classes, stats, sources) travels as JSON and is put into the page by DOM text nodes only.
"""

from __future__ import annotations

import json
import math
import numbers
from collections import Counter
from collections.abc import Hashable, Mapping, Sequence
from dataclasses import dataclass, field

import networkx as nx
from markupsafe import Markup

from helixgraph.views.fold import FoldGroup, Folding, GroupKey
from helixgraph.views.layout import layout_positions
from helixgraph.views.palette import FOLDED, border_of, colour_table, key_order
from helixgraph.views.snapshot import edge_sources

__all__ = [
    "LABEL_CHARS",
    "Page",
    "build_page",
    "measure_value",
    "numeric_measures",
    "plain",
    "script_json",
    "short_name",
]

#: Node labels drawn on the canvas are cut to this many characters (tooltips show them whole).
LABEL_CHARS = 32

#: Numeric node attributes that are not measures.
NOT_MEASURES = frozenset({"community", "x", "y", "size"})

_COLOUR_KINDS = {"sector": "sector", "class": "cls", "community": "community"}
_JSON_ESCAPES = str.maketrans(
    {"<": "\\u003c", ">": "\\u003e", "&": "\\u0026", "/": "\\/", "\u2028": "\\u2028", "\u2029": "\\u2029"}
)


def script_json(value: object) -> Markup:
    """Serialise to JSON that can sit inside ``<script type="application/json">`` as it is.

    ``<``, ``>`` and ``&`` become ``\\u003c``-style escapes, so no label can close the element, and
    ``/`` becomes ``\\/`` (valid JSON), so IRIs in the data do not read as ``http://`` links in the
    page text. Non-ASCII text (Chinese labels) stays as UTF-8.

    >>> print(script_json({"label": "</script><b>中关村</b>", "iri": "http://x.org/a"}))
    {"label":"\\u003c\\/script\\u003e\\u003cb\\u003e中关村\\u003c\\/b\\u003e","iri":"http:\\/\\/x.org\\/a"}
    """
    text = json.dumps(value, ensure_ascii=False, separators=(",", ":"), allow_nan=False)
    return Markup(text.translate(_JSON_ESCAPES))


def short_name(iri: object) -> str:
    """Return the part of an IRI after its last ``#`` or ``/`` (the whole text if none).

    >>> short_name("https://w3id.org/helixgraph/ontology#Company"), short_name("plain")
    ('Company', 'plain')
    """
    text = str(iri)
    cut = max(text.rfind("#"), text.rfind("/"))
    return text[cut + 1 :] or text


def measure_value(value: object) -> float | None:
    """Return a finite real number (NumPy's included) as float, anything else as None.

    >>> measure_value(3), measure_value(float("nan")), measure_value(True), measure_value("7")
    (3.0, None, None, None)
    """
    if isinstance(value, bool) or not isinstance(value, numbers.Real):
        return None
    number = float(value)
    return number if math.isfinite(number) else None


def plain(value: object) -> object:
    """Make a community number or similar JSON-ready: integers stay integers, the rest becomes text.

    >>> plain(3), plain(None), plain("c7")
    (3, None, 'c7')
    """
    if value is None or isinstance(value, str):
        return value
    if isinstance(value, numbers.Integral) and not isinstance(value, bool):
        return int(value)
    return str(value)


def numeric_measures(G: nx.Graph) -> list[str]:
    """Names of the numeric node attributes that can size nodes (``community`` excluded).

    An attribute counts as numeric when its first value that is not None is a finite number:
    measures are written for every node at once, so one value tells the type, and looking at one
    value per attribute keeps this fast on 100K nodes.

    >>> G = nx.Graph(); G.add_node("a", betweenness=0.5, community=1, label="A", core=True, rank=None)
    >>> G.add_node("b", rank=2)
    >>> numeric_measures(G)
    ['betweenness', 'rank']
    """
    decided: dict[str, bool] = {}
    for _, data in G.nodes(data=True):
        for name in data.keys() - decided.keys():
            if data[name] is not None:
                decided[name] = measure_value(data[name]) is not None
    return sorted(name for name, numeric in decided.items() if numeric and name not in NOT_MEASURES)


@dataclass
class _Keys:
    """Filter entries of one kind (classes, sectors): key to index, label and count."""

    index: dict = field(default_factory=dict)
    labels: list = field(default_factory=list)
    counts: Counter = field(default_factory=Counter)

    def add(self, key: Hashable, label: str, count: int = 1) -> int:
        if key not in self.index:
            self.index[key] = len(self.labels)
            self.labels.append(label)
        self.counts[self.index[key]] += count
        return self.index[key]

    def entries(self) -> list[dict]:
        order = sorted(self.index.values(), key=lambda i: self.labels[i].lower())
        return [{"index": i, "label": self.labels[i], "count": self.counts[i]} for i in order]


@dataclass
class Page:
    """Everything the template and the page script need."""

    #: The pyvis network holding the vis-network node and edge dicts.
    net: object
    #: What goes into the page as JSON.
    data: dict
    legend: list[dict]
    filters: list[dict]


def _colour(colour: str, *, border: str | None = None) -> dict:
    focus = {"background": colour, "border": "#1f2933"}
    return {"background": colour, "border": border or border_of(colour), "highlight": focus, "hover": focus}


def _sources_table(sources: Mapping[str, Mapping], used: set) -> tuple[dict, list[dict]]:
    """Index the sources cited on the page, oldest first; ``None`` stands for "no source" and comes last."""

    def describe(iri: str) -> dict:
        meta = sources.get(iri) or {}
        return {
            "title": str(meta.get("title") or short_name(iri)),
            "publisher": str(meta.get("publisher") or ""),
            "issued": str(meta.get("issued") or ""),
        }

    described = {iri: describe(iri) for iri in used if iri is not None}
    order: list = sorted(
        described, key=lambda iri: (described[iri]["issued"] or "9999", described[iri]["title"])
    )
    if None in used:
        order.append(None)
        described[None] = {"title": "no source", "publisher": "", "issued": ""}
    return {iri: index for index, iri in enumerate(order)}, [described[iri] for iri in order]


def _label_of(data: Mapping, node: Hashable) -> str:
    return str(data.get("label") or short_name(node))


def _aliases(data: Mapping) -> list[str]:
    labels = data.get("labels") or ()
    return [labels] if isinstance(labels, str) else [str(text) for text in labels]


def _labels_of(data: Mapping, node: Hashable) -> list[str]:
    return list(dict.fromkeys([_label_of(data, node), *_aliases(data)]))


def _node_info(
    data: Mapping, node: Hashable, classes: _Keys, sectors: _Keys, measures: Sequence[str]
) -> dict:
    cls, sector = data.get("cls"), data.get("sector")
    cls_label = str(data.get("cls_label") or cls or "")
    sector_label = str(data.get("sector_label") or sector or "")
    values = ((name, measure_value(data.get(name))) for name in measures)
    return {
        "iri": str(node),
        "labels": _labels_of(data, node),
        "cls": classes.add(cls, cls_label or "no class"),
        "clsLabel": cls_label,
        "sector": sectors.add(sector, sector_label or "no sector"),
        "sectorLabel": sector_label,
        "community": plain(data.get("community")),
        "stats": [str(stat) for stat in data.get("stats") or ()],
        "measures": [[name, value] for name, value in values if value is not None],
    }


def _group_info(G: nx.Graph, group: FoldGroup, folded_class: int) -> dict:
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
            "top": [_label_of(attrs[member], member) for member in group.members[:5]],
            "classes": [[str(name), count] for name, count in classes.most_common(6)],
            "sectors": [[str(name), count] for name, count in sectors.most_common(6)],
        },
    }


def _legend_name(color_by: str, key: Hashable, data: Mapping | None) -> str:
    if color_by == "community":
        return "no community" if key is None else f"community {key}"
    if color_by == "sector":
        return str((data or {}).get("sector_label") or key or "no sector")
    return str((data or {}).get("cls_label") or key or "no class")


def _colours(G: nx.Graph, folding: Folding, color_by: str) -> tuple[list[str], list[str], list[dict]]:
    """Colour of each kept node and each group node, and the legend entries."""
    attrs, attribute = G.nodes, _COLOUR_KINDS[color_by]
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


def _node_size(value: float | None, low: float, high: float) -> float:
    if value is None:
        return 8.0
    if high <= low:
        return 18.0
    return round(10 + 30 * math.sqrt((value - low) / (high - low)), 1)


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
    """
    from pyvis.network import Network  # imported here: pyvis pulls in IPython

    kept, groups, attrs = folding.kept, folding.groups, G.nodes
    group_keys = [GroupKey(index) for index in range(len(groups))]
    page_id = {node: index for index, node in enumerate([*kept, *group_keys])}

    classes, sectors = _Keys(), _Keys()
    node_info = [_node_info(attrs[node], node, classes, sectors, measures) for node in kept]
    if groups:
        folded_class = classes.add(GroupKey(-1), "folded community", count=len(groups))
        node_info += [_group_info(G, group, folded_class) for group in groups]
    node_colours, group_colours, legend = _colours(G, folding, color_by)

    net = Network(directed=True, cdn_resources="in_line")
    edge_info, source_list, source_counts = _add_edges(net, folding, sources, page_id)

    clusters = {node: attrs[node].get("community") for node in kept}
    clusters.update({key: group.community for key, group in zip(group_keys, groups, strict=True)})
    ends = [(u, v) for u, v, _ in folding.edges] + [(link.source, link.target) for link in folding.links]
    positions = layout_positions([*kept, *group_keys], ends, clusters, seed=seed)
    values = [ranking[node] for node in kept if ranking.get(node) is not None]
    low, high = (min(values), max(values)) if values else (0.0, 0.0)
    for index, node in enumerate(kept):
        label = node_info[index]["labels"][0]
        net.nodes.append(
            {
                "id": index,
                "label": label if len(label) <= LABEL_CHARS else label[: LABEL_CHARS - 1] + "…",
                "shape": "dot",
                "size": _node_size(ranking.get(node), low, high),
                "x": positions[node][0],
                "y": positions[node][1],
                "color": _colour(node_colours[index]),
            }
        )
    for key, group, colour in zip(group_keys, groups, group_colours, strict=True):
        net.nodes.append(
            {
                "id": page_id[key],
                "label": group.label,
                "shape": "diamond",
                "size": round(14 + 8 * math.log10(len(group.members)), 1),
                "x": positions[key][0],
                "y": positions[key][1],
                "borderWidth": 2,
                "shapeProperties": {"borderDashes": [5, 3]},
                "color": _colour(colour, border="#6b7280"),
            }
        )
    net.node_ids.extend(node["id"] for node in net.nodes)
    net.node_map.update((node["id"], node) for node in net.nodes)

    source_items = [
        {"index": i, "label": _source_text(entry), "count": source_counts[i]}
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
        "nodeInfo": node_info,
        "edgeInfo": edge_info,
        "sources": source_list,
        "folded": _folded_index(G, groups, [page_id[key] for key in group_keys]),
        "sizeBy": folding.measure,
        "colorBy": color_by,
        "options": _vis_options(len(net.edges)),
    }
    return Page(net=net, data=data, legend=legend, filters=filters)


def _folded_index(G: nx.Graph, groups: Sequence[FoldGroup], ids: Sequence[int]) -> list[list]:
    """``[group node id, label, alias, ...]`` for every folded node, so search finds them too."""
    index, attrs = [], G.nodes
    for page_node, group in zip(ids, groups, strict=True):
        for member in group.members:
            data = attrs[member]
            label = str(data.get("label") or short_name(member))
            index.append([page_node, label, *(alias for alias in _aliases(data) if alias != label)])
    return index


def _add_edges(net, folding: Folding, sources: Mapping, page_id: Mapping) -> tuple[list, list, Counter]:
    """Append the page's edge dicts to ``net.edges``; return their tooltip data and the sources cited."""
    plain = [(u, v, data, edge_sources(data) or (None,)) for u, v, data in folding.edges]
    used = {iri for *_, iris in plain for iri in iris}
    for link in folding.links:
        used.update(link.sources or {None})
    source_index, source_list = _sources_table(sources, used)
    counts: Counter = Counter()
    infos: list[dict] = []
    seen: Counter = Counter()

    def add(a: int, b: int, info: dict, width: float = 1.0) -> None:
        edge = {"id": len(net.edges), "from": a, "to": b, "label": info["relation"], "arrows": "to"}
        pair = (min(a, b), max(a, b))
        if seen[pair]:  # parallel edges bend more and more, so each stays visible
            edge["smooth"] = {"enabled": True, "type": "curvedCW", "roundness": round(0.15 * seen[pair], 2)}
        seen[pair] += 1
        if width != 1.0:
            edge["width"] = round(width, 1)
        net.edges.append(edge)
        infos.append(info)
        counts.update(info["sources"])

    for u, v, data, iris in plain:
        role, date = data.get("role"), data.get("date")
        info = {
            "relation": str(data.get("predicate_label") or data.get("predicate") or "related to"),
            "role": None if role is None else str(role),
            "date": None if date is None else str(date),
            "sources": sorted({source_index[iri] for iri in iris}),
        }
        add(page_id[u], page_id[v], info)
    for link in folding.links:
        info = {
            "relation": f"{link.count} link" if link.count == 1 else f"{link.count} links",
            "count": link.count,
            "relations": [[name, count] for name, count in link.relations.most_common(8)],
            "sources": sorted({source_index[iri] for iri in link.sources or {None}}),
        }
        add(page_id[link.source], page_id[link.target], info, 1 + min(7.0, math.log2(link.count)))
    return infos, source_list, counts


def _source_text(entry: Mapping[str, str]) -> str:
    parts = [entry["publisher"], entry["title"]]
    text = ": ".join(part for part in parts if part)
    return f"{text} ({entry['issued']})" if entry["issued"] else text


def _vis_options(edges: int) -> dict:
    """vis-network options: no physics (positions are given), hover tooltips, readable fonts."""
    font = "'Noto Sans CJK SC', 'WenQuanYi Micro Hei', 'Microsoft YaHei', 'PingFang SC', sans-serif"
    return {
        "autoResize": True,
        "physics": {"enabled": False},
        "layout": {"improvedLayout": False},
        "interaction": {
            "hover": True,
            "tooltipDelay": 120,
            "hideEdgesOnDrag": edges > 2000,
            "hideEdgesOnZoom": edges > 5000,
            "navigationButtons": False,
            "keyboard": False,
        },
        "nodes": {"font": {"face": font, "size": 14, "color": "#1f2933"}, "borderWidth": 1},
        "edges": {
            "smooth": False,
            "color": {"color": "#9aa5b1", "highlight": "#1f2933", "hover": "#52606d", "inherit": False},
            "font": {"face": font, "size": 10, "color": "#52606d", "strokeWidth": 3, "align": "middle"},
            "arrows": {"to": {"enabled": True, "scaleFactor": 0.5}},
            "selectionWidth": 2,
        },
    }
