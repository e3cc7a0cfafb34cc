"""Node positions computed before the page is written, so the browser runs no physics.

Small pages use NetworkX's seeded spring layout (its dense solver, which needs only NumPy, serves
graphs under 500 nodes). Larger ones get a linear-time layout: each cluster (community) is a
sunflower spiral with its highest-ranked nodes in the middle, and the clusters are packed in rows.
"""

from __future__ import annotations

import math
from collections.abc import Hashable, Iterable, Mapping, Sequence

import networkx as nx
import numpy as np

from helixgraph.views.palette import key_order

__all__ = ["SPRING_LIMIT", "cluster_positions", "layout_positions", "separate", "spring_positions"]

#: Above this many nodes the spring layout is replaced by :func:`cluster_positions`.
SPRING_LIMIT = 400

#: Nearest distance, in pixels, the spring layout leaves between two nodes.
MIN_DISTANCE = 110.0

_GOLDEN_ANGLE = math.pi * (3 - math.sqrt(5))


def layout_positions(
    nodes: Sequence[Hashable],
    edges: Iterable[tuple],
    clusters: Mapping[Hashable, Hashable],
    *,
    seed: int = 7,
    spring_limit: int = SPRING_LIMIT,
) -> dict[Hashable, tuple[float, float]]:
    """Place the nodes of a page, in pixels around the origin.

    Parameters
    ----------
    nodes : sequence
        Node ids, highest ranked first (the cluster layout puts those in the middle).
    edges : iterable of tuples
        ``(u, v, ...)``; only the ends are read.
    clusters : mapping
        Node to cluster key (community); used only above ``spring_limit`` nodes.
    seed : int
        Seed of the spring layout, so a page is the same each time it is written.
    spring_limit : int
        The most nodes laid out with the spring layout.

    Returns
    -------
    dict
        Node to ``(x, y)``.

    Examples
    --------
    >>> pos = layout_positions(["a", "b", "c"], [("a", "b"), ("b", "c")], {})
    >>> sorted(pos), pos == layout_positions(["a", "b", "c"], [("a", "b"), ("b", "c")], {})
    (['a', 'b', 'c'], True)
    """
    if len(nodes) <= spring_limit:
        return spring_positions(nodes, edges, seed=seed)
    return cluster_positions(nodes, clusters)


def spring_positions(nodes: Sequence, edges: Iterable[tuple], *, seed: int = 7) -> dict:
    """Seeded Fruchterman-Reingold layout scaled so that labels have room.

    >>> spring_positions(["solo"], [])
    {'solo': (0.0, 0.0)}
    """
    graph = nx.Graph()
    graph.add_nodes_from(nodes)
    graph.add_edges_from((edge[0], edge[1]) for edge in edges if edge[0] != edge[1])
    if len(graph) == 0:
        return {}
    scale = 150 + 80 * math.sqrt(len(graph))
    # a longer ideal edge length than NetworkX's default 1/sqrt(n) leaves room for labels
    pos = nx.spring_layout(graph, k=2.0 / math.sqrt(len(graph)), iterations=100, seed=seed, scale=scale)
    nodes = list(pos)
    points = separate(np.array([pos[node] for node in nodes], dtype=float), min_distance=MIN_DISTANCE)
    return {
        node: (round(float(x), 1), round(float(y), 1)) for node, (x, y) in zip(nodes, points, strict=True)
    }


def separate(points: np.ndarray, *, min_distance: float, rounds: int = 60) -> np.ndarray:
    """Push apart points closer than ``min_distance`` (each pair moves half the shortfall).

    Spring layouts leave hubs crowded; this gives every node and its label room to be read.

    >>> apart = separate(np.array([[0.0, 0.0], [10.0, 0.0]]), min_distance=100)
    >>> round(float(np.linalg.norm(apart[1] - apart[0]))), round(float(apart[:, 0].mean()))
    (100, 5)
    """
    points = points.copy()
    count = len(points)
    if count < 2:
        return points
    jitter = np.random.default_rng(0).normal(scale=1e-3, size=points.shape)
    points += jitter
    for _ in range(rounds):
        delta = points[:, None, :] - points[None, :, :]
        distance = np.sqrt((delta**2).sum(axis=-1))
        np.fill_diagonal(distance, np.inf)
        shortfall = np.clip(min_distance - distance, 0, None)
        if not shortfall.any():
            break
        push = (delta / distance[..., None]) * (shortfall[..., None] / 2)
        points += push.sum(axis=1)
    return points - jitter


def cluster_positions(nodes: Sequence, clusters: Mapping, *, spacing: float = 70.0) -> dict:
    """Sunflower spiral per cluster, clusters packed in rows, biggest first; linear time.

    Examples
    --------
    >>> pos = cluster_positions(["a", "b", "c"], {"a": 1, "b": 1, "c": 2})
    >>> pos["a"], len(set(pos.values()))
    ((0.0, 0.0), 3)
    """
    members: dict[Hashable, list] = {}
    for node in nodes:
        members.setdefault(clusters.get(node), []).append(node)
    order = sorted(members, key=lambda key: (-len(members[key]), key_order(key)))
    radius = {key: spacing * (math.sqrt(len(members[key])) + 0.5) for key in order}
    row_width = math.sqrt(sum((2 * r) ** 2 for r in radius.values())) * 1.3
    pos: dict[Hashable, tuple[float, float]] = {}
    x = y = row_height = 0.0
    first_in_row = True
    for key in order:
        r = radius[key]
        if not first_in_row and x + 2 * r > row_width:
            x, y, row_height, first_in_row = 0.0, y + row_height + spacing, 0.0, True
        cx, cy = x + r, y + r
        for i, node in enumerate(members[key]):
            distance, angle = spacing * math.sqrt(i), i * _GOLDEN_ANGLE
            pos[node] = (round(cx + distance * math.cos(angle), 1), round(cy + distance * math.sin(angle), 1))
        x += 2 * r + spacing
        row_height = max(row_height, 2 * r)
        first_in_row = False
    if pos:
        first = pos[members[order[0]][0]]
        pos = {node: (round(px - first[0], 1), round(py - first[1], 1)) for node, (px, py) in pos.items()}
    return pos
