"""Colours of the explorer: the ontology's colour of each class and Triple-Helix sector
(``display.ttl``), and a cycle for the rest.

Keys the ontology gives no colour (a class added without one, community numbers) take colours
from :data:`CYCLE` in a stable order.
"""

from __future__ import annotations

import numbers
from collections.abc import Hashable, Iterable

from helixgraph.ontology.vocabulary import load_vocabulary

__all__ = ["CYCLE", "FOLDED", "NO_VALUE", "border_of", "colour_table", "key_order", "palette"]

def palette() -> dict[str, dict[str, str]]:
    """The colour of every sector and class the ontology gives one (``eco:displayColour``), by
    colouring kind and then by local name.

    >>> palette()["sector"]["Industry"], palette()["class"]["Hospital"]
    ('#f28e2b', '#e15759')
    """
    vocabulary = load_vocabulary()
    return {"sector": dict(vocabulary.sector_colours), "class": dict(vocabulary.class_colours)}


#: Colours handed out, in order, to keys the table does not know (and to communities).
CYCLE: tuple[str, ...] = (
    "#4e79a7", "#f28e2b", "#59a14f", "#e15759", "#b07aa1", "#76b7b2", "#edc948", "#ff9da7",
    "#9c755f", "#86bcb6", "#f1ce63", "#d37295", "#a0cbe8", "#ffbe7d", "#8cd17d", "#b6992d",
    "#499894", "#fabfd2", "#d4a6c8", "#d7b5a6",
)  # fmt: skip

#: The colour of nodes with no value for the colouring attribute (a person has no sector).
NO_VALUE = "#bab0ac"

#: The colour of a node that stands for a folded community when not colouring by community.
FOLDED = "#d9d9d9"


def colour_table(kind: str, keys: Iterable[Hashable]) -> dict[Hashable, str]:
    """Give every key a colour: the ontology's (:func:`palette`) when known, else the next unused one of :data:`CYCLE`.

    Unknown keys are served in sorted order of their text, so the same keys always get the same
    colours whatever order they arrive in. ``None`` gets :data:`NO_VALUE`.

    Parameters
    ----------
    kind : str
        ``"sector"``, ``"class"`` or ``"community"`` (which has no fixed colours).
    keys : iterable
        Sector or class local names, or community numbers.

    Returns
    -------
    dict
        Key to ``#rrggbb`` colour.

    Examples
    --------
    >>> colour_table("sector", ["Industry", None, "Space"])
    {None: '#bab0ac', 'Industry': '#f28e2b', 'Space': '#4e79a7'}
    >>> colour_table("community", [2, 0, 1])
    {0: '#4e79a7', 1: '#f28e2b', 2: '#59a14f'}
    """
    fixed = palette().get(kind, {})
    unique = set(keys)
    table: dict[Hashable, str] = {}
    if None in unique:
        table[None] = NO_VALUE
    others = []
    for key in unique - {None}:
        if key in fixed:
            table[key] = fixed[key]
        else:
            others.append(key)
    free = [colour for colour in CYCLE if colour not in set(table.values())] or list(CYCLE)
    for index, key in enumerate(sorted(others, key=key_order)):
        table[key] = free[index % len(free)]
    return {key: table[key] for key in sorted(table, key=key_order)}


def key_order(key: Hashable) -> tuple:
    """Sort key putting ``None`` first, then numbers in numeric order, then the rest by text.

    >>> sorted([10, None, 2, "b", "a"], key=key_order)
    [None, 2, 10, 'a', 'b']
    """
    if key is None:
        return (0, 0, "")
    if isinstance(key, numbers.Real) and not isinstance(key, bool):
        return (1, float(key), "")
    return (2, 0, str(key))


def border_of(colour: str, factor: float = 0.7) -> str:
    """Return a darker shade of a ``#rrggbb`` colour, used for node borders.

    >>> border_of("#f28e2b")
    '#a9631e'
    """
    red, green, blue = (int(colour[i : i + 2], 16) for i in (1, 3, 5))
    return "#" + "".join(f"{int(channel * factor):02x}" for channel in (red, green, blue))
