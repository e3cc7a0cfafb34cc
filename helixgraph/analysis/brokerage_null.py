"""Expected brokerage counts and their standard deviations when ties fall at random.

The null is Gould and Fernandez's, as R's ``sna::brokerage`` computes it: the group sizes are
kept and every possible tie is present independently with the observed density ``d``. An open
two-path ``a -> v -> b`` then occurs with probability ``q = d**2 * (1 - d)``; two such paths are
dependent only when they share a tie, which gives the variances below. In a directed graph a tie
is an arc and ``d = m / (N (N - 1))``; in an undirected graph it is an edge, ``d = m / C(N, 2)``,
and an open path is the unordered pair ``{a, b}`` (see :mod:`helixgraph.analysis.brokerage`).

The node-level moments are exact and equal ``sna::brokerage``'s. For the graph-level totals
:func:`global_moments` sums every dependency between paths (checked against enumerating all
graphs on four and five nodes), while :func:`sna_global_moments` reproduces the closed forms
``sna`` prints, whose variances leave some of them out.

All functions take the group sizes (every node in exactly one group) and the density.
"""

from __future__ import annotations

import functools
import itertools
import math
from collections import Counter
from collections.abc import Callable, Sequence
from dataclasses import dataclass

import numpy as np

__all__ = [
    "DIRECTED_ROLES",
    "UNDIRECTED_ROLES",
    "global_moments",
    "node_moments",
    "sna_global_moments",
]

#: Directed roles in the order of ``sna::brokerage`` (w_I, w_O, b_IO, b_OI, b_O, t).
DIRECTED_ROLES = ("coordinator", "itinerant", "representative", "gatekeeper", "liaison", "total")
#: Undirected roles: representative and gatekeeper cannot be told apart without direction.
UNDIRECTED_ROLES = ("coordinator", "itinerant", "representative_gatekeeper", "liaison", "total")


def node_moments(
    sizes: Sequence[int], density: float, *, directed: bool = True
) -> tuple[np.ndarray, np.ndarray]:
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
    mean = mean + 0.0  # no negative zeros from empty groups
    if not directed:
        # Keep representative as representative_gatekeeper and drop gatekeeper; halve the rest.
        keep, divisor = [0, 1, 2, 4, 5], np.array([2.0, 2.0, 1.0, 2.0, 2.0])
        mean, variance = mean[:, keep] / divisor, variance[:, keep] / divisor
    return mean, np.sqrt(variance)


def global_moments(
    sizes: Sequence[int], density: float, *, directed: bool = True
) -> tuple[np.ndarray, np.ndarray]:
    """Exact mean and standard deviation of each role's total over all brokers.

    Parameters
    ----------
    sizes : sequence of int
    density : float
    directed : bool

    Returns
    -------
    expected, sd : numpy.ndarray
        One value per role of :data:`DIRECTED_ROLES` or :data:`UNDIRECTED_ROLES`.

    Notes
    -----
    The variance of a sum of path indicators is the sum of their covariances. Two open paths
    are dependent only when they share a tie, so only when their node triples are the same or
    share two nodes. Each pair's covariance follows from the ties it needs present and absent
    (zero when one path needs a tie the other needs absent), and each role depends only on which
    nodes share a group; the sum therefore runs over the ways 3 or 4 distinct nodes can share
    groups, each weighted by the number of node tuples that do. The means equal those of
    ``sna::brokerage``; its graph-level variances (:func:`sna_global_moments`) leave out some of
    these covariances, for instance that two different open paths through the same three nodes
    can exclude each other.

    Examples
    --------
    Three nodes in one group: the six ordered pairs, each open with probability 1/8.

    >>> expected, sd = global_moments([3], 0.5)
    >>> expected.tolist()
    [0.75, 0.0, 0.0, 0.0, 0.0, 0.75]
    >>> global_moments([3], 0.5, directed=False)[0].tolist()
    [0.375, 0.0, 0.0, 0.0, 0.375]
    """
    n = [int(x) for x in sizes]
    d = float(density)
    q = d**2 * (1 - d)
    k = (len(DIRECTED_ROLES) if directed else len(UNDIRECTED_ROLES)) - 1
    count = np.zeros(k)
    covariance = np.zeros((k, k))  # summed over ordered pairs of paths, the diagonal included

    # Paths on one node triple: every labelling of the triple as positions 0, 1, 2 lists each
    # pair of paths once, so the sum over ordered triples counts everything 3! times.
    on_triple = _paths((0, 1, 2), directed)
    for labels, tuples in _patterns(n, 3):
        for path in on_triple:
            count[path.role(labels, directed)] += tuples / 6
        for first in on_triple:
            for second in on_triple:
                cov = _covariance(first, second, d, q)
                if cov:
                    covariance[first.role(labels, directed), second.role(labels, directed)] += (
                        tuples * cov / 6
                    )
    # Paths on triples {0, 1, 2} and {0, 1, 3}: dependent only through the tie between 0 and 1;
    # swapping positions 0 and 1 lists each pair of paths a second time.
    left, right = _paths((0, 1, 2), directed), _paths((0, 1, 3), directed)
    for labels, tuples in _patterns(n, 4):
        for first in left:
            for second in right:
                cov = _covariance(first, second, d, q)
                if cov:
                    covariance[first.role(labels, directed), second.role(labels, directed)] += (
                        tuples * cov / 2
                    )

    mean = np.append(count, count.sum()) * q
    variance = np.append(np.diag(covariance), covariance.sum())
    return mean, np.sqrt(np.maximum(variance, 0.0))


