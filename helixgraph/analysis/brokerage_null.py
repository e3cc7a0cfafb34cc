"""Expected brokerage counts and their standard deviations when ties fall at random.

The null is Gould and Fernandez's, as R's ``sna::brokerage`` computes it: the group sizes are
kept and every possible tie is present independently with the observed density ``d``. An open
two-path ``a -> v -> b`` then occurs with probability ``q = d**2 * (1 - d)``; two such paths are
dependent only when they share a tie, which gives the variances below. In a directed graph a tie
is an arc and ``d = m / (N (N - 1))``; in an undirected graph it is an edge, ``d = m / C(N, 2)``,
and an open path is the unordered pair ``{a, b}`` (see :mod:`helixgraph.analysis.brokerage`).

All functions take the group sizes ``n`` (every node in exactly one group) and the density and
return floats; counts that enter them are computed exactly with Python integers first.
"""

from __future__ import annotations

import math
from collections.abc import Sequence

import numpy as np

__all__ = [
    "DIRECTED_ROLES",
    "UNDIRECTED_ROLES",
    "global_moments",
    "node_moments",
]

#: Directed roles in the order of ``sna::brokerage`` (w_I, w_O, b_IO, b_OI, b_O, t).
DIRECTED_ROLES = ("coordinator", "itinerant", "representative", "gatekeeper", "liaison", "total")
#: Undirected roles: representative and gatekeeper cannot be told apart without direction.
UNDIRECTED_ROLES = ("coordinator", "itinerant", "representative_gatekeeper", "liaison", "total")


def node_moments(sizes: Sequence[int], density: float, *, directed: bool = True) -> tuple[np.ndarray, np.ndarray]:
    """Expected count and standard deviation of each role for a broker in each group.

    Parameters
    ----------
    sizes : sequence of int
        Size of each group; their sum is the number of nodes ``N``.
    density : float
        Share of possible ties present.
    directed : bool
        Directed roles (:data:`DIRECTED_ROLES`, ``sna::brokerage``'s ``exp.grp`` and ``sd.grp``)
        or undirected ones (:data:`UNDIRECTED_ROLES`).

    Returns
    -------
    expected, sd : numpy.ndarray
        Shape ``(len(sizes), number of roles)``; row ``g`` is for a broker in group ``g``.

    Notes
    -----
    Directed, for a broker in a group of size ``n`` with ``s = n - 1`` other members and
    ``o = N - n`` outsiders, and ``c = d**3 (1 - d)**3`` the covariance of two open paths through
    the broker that share one arc: the coordinator count has mean ``q s (s - 1)`` and variance
    ``mean (1 - q) + 2 s (s - 1) (s - 2) c``, and the other roles follow the same pattern over
    their own ordered pairs of ends.

    Undirected, the same derivation over unordered pairs gives half the directed mean and
    variance for coordinator, itinerant, liaison and total (each unordered pair is one of two
    ordered ones, and half as many pairs of pairs share an edge), and exactly the directed
    representative mean and variance for ``representative_gatekeeper`` (an unordered pair with
    one end in the broker's group is one representative and one gatekeeper path).

    Examples
    --------
    Two groups of two, density one half, so each ordered pair of ends is open with probability
    1/8. A broker has no second member of its group to coordinate with, and two groups leave no
    room for a liaison; its six ordered pairs are two itinerant, two representative and two
    gatekeeper pairs:

    >>> expected, sd = node_moments([2, 2], 0.5)
    >>> expected[0].tolist()
    [0.0, 0.25, 0.25, 0.25, 0.0, 0.75]
    >>> expected, sd = node_moments([2, 2], 0.5, directed=False)
    >>> expected[0].tolist()
    [0.0, 0.125, 0.25, 0.0, 0.375]
    """
    n = np.asarray(sizes, dtype=float)
    N = n.sum()
    d = float(density)
    q = d**2 * (1 - d)
    c = d**3 * (1 - d) ** 3
    s, o = n - 1, N - n
    ordered_within = float(np.sum(n * (n - 1)))
    triples_within = float(np.sum(n * (n - 1) * (n - 2)))
    squares = float(np.sum(n**2))
    mean = np.column_stack([
        q * s * (s - 1),
        q * (ordered_within - n * (n - 1)),
        q * o * s,
        q * o * s,
        q * ((N - n) ** 2 - (squares - n**2)),
        np.full_like(n, q * (N - 1) * (N - 2)),
    ])  # fmt: skip
    # Liaison: sum over the other groups h of n_h * C(N - n_h - n, 2), expanded in powers of n
    # so that it is one pass over the groups; the h == g term is then taken away.
    u = N - n
    a = float(np.sum(n * u * (u - 1)))
    b = float(np.sum(n * (2 * u - 1)))
    liaison_pairs = (a - n * b + n**2 * N - n * (N - 2 * n) * (N - 2 * n - 1)) / 2
    shared = np.column_stack([
        2 * s * (s - 1) * (s - 2),
        2 * (triples_within - n * (n - 1) * (n - 2)),
        2 * (s * o * (o - 1) / 2 + o * s * (s - 1) / 2),
        2 * (s * o * (o - 1) / 2 + o * s * (s - 1) / 2),
        4 * liaison_pairs,
        np.full_like(n, 2 * (N - 1) * (N - 2) * (N - 3)),
    ])  # fmt: skip
    variance = mean * (1 - q) + shared * c
    if not directed:
        halve = [0, 1, 4, 5]
        mean = np.column_stack([mean[:, halve[:2]] / 2, mean[:, 2], mean[:, halve[2:]] / 2])
        variance = np.column_stack([variance[:, halve[:2]] / 2, variance[:, 2], variance[:, halve[2:]] / 2])
    return mean, np.sqrt(variance)


