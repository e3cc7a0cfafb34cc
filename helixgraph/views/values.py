"""Node attribute values as the explorer shows them: measures, JSON-ready numbers, short names."""

from __future__ import annotations

import math
import numbers

import networkx as nx

__all__ = ["NOT_MEASURES", "measure_value", "numeric_measures", "plain"]

#: Numeric node attributes that are not measures.
NOT_MEASURES = frozenset({"community", "x", "y", "size"})


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
