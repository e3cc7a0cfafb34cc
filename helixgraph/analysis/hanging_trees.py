"""The 2-core of an undirected graph and the trees hanging off it.

Peeling degree-one nodes off a graph until none is left leaves its 2-core; every peeled node lies in a
tree attached to exactly one core node, its root (a component without a core is a tree of its own,
rooted at its first node). Inside such a tree every path is unique, so the pairs of nodes that a tree
node separates are counted exactly from subtree sizes, and a shortest path between two trees runs
from one root to the other through the core. :mod:`helixgraph.analysis.adaptive_betweenness` uses this
to search from core nodes only, each standing for its whole tree.
"""

from __future__ import annotations

from dataclasses import dataclass

import igraph as ig
import numpy as np

__all__ = ["HangingTrees", "hanging_trees"]


@dataclass(frozen=True)
class HangingTrees:
    """Core, roots, tree weights and the pairs the trees force through each node.

    All arrays are indexed by vertex id.

    Attributes
    ----------
    component : numpy.ndarray
        Connected component of each node.
    component_size : numpy.ndarray
        Number of nodes in each node's component.
    in_core : numpy.ndarray
        True for the nodes of the 2-core.
    root : numpy.ndarray
        The root of each node's tree (the core node it hangs from; a core node is its own root).
    weight : numpy.ndarray
        Nodes in each node's subtree, itself included, seen from its root; for a root, its whole tree.
    tree_pairs : numpy.ndarray
        Ordered pairs ``(s, t)`` of other nodes whose every path passes the node because they lie in
        different pieces of its tree, or one in its tree and one beyond it. For a node outside the core
        this is its betweenness in ordered pairs; a core node also lies on paths through the core.
    """

    component: np.ndarray
    component_size: np.ndarray
    in_core: np.ndarray
    root: np.ndarray
    weight: np.ndarray
    tree_pairs: np.ndarray


def hanging_trees(graph: ig.Graph) -> HangingTrees:
    """Split an undirected simple igraph graph into its 2-core and the trees hanging off it.

    Removing a tree node ``v`` leaves one piece per child subtree (sizes ``c_i``) and the rest of its
    component (``N - weight[v]`` nodes, ``N`` the component's size); every path between two pieces
    passes ``v``, so ``tree_pairs[v] = (N - 1)**2 - sum(c_i**2) - (N - weight[v])**2``.

    Examples
    --------
    A triangle with a path of two nodes hanging from node 2:

    >>> import igraph as ig
    >>> trees = hanging_trees(ig.Graph([(0, 1), (1, 2), (2, 0), (2, 3), (3, 4)]))
    >>> trees.in_core.tolist(), trees.root.tolist(), trees.weight.tolist()
    ([True, True, True, False, False], [0, 1, 2, 2, 2], [1, 1, 3, 2, 1])
    >>> trees.tree_pairs.tolist()  # 2 separates {0, 1} from {3, 4}; 3 separates 4 from {0, 1, 2}
    [0, 0, 8, 6, 0]
    """
    n = graph.vcount()
    component = np.asarray(graph.connected_components().membership, dtype=np.int64)
    sizes = np.bincount(component, minlength=1)
    in_core = np.asarray(graph.coreness(), dtype=np.int64) >= 2
    edges = np.asarray(graph.get_edgelist(), dtype=np.int64).reshape(-1, 2)
    forest = edges[~(in_core[edges[:, 0]] & in_core[edges[:, 1]])]
    # Roots: the core nodes, and the first node of each component without a core.
    is_root = in_core.copy()
    with_core = np.bincount(component, weights=in_core, minlength=len(sizes)) > 0
    first = np.full(len(sizes), -1, dtype=np.int64)
    first[component[::-1]] = np.arange(n - 1, -1, -1)
    is_root[first[~with_core]] = True
    roots = np.flatnonzero(is_root)
    # One breadth-first search from an extra node tied to every root walks all the trees at once.
    hub_edges = np.column_stack([np.full(len(roots), n), roots])
    walk = ig.Graph(n=n + 1, edges=np.vstack([forest, hub_edges]).tolist())
    order, starts, parents = walk.bfs(n)
    order, parents = np.asarray(order), np.asarray(parents)
    levels = [order[starts[i] : starts[i + 1]] for i in range(2, len(starts) - 1)]  # tree nodes, by depth
    weight = np.ones(n + 1, dtype=np.int64)
    squares = np.zeros(n + 1, dtype=np.int64)
    for nodes in reversed(levels):
        np.add.at(weight, parents[nodes], weight[nodes])
        np.add.at(squares, parents[nodes], weight[nodes] ** 2)
    weight, squares = weight[:n], squares[:n]
    root = np.arange(n, dtype=np.int64)
    for nodes in levels:
        root[nodes] = root[parents[nodes]]
    size = sizes[component]
    tree_pairs = (size - 1) ** 2 - squares - (size - weight) ** 2
    return HangingTrees(component=component, component_size=size, in_core=in_core, root=root,
                        weight=weight, tree_pairs=tree_pairs)