def global_moments(sizes: Sequence[int], density: float, *, directed: bool = True) -> tuple[np.ndarray, np.ndarray]:
    """Expected total of each role over all brokers, and its standard deviation.

    Directed, these are the closed forms of ``sna::brokerage``'s ``exp.gli`` and ``sd.gli``.
    Undirected, the variance is summed over every pair of open paths that share an edge
    (:func:`_undirected_global_moments`).

    Parameters
    ----------
    sizes : sequence of int
    density : float
    directed : bool

    Returns
    -------
    expected, sd : numpy.ndarray
        One value per role of :data:`DIRECTED_ROLES` or :data:`UNDIRECTED_ROLES`.

    Examples
    --------
    Three nodes in one group: the six ordered pairs, each open with probability 1/8.

    >>> expected, sd = global_moments([3], 0.5)
    >>> expected.tolist()
    [0.75, 0.0, 0.0, 0.0, 0.0, 0.75]
    >>> global_moments([3], 0.5, directed=False)[0].tolist()
    [0.375, 0.0, 0.0, 0.0, 0.375]
    """
    if not directed:
        return _undirected_global_moments(sizes, density)
    n = [int(x) for x in sizes]
    N = sum(n)
    d = float(density)
    q = d**2 * (1 - d)
    c3, c4, c5 = d**3 * (1 - d) ** 3, d**4 * (1 - d) ** 2, d**5 * (1 - d)
    S = [sum(x**k for x in n) for k in range(5)]  # exact power sums

    within = sum(x * (x - 1) * (x - 2) for x in n)
    across = sum(x * (N - x) * (x - 1) for x in n)
    liaison_count = N * S[1] ** 2 - 2 * S[2] * S[1] - sum(x * x * (N - 2 * x) for x in n)
    total = N * (N - 1) * (N - 2)
    mean = np.array([q * within, q * across, q * across, q * across, q * liaison_count, q * total])

    coordinator = sum(x * (x - 1) * (x - 2) * ((4 * x - 10) * c3 - 4 * (x - 3) * c4 + (x - 3) * c5) for x in n)
    # sum over all x, y of x y (x-1) [(2x + 2y - 6) c3 + (N - x - 1) c5], minus the x == y terms.
    itinerant = (
        sum(x * (x - 1) * ((2 * x - 6) * c3 + (N - x - 1) * c5) for x in n) * S[1]
        + 2 * c3 * sum(x * (x - 1) for x in n) * S[2]
        - sum(x * x * (x - 1) * ((4 * x - 6) * c3 + (N - x - 1) * c5) for x in n)
    )
    representative = sum(x * (N - x) * (x - 1) * ((N - 3) * c3 + (x - 2) * c5) for x in n)
    # sum over distinct groups i, j, k of n_i n_j n_k times a term linear in n_i, n_j, n_k.
    constant = (4 * N - 2) * (c3 - c4) + (N - 1) * c5
    linear = (-2 * c3 + 2 * c4 - c5) + (-4 * c3 + 2 * c4) + (-2 * c3 + 4 * c4 - c5)
    liaison = constant * _distinct_sum(n, (1, 1, 1)) + linear * _distinct_sum(n, (2, 1, 1))
    everything = total * ((4 * N - 10) * c3 - 4 * (N - 3) * c4 + (N - 3) * c5)
    shared = np.array([coordinator, itinerant, representative, representative, liaison, everything])
    return mean, np.sqrt(mean * (1 - q) + shared)


def _distinct_sum(n: Sequence[int], powers: Sequence[int]) -> int:
    """Sum over ordered tuples of distinct groups of the product of ``n[g_t] ** powers[t]``.

    Computed from power sums by Moebius inversion over the partitions of the positions, so it
    costs one pass over the groups per partition instead of one per tuple.

    >>> _distinct_sum([1, 2, 3], (1, 1))
    22
    """
    return _distinct_product_sum([[x**p for x in n] for p in powers])


