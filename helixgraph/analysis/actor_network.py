"""Simple graphs to run the metrics on, made from the projected multigraph.

The RDF projection gives a ``networkx.MultiDiGraph``: one arc per relation, several arcs between
the same two actors when several relations (or several sources) link them. Most network measures
are defined on simple graphs, so the analysis runs on a collapsed view whose edge ``weight``
counts the relations behind each tie.
"""

from __future__ import annotations

from collections.abc import Collection, Iterable

import networkx as nx

from helixgraph.ontology.vocabulary import load_vocabulary

__all__ = ["actor_view", "directed_actor_view", "flow_view", "simple_view", "without_places"]


def simple_view(G: nx.Graph, *, directed: bool = False, weight: str = "weight",
                share_attributes: bool = False) -> nx.Graph:
    """Collapse `G` to a simple graph whose edge weight counts the parallel edges.

    Parameters
    ----------
    G : networkx graph
        Usually the projected ``MultiDiGraph``; any NetworkX graph is accepted.
    directed : bool
        If True return a ``DiGraph``: the weight of ``u -> v`` is the number of arcs from `u` to
        `v`. If False (the default) return a ``Graph``: the weight of ``{u, v}`` is the number of
        arcs between `u` and `v` in either direction.
    weight : str
        Name of the edge attribute that receives the count. Existing edge attributes, including
        one already called `weight`, are not carried over.
    share_attributes : bool
        Give each node the attribute dict of `G`'s node itself instead of a copy: a change to one
        is a change to the other. The analysis shares them between the views it makes of one
        network, whose attributes it only reads (a copy per view costs hundreds of megabytes at
        a million nodes).

    Returns
    -------
    networkx.Graph or networkx.DiGraph
        Same nodes, in the same order and with the same attributes (copied unless shared).
        Self-loops are dropped: an actor related to itself is not a tie.

    Examples
    --------
    >>> import networkx as nx
    >>> M = nx.MultiDiGraph()
    >>> M.add_edges_from([("lab", "firm"), ("lab", "firm"), ("firm", "lab"), ("firm", "firm")])
    [0, 1, 0, 0]
    >>> U = simple_view(M)
    >>> U["lab"]["firm"]["weight"], U.number_of_edges()
    (3, 1)
    >>> D = simple_view(M, directed=True)
    >>> D["lab"]["firm"]["weight"], D["firm"]["lab"]["weight"]
    (2, 1)
    """
    counts: dict[tuple, int] = {}
    for u, v in G.edges():
        if u == v:
            continue
        if not directed and (v, u) in counts:
            u, v = v, u
        counts[u, v] = counts.get((u, v), 0) + 1
    H = nx.DiGraph() if directed else nx.Graph()
    _add_nodes(H, G, G, share_attributes)
    H.add_edges_from((u, v, {weight: count}) for (u, v), count in counts.items())
    return H


def _add_nodes(H: nx.Graph, G: nx.Graph, nodes: Iterable, share: bool) -> None:
    """Add `nodes` (of `G`) to `H` in the order given, with `G`'s attributes copied or shared."""
    if not share:
        H.add_nodes_from((node, dict(G.nodes[node])) for node in nodes)
        return
    nodes = list(nodes)
    H.add_nodes_from(nodes)
    # networkx keeps each node's attribute dict in ``_node`` (see its "Subclasses" guide); placing
    # G's dict there is the one way to share it rather than copy it.
    table, source = H._node, G._node
    for node in nodes:
        table[node] = source[node]


