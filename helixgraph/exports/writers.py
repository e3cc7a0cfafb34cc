"""Write the projected network as GEXF, GraphML or CSV tables, atomically."""

from __future__ import annotations

import os
from pathlib import Path

import networkx as nx
import pandas as pd

from helixgraph.errors import OptionError, OutputError
from helixgraph.exports.attributes import exportable
from helixgraph.files import write_atomically

__all__ = ["FORMATS", "write_network"]

#: The export formats and the file name each writes by default.
FORMATS = {"gexf": "ecosystem.gexf", "graphml": "ecosystem.graphml", "csv": "ecosystem-csv"}


def _gexf(H: nx.MultiDiGraph, path: Path) -> None:
    G = H.copy()
    G.graph["mode"] = "dynamic" if any("start" in d for _, d in G.nodes(data=True)) else "static"
    for _, _, data in G.edges(data=True):  # Gephi reads the edge label as its name
        data.setdefault("label", data.get("predicate_label") or data.get("predicate") or "")
    write_atomically(path, lambda temporary: nx.write_gexf(G, temporary, encoding="utf-8"))


def _graphml(H: nx.MultiDiGraph, path: Path) -> None:
    write_atomically(path, lambda temporary: nx.write_graphml(H, temporary, encoding="utf-8", named_key_ids=True))


def _csv(H: nx.MultiDiGraph, folder: Path) -> None:
    folder.mkdir(exist_ok=True)
    nodes = pd.DataFrame([{"id": node, **data} for node, data in H.nodes(data=True)], columns=None)
    if nodes.empty:
        nodes = pd.DataFrame(columns=["id"])
    edges = pd.DataFrame([{"source_node": u, "target_node": v, **data} for u, v, data in H.edges(data=True)])
    if edges.empty:
        edges = pd.DataFrame(columns=["source_node", "target_node"])
    for name, table in (("nodes.csv", nodes), ("edges.csv", edges)):
        table = table.convert_dtypes()
        write_atomically(folder / name, lambda temporary, t=table: t.to_csv(temporary, index=False, encoding="utf-8"))


def write_network(G: nx.Graph, path: str | os.PathLike, *, format: str = "gexf") -> Path:
    """Write the projected network ``G`` to ``path`` in ``format``.

    ``"gexf"`` (Gephi; a dynamic graph whose nodes and edges start on the day their source was
    issued, so Gephi's timeline plays the ecosystem's growth), ``"graphml"`` (Cytoscape, igraph,
    yEd) or ``"csv"`` (``path`` is a folder that gets ``nodes.csv`` and ``edges.csv``, an edge's
    ends in ``source_node`` and ``target_node``). Attributes are typed as in
    :func:`~helixgraph.exports.attributes.exportable`.

    Raises
    ------
    OptionError
        An unknown format.
    OutputError
        The folder ``path`` goes into does not exist.

    Examples
    --------
    >>> import tempfile
    >>> G = nx.MultiDiGraph(sources={"ex:s": {"title": "A report", "issued": "2025-10-01"}})
    >>> G.add_node("ex:a", label="Alpha", betweenness=0.5, first_issued="2025-10-01")
    >>> G.add_node("ex:b", label="Beta", betweenness=0.0, first_issued="2025-10-01")
    >>> _ = G.add_edge("ex:a", "ex:b", predicate_label="supports", source="ex:s")
    >>> folder = Path(tempfile.mkdtemp())
    >>> back = nx.read_gexf(write_network(G, folder / "park.gexf"))
    >>> back.nodes["ex:a"]["betweenness"], back.graph["mode"], back.nodes["ex:a"]["start"]
    (0.5, 'dynamic', '2025-10-01')
    >>> write_network(G, folder / "park.dot", format="dot")
    Traceback (most recent call last):
    helixgraph.errors.OptionError: unknown export format 'dot'; choose one of: csv, gexf, graphml
    """
    if format not in FORMATS:
        raise OptionError(f"unknown export format {format!r}; choose one of: {', '.join(sorted(FORMATS))}")
    target = Path(path)
    if not target.parent.is_dir():
        raise OutputError(f"cannot write the {format} export to {str(target)!r}: "
                          f"folder {str(target.parent)!r} does not exist")
    H = exportable(G)
    {"gexf": _gexf, "graphml": _graphml, "csv": _csv}[format](H, target)
    return target