def _distinct_product_sum(columns: Sequence[Sequence[int]]) -> int:
    """Sum over ordered tuples of distinct indices ``(g_1, ..., g_r)`` of ``prod_t columns[t][g_t]``."""
    total = 0
    for partition in _set_partitions(list(range(len(columns)))):
        weight = math.prod((-1) ** (len(block) - 1) * math.factorial(len(block) - 1) for block in partition)
        term = 1
        for block in partition:
            term *= sum(math.prod(columns[t][g] for t in block) for g in range(len(columns[0])))
        total += weight * term
    return total


def _set_partitions(items: list) -> list[list[list]]:
    """All partitions of `items` into non-empty blocks."""
    if not items:
        return [[]]
    first, rest = items[0], items[1:]
    partitions = []
    for smaller in _set_partitions(rest):
        partitions.append([[first], *smaller])
        for i in range(len(smaller)):
            partitions.append([*smaller[:i], [first, *smaller[i]], *smaller[i + 1 :]])
    return partitions


def _undirected_role(ends: tuple, broker) -> int:
    """Index in :data:`UNDIRECTED_ROLES` of an open pair with end groups `ends` through `broker`."""
    a, b = ends
    if a == b:
        return 0 if a == broker else 1
    return 2 if broker in (a, b) else 3


def _undirected_global_moments(sizes: Sequence[int], density: float) -> tuple[np.ndarray, np.ndarray]:
    """Mean and sd of each undirected role's total, summing covariances over shapes of node tuples.

    An open pair is ``(v; {a, b})``: edges ``a - v`` and ``v - b``, no edge ``a - b``. Two open
    pairs are dependent only when their node triples share two nodes (or are the same triple):

    * same triple, different broker: they exclude each other, covariance ``-q**2``;
    * triples ``{x, y, z}`` and ``{x, y, w}``: the shared edge ``x - y`` is a spoke of both
      (covariance ``d**3 (1 - d)**3``), the missing edge of both (``d**5 (1 - d)``), or a spoke of
      one and missing in the other (they exclude each other, ``-q**2``).

    Each role depends only on which of the nodes share a group, so the sums run over the
    equality patterns of the groups of 3 or 4 distinct nodes, each weighted by the number of
    node tuples showing it.
    """
    n = [int(x) for x in sizes]
    d = float(density)
    q = d**2 * (1 - d)
    spoke_spoke, missing_missing, exclusive = d**3 * (1 - d) ** 3, d**5 * (1 - d), -(q**2)
    k = len(UNDIRECTED_ROLES) - 1
    count = np.zeros(k)  # open-pair opportunities per role
    pair_cov = np.zeros((k, k))  # summed covariance between the roles of distinct open pairs

    for labels, tuples in _patterns(n, 3):
        x, y, z = labels  # ordered triple (x, y, z): the pair (y; {x, z}) and the pair (x; {y, z})
        count[_undirected_role((x, z), y)] += tuples / 2
        pair_cov[_undirected_role((y, z), x), _undirected_role((x, z), y)] += tuples * exclusive
    for labels, tuples in _patterns(n, 4):
        x, y, z, w = labels  # triples {x, y, z} and {x, y, w}, sharing x - y; ordered x, y: halve
        for broker_1, ends_1 in ((x, (y, z)), (y, (x, z)), (z, (x, y))):
            for broker_2, ends_2 in ((x, (y, w)), (y, (x, w)), (w, (x, y))):
                spoke_1, spoke_2 = broker_1 != z, broker_2 != w
                cov = spoke_spoke if spoke_1 and spoke_2 else missing_missing if not (spoke_1 or spoke_2) else exclusive
                pair_cov[_undirected_role(ends_1, broker_1), _undirected_role(ends_2, broker_2)] += tuples * cov / 2

    mean = np.append(count, count.sum()) * q
    variance = np.append(np.diag(pair_cov), pair_cov.sum()) + mean * (1 - q)
    return mean, np.sqrt(np.maximum(variance, 0.0))


def _patterns(n: Sequence[int], r: int):
    """Yield ``(labels, tuples)`` for each way `r` distinct nodes can share groups.

    ``labels`` gives each position a block number (positions with one number share a group);
    ``tuples`` is how many ordered tuples of distinct nodes have exactly that pattern.
    """
    for partition in _set_partitions(list(range(r))):
        labels = [0] * r
        for block_id, block in enumerate(partition):
            for position in block:
                labels[position] = block_id
        columns = [[math.perm(x, len(block)) for x in n] for block in partition]
        yield tuple(labels), _distinct_product_sum(columns)