def actor_view(G: nx.Graph, *, actor_classes: Collection[str] | None = None, fold: bool = True,
               place_classes: Collection[str] | None = None, share_attributes: bool = False) -> nx.Graph:
    """The actor-only network: organisations and cohorts, tied directly or through a person or product.

    Organisations and actor cohorts carry a ``sector``; people, products and places have
    ``sector=None``. The actor view keeps the actors and, with `fold`, rewires every dropped
    person or product into ties between the actors it connects (a scientist who works at an
    institute and co-founded a firm ties the two; a drug developed by a firm and reviewed by a
    regulator ties those), as a bipartite projection would. Folded edges carry ``predicate="via"``
    and ``via`` (the dropped node). Places are never folded: a place joins everyone located in it, and
    folding it would tie every pair of a park's tenants. This is the
    organisation network the Triple-Helix and brokerage literature studies.

    Parameters
    ----------
    G : networkx graph
        Nodes carry ``sector`` and ``cls`` attributes.
    actor_classes : collection of str, optional
        If given, keep the nodes whose ``cls`` is in this collection instead of the nodes that
        have a sector (for example ``{"Company", "Hospital"}``).
    fold : bool
        Rewire ties through dropped non-place nodes (default); False drops them with their ties.
    place_classes : collection of str, optional
        Classes never folded; by default ``eco:Place`` and its subclasses, read from the ontology.
    share_attributes : bool
        Share the nodes' attribute dicts with `G` instead of copying them (see :func:`simple_view`).

    Returns
    -------
    networkx graph
        A new graph of the same type as `G`, nodes in the order of `G`.

    Examples
    --------
    >>> import networkx as nx
    >>> G = nx.MultiDiGraph()
    >>> G.add_node("lab", cls="ResearchInstitute", sector="AcademiaResearch")
    >>> G.add_node("firm", cls="Company", sector="Industry")
    >>> G.add_node("founder", cls="Person", sector=None)
    >>> G.add_node("park", cls="SciencePark", sector=None)
    >>> _ = G.add_edge("founder", "lab"), G.add_edge("founder", "firm")
    >>> _ = G.add_edge("lab", "park"), G.add_edge("firm", "park")
    >>> A = actor_view(G)
    >>> sorted(A), [(u, v, d["via"]) for u, v, d in A.edges(data=True)]
    (['firm', 'lab'], [('lab', 'firm', 'founder')])
    >>> actor_view(G, fold=False).number_of_edges()
    0
    """
    if actor_classes is None:
        keep = [node for node, sector in G.nodes(data="sector") if sector is not None]
    else:
        classes = set(actor_classes)
        keep = [node for node, cls in G.nodes(data="cls") if cls in classes]
    H = _induced_subgraph(G, keep, share_attributes=share_attributes)
    if not fold:
        return H
    places = load_vocabulary().place_classes if place_classes is None else frozenset(place_classes)
    order = {node: i for i, node in enumerate(G)}
    kept = set(keep)
    # One undirected view for all nodes: making it costs milliseconds, too much once per node.
    neighbours = G.to_undirected(as_view=True) if G.is_directed() else G
    for middle, cls in G.nodes(data="cls"):
        if middle in kept or cls in places:
            continue
        ends = sorted((n for n in set(neighbours[middle]) if n in kept), key=order.__getitem__)
        for i, a in enumerate(ends):
            for b in ends[i + 1:]:
                H.add_edge(a, b, predicate="via", via=middle)
    return H


def flow_view(G: nx.Graph, *, weight: str = "weight", share_attributes: bool = False) -> nx.DiGraph:
    """A simple directed graph whose arcs follow the flow along each tie.

    The projection orients every edge in its declared direction of flow (``flow`` attribute:
    ``"FromSubject"`` or ``"FromObject"`` once oriented, or ``"Mutual"``); a mutual tie, or one
    whose flow is not known, becomes two arcs. Arc ``weight`` counts the relations behind it.

    Examples
    --------
    >>> import networkx as nx
    >>> G = nx.MultiDiGraph()
    >>> _ = G.add_edge("lab", "drug", flow="FromObject"), G.add_edge("founder", "firm", flow="Mutual")
    >>> sorted(flow_view(G).edges)
    [('firm', 'founder'), ('founder', 'firm'), ('lab', 'drug')]
    """
    D = nx.DiGraph()
    D.graph.update(G.graph)
    _add_nodes(D, G, G, share_attributes)
    edges = G.edges(data="flow") if not G.is_multigraph() else G.edges(keys=False, data="flow")
    for u, v, flow in edges:
        if u == v:
            continue
        arcs = [(u, v)] if flow in ("FromSubject", "FromObject") and G.is_directed() else [(u, v), (v, u)]
        for a, b in arcs:
            if D.has_edge(a, b):
                D[a][b][weight] += 1
            else:
                D.add_edge(a, b, **{weight: 1})
    return D


