"""Brandes' dependency accumulation with node weights and linear scaling, in NumPy.

A source's dependency on a node ``v`` is the share of the shortest paths from the source that pass
``v``, summed over the targets. Here targets carry weights (a node standing for a tree hanging off
it counts as that many targets) and each path's share is scaled by how far along it ``v`` lies,
``d(s, v) / d(s, t)`` (Geisberger, Sanders and Schultes' linear scaling). A pair's two directions then
add up to exactly one path: a node near a sampled source is no longer credited with all the paths
that leave it, which is what makes plain source sampling rank the top nodes so unevenly.

Each breadth-first search runs one NumPy operation per distance level over the arcs it reaches.
"""

from __future__ import annotations

import numpy as np

__all__ = ["csr_adjacency", "linear_dependencies"]

def csr_adjacency(n: int, edges: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """Compressed rows of an undirected graph: ``indices[indptr[v]:indptr[v + 1]]`` are ``v``'s neighbours.

    >>> indptr, indices = csr_adjacency(3, np.array([[0, 1], [1, 2]]))
    >>> indptr.tolist(), indices.tolist()
    ([0, 1, 3, 4], [1, 0, 2, 1])
    """
    edges = np.asarray(edges, dtype=np.int64).reshape(-1, 2)
    tails = np.concatenate([edges[:, 0], edges[:, 1]])
    heads = np.concatenate([edges[:, 1], edges[:, 0]])
    order = np.lexsort((heads, tails))
    indptr = np.zeros(n + 1, dtype=np.int64)
    np.cumsum(np.bincount(tails, minlength=n), out=indptr[1:])
    return indptr, heads[order]


def linear_dependencies(
    indptr: np.ndarray, indices: np.ndarray, weight: np.ndarray, sources: np.ndarray, source_weight: np.ndarray
) -> np.ndarray:
    """Sum over `sources` of ``source_weight[s] * sum_t weight[t] * d(s, v) / d(s, t) * sigma_st(v) / sigma_st``.

    ``sigma_st`` counts the shortest ``s``-``t`` paths and ``sigma_st(v)`` those through ``v``; ``v``
    is never an end of the paths it is credited with. With every node as a source, unit weights and
    unit source weights the result is each node's betweenness over unordered pairs: each pair is
    shared between its two ends in proportion to their distances to ``v``.

    Parameters
    ----------
    indptr, indices : numpy.ndarray
        The undirected graph, as :func:`csr_adjacency` gives it.
    weight : numpy.ndarray
        Weight of each node as a target.
    sources, source_weight : numpy.ndarray
        Source nodes (distinct) and their weights.

    Returns
    -------
    numpy.ndarray
        One value per node.

    Examples
    --------
    A path 0-1-2-3: node 1 lies on the paths 0-2 and 0-3 (each unordered pair once).

    >>> indptr, indices = csr_adjacency(4, np.array([[0, 1], [1, 2], [2, 3]]))
    >>> all_sources = linear_dependencies(indptr, indices, np.ones(4), np.arange(4), np.ones(4))
    >>> all_sources.round(12).tolist()
    [0.0, 2.0, 2.0, 0.0]

    From node 0 alone, node 1 gets half of the path to 2 and a third of the path to 3:

    >>> linear_dependencies(indptr, indices, np.ones(4), np.array([0]), np.ones(1)).round(4).tolist()
    [0.0, 0.8333, 0.6667, 0.0]

    References
    ----------
    .. [1] R. Geisberger, P. Sanders and D. Schultes, "Better approximation of betweenness
       centrality", Proc. ALENEX 2008, 90-100. https://doi.org/10.1137/1.9781611972887.9
    .. [2] U. Brandes, "A faster algorithm for betweenness centrality", Journal of Mathematical
       Sociology 25(2), 163-177, 2001. https://doi.org/10.1080/0022250X.2001.9990249
    """
    n = len(indptr) - 1
    total = np.zeros(n)
    degree = np.diff(indptr)
    weight = np.asarray(weight, dtype=float)
    for source, times in zip(np.asarray(sources, dtype=np.int64).tolist(),
                             np.asarray(source_weight, dtype=float).tolist(), strict=True):
        total += times * _dependencies(indptr, indices, degree, weight, source)
    return total


def _dependencies(indptr: np.ndarray, indices: np.ndarray, degree: np.ndarray, weight: np.ndarray,
                  source: int) -> np.ndarray:
    """Linear-scaled dependencies of every node on one source.

    One search at a time: its arrays stay small enough for the processor's cache, which matters
    more here than the Python loop over sources.
    """
    n = len(indptr) - 1
    dist = np.full(n, -1, dtype=np.int64)
    sigma = np.zeros(n)
    stamp = np.zeros(n, dtype=np.int64)
    frontier = np.array([source], dtype=np.int64)
    dist[source], sigma[source] = 0, 1.0
    steps = []  # per level: the arcs (tail, head) of the shortest-path DAG into that level
    level = 0
    while len(frontier):
        count = degree[frontier]
        arcs = int(count.sum())
        if arcs == 0:
            break
        owner = np.repeat(np.arange(len(frontier)), count)
        first = indptr[frontier] - (np.cumsum(count) - count)  # a node's first arc, less the arcs before it
        head = indices[first[owner] + np.arange(arcs)]
        onward = dist[head] < 0
        head, tail = head[onward], frontier[owner[onward]]
        if len(head) == 0:
            break
        dist[head] = level + 1
        np.add.at(sigma, head, sigma[tail])
        stamp[head] = np.arange(len(head))
        frontier = head[stamp[head] == np.arange(len(head))]  # each new node once
        steps.append((tail, head))
        level += 1
    target = weight / np.maximum(dist, 1)
    delta = np.zeros(n)
    for tail, head in reversed(steps):
        np.add.at(delta, tail, sigma[tail] / sigma[head] * (target[head] + delta[head]))
    delta *= np.maximum(dist, 0)  # d(s, v): zero at the source, and for nodes it does not reach
    return delta
