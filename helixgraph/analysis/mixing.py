"""Triple-Helix mixing: how often ties stay inside a sector and how often they cross.

Nodes without a sector (products, people, places) are left out of all three measures: a tie
counts only when both of its ends have a sector. The E-I index and the list of cross-sector ties
skip self-loops; the mixing matrix counts the edges the graph holds, so give it a simple view
(:func:`helixgraph.analysis.actor_network.simple_view` drops self-loops and parallel edges).
"""

from __future__ import annotations

import math
from collections.abc import Iterator

import networkx as nx
import pandas as pd

__all__ = ["cross_sector_ties", "ei_index", "sector_mixing_matrix"]


def sector_mixing_matrix(G: nx.Graph, *, attribute: str = "sector", normalized: bool = False) -> pd.DataFrame:
    """Count ties between each pair of sectors, as a labelled matrix.

    Built with :func:`networkx.attribute_mixing_matrix`, so an undirected graph counts each
    edge from both ends: the matrix is symmetric and a within-sector edge adds 2 to the
    diagonal. In a directed graph rows are the sectors of the tails, columns of the heads.
    Pass a simple view to count distinct ties rather than relations.

    Parameters
    ----------
    G : networkx graph
    attribute : str
        Node attribute holding the sector.
    normalized : bool
        Divide by the total so that the entries sum to 1.

    Returns
    -------
    pandas.DataFrame
        Rows and columns are the sectors present in `G`, sorted.

    Examples
    --------
    >>> import networkx as nx
    >>> G = nx.Graph([("lab", "firm"), ("firm", "biotech"), ("firm", "drug")])
    >>> nx.set_node_attributes(G, {"lab": "U", "firm": "I", "biotech": "I", "drug": None}, "sector")
    >>> sector_mixing_matrix(G)
         I    U
    I  2.0  1.0
    U  1.0  0.0
    """
    sectors = sorted({s for _, s in G.nodes(data=attribute) if s is not None}, key=str)
    if not sectors:
        return pd.DataFrame(dtype=float)
    mapping = {s: i for i, s in enumerate(sectors)}
    grouped = [node for node, s in G.nodes(data=attribute) if s is not None]
    # attribute_mixing_matrix filters tails by `nodes`; heads without a sector fall outside `mapping`.
    matrix = nx.attribute_mixing_matrix(G, attribute, nodes=grouped, mapping=mapping, normalized=False)
    table = pd.DataFrame(matrix, index=sectors, columns=sectors)
    if normalized:
        total = table.to_numpy().sum()
        table = table / total if total else table
    return table


def ei_index(G: nx.Graph, *, attribute: str = "sector") -> float:
    """Krackhardt and Stern's E-I index: ``(external - internal) / (external + internal)``.

    Each tie between two nodes with a sector is external when the sectors differ and internal
    when they agree. The index runs from -1 (all ties inside sectors) to +1 (all across); it is
    NaN when there is no such tie.

    Examples
    --------
    >>> import networkx as nx
    >>> G = nx.Graph([("lab", "firm"), ("firm", "biotech"), ("lab", "hospital")])
    >>> nx.set_node_attributes(G, {"lab": "U", "firm": "I", "biotech": "I", "hospital": "H"}, "sector")
    >>> round(ei_index(G), 4)
    0.3333

    References
    ----------
    .. [1] D. Krackhardt and R. N. Stern, "Informal networks and organizational crises: an
       experimental simulation", Social Psychology Quarterly 51(2), 123-140, 1988.
       https://doi.org/10.2307/2786835
    """
    external = internal = 0
    for _, _, source_sector, target_sector, _ in _sector_ties(G, attribute):
        if source_sector == target_sector:
            internal += 1
        else:
            external += 1
    total = external + internal
    return (external - internal) / total if total else math.nan


def cross_sector_ties(G: nx.Graph, *, attribute: str = "sector") -> pd.DataFrame:
    """List the ties whose two ends are in different sectors.

    On a multigraph every parallel edge is its own row, so the projected ``MultiDiGraph``
    gives one row per relation with its predicate.

    Returns
    -------
    pandas.DataFrame
        Columns ``source``, ``target``, ``source_sector``, ``target_sector``, ``predicate``
        (None when the edge has none), in the edge order of `G`.

    Examples
    --------
    >>> import networkx as nx
    >>> G = nx.MultiDiGraph()
    >>> G.add_nodes_from([("lab", {"sector": "U"}), ("firm", {"sector": "I"}), ("spin", {"sector": "I"})])
    >>> _ = G.add_edge("firm", "lab", predicate="basedOnResearchOf")
    >>> _ = G.add_edge("spin", "firm", predicate="subOrganizationOf")
    >>> cross_sector_ties(G)
      source target source_sector target_sector          predicate
    0   firm    lab             I             U  basedOnResearchOf
    """
    rows = [(u, v, su, sv, predicate) for u, v, su, sv, predicate in _sector_ties(G, attribute) if su != sv]
    columns = ["source", "target", "source_sector", "target_sector", "predicate"]
    return pd.DataFrame(rows, columns=columns, dtype=object)


def _sector_ties(G: nx.Graph, attribute: str) -> Iterator[tuple]:
    """Yield ``(u, v, sector of u, sector of v, predicate)`` for each non-loop edge between sectors."""
    sectors = G.nodes(data=attribute)
    for u, v, predicate in G.edges(data="predicate"):
        su, sv = sectors[u], sectors[v]
        if u != v and su is not None and sv is not None:
            yield u, v, su, sv, predicate