def directed_actor_view(G: nx.Graph, *, actor_classes: Collection[str] | None = None,
                        share_attributes: bool = False) -> nx.DiGraph:
    """The actors' network along the flow: a simple directed graph in which folding keeps direction.

    Built on :func:`flow_view` (arcs in each tie's declared direction of flow, mutual ties both
    ways). The actors are kept as in :func:`actor_view`; a dropped node ``m`` (a product, a
    person) becomes an arc ``a -> b`` for every arc ``a -> m`` and ``m -> b`` with ``a != b``: a
    research team whose work a drug rests on, and the regulator that decides on the drug, are tied
    team -> regulator. This is the view on which directed Gould-Fernandez roles
    (representative apart from gatekeeper) mean something.

    Examples
    --------
    >>> import networkx as nx
    >>> G = nx.MultiDiGraph()
    >>> G.add_node("lab", sector="AcademiaResearch")
    >>> G.add_node("drug", sector=None)
    >>> G.add_node("nmpa", sector="Government")
    >>> _ = G.add_edge("lab", "drug", flow="FromObject"), G.add_edge("drug", "nmpa", flow="FromSubject")
    >>> sorted(directed_actor_view(G).edges)
    [('lab', 'nmpa')]
    """
    D = flow_view(G, share_attributes=True)  # made for this view and dropped with it
    if actor_classes is None:
        keep = [node for node, sector in D.nodes(data="sector") if sector is not None]
    else:
        classes = set(actor_classes)
        keep = [node for node, cls in D.nodes(data="cls") if cls in classes]
    kept = set(keep)
    H = nx.DiGraph()
    H.graph.update(D.graph)
    _add_nodes(H, D, keep, share_attributes)
    H.add_edges_from((u, v) for u, v in D.edges if u in kept and v in kept)
    for middle in D:
        if middle in kept:
            continue
        sources = [a for a in D.predecessors(middle) if a in kept]
        targets = [b for b in D.successors(middle) if b in kept]
        H.add_edges_from((a, b) for a in sources for b in targets if a != b)
    return H


def without_places(G: nx.Graph, *, place_classes: Collection[str] | None = None) -> nx.Graph:
    """The network without its places, each remaining node keeping the places it was tied to.

    A park, district or country is where actors are, not an actor: ranking it by betweenness would
    measure how often sources mention locations. The places a node was tied to (by co-location or
    any other tie) are kept in its ``places`` attribute, a sorted list.

    Parameters
    ----------
    G : networkx graph
        Nodes carry ``cls`` (and, from the projection, ``kind``).
    place_classes : collection of str, optional
        Classes that are places; by default ``eco:Place`` and its subclasses, read from the ontology.
        A node whose ``kind`` is ``"place"`` is a place whatever its class.

    Examples
    --------
    >>> import networkx as nx
    >>> G = nx.MultiDiGraph()
    >>> G.add_node("park", cls="SciencePark")
    >>> G.add_node("firm", cls="Company")
    >>> G.add_node("lab", cls="Laboratory")
    >>> _ = G.add_edge("firm", "park"), G.add_edge("lab", "park"), G.add_edge("firm", "lab")
    >>> H = without_places(G)
    >>> sorted(H), H.nodes["firm"]["places"], H.number_of_edges()
    (['firm', 'lab'], ['park'], 1)
    """
    places = load_vocabulary().place_classes if place_classes is None else frozenset(place_classes)
    dropped = {node for node, data in G.nodes(data=True) if data.get("kind") == "place" or data.get("cls") in places}
    H = _induced_subgraph(G, (node for node in G if node not in dropped))
    for node in H:
        tied = {other for other in nx.all_neighbors(G, node) if other in dropped} if G.is_directed() else \
            {other for other in G[node] if other in dropped}
        H.nodes[node]["places"] = sorted(tied)
    return H


def _induced_subgraph(G: nx.Graph, nodes: Iterable, *, share_attributes: bool = False) -> nx.Graph:
    """Copy the subgraph of `G` induced by `nodes`, keeping the node and edge order of `G`.

    Unlike ``G.subgraph(nodes).copy()``, whose order follows a ``set`` (and so can change from
    one Python process to the next), the result is the same for the same input, which keeps
    seeded algorithms and floating-point sums reproducible.

    Examples
    --------
    >>> import networkx as nx
    >>> G = nx.path_graph(["d", "c", "b", "a"])
    >>> H = _induced_subgraph(G, {"a", "b", "d"})
    >>> list(H), list(H.edges)
    (['d', 'b', 'a'], [('b', 'a')])
    """
    kept = set(nodes)
    H = G.__class__()
    H.graph.update(G.graph)
    _add_nodes(H, G, (node for node in G if node in kept), share_attributes)
    edges = G.edges(keys=True, data=True) if G.is_multigraph() else G.edges(data=True)
    H.add_edges_from(edge for edge in edges if edge[0] in kept and edge[1] in kept)
    return H