def sna_global_moments(sizes: Sequence[int], density: float) -> tuple[np.ndarray, np.ndarray]:
    """Directed graph-level means and standard deviations as ``sna::brokerage`` computes them.

    The closed forms of ``exp.gli`` and ``sd.gli`` in R's ``sna`` (version 2.7). The means are
    exact; the variances of the coordinator, representative, gatekeeper and total counts differ
    from the exact ones of :func:`global_moments`. Kept so that results can be compared with
    what ``sna`` users report.

    Examples
    --------
    >>> expected, sd = sna_global_moments([3], 0.5)
    >>> expected.tolist() == global_moments([3], 0.5)[0].tolist()
    True
    >>> bool(sd[0] > global_moments([3], 0.5)[1][0])
    True
    """
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

    coordinator = sum(
        x * (x - 1) * (x - 2) * ((4 * x - 10) * c3 - 4 * (x - 3) * c4 + (x - 3) * c5) for x in n
    )
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
    return _distinct_product_sum(n, [lambda x, p=p: x**p for p in powers])


def _distinct_product_sum(n: Sequence[int], factors: Sequence[Callable[[int], int]]) -> int:
    """Sum over ordered tuples of distinct groups ``(g_1, ..., g_r)`` of ``prod_t factors[t](n[g_t])``.

    Groups of equal size contribute equally, so the sums run over the distinct sizes (many
    nodes without a group make many groups of one).
    """
    sizes = Counter(int(x) for x in n)
    total = 0
    for partition in _set_partitions(list(range(len(factors)))):
        weight = math.prod((-1) ** (len(block) - 1) * math.factorial(len(block) - 1) for block in partition)
        term = 1
        for block in partition:
            term *= sum(times * math.prod(factors[t](size) for t in block) for size, times in sizes.items())
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


@dataclass(frozen=True)
class _Path:
    """An open path on node positions: ties it needs present and absent, and its three ends."""

    tail: int
    broker: int
    head: int
    present: frozenset
    absent: frozenset

    def role(self, labels: Sequence[int], directed: bool) -> int:
        """Index of the path's role in the directed or undirected role list, given group labels."""
        a, v, b = labels[self.tail], labels[self.broker], labels[self.head]
        if directed:
            if a == v == b:
                return 0
            if a == b:
                return 1
            if v == a:
                return 2
            return 3 if v == b else 4
        if a == b:
            return 0 if v == a else 1
        return 2 if v in (a, b) else 3


def _paths(positions: tuple[int, int, int], directed: bool) -> list[_Path]:
    """The open paths a graph can hold on three node positions."""

    def tie(x: int, y: int):
        return (x, y) if directed else frozenset((x, y))

    paths = []
    for a, v, b in itertools.permutations(positions):
        if not directed and a > b:
            continue  # the unordered pair {a, b} through v, listed once
        paths.append(_Path(a, v, b, frozenset({tie(a, v), tie(v, b)}), frozenset({tie(a, b)})))
    return paths


def _covariance(first: _Path, second: _Path, d: float, q: float) -> float:
    """Covariance of two path indicators when every tie is present with probability `d`."""
    if not (first.present | first.absent) & (second.present | second.absent):
        return 0.0
    present, absent = first.present | second.present, first.absent | second.absent
    if present & absent:
        return -(q**2)
    return d ** len(present) * (1 - d) ** len(absent) - q**2


def _falling(x: int, length: int) -> int:
    """Ordered ways to pick `length` distinct members of a group of `x`."""
    return math.perm(x, length)


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
        factors = [functools.partial(_falling, length=len(block)) for block in partition]
        yield tuple(labels), _distinct_product_sum(n, factors)
