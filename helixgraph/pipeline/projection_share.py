"""The projection made once per build: the analysis step keeps it, the explorer step takes it.

Projecting the store to NetworkX is the costliest query work of a build; the analysis and the
explorer read the same network from the same store, so the first keeps it here and the second uses
it instead of projecting again. The build forgets it when its steps are done. The store itself is
the key: a projection is only handed back for the very store it was made from.

>>> import networkx as nx
>>> import pyoxigraph as ox
>>> store, G = ox.Store(), nx.MultiDiGraph()
>>> keep_projection(store, G)
>>> take_projection(ox.Store()) is None, take_projection(store) is G, take_projection(store) is None
(True, True, True)
"""

from __future__ import annotations

import networkx as nx
import pyoxigraph as ox

__all__ = ["forget_projection", "keep_projection", "take_projection"]

_kept: list[tuple[ox.Store, nx.MultiDiGraph]] = []


def keep_projection(store: ox.Store, graph: nx.MultiDiGraph) -> None:
    """Keep ``graph``, the projection of ``store`` (with no date or layer filter), for the next step.

    >>> store = ox.Store()
    >>> keep_projection(store, nx.MultiDiGraph(name="kept"))
    >>> take_projection(store).name
    'kept'
    """
    _kept[:] = [(store, graph)]


def take_projection(store: ox.Store) -> nx.MultiDiGraph | None:
    """The projection kept for ``store``, handed over once; None when there is none.

    >>> take_projection(ox.Store()) is None
    True
    """
    if _kept and _kept[0][0] is store:
        return _kept.pop()[1]
    return None


def forget_projection() -> None:
    """Drop any kept projection.

    >>> store = ox.Store()
    >>> keep_projection(store, nx.MultiDiGraph())
    >>> forget_projection()
    >>> take_projection(store) is None
    True
    """
    _kept.clear()
