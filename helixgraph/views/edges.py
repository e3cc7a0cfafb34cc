"""The explorer's edges: vis-network edge dicts, their tooltip data, and the sources they cite."""

from __future__ import annotations

import math
from collections import Counter
from collections.abc import Mapping

from helixgraph.iris import local_name
from helixgraph.views.fold import Folding
from helixgraph.views.snapshot import edge_sources

__all__ = ["edge_dicts", "source_text", "sources_table"]


def sources_table(sources: Mapping[str, Mapping], used: set) -> tuple[dict, list[dict]]:
    """Index the sources cited on the page, oldest first; ``None`` stands for "no source" and comes last.

    >>> index, table = sources_table({"ex:a": {"title": "Report", "issued": "2021-01-01"}}, {"ex:a", None})
    >>> index, [entry["title"] for entry in table]
    ({'ex:a': 0, None: 1}, ['Report', 'no source'])
    """

    def describe(iri: str) -> dict:
        meta = sources.get(iri) or {}
        return {
            "title": str(meta.get("title") or local_name(iri)),
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


def source_text(entry: Mapping[str, str]) -> str:
    """A source as the Sources filter lists it.

    >>> source_text({"publisher": "Caixin", "title": "Park feature", "issued": "2021-03-15"})
    'Caixin: Park feature (2021-03-15)'
    """
    parts = [entry["publisher"], entry["title"]]
    text = ": ".join(part for part in parts if part)
    return f"{text} ({entry['issued']})" if entry["issued"] else text


def edge_dicts(folding: Folding, sources: Mapping, page_id: Mapping,
               extra: list | None = None) -> tuple[list, list, list, Counter]:
    """The page's edges: the folding's edges, then its links between group nodes, then ``extra`` edges.

    ``extra`` edges, ``(u, v, data)`` like the folding's, are those of folded members a page can
    expand in place; they are not counted in the sources filter.

    Parameters
    ----------
    folding : Folding
        The edges between kept nodes and the links summed up between group nodes.
    sources : mapping
        Source IRI to ``title``, ``publisher`` and ``issued``.
    page_id : mapping
        Node (or :class:`~helixgraph.views.fold.GroupKey`) to its id on the page.

    Returns
    -------
    tuple
        The vis-network edge dicts; their tooltip data, in the same order; the sources cited (see
        :func:`sources_table`); and how many edges cite each source, by its index there.

    Examples
    --------
    Two kept nodes and a group of two folded ones; ``ex:a`` has three ties into the group:

    >>> from helixgraph.views.fold import FoldedLink, FoldGroup, GroupKey
    >>> group = FoldGroup("community 1: 2 actors", 1, (1,), ("ex:c", "ex:d"), 0)
    >>> link = FoldedLink("ex:a", GroupKey(0), 3, Counter({"partner of": 2, "funded by": 1}), {"ex:s1"})
    >>> tie = ("ex:a", "ex:b", {"predicate_label": "funded by", "source": "ex:s1"})
    >>> folding = Folding("degree", 3, 4, ("ex:a", "ex:b"), (group,), [tie], [link])
    >>> sources = {"ex:s1": {"title": "Report", "publisher": "Caixin", "issued": "2025-10-01"}}
    >>> edges, infos, table, counts = edge_dicts(folding, sources, {"ex:a": 0, "ex:b": 1, GroupKey(0): 2})
    >>> [(e["from"], e["to"], e["label"], e.get("width", 1.0)) for e in edges]
    [(0, 1, 'funded by', 1.0), (0, 2, '3 links', 2.6)]
    >>> infos[1]["relations"], [entry["title"] for entry in table], counts
    ([['partner of', 2], ['funded by', 1]], ['Report'], Counter({0: 2}))
    """
    edge_rows = [(u, v, data, edge_sources(data) or (None,)) for u, v, data in folding.edges]
    extra_rows = [(u, v, data, edge_sources(data) or (None,)) for u, v, data in extra or ()]
    used = {iri for *_, iris in edge_rows + extra_rows for iri in iris}
    for link in folding.links:
        used.update(link.sources or {None})
    source_index, source_list = sources_table(sources, used)
    counts: Counter = Counter()
    edges: list[dict] = []
    infos: list[dict] = []
    seen: Counter = Counter()

    def add(a: int, b: int, info: dict, width: float = 1.0, counted: bool = True) -> None:
        edge = {"id": len(edges), "from": a, "to": b, "label": info["relation"], "arrows": "to"}
        pair = (min(a, b), max(a, b))
        if seen[pair]:  # parallel edges bend more and more, so each stays visible
            edge["smooth"] = {"enabled": True, "type": "curvedCW", "roundness": round(0.15 * seen[pair], 2)}
        seen[pair] += 1
        if width != 1.0:
            edge["width"] = round(width, 1)
        edges.append(edge)
        infos.append(info)
        if counted:
            counts.update(info["sources"])

    def tie_info(data: Mapping, iris: tuple) -> dict:
        role, date = data.get("role"), data.get("date")
        info = {
            "relation": str(data.get("predicate_label") or data.get("predicate") or "related to"),
            "role": None if role is None else str(role),
            "date": None if date is None else str(date),
            "sources": sorted({source_index[iri] for iri in iris}),
        }
        if data.get("paragraphs"):
            info["paragraphs"] = [str(n) for n in data["paragraphs"]]
        return info

    for u, v, data, iris in edge_rows:
        add(page_id[u], page_id[v], tie_info(data, iris))
    for link in folding.links:
        info = {
            "relation": f"{link.count} link" if link.count == 1 else f"{link.count} links",
            "count": link.count,
            "relations": [[name, count] for name, count in link.relations.most_common(8)],
            "sources": sorted({source_index[iri] for iri in link.sources or {None}}),
        }
        add(page_id[link.source], page_id[link.target], info, 1 + min(7.0, math.log2(link.count)))
    for u, v, data, iris in extra_rows:
        add(page_id[u], page_id[v], tie_info(data, iris), counted=False)
    return edges, infos, source_list, counts
